"""The Council's dated law: who sat, how many votes were needed, who presided, on any day.

``Law`` holds every dated provision (seats, thresholds, permanent seats and their
succession, elected terms, state names). ``Law.on(day)`` takes an immutable snapshot,
``CouncilOn``, which the rules engine decides against.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from unsc.core.citations import Citation
from unsc.core.errors import (
    DateOutOfRangeError,
    IncompleteCouncilError,
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


@dataclass(frozen=True)
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
    unknown_seats: int = 0
    """Elected seats the bundled data does not fill: the day is after the last known
    election (``Law.known_until``). The presidency is then computed over the known
    members only."""

    @property
    def is_complete(self) -> bool:
        """Whether every seat is filled by a known member."""
        return self.unknown_seats == 0

    def require_complete(self) -> CouncilOn:
        """This Council, or ``IncompleteCouncilError`` if some seats are unknown."""
        if self.unknown_seats:
            raise IncompleteCouncilError(
                f"the Council of {self.day.isoformat()} has {self.unknown_seats} elected "
                f"seat{'s' if self.unknown_seats > 1 else ''} not in the bundled data (elected "
                f"after the last known election); a decision needs all {self.seats} members: "
                "give an earlier date (for a live session, a roster of your own)."
            )
        return self

    def on_day(self, day: dt.date) -> CouncilOn:
        """The same Council on another day of the same composition (shares its tables)."""
        twin = object.__new__(CouncilOn)
        twin.__dict__.update(self.__dict__)
        twin.__dict__["day"] = day
        return twin

    @cached_property
    def _by_key(self) -> Mapping[str, Member]:
        return {m.key: m for m in self.members}

    def member(self, key: str) -> Member | None:
        return self._by_key.get(key)

    def is_seated(self, key: str) -> bool:
        return key in self._by_key

    @cached_property
    def keys(self) -> frozenset[str]:
        """Keys of the seated members."""
        return frozenset(self._by_key)

    @cached_property
    def permanent(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.permanent)

    @cached_property
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
    _derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False)
    """Tables computed from the provisions, built on first use; a new Law starts empty."""

    def __post_init__(self) -> None:
        for term in self.terms:
            if term.key not in self.states:
                raise LawDataError(f"term for unknown state key {term.key!r}")
        for seat in self.permanent_seats:
            for entry in seat.holders:
                if entry.value not in self.states:
                    raise LawDataError(f"permanent seat held by unknown key {entry.value!r}")

    @property
    def permanent_keys(self) -> frozenset[str]:
        """Every state that has held a permanent seat."""
        return frozenset(e.value for seat in self.permanent_seats for e in seat.holders)

    def replace(self, **changes: object) -> Law:
        """A new ``Law`` with some provisions changed (for what-if rule sets)."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    # -- lookups -------------------------------------------------------------

    @property
    def names(self) -> NameIndex:
        return _memo(self, "names", _name_index)

    def state(self, key: str, day: dt.date) -> State:
        return self.states[key].on(day)

    def check_day(self, day: dt.date) -> None:
        if day < self.first_meeting:
            raise DateOutOfRangeError(
                f"{day.isoformat()} is before the Council's first meeting "
                f"({self.first_meeting.isoformat()}); give a later date."
            )

    def on(self, day: dt.date) -> CouncilOn:
        """The Council on ``day``: members, threshold, president.

        After ``known_until`` (the last day every seat is sourced) the snapshot holds what
        is known, the permanent members and the elected members whose terms continue, and
        counts the other seats in ``unknown_seats``.
        """
        self.check_day(day)
        if day > self.known_until:
            return _snapshot(self, day, later=True)
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
        council = self.on(day) if day >= self.first_meeting else None
        ordered = sorted(keys)
        if council is not None:
            ordered.sort(key=lambda k: not council.is_seated(k))
        return self.state(ordered[0], day)

    def presidencies(self) -> tuple[Presidency, ...]:
        """Every presidency from the first meeting to ``known_until`` (rule 18)."""
        return _memo(self, "presidencies", _presidencies)


# -- derived tables, built once per Law value ------------------------------------

T = TypeVar("T")


def _memo(law: Law, name: str, build: Callable[[Law], T]) -> T:
    if name not in law._derived:
        law._derived[name] = build(law)
    value: T = law._derived[name]
    return value


def _name_index(law: Law) -> NameIndex:
    return NameIndex((s, rec.key) for rec in law.states.values() for s in rec.spellings())


def _members_on(law: Law, day: dt.date) -> tuple[Member, ...]:
    members: list[Member] = []
    for seat in law.permanent_seats:
        entry: Entry[str] | None = seat.holders.entry_on(day)
        if entry is not None:
            state = law.state(entry.value, day)
            members.append(Member(state, True, entry.start, entry.end, entry.citation))
    for term in _terms_on(law, day):
        state = law.state(term.key, day)
        members.append(Member(state, False, term.start, term.end, term.citation))
    return tuple(members)


def _terms_on(law: Law, day: dt.date) -> list[Term]:
    by_year = _memo(law, "terms_by_year", _terms_by_year)
    return [t for t in by_year.get(day.year, ()) if t.start <= day <= t.end]


def _terms_by_year(law: Law) -> dict[int, tuple[Term, ...]]:
    by_year: dict[int, list[Term]] = {}
    for term in law.terms:
        for year in range(term.start.year, term.end.year + 1):
            by_year.setdefault(year, []).append(term)
    return {y: tuple(ts) for y, ts in by_year.items()}


