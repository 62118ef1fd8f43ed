"""Statements by the President of the Security Council (S/PRST) from 2000 to 2026, with
their text, from the UN's own machine-readable documents: UN DGACM's Akoma Ntoso files
(``unsc.data.unxml_resolutions``, ``prst_en.jsonl.gz``; see its SOURCE.yaml). The United
Nations is the source, as its terms ask.

One JSON line per file read: symbol, date, file, document type, cover text, the body's
paragraphs and, for a file that is not well-formed XML, a ``parse`` note. Every line parses
or the import is refused with the first bad line named by file, line and field.

The sources' quirks, each handled here:

- 119 files of 2000-2009 are not well-formed XML; they were read leniently (tags stripped)
  and their text is one paragraph: the statement is kept, with its parse note;
- ``S_PRST_2020_11.xml`` is also filed under ``2020/English`` and typed "resolution": it is
  a statement, and the two copies, which must agree, are one row;
- the French copy of S/PRST/2000/25 (its cover reads "Nations Unies") stands beside the
  English one: a copy whose cover is not in English is set aside, with a note;
- S/PRST/2000/27/Corr.1 gives no symbol, and S/PRST/2007/22 gives "S/RES/1626 (2005)" and no
  date ("0001-01-01"): the file name gives the symbol, the cover ("Distr.: General 25 June
  2007") the date, each with a note;
- S/PRST/2005/10 is dated 17 February 2006: a date outside the symbol's year gives way to
  the day the opening words give ("held on 2 March 2005"), with a note;
- a corrigendum ("S/PRST/2000/27/Corr.1") names the statement it corrects.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import IO, Any

from unsc.importers.resolutions import (
    DATA_PACKAGE,
    NO_DATE,
    _date,
    _records,
    _string,
    read_gzip,
)
from unsc.importers.textfiles import RowError

TEXT_FILE = "prst_en.jsonl.gz"
SOURCE_ID = "unxml-prst"

_SYMBOL = re.compile(r"S/PRST/(\d{4})/(\d+)(?:/Corr\.(\d+))?")
_FILE = re.compile(r"S_PRST_(\d{4})_(\d+)(?:_Corr\.(\d+))?(?=[-_.])")
_COVER_DATE = re.compile(r"Distr\.:\s*General\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})")
_HEADING = "Statement by the President of the Security Council"
_HELD = re.compile(r"\b(?:held on|On) (\d{1,2} [A-Z][a-z]+ \d{4})")
_MEETING = re.compile(r"\bAt (?:the|its) (\d+)(?:st|nd|rd|th) meeting")
_AGENDA = re.compile(r"(?:items?|topic) entitled\s*[“\"«]\s*(.+?)\s*[”\"»]")
_KINDS = {
    "alinea": "opening",
    "paragraph": "paragraph",
    "p": "paragraph",
    "container": "paragraph",
    "heading": "heading",
    "text": "text",
}
"""The body's kinds and what each is here: the opening words ("At the 8034th meeting ...,
the President ... made the following statement"), a paragraph of the statement, a heading,
or the whole text of a file read leniently."""
_TYPES = ("presidentialStatement", "resolution")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of a statement, in the document's order; statements are not numbered,
    but a few lettered lists are ("(a)")."""

    kind: str
    number: str | None
    section: str
    text: str


@dataclass(frozen=True, slots=True)
class StatementRow:
    symbol: str
    """S/PRST/yyyy/n, or S/PRST/yyyy/n/Corr.k for a corrigendum."""
    year: int
    number: int
    corrigendum_of: str | None
    date: dt.date
    agenda_item: str | None
    """The item the opening words name ("Non-proliferation/ Democratic People's Republic of
    Korea"), where they name one."""
    meeting: str | None
    """S/PV.n where the opening words say "At the 8034th meeting"."""
    parse_note: str | None
    file: str
    """The upstream file."""
    source_ref: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class Parsed:
    statements: tuple[StatementRow, ...]
    notes: tuple[str, ...]


def _paragraphs(record: Mapping[str, Any], filename: str, line: int) -> tuple[Paragraph, ...]:
    body = record.get("body")
    if not isinstance(body, list) or not all(isinstance(b, dict) for b in body):
        raise RowError(filename, line, "body", "expected a list of paragraph objects")
    out: list[Paragraph] = []
    for i, item in enumerate(body, start=1):
        kind = item.get("kind")
        text, num, section = (item.get(k, "") for k in ("text", "num", "section"))
        if not isinstance(text, str) or not isinstance(num, str) or not isinstance(section, str):
            raise RowError(filename, line, f"body[{i}]", "expected text, num and section as text")
        if kind not in _KINDS:
            raise RowError(
                filename,
                line,
                f"body[{i}]",
                f"expected a kind among {', '.join(_KINDS)}, got {kind!r}",
            )
        text = " ".join(text.split())
        if kind in ("text", "p") and text.startswith(_HEADING):
            text = text[len(_HEADING) :].strip()  # the title line, not a paragraph
        if text:
            out.append(Paragraph(_KINDS[kind], num.strip() or None, section.strip(), text))
    return tuple(out)


