"""The published veto lists (Dag Hammarskjöld Library; World Politics Data Lab), read and
reconciled with the vetoes the engine finds in the vote record. Differences are reported,
never hidden."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import IO

from unsc.importers.textfiles import RowError, decode

DATA_PACKAGE = "unsc.data.vetolists"
DHL_FILE = "dhl_veto_list_1946_2022-05.csv"
WPDL_FILE = "wpdl_unsc_vetoes_1946_sept2022.csv"
CHINA_SEAT_CHANGE = dt.date(1971, 10, 25)
"""A/RES/2758 (XXVI): 'China' in a list before this day is the Republic of China."""

_MEMBERS = {
    "ussr": "SUN",
    "russian federation": "RUS",
    "russia": "RUS",
    "usa": "USA",
    "uk": "GBR",
    "france": "FRA",
}
_SYMBOL = re.compile(r"S/(?:PV\.\d+|\d{4}/\d+|\d+)")


@dataclass(frozen=True, slots=True)
class ListedVeto:
    """One row of a veto list."""

    source: str
    row: int
    start: dt.date
    end: dt.date
    draft: str
    meeting: str
    agenda_item: str
    topic: str | None
    members: tuple[str, ...]
    """State keys of the permanent members the list names."""

    @property
    def base_symbol(self) -> str:
        return base_symbol(self.draft)


def base_symbol(text: str) -> str:
    """The first document symbol in ``text``, without revision or remarks."""
    match = _SYMBOL.search(text)
    return match.group(0) if match else text.strip()


def member_key(name: str, day: dt.date, filename: str, line: int, field: str) -> str:
    norm = name.strip().lower()
    if norm == "china":
        return "TWN" if day < CHINA_SEAT_CHANGE else "CHN"
    key = _MEMBERS.get(norm)
    if key is None:
        raise RowError(filename, line, field, f"not a permanent member: {name!r}")
    return key


def _require(header: Sequence[str] | None, needed: Iterable[str], filename: str) -> None:
    if not header:
        raise RowError(filename, 1, "header", "the file is empty")
    for name in needed:
        if name not in header:
            raise RowError(filename, 1, name, "column missing from the header")


def _iso(value: str, filename: str, line: int, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RowError(filename, line, field, f"expected YYYY-MM-DD, got {value!r}") from None


def parse_dhl(handle: IO[str], filename: str = DHL_FILE) -> list[ListedVeto]:
    """The library's list: one row per vetoed draft (or meeting), newest first."""
    reader = csv.DictReader(handle)
    _require(
        reader.fieldnames,
        (
            "row",
            "date_start",
            "date_end",
            "draft",
            "meeting_record",
            "agenda_item",
            "negative_votes",
        ),
        filename,
    )
    rows: list[ListedVeto] = []
    seen: dict[int, int] = {}
    for line, raw in enumerate(reader, start=2):
        try:
            number = int(raw["row"])
        except (TypeError, ValueError):
            raise RowError(
                filename, line, "row", f"expected a number, got {raw['row']!r}"
            ) from None
        if number in seen:
            raise RowError(
                filename, line, "row", f"row {number} appears twice (first on line {seen[number]})"
            )
        seen[number] = line
        start = _iso(raw["date_start"], filename, line, "date_start")
        end = _iso(raw["date_end"], filename, line, "date_end")
        names = [n for n in (raw["negative_votes"] or "").split(";") if n.strip()]
        if not names:
            raise RowError(filename, line, "negative_votes", "no vetoing member")
        members = tuple(member_key(n, start, filename, line, "negative_votes") for n in names)
        rows.append(
            ListedVeto(
                "dhl",
                number,
                start,
                end,
                raw["draft"].strip(),
                raw["meeting_record"].strip(),
                raw["agenda_item"].strip(),
                None,
                members,
            )
        )
    return rows


