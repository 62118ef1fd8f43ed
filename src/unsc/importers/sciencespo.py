"""The Sciences Po vote record (CC BY 4.0): one row per vote, one column per state."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import IO, TextIO

from unsc.core.recorded import RecordedOutcome, RecordedVote
from unsc.core.types import Cast, Tally
from unsc.importers.textfiles import RowError
from unsc.law.loader import parse_yaml_cached

DATA_PACKAGE = "unsc.data.sciencespo"
DATA_FILE = "unsc_votes_1946_2025.csv"
METADATA_COLUMNS = 14

_CASTS = {"Y": Cast.YES, "N": Cast.NO, "A": Cast.ABSTAIN, "NV": Cast.ABSENT}
"""The record's codes. ``NV`` merges absence and non-participation; it is read as absent."""

_OUTCOMES = {
    "adopted": RecordedOutcome.ADOPTED,
    "vetoed": RecordedOutcome.VETOED,
    "lack of maj.": RecordedOutcome.LACK_OF_MAJORITY,
}

REQUIRED = (
    "Vote in the DB",
    "UN classification",
    "Vote outcome",
    "Resolution number",
    "Date",
    "Official full title",
    "Yes",
    "No",
    "Abstentions",
    "Non-Voting",
    "Total",
)


@dataclass(frozen=True, slots=True)
class ColumnPeriod:
    key: str
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class ColumnCorrection:
    """A column the record mislabels between two dates, and the state it really holds."""

    column: str
    start: dt.date
    end: dt.date
    key: str
    reason: str
    sources: tuple[str, ...]


class ColumnMap:
    """Record column -> state key on a given day, corrections applied first."""

    def __init__(
        self,
        columns: Mapping[str, Sequence[ColumnPeriod]],
        corrections: Iterable[ColumnCorrection] = (),
    ) -> None:
        self._columns = dict(columns)
        self._corrections: dict[str, list[ColumnCorrection]] = {}
        for c in corrections:
            if c.column not in self._columns:
                raise ValueError(f"correction for unknown record column {c.column!r}")
            self._corrections.setdefault(c.column, []).append(c)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self._columns)

    def key_for(self, column: str, day: dt.date) -> str | None:
        for correction in self._corrections.get(column, ()):
            if correction.start <= day <= correction.end:
                return correction.key
        for period in self._columns.get(column, ()):
            if period.covers(day):
                return period.key
        return None

    def keys(self) -> Iterable[tuple[str, str]]:
        """(column, key) for every state a column can mean: spellings for name lookup."""
        for column, periods in self._columns.items():
            for period in periods:
                yield column, period.key


def load_column_map(corrections: Iterable[ColumnCorrection] = ()) -> ColumnMap:
    """The bundled column map, with the given corrections."""
    text = (
        resources.files("unsc.importers")
        .joinpath("sciencespo_columns.yaml")
        .read_text(encoding="utf-8")
    )
    raw = parse_yaml_cached(text)["columns"]
    columns: dict[str, list[ColumnPeriod]] = {}
    for column, spec in raw.items():
        if isinstance(spec, str):
            columns[column] = [ColumnPeriod(spec)]
            continue
        periods: list[ColumnPeriod] = []
        start: dt.date | None = None
        for item in spec:
            until = item.get("until")
            periods.append(ColumnPeriod(item["key"], start, until))
            start = None if until is None else until + dt.timedelta(days=1)
        columns[column] = periods
    return ColumnMap(columns, corrections)


def open_bundled() -> IO[str]:
    """The bundled record, opened as text."""
    return resources.files(DATA_PACKAGE).joinpath(DATA_FILE).open("r", encoding="utf-8")


