"""The Council's meetings, 1946 to June 2022, from the Dag Hammarskjöld Library's yearly
meeting tables (``unsc.data.dhl_meetings``; see its SOURCE.yaml).

One CSV row is one agenda row of a meeting; a meeting's rows become its agenda items, in
the library's order. Every row parses or the file is refused with the first bad row named.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources
from typing import IO

from unsc.core.citations import SymbolKind, UNSymbol
from unsc.importers.textfiles import RowError, decode

DATA_PACKAGE = "unsc.data.dhl_meetings"
MEETINGS_FILE = "meetings_1946-01_2022-06.csv"
COLUMNS = (
    "year",
    "meeting_symbol",
    "meeting_record_raw",
    "format",
    "date",
    "date_text",
    "press_release",
    "topic",
    "outcome",
    "outcome_documents",
)
FORMATS = {"public": "public", "private/closed": "private", "vtc-open-no-spv": "vtc-open-no-spv"}
"""The file's format values and the record's: public, private, or an open video-conference
of 2020-21 that has no S/PV record (the library's COVID-19 table)."""
NO_SPV = "no-spv"
"""The key of a meeting without an S/PV number: ``no-spv-<date>-<n>``, n counting such
meetings on that day in the library's order. Never an invented S/PV number."""

_SPV = re.compile(r"S/PV\.\d+")
_RESUMED = re.compile(r"\(Resumption\s*(\d*)\)", re.IGNORECASE)
_CLOSED = re.compile(r"\bclosed\b", re.IGNORECASE)
_OUTCOMES = (SymbolKind.RESOLUTION, SymbolKind.PRESIDENTIAL_STATEMENT, SymbolKind.DOCUMENT)


@dataclass(frozen=True, slots=True)
class AgendaRow:
    """One agenda row of a meeting as the library's table gives it."""

    line: int
    record: str
    """The record cell as printed, e.g. "S/PV.77 (closed)" or "S/PV.3336 (Resumption 1)"."""
    date: dt.date
    date_text: str
    press_release: str
    text: str
    outcome: str
    outcome_documents: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MeetingRow:
    """A meeting: its S/PV symbol (or its own key when it has none) and its agenda rows."""

    key: str
    symbol: str | None
    format: str
    date: dt.date
    """The first day of its first agenda row (a resumed meeting can run over several days;
    a range such as "14-15 October" counts from its first day)."""
    date_text: str
    line: int
    items: tuple[AgendaRow, ...]

    @property
    def outcome_documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(d for item in self.items for d in item.outcome_documents))


def _documents(value: str, filename: str, line: int) -> tuple[str, ...]:
    """The outcome's document symbols, normalised ("S/RES/384(1975)" is S/RES/384 (1975))."""
    symbols: list[str] = []
    for text in (s.strip() for s in value.split(";")):
        if not text:
            continue
        try:
            symbol = UNSymbol.parse(text)
        except ValueError:
            symbol = None
        if symbol is None or symbol.kind not in _OUTCOMES or not symbol.text.startswith("S/"):
            raise RowError(
                filename,
                line,
                "outcome_documents",
                f"not a document symbol: {text!r} (expected e.g. 'S/RES/2397 (2017)', "
                "'S/PRST/2017/27' or 'S/2022/431', separated by ';')",
            )
        symbols.append(symbol.text)
    return tuple(symbols)


def _resumption(record: str) -> int:
    match = _RESUMED.search(record)
    return 0 if match is None else int(match.group(1) or 1)


def _unmangled(text: str) -> str:
    """Text that was UTF-8 read as Latin-1 upstream, read back ("Peopleâ\x80\x99s" in the
    2022 table becomes "People’s"); any other text as it is."""
    if "\u00e2\u0080" not in text:
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text


def parse(handle: IO[str], filename: str = MEETINGS_FILE) -> list[MeetingRow]:
    """Every meeting in the file, in the file's order (newest first within each year)."""
    reader = csv.DictReader(handle)
    if not reader.fieldnames:
        raise RowError(filename, 1, "header", "the file is empty")
    for name in COLUMNS:
        if name not in reader.fieldnames:
            raise RowError(filename, 1, name, "column missing from the header")
    grouped: dict[str, tuple[str | None, str, int, list[AgendaRow]]] = {}
    no_spv: dict[dt.date, int] = {}
    for line, raw in enumerate(reader, start=2):
        cells = {k: _unmangled((raw.get(k) or "").strip()) for k in COLUMNS}
        try:
            day = dt.date.fromisoformat(cells["date"])
        except ValueError:
            raise RowError(
                filename, line, "date", f"expected YYYY-MM-DD, got {cells['date']!r}"
            ) from None
        if cells["year"] != str(day.year):
            raise RowError(
                filename,
                line,
                "year",
                f"the date {day.isoformat()} is not in the table's year {cells['year']!r}",
            )
        fmt = FORMATS.get(cells["format"])
        if fmt is None:
            raise RowError(
                filename,
                line,
                "format",
                f"unknown format {cells['format']!r}; expected one of {', '.join(FORMATS)}",
            )
        if _CLOSED.search(cells["meeting_record_raw"]):
            # "S/PV.11 closed" (no brackets) is marked public in the file; the record says
            # closed, and the library marks a private meeting "(closed)".
            fmt = "private"
        if fmt == "vtc-open-no-spv" and "[closed]" in cells["topic"]:
            # The 2020 table marks one item "[closed]" (Non-proliferation/DPRK, 30 March
            # 2020, S/RES/2515 by written procedure): the library says closed, not open.
            fmt = "private"
        if not cells["topic"]:
            raise RowError(filename, line, "topic", "empty agenda item")
        symbol: str | None = cells["meeting_symbol"] or None
        if symbol is None:
            if fmt == "public":
                raise RowError(
                    filename,
                    line,
                    "meeting_symbol",
                    "empty for a public meeting; only the 2020-21 video-conferences "
                    "(format vtc-open-no-spv) and private meetings may lack an S/PV number",
                )
            no_spv[day] = no_spv.get(day, 0) + 1
            key = f"{NO_SPV}-{day.isoformat()}-{no_spv[day]}"
        elif not _SPV.fullmatch(symbol):
            raise RowError(
                filename, line, "meeting_symbol", f"expected S/PV.<number>, got {symbol!r}"
            )
        else:
            key = symbol
        item = AgendaRow(
            line,
            cells["meeting_record_raw"],
            day,
            cells["date_text"],
            cells["press_release"],
            cells["topic"],
            cells["outcome"],
            _documents(cells["outcome_documents"], filename, line),
        )
        if key in grouped:
            first = grouped[key]
            first[3].append(item)
            if fmt == "private" and first[1] != "private":
                # A meeting with a private agenda row (S/PV.5526) is counted private.
                grouped[key] = (first[0], "private", first[2], first[3])
        else:
            grouped[key] = (symbol, fmt, line, [item])
    meetings: list[MeetingRow] = []
    for key, (symbol, fmt, line, items) in grouped.items():
        # Resumed meetings are listed newest first: their rows go by date and resumption
        # ("S/PV.3336 (Resumption 2)"); other rows of one day keep the table's order.
        ordered = tuple(sorted(items, key=lambda i: (i.date, _resumption(i.record))))
        opening = ordered[0]
        meetings.append(
            MeetingRow(key, symbol, fmt, opening.date, opening.date_text, line, ordered)
        )
    return meetings


def bundled() -> list[MeetingRow]:
    data = resources.files(DATA_PACKAGE).joinpath(MEETINGS_FILE).read_bytes()
    return parse(decode(data, MEETINGS_FILE))
