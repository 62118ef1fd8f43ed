"""The Council's dated law: who sat, how many votes were needed, who presided, on any day.

``Law`` holds every dated provision (seats, thresholds, permanent seats and their
succession, elected terms, state names). ``Law.on(day)`` takes an immutable snapshot,
``CouncilOn``, which the rules engine decides against.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from unsc.core.citations import Citation
from unsc.core.errors import (
    DateOutOfRangeError,
    LawDataError,
    NotSeatedError,
    UnknownMemberError,
)
from unsc.core.names import NameIndex, sort_key
from unsc.core.timeline import Dated, Entry
from unsc.core.types import Member, State


@dataclass(frozen=True, slots=True)
class StateName:
    """What a state was called, and its code, from one date."""

    name: str
    un_name: str
    iso3: str


@dataclass(frozen=True, slots=True)
class StateRecord:
    """A state across time: its key, its dated names, and other spellings it goes by."""

    key: str
    names: Dated[StateName]
    aliases: tuple[str, ...] = ()

    def on(self, day: dt.date) -> State:
        """The state as named on ``day`` (its earliest name before its first entry)."""
        entry = self.names.entry_on(day)
        if entry is None:
            entries = list(self.names)
            entry = entries[0] if day < entries[0].start else entries[-1]
        n = entry.value
        return State(key=self.key, iso3=n.iso3, name=n.name, un_name=n.un_name)

    def spellings(self) -> Iterable[str]:
        for entry in self.names:
            yield entry.value.name
            yield entry.value.un_name
            yield entry.value.iso3
        yield self.key
        yield from self.aliases


@dataclass(frozen=True, slots=True)
class Term:
    """A seat held by an elected member from ``start`` to ``end`` (both inclusive)."""

    key: str
    start: dt.date
    end: dt.date
    citation: Citation
    note: str = ""


@dataclass(frozen=True, slots=True)
class PermanentSeat:
    """A permanent seat (Art. 23(1)) and the state holding it over time."""

    seat: str
    holders: Dated[str]


@dataclass(frozen=True, slots=True)
class PresidencyOverride:
    """A month whose presidency is fixed by the record rather than by the rotation."""

    year: int
    month: int
    key: str
    citation: Citation


@dataclass(frozen=True, slots=True)
class CouncilOn:
    """The Council on one day: an immutable snapshot the rules decide against."""

    day: dt.date
    members: tuple[Member, ...]
    seats: int
    threshold: int
    citations: tuple[Citation, ...]
    president: State | None
    veto_initiative: bool
    """Whether A/RES/76/262 (a General Assembly debate after a veto) applies."""
    _by_key: Mapping[str, Member] = field(repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {m.key: m for m in self.members})

    def member(self, key: str) -> Member | None:
        return self._by_key.get(key)

    def is_seated(self, key: str) -> bool:
        return key in self._by_key

    @property
    def permanent(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.permanent)

    @property
    def elected(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if not m.permanent)


@dataclass(frozen=True, eq=False)
class Law:
    """Every dated provision about the Council's composition and thresholds."""

    first_meeting: dt.date
    known_until: dt.date
    states: Mapping[str, StateRecord]
    permanent_seats: tuple[PermanentSeat, ...]
    terms: tuple[Term, ...]
    seats: Dated[int]
    threshold: Dated[int]
    veto_initiative: Dated[bool]
    presidency_start: str
    """Key of the first President (January 1946); the rotation runs on from there."""
    presidency_overrides: tuple[PresidencyOverride, ...] = ()
    offset_presidency_until: dt.date | None = None
    """Last day on which presidencies ran from the 17th of a month (1946)."""

    def __post_init__(self) -> None:
        for term in self.terms:
            if term.key not in self.states:
                raise LawDataError(f"term for unknown state key {term.key!r}")
        for seat in self.permanent_seats:
            for entry in seat.holders:
                if entry.value not in self.states:
                    raise LawDataError(f"permanent seat held by unknown key {entry.value!r}")

    def replace(self, **changes: object) -> Law:
        """A new ``Law`` with some provisions changed (for what-if rule sets)."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    # -- lookups -------------------------------------------------------------

    @property
    def names(self) -> NameIndex:
        return _name_index(self)

    def state(self, key: str, day: dt.date) -> State:
        return self.states[key].on(day)

    def check_day(self, day: dt.date) -> None:
        if day < self.first_meeting:
            raise DateOutOfRangeError(
                f"{day.isoformat()} is before the Council's first meeting "
                f"({self.first_meeting.isoformat()}); give a later date."
            )
        if day > self.known_until:
            raise DateOutOfRangeError(
                f"the Council's membership is known only until {self.known_until.isoformat()}; "
                f"{day.isoformat()} is later."
            )

    def on(self, day: dt.date) -> CouncilOn:
        """The Council on ``day``: members, threshold, president."""
        self.check_day(day)
        return _council_on(self, day)

    def resolve(self, name: str, council: CouncilOn) -> Member:
        """The seated member that ``name`` means on ``council.day``.

        ``name`` may be a common name, a UN name, an ISO code or a record column, in any
        case. Raises ``UnknownMemberError`` (with the closest spellings) or
        ``NotSeatedError`` (with the members that day).
        """
        keys = self.names.keys_for(name)
        if not keys:
            raise UnknownMemberError(name, self.names.suggest(name))
        for key in sorted(keys):
            member = council.member(key)
            if member is not None:
                return member
        shown = sorted(self.state(k, council.day).name for k in keys)
        raise NotSeatedError(
            " / ".join(shown), council.day.isoformat(), [m.name for m in council.members]
        )

    def resolve_state(self, name: str, day: dt.date) -> State:
        """Any state ``name`` means (members or not), as named on ``day``."""
        keys = self.names.keys_for(name)
        if not keys:
            raise UnknownMemberError(name, self.names.suggest(name))
        council = _council_on(self, day) if self.first_meeting <= day <= self.known_until else None
        ordered = sorted(keys)
        if council is not None:
            ordered.sort(key=lambda k: not council.is_seated(k))
        return self.state(ordered[0], day)

    def presidencies(self) -> tuple[Presidency, ...]:
        """Every presidency from the first meeting to ``known_until`` (rule 18)."""
        return _presidencies(self)


# -- derived tables, cached per Law value ---------------------------------------


@lru_cache(maxsize=8)
def _name_index(law: Law) -> NameIndex:
    return NameIndex((s, rec.key) for rec in law.states.values() for s in rec.spellings())


def _members_on(law: Law, day: dt.date) -> tuple[Member, ...]:
    members: list[Member] = []
    for seat in law.permanent_seats:
        entry: Entry[str] | None = seat.holders.entry_on(day)
        if entry is not None:
            members.append(Member(law.state(entry.value, day), True, entry.start, entry.end))
    for term in _terms_on(law, day):
        members.append(Member(law.state(term.key, day), False, term.start, term.end))
    return tuple(members)


def _terms_on(law: Law, day: dt.date) -> list[Term]:
    return [t for t in _terms_by_year(law).get(day.year, ()) if t.start <= day <= t.end]


@lru_cache(maxsize=8)
def _terms_by_year(law: Law) -> dict[int, tuple[Term, ...]]:
    by_year: dict[int, list[Term]] = {}
    for term in law.terms:
        for year in range(term.start.year, term.end.year + 1):
            by_year.setdefault(year, []).append(term)
    return {y: tuple(ts) for y, ts in by_year.items()}


@lru_cache(maxsize=4096)
def _council_on(law: Law, day: dt.date) -> CouncilOn:
    members = _members_on(law, day)
    seats = law.seats.entry_on(day)
    threshold = law.threshold.entry_on(day)
    if seats is None or threshold is None:
        raise DateOutOfRangeError(f"no composition rule in force on {day.isoformat()}")
    if len(members) != seats.value:
        raise LawDataError(
            f"{len(members)} members on {day.isoformat()} but {seats.value} seats: "
            "the terms table is inconsistent"
        )
    ordered = tuple(sorted(members, key=lambda m: (not m.permanent, sort_key(m.state.un_name))))
    citations = tuple(c for c in (seats.citation, threshold.citation) if c is not None)
    presidency = presidency_on(law, day)
    president = law.state(presidency.key, day) if presidency else None
    return CouncilOn(
        day=day,
        members=ordered,
        seats=seats.value,
        threshold=threshold.value,
        citations=citations,
        president=president,
        veto_initiative=bool(law.veto_initiative.value_on(day)),
    )


@dataclass(frozen=True, slots=True)
class Presidency:
    """One President's time in the chair."""

    start: dt.date
    end: dt.date
    key: str