def parse(
    handle: IO[str] | TextIO, columns: ColumnMap, *, filename: str = DATA_FILE
) -> list[RecordedVote]:
    """Read every row; raise ``RowError`` naming file, line and field on the first bad one."""
    reader = csv.reader(handle)
    try:
        header = next(reader)
    except StopIteration:
        raise RowError(filename, 1, "header", "the file is empty") from None
    missing = [f for f in REQUIRED if f not in header]
    if missing:
        raise RowError(filename, 1, missing[0], "column missing from the header")
    index = {name: i for i, name in enumerate(header)}
    member_columns = header[METADATA_COLUMNS:]
    unknown = [c for c in member_columns if c not in columns.columns]
    if unknown:
        raise RowError(filename, 1, unknown[0], "member column not in the column map")
    votes: dict[int, RecordedVote] = {}
    for line, row in enumerate(reader, start=2):
        vote = _parse_row(row, line, index, member_columns, columns, filename)
        if vote.vote_id in votes:
            raise RowError(
                filename,
                line,
                "Vote in the DB",
                f"vote {vote.vote_id} appears twice "
                f"(first on line {votes[vote.vote_id].source_row})",
            )
        votes[vote.vote_id] = vote
    return sorted(votes.values(), key=lambda v: v.vote_id)


def _parse_row(
    row: list[str],
    line: int,
    index: Mapping[str, int],
    member_columns: Sequence[str],
    columns: ColumnMap,
    filename: str,
) -> RecordedVote:
    def field(name: str) -> str:
        i = index[name]
        if i >= len(row):
            raise RowError(filename, line, name, "the row is too short")
        return row[i].strip()

    def integer(name: str) -> int:
        value = field(name)
        try:
            return int(value)
        except ValueError:
            raise RowError(
                filename, line, name, f"expected a whole number, got {value!r}"
            ) from None

    vote_id = integer("Vote in the DB")
    try:
        day = dt.date.fromisoformat(field("Date"))
    except ValueError:
        raise RowError(
            filename, line, "Date", f"expected YYYY-MM-DD, got {field('Date')!r}"
        ) from None
    outcome = _OUTCOMES.get(field("Vote outcome"))
    if outcome is None:
        raise RowError(
            filename,
            line,
            "Vote outcome",
            f"expected one of {', '.join(_OUTCOMES)}, got {field('Vote outcome')!r}",
        )
    resolution_text = field("Resolution number")
    resolution = None if resolution_text in ("-", "") else integer("Resolution number")

    seated: list[str] = []
    casts: dict[str, Cast] = {}
    unknown = False
    for offset, column in enumerate(member_columns):
        value = (
            row[METADATA_COLUMNS + offset].strip() if METADATA_COLUMNS + offset < len(row) else ""
        )
        if not value:
            continue
        key = columns.key_for(column, day)
        if key is None:
            raise RowError(filename, line, column, f"no state for this column on {day}")
        if key in seated:
            raise RowError(filename, line, column, f"state {key} appears twice in the row")
        seated.append(key)
        if value == "?":
            unknown = True
            continue
        cast = _CASTS.get(value)
        if cast is None:
            raise RowError(filename, line, column, f"expected Y, N, A, NV or ?, got {value!r}")
        casts[key] = cast

    tally = _tally(field, filename, line)
    if unknown:
        casts = {}
    elif tally is not None and Tally.from_casts(tuple(casts.values())) != tally:
        raise RowError(filename, line, "Yes", "the tally columns disagree with the member columns")
    return RecordedVote(
        vote_id=vote_id,
        symbol=field("UN classification"),
        day=day,
        outcome=outcome,
        title=field("Official full title"),
        seated=tuple(seated),
        casts=casts,
        tally=tally,
        resolution=resolution,
        source_row=line,
    )


def _tally(field: Callable[[str], str], filename: str, line: int) -> Tally | None:
    """The record's own counts, or ``None`` where it has none (``?``)."""
    values = [field(name) for name in ("Yes", "No", "Abstentions", "Non-Voting")]
    if "?" in values:
        return None
    try:
        yes, no, abstain, non_voting = (int(v) for v in values)
    except ValueError:
        raise RowError(filename, line, "Yes", f"expected counts, got {values!r}") from None
    return Tally(yes=yes, no=no, abstain=abstain, absent=non_voting)