def _boundaries(law: Law) -> tuple[dt.date, ...]:
    """Every day on which something in the snapshot may change."""
    days = {law.first_meeting}

    def span(start: dt.date, end: dt.date | None) -> None:
        days.add(start)
        if end is not None:
            days.add(end + dt.timedelta(days=1))

    for term in law.terms:
        span(term.start, term.end)
    for seat in law.permanent_seats:
        for holder in seat.holders:
            span(holder.start, holder.end)
    for dated in (law.seats, law.threshold, law.veto_initiative):
        for entry in dated:
            span(entry.start, entry.end)
    for record in law.states.values():
        for name in record.names:
            span(name.start, name.end)
    for presidency in law.presidencies():
        days.add(presidency.start)
    return tuple(sorted(d for d in days if law.first_meeting <= d <= law.known_until))


def _council_on(law: Law, day: dt.date) -> CouncilOn:
    """The snapshot for ``day``: shared with every day until the next boundary."""
    starts = _memo(law, "boundaries", _boundaries)
    snapshots: dict[dt.date, CouncilOn] = _memo(law, "snapshots", lambda _: {})
    start = starts[bisect.bisect_right(starts, day) - 1]
    snapshot = snapshots.get(start)
    if snapshot is None:
        snapshot = snapshots[start] = _snapshot(law, start)
        _ = snapshot.keys, snapshot.permanent, snapshot.elected  # computed once, then shared
    return snapshot if day == start else snapshot.on_day(day)


def _snapshot(law: Law, day: dt.date, *, later: bool = False) -> CouncilOn:
    """The Council on ``day``; ``later`` (after ``known_until``) counts the seats no known
    member fills instead of refusing them."""
    members = _members_on(law, day)
    seats = law.seats.entry_on(day)
    threshold = law.threshold.entry_on(day)
    if seats is None or threshold is None:
        raise DateOutOfRangeError(f"no composition rule in force on {day.isoformat()}")
    if len(members) != seats.value and not later:
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
        unknown_seats=seats.value - len(members),
    )


@dataclass(frozen=True, slots=True)
class Presidency:
    """One President's time in the chair."""

    start: dt.date
    end: dt.date
    key: str


def _presidencies(law: Law) -> tuple[Presidency, ...]:
    """Rule 18: the presidency passes each month to the next member in English alphabetical
    order, the cycle continuing across years; a cited override resets the cycle.

    Until ``law.offset_presidency_until`` the month ran from the day of the first meeting
    (the 17th) to the day before it next month, the last period stretching to that date
    (1946; S/RES/14 (1946)). Calendar months follow.
    """
    periods: list[Presidency] = []
    start = law.first_meeting
    previous: str | None = None
    while start <= law.known_until:
        period = _next_presidency(law, start, previous)
        periods.append(period)
        previous = period.key
        start = period.end + dt.timedelta(days=1)
    return tuple(periods)


def _next_presidency(law: Law, start: dt.date, previous: str | None) -> Presidency:
    """The presidency from ``start``, following ``previous`` in rule 18's order among the
    members known to sit on ``start``."""
    overrides = _memo(law, "presidency_overrides", _overrides)
    end = _period_end(law, start)
    if (start.year, start.month) in overrides:
        return Presidency(start, end, overrides[(start.year, start.month)])
    if previous is None:
        return Presidency(start, end, law.presidency_start)
    after = _rank(law, previous, start)
    ordered = sorted((_rank(law, key, start), key) for key in _keys_on(law, start))
    following = [key for rank, key in ordered if rank > after]
    return Presidency(start, end, (following or [key for _, key in ordered])[0])


def _keys_on(law: Law, day: dt.date) -> list[str]:
    """The keys of the members seated on ``day`` (as ``_members_on``, without building them)."""
    keys = []
    for seat in law.permanent_seats:
        entry: Entry[str] | None = seat.holders.entry_on(day)
        if entry is not None:
            keys.append(entry.value)
    keys.extend(term.key for term in _terms_on(law, day))
    return keys


_Ranks = tuple[tuple[dt.date, ...], tuple[str, ...]]
"""A state's name changes: the days they start, and the sort key of each name."""


def _rank(law: Law, key: str, day: dt.date) -> str:
    """Where ``key`` sorts in rule 18's order on ``day``: its UN name's sort key then."""
    ranks: dict[str, _Ranks] = _memo(law, "ranks", lambda _: {})
    known = ranks.get(key)
    if known is None:
        entries = list(law.states[key].names)
        known = ranks[key] = (
            tuple(e.start for e in entries),
            tuple(sort_key(e.value.un_name) for e in entries),
        )
    starts, names = known
    return names[max(bisect.bisect_right(starts, day) - 1, 0)]


def _overrides(law: Law) -> dict[tuple[int, int], str]:
    return {(o.year, o.month): o.key for o in law.presidency_overrides}


def _later_presidency(law: Law, day: dt.date) -> Presidency:
    """The presidency on a day after ``known_until``: rule 18 run on over the known members
    only (the unknown elected members would take their turns too)."""
    later: list[Presidency] = _memo(law, "later_presidencies", lambda _: [])
    if not later:
        last = law.presidencies()[-1]
        later.append(last)
    while later[-1].end < day:
        start = later[-1].end + dt.timedelta(days=1)
        later.append(_next_presidency(law, start, later[-1].key))
    starts = [p.start for p in later]
    return later[bisect.bisect_right(starts, day) - 1]


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


def presidency_on(law: Law, day: dt.date) -> Presidency | None:
    """The presidency in force on ``day``, or ``None`` before the first meeting; after
    ``known_until``, rule 18 over the known members only."""
    if day > law.known_until:
        return _later_presidency(law, day)
    periods = law.presidencies()
    starts = _memo(law, "presidency_starts", lambda _: tuple(p.start for p in periods))
    i = bisect.bisect_right(starts, day) - 1
    return periods[i] if i >= 0 and day <= periods[i].end else None
