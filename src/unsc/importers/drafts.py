"""The 19 draft resolutions the Council did not adopt in 2023-2025, with their sponsors and
text, from the UN's own machine-readable documents: UN DGACM's Akoma Ntoso files
(``unsc.data.unxml_resolutions``, ``drafts_en.jsonl.gz``; see its SOURCE.yaml). The United
Nations is the source, as its terms ask.

One JSON line per draft: symbol, file, cover text (its date), preface (the sponsors: "United
States of America: draft resolution"), preamble and body, read as a resolution's are. Every
line parses or the import is refused with the first bad line named by file, line and field.

The sources' quirks, each handled here: the preface is read whole from the XML (the
derived file cut the long lists of S/2023/970 and S/2024/302 short); S/2023/970's prints an
empty name ("Morocco, , Namibia") and runs two together ("New Zealand Nicaragua"); names
holding "and" ("Trinidad and Tobago") are not split.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources
from typing import IO

from unsc.importers.resolutions import (
    DATA_PACKAGE,
    Paragraph,
    _date,
    _paragraphs,
    _records,
    _string,
    read_gzip,
)
from unsc.importers.textfiles import RowError

TEXT_FILE = "drafts_en.jsonl.gz"
SOURCE_ID = "unxml-drafts"

_SYMBOL = re.compile(r"S/\d{4}/\d+")
_COVER_DATE = re.compile(r"Distr\.:\s*General\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})")
_PREFACE = re.compile(r"(.+?):\s*draft resolution")
JOINED_NAMES = (
    "Antigua and Barbuda",
    "Bosnia and Herzegovina",
    "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines",
    "Sao Tome and Principe",
    "Trinidad and Tobago",
    "United Kingdom of Great Britain and Northern Ireland",
)
"""Member States whose names hold "and" (United Nations, Member States, un.org/en/about-us/
member-states): a list of sponsors is not split inside them."""


MISSING_COMMAS = {"New Zealand Nicaragua": ("New Zealand", "Nicaragua")}
"""Sponsors the preface runs together: S/2023/970 prints "New Zealand Nicaragua"."""


@dataclass(frozen=True, slots=True)
class DraftRow:
    symbol: str
    date: dt.date
    """The date on its cover (Distr.: General)."""
    sponsors: tuple[str, ...]
    file: str
    line: int
    source_ref: str
    paragraphs: tuple[Paragraph, ...]


def sponsors(preface: str) -> tuple[str, ...]:
    """ "Brazil and Switzerland: draft resolution" -> ("Brazil", "Switzerland")."""
    match = _PREFACE.fullmatch(" ".join(preface.split()))
    if match is None:
        return ()
    text = match.group(1)
    for i, name in enumerate(JOINED_NAMES):
        text = text.replace(name, f"\x00{i}\x00")
    head, _, last = text.rpartition(" and ")
    names = [*head.split(", "), last] if head else [last]
    out: list[str] = []
    for name in names:
        for i, joined in enumerate(JOINED_NAMES):
            name = name.replace(f"\x00{i}\x00", joined)
        out.extend(MISSING_COMMAS.get(name.strip(), (name.strip(),)))
    return tuple(n for n in out if n)  # S/2023/970 prints "Morocco, , Namibia"


def parse(handle: IO[str], filename: str = TEXT_FILE) -> tuple[DraftRow, ...]:
    rows: dict[str, DraftRow] = {}
    for line, record in _records(handle, filename):
        symbol = _string(record, "symbol", filename, line)
        if not _SYMBOL.fullmatch(symbol):
            raise RowError(filename, line, "symbol", f"expected e.g. 'S/2024/255', got {symbol!r}")
        if symbol in rows:
            raise RowError(
                filename,
                line,
                "symbol",
                f"{symbol} appears again (first at line {rows[symbol].line}); keep one record",
            )
        kind = _string(record, "doc_type", filename, line)
        if kind != "draftResolution":
            raise RowError(filename, line, "doc_type", f"expected 'draftResolution', got {kind!r}")
        cover = _string(record, "cover_text", filename, line)
        found = _COVER_DATE.search(cover)
        if found is None or symbol not in cover:
            raise RowError(
                filename,
                line,
                "cover_text",
                f"expected the cover to name {symbol} and its date ('Distr.: General 28 March "
                "2024')",
            )
        preface = _string(record, "preface_text", filename, line)
        names = sponsors(preface)
        if not names:
            raise RowError(
                filename,
                line,
                "preface_text",
                f"expected 'Sponsor, Sponsor and Sponsor: draft resolution', got {preface[:60]!r}",
            )
        file = _string(record, "file", filename, line)
        rows[symbol] = DraftRow(
            symbol,
            _date(found.group(1), filename, line, "cover_text"),
            names,
            file,
            line,
            f"{filename}, line {line} ({file})",
            _paragraphs(record, filename, line),
        )
    return tuple(sorted(rows.values(), key=lambda r: (r.date, r.symbol)))


def bundled() -> tuple[DraftRow, ...]:
    data = resources.files(DATA_PACKAGE).joinpath(TEXT_FILE).read_bytes()
    return parse(read_gzip(data, TEXT_FILE))