def _plain(paragraphs: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
    """The paragraphs with non-breaking hyphens and spaces made plain: the two copies of
    S/PRST/2020/11 differ in nothing else ("non\u2011United Nations forces")."""
    return tuple(
        Paragraph(p.kind, p.number, p.section, p.text.replace("\u2011", "-").replace("\xa0", " "))
        for p in paragraphs
    )


def _settle_date(
    symbol: str, date: dt.date, opening: str, filename: str, line: int, notes: list[str]
) -> dt.date:
    """A date outside the symbol's year gives way to the day the opening words give, if that
    is in the year (S/PRST/2005/10: the file says 17 February 2006; the meeting was "held
    on 2 March 2005")."""
    found = _HELD.search(opening)
    held = _date(found.group(1), filename, line, "body") if found else None
    if held is None or str(held.year) != symbol.split("/")[2]:
        raise RowError(
            filename,
            line,
            "adoption_date",
            f"{symbol} dated {date.isoformat()}, outside its year, and its opening words give "
            "no date in it; correct adoption_date",
        )
    notes.append(
        f"{symbol}: the file dates it {date.isoformat()}; its opening words' "
        f"{held.isoformat()} kept"
    )
    return held


def _from_file(file: str, filename: str, line: int) -> tuple[str, int, int, str | None]:
    match = _FILE.search(file.rsplit("/", 1)[-1])
    if match is None:
        raise RowError(
            filename, line, "file", f"expected a file name like 'S_PRST_2017_16.xml', got {file!r}"
        )
    year, number, corr = match.groups()
    base = f"S/PRST/{year}/{int(number)}"
    symbol = f"{base}/Corr.{corr}" if corr else base
    return symbol, int(year), int(number), base if corr else None


def parse(handle: IO[str], filename: str = TEXT_FILE) -> Parsed:
    """One row per statement, in the file's order; the notes say what was settled."""
    notes: list[str] = []
    rows: dict[str, StatementRow] = {}
    for line, record in _records(handle, filename):
        file = _string(record, "file", filename, line)
        symbol, year, number, base = _from_file(file, filename, line)
        given = _string(record, "symbol", filename, line)
        if _SYMBOL.fullmatch(given):
            if given != symbol:
                raise RowError(
                    filename,
                    line,
                    "symbol",
                    f"{given!r} here but the file name {file!r} gives {symbol!r}; correct one",
                )
        else:
            notes.append(f"{symbol}: the file gives the symbol {given!r}; its name's is kept")
        kind = _string(record, "doc_type", filename, line)
        if kind not in _TYPES:
            raise RowError(
                filename, line, "doc_type", f"expected 'presidentialStatement', got {kind!r}"
            )
        if kind == "resolution":
            notes.append(f"{symbol}: {file} is filed and typed as a resolution; it is a statement")
        cover = _string(record, "cover_text", filename, line)
        if not cover.startswith("United Nations"):
            notes.append(f"{symbol}: {file} is not the English text ({cover[:30]!r}); set aside")
            continue
        date = _date(
            _string(record, "adoption_date", filename, line), filename, line, "adoption_date"
        )
        if date == NO_DATE:
            found = _COVER_DATE.search(cover)
            if found is None:
                raise RowError(
                    filename,
                    line,
                    "adoption_date",
                    f"{symbol} has no date ('0001-01-01') and none on its cover; "
                    "give adoption_date, e.g. '2017-08-29'",
                )
            date = _date(found.group(1), filename, line, "cover_text")
            notes.append(f"{symbol}: no date in the file; its cover's {date.isoformat()} kept")
        paragraphs = _paragraphs(record, filename, line)
        opening = " ".join(p.text for p in paragraphs[:1])
        if date.year != year:
            date = _settle_date(symbol, date, opening, filename, line, notes)
        agenda = _AGENDA.search(opening)
        meeting = _MEETING.search(opening)
        row = StatementRow(
            symbol,
            year,
            number,
            base,
            date,
            agenda.group(1) if agenda else None,
            f"S/PV.{meeting.group(1)}" if meeting else None,
            _string(record, "parse", filename, line) or None,
            file,
            f"{filename}, line {line} ({file})",
            paragraphs,
        )
        first = rows.get(symbol)
        if first is None:
            rows[symbol] = row
            continue
        if (first.date, _plain(first.paragraphs)) != (row.date, _plain(row.paragraphs)):
            raise RowError(
                filename,
                line,
                "body",
                f"{symbol} appears again (first from {first.file}) with a different text or "
                "date; keep one record",
            )
        if kind == "presidentialStatement":
            rows[symbol] = row  # the copy filed as a statement is the one kept
        notes.append(
            f"{symbol}: given twice ({first.file} and {file}); the same text, kept from "
            f"{rows[symbol].file}"
        )
    ordered = sorted(rows.values(), key=lambda r: (r.year, r.number, r.symbol))
    return Parsed(tuple(ordered), tuple(notes))


def bundled() -> Parsed:
    data = resources.files(DATA_PACKAGE).joinpath(TEXT_FILE).read_bytes()
    return parse(read_gzip(data, TEXT_FILE))