def parse_wpdl(handle: IO[str], filename: str = WPDL_FILE) -> list[ListedVeto]:
    """The World Politics Data Lab's list, with a topic per draft (its member names, not its
    0/1 dummies, which its README says are wrong in 26 rows)."""
    reader = csv.DictReader(handle)
    _require(
        reader.fieldnames,
        ("date", "draft", "meeting_record", "agenda_item", "crisis_topic", "member_veto1"),
        filename,
    )
    rows: list[ListedVeto] = []
    for line, raw in enumerate(reader, start=2):
        try:
            day = dt.datetime.strptime(raw["date"].strip(), "%m/%d/%Y").date()
        except ValueError:
            raise RowError(
                filename, line, "date", f"expected M/D/YYYY, got {raw['date']!r}"
            ) from None
        names = [raw.get(f"member_veto{i}") or "" for i in (1, 2, 3)]
        members = tuple(
            member_key(n, day, filename, line, f"member_veto{i}")
            for i, n in enumerate(names, start=1)
            if n.strip()
        )
        if not members:
            raise RowError(filename, line, "member_veto1", "no vetoing member")
        rows.append(
            ListedVeto(
                "wpdl",
                line - 1,
                day,
                day,
                raw["draft"].strip(),
                raw["meeting_record"].strip(),
                raw["agenda_item"].strip(),
                raw["crisis_topic"].strip() or None,
                members,
            )
        )
    return rows


def bundled(name: str) -> IO[str]:
    data = resources.files(DATA_PACKAGE).joinpath(name).read_bytes()
    return decode(data, name)


@dataclass(frozen=True, slots=True)
class EngineVeto:
    """A vote the engine found vetoed, for reconciliation."""

    vote_id: int
    day: dt.date
    symbol: str
    members: frozenset[str]


@dataclass(frozen=True, slots=True)
class Reconciled:
    listed: ListedVeto
    vote_ids: tuple[int, ...]
    difference: str | None


def reconcile(
    listed: Sequence[ListedVeto], engine: Sequence[EngineVeto], names: Mapping[str, str]
) -> list[Reconciled]:
    """Match each listed veto to the record's vetoed votes by draft symbol: of that date
    first, else the one vetoed vote of that symbol on another date (said to be dated
    differently), else the one vetoed vote of that date; and say how they differ (date,
    members named, or no such vote in the record)."""
    by_day: dict[dt.date, list[EngineVeto]] = {}
    by_symbol: dict[str, list[EngineVeto]] = {}
    for veto in engine:
        by_day.setdefault(veto.day, []).append(veto)
        by_symbol.setdefault(base_symbol(veto.symbol), []).append(veto)
    out: list[Reconciled] = []
    for row in listed:
        candidates = [v for day in _days(row.start, row.end) for v in by_day.get(day, ())]
        same_draft = [v for v in candidates if base_symbol(v.symbol) == row.base_symbol]
        elsewhere = by_symbol.get(row.base_symbol, [])
        notes = []
        if same_draft:
            matched = same_draft
        elif len(elsewhere) == 1:
            matched = elsewhere
            notes.append(
                f"dated differently: the list gives {_span(row.start, row.end)}, the vote "
                f"record {elsewhere[0].day.isoformat()}"
            )
        elif len(candidates) == 1:
            matched = candidates
        else:
            seen = ", ".join(sorted({v.symbol for v in candidates})) or "none"
            where = "in the vote record"
            if elsewhere:
                days = ", ".join(sorted(v.day.isoformat() for v in elsewhere))
                where = f"that day in the vote record (vetoed on {days})"
            out.append(
                Reconciled(
                    row, (), f"no vetoed vote on {row.draft} {where} (vetoed that day: {seen})"
                )
            )
            continue
        record_members = frozenset().union(*(v.members for v in matched))
        if record_members != frozenset(row.members):
            notes.append(
                f"the list names {_named(row.members, names)}; the vote record's vetoing "
                f"members are {_named(record_members, names)}"
            )
        out.append(Reconciled(row, tuple(v.vote_id for v in matched), "; ".join(notes) or None))
    return out


def _span(start: dt.date, end: dt.date) -> str:
    return start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def _named(keys: Iterable[str], names: Mapping[str, str]) -> str:
    return ", ".join(sorted(names.get(k, k) for k in keys)) or "none"