@lru_cache(maxsize=8)
def _presidencies(law: Law) -> tuple[Presidency, ...]:
    """Rule 18: the presidency passes each month to the next member in English alphabetical
    order, the cycle continuing across years; a cited override resets the cycle.

    Until ``law.offset_presidency_until`` the month ran from the day of the first meeting
    (the 17th) to the day before it next month, the last period stretching to that date
    (1946; S/RES/14 (1946)). Calendar months follow.
    """
    overrides = {(o.year, o.month): o.key for o in law.presidency_overrides}
    periods: list[Presidency] = []
    start = law.first_meeting
    previous: str | None = None
    while start <= law.known_until:
        end = _period_end(law, start)
        members = _members_on(law, start)
        if (start.year, start.month) in overrides:
            current = overrides[(start.year, start.month)]
        elif previous is None:
            current = law.presidency_start
        else:
            after = sort_key(law.state(previous, start).un_name)
            ordered = sorted(members, key=lambda m: sort_key(m.state.un_name))
            following = [m for m in ordered if sort_key(m.state.un_name) > after]
            current = (following or ordered)[0].key
        periods.append(Presidency(start, end, current))
        previous = current
        start = end + dt.timedelta(days=1)
    return tuple(periods)


def _add_month(day: dt.date) -> dt.date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return dt.date(year, month, min(day.day, 28))


def _period_end(law: Law, start: dt.date) -> dt.date:
    limit = law.offset_presidency_until
    if limit is not None and start <= limit:
        end = _add_month(start) - dt.timedelta(days=1)
        next_end = _add_month(end + dt.timedelta(days=1)) - dt.timedelta(days=1)
        return limit if next_end > limit else end
    return _add_month(start.replace(day=1)) - dt.timedelta(days=1)


@lru_cache(maxsize=8)
def _presidency_starts(law: Law) -> tuple[dt.date, ...]:
    return tuple(p.start for p in _presidencies(law))


def presidency_on(law: Law, day: dt.date) -> Presidency | None:
    """The presidency in force on ``day``, or ``None`` outside the law's range."""
    periods = _presidencies(law)
    i = bisect.bisect_right(_presidency_starts(law), day) - 1
    return periods[i] if i >= 0 and day <= periods[i].end else None
