"""Sanctions regimes as measures that resolutions add, amend, renew and end.

A regime is a list of dated changes, each made by one paragraph of one resolution. What
is in force on a day is a fold of the changes effective by then; two days, or a day with
and without a draft that was never adopted, compare as two folds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from unsc.core.citations import Citation
from unsc.core.errors import UnscError


class RegimeError(UnscError):
    """A regime's data or a question about it that cannot be answered as asked."""


class MeasureKind(StrEnum):
    ARMS_EMBARGO = "arms_embargo"
    WMD_MISSILE_ITEMS = "wmd_missile_items"
    LUXURY_GOODS = "luxury_goods"
    ASSET_FREEZE = "asset_freeze"
    TRAVEL_BAN = "travel_ban"
    EXPORT_BAN = "export_ban"
    """Goods the target state may not export (others may not buy them)."""
    IMPORT_BAN = "import_ban"
    """Goods that may not be supplied to the target state."""
    CAP = "cap"
    INSPECTION = "inspection"
    FINANCIAL = "financial"
    WORKERS = "workers"
    COMMITTEE = "committee"
    PANEL_OF_EXPERTS = "panel_of_experts"
    MONITORING = "monitoring"
    DESIGNATIONS = "designations"
    TRIGGER = "trigger"
    """A commitment to act if a condition is met (2397 OP28)."""
    OTHER = "other"


class Action(StrEnum):
    ADD = "add"
    AMEND = "amend"
    RENEW = "renew"
    """Extends a measure with a term (a panel's mandate) to a new end date."""
    END = "end"


class PeriodKind(StrEnum):
    FIXED = "fixed"
    """One period, from ``start`` to ``end``."""
    CALENDAR_YEAR = "calendar_year"
    """Each calendar year from ``start`` (1 January to 31 December)."""
    TWELVE_MONTHS = "twelve_months"
    """Each twelve months counted from ``start`` (not a calendar year)."""


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    end: dt.date
    """The last day of the period (inclusive)."""

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def to_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True, slots=True)
class Limit:
    """A quantity in one unit (barrels, tonnes, US dollars)."""

    amount: float
    unit: str

    def to_dict(self) -> dict[str, Any]:
        return {"amount": self.amount, "unit": self.unit}


@dataclass(frozen=True, slots=True)
class Phase:
    """A cap's limit over a run of periods: one fixed period, calendar years, or twelve
    months counted from a date. ``limits`` holds alternatives ("4,000,000 barrels or
    525,000 tons"): whichever is reached first ends the period's supply."""

    kind: PeriodKind
    start: dt.date
    limits: tuple[Limit, ...]
    end: dt.date | None = None
    """The phase's last day: required for a fixed period; ``None`` runs on."""
    anchor: dt.date | None = None
    """Twelve-month periods are counted from here (default: ``start``)."""

    def period_on(self, day: dt.date) -> Period | None:
        if day < self.start or (self.end is not None and day > self.end):
            return None
        match self.kind:
            case PeriodKind.FIXED:
                assert self.end is not None
                return Period(self.start, self.end)
            case PeriodKind.CALENDAR_YEAR:
                return Period(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))
            case PeriodKind.TWELVE_MONTHS:
                anchor = self.anchor or self.start
                years = day.year - anchor.year
                start = _add_years(anchor, years)
                if start > day:
                    start = _add_years(anchor, years - 1)
                return Period(start, _add_years(start, 1) - dt.timedelta(days=1))
        raise RegimeError(f"unknown period kind {self.kind}")


@dataclass(frozen=True, slots=True)
class Change:
    """One paragraph's effect on one measure."""

    measure: str
    """The measure's stable id (e.g. ``refined-petroleum-cap``)."""
    kind: MeasureKind
    action: Action
    resolution: str
    """``S/RES/2397 (2017)``, or a draft's symbol (``S/2022/431``)."""
    paragraph: str
    """The operative paragraph as the resolution numbers it (``5``, ``8(a)(iii)``)."""
    adopted: dt.date
    effective: dt.date
    title: str
    description: str
    until: dt.date | None = None
    """A term written in the text (a mandate's end): the measure lapses after it."""
    phases: tuple[Phase, ...] = ()
    """For a cap: the limits from this change on (earlier phases of the cap remain)."""
    citations: tuple[Citation, ...] = ()
    sources: tuple[str, ...] = ()
    """Where the change and its paragraph were read."""
    note: str = ""
    text: str = ""
    """The cited paragraph's words in the official text (its subparagraphs where cited), or
    ``""`` where no paragraph is cited."""

    @property
    def where(self) -> str:
        return f"{self.resolution}, OP{self.paragraph}" if self.paragraph else self.resolution


@dataclass(frozen=True, slots=True)
class Measure:
    """A measure as in force on a day, with every change that made it so."""

    id: str
    kind: MeasureKind
    title: str
    description: str
    since: dt.date
    until: dt.date | None
    phases: tuple[Phase, ...]
    changes: tuple[Change, ...]

    @property
    def citations(self) -> tuple[Citation, ...]:
        seen: dict[Citation, None] = {}
        for change in self.changes:
            for citation in change.citations:
                seen.setdefault(citation, None)
        return tuple(seen)

    def quoted_citations(self) -> list[dict[str, str]]:
        """Each citation once, with its paragraph's words in the official text (``text``)."""
        seen: dict[Citation, dict[str, str]] = {}
        for change in self.changes:
            for citation in change.citations:
                view = seen.setdefault(citation, citation.to_dict())
                if change.text:
                    view.setdefault("text", change.text)
        return list(seen.values())

    def phase_on(self, day: dt.date) -> Phase | None:
        for phase in reversed(self.phases):
            if phase.period_on(day) is not None:
                return phase
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "title": self.title,
            "description": self.description,
            "since": self.since.isoformat(),
            "until": None if self.until is None else self.until.isoformat(),
            "paragraphs": [c.where for c in self.changes],
            "citations": self.quoted_citations(),
            "read_from": list(dict.fromkeys(s for c in self.changes for s in c.sources)),
        }


@dataclass(frozen=True, slots=True)
class Regime:
    id: str
    """The committee's number, e.g. ``1718``."""
    name: str
    list_type: str
    """``UN_LIST_TYPE`` of its entries in the Consolidated List (``DPRK``)."""
    changes: tuple[Change, ...]
    drafts: tuple[Change, ...] = field(default=())
    """Changes that drafts not adopted would have made, kept apart."""

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.changes, key=lambda c: (c.effective, c.adopted)))
        object.__setattr__(self, "changes", ordered)

    def draft(self, symbol: str) -> tuple[Change, ...]:
        found = tuple(c for c in self.drafts if c.resolution == symbol)
        if not found:
            known = sorted({c.resolution for c in self.drafts})
            raise RegimeError(
                f"no draft {symbol!r} in regime {self.id}; known: {', '.join(known) or 'none'}"
            )
        return found


def in_force(
    regime: Regime, day: dt.date, extra: Iterable[Change] = (), *, lapsed: bool = False
) -> tuple[Measure, ...]:
    """The measures in force on ``day``, in the order they were first imposed. ``extra``
    changes (a draft's) are folded in as if adopted; with ``lapsed``, measures whose end
    date has passed are kept too (not those a change ended)."""
    changes = sorted(
        (*regime.changes, *extra), key=lambda c: (c.effective, c.adopted, c.resolution)
    )
    measures: dict[str, Measure] = {}
    for change in changes:
        if change.effective > day:
            break
        current = measures.get(change.measure)
        if change.action is Action.END:
            if current is not None:
                del measures[change.measure]
            continue
        if current is None:
            if change.action is not Action.ADD:
                raise RegimeError(
                    f"{change.where} {change.action.value}s {change.measure!r}, which is not "
                    f"in force on {change.effective}"
                )
            measures[change.measure] = Measure(
                change.measure,
                change.kind,
                change.title,
                change.description,
                change.effective,
                change.until,
                change.phases,
                (change,),
            )
            continue
        phases = current.phases
        if change.phases:
            start = change.phases[0].start
            kept = tuple(
                replace(p, end=min(p.end or start, start - dt.timedelta(days=1)))
                for p in phases
                if p.start < start
            )
            phases = (*kept, *change.phases)
        until = current.until
        if change.action is Action.RENEW or change.until is not None:
            until = change.until  # a renewal without a known end runs on
        measures[change.measure] = replace(
            current,
            title=change.title or current.title,
            description=change.description or current.description,
            until=until,
            phases=phases,
            changes=(*current.changes, change),
        )
    return tuple(m for m in measures.values() if lapsed or m.until is None or m.until >= day)


@dataclass(frozen=True, slots=True)
class Difference:
    added: tuple[Measure, ...]
    removed: tuple[Measure, ...]
    changed: tuple[tuple[Measure, Measure], ...]
    """(before, after) for a measure in force on both sides with new changes."""


def ending(
    regime: Regime,
    measure_id: str,
    before: dt.date,
    after: dt.date,
    extra: Iterable[Change] = (),
) -> tuple[dt.date, tuple[str, ...]] | None:
    """When a measure in force on ``before`` had ended by ``after``, and the paragraphs that
    ended it: a change that ends it, or the end date its latest change gave it (it ended
    the day after)."""
    for change in sorted((*regime.changes, *extra), key=lambda c: (c.effective, c.adopted)):
        if (
            change.measure == measure_id
            and change.action is Action.END
            and before < change.effective <= after
        ):
            return change.effective, (change.where,)
    final = {m.id: m for m in in_force(regime, after, extra, lapsed=True)}.get(measure_id)
    if final is not None and final.until is not None and final.until < after:
        setting = [c.where for c in final.changes if c.until == final.until]
        return final.until + dt.timedelta(days=1), tuple(setting[-1:])
    return None


@dataclass(frozen=True, slots=True)
class Step:
    """One change to a measure, with the measure just before it and just after it."""

    change: Change
    before: Measure | None
    """None where the change added the measure."""
    after: Measure | None
    """None where the change ended it."""

    @property
    def day(self) -> dt.date:
        """The day to compare limits on: the first the change's own limits apply, or the
        day it took effect."""
        return self.change.phases[0].start if self.change.phases else self.change.effective


def history(
    regime: Regime,
    measure_id: str,
    since: dt.date,
    until: dt.date,
    extra: Iterable[Change] = (),
) -> tuple[Step, ...]:
    """The changes to one measure that took effect after ``since`` and on or before
    ``until``, each with the measure as it stood before and after it. ``extra`` changes (a
    draft's) count whenever they take effect by ``until``."""
    drafted = tuple(extra)
    ordered = sorted(
        (*regime.changes, *drafted), key=lambda c: (c.effective, c.adopted, c.resolution)
    )

    def state(upto: int) -> Measure | None:
        done = replace(regime, changes=tuple(ordered[:upto]), drafts=())
        day = ordered[upto - 1].effective if upto else since
        return {m.id: m for m in in_force(done, day, lapsed=True)}.get(measure_id)

    return tuple(
        Step(change, state(i), state(i + 1))
        for i, change in enumerate(ordered)
        if change.measure == measure_id
        and change.effective <= until
        and (since < change.effective or change in drafted)
    )


def passing(
    regime: Regime,
    since: dt.date,
    until: dt.date,
    extra: Iterable[Change] = (),
) -> tuple[tuple[Measure, dt.date, tuple[str, ...]], ...]:
    """The measures that came and went between two days: added after ``since`` and ended
    (by a change, or by their term running out) before ``until``, so in force on neither
    day. Each as it last stood, with the day it ended and the paragraph that ended it."""
    drafted = tuple(extra)
    on_either = {m.id for m in in_force(regime, since)} | {
        m.id for m in in_force(regime, until, drafted)
    }
    touched = dict.fromkeys(
        c.measure
        for c in sorted((*regime.changes, *drafted), key=lambda c: (c.effective, c.adopted))
        if since < c.effective <= until and c.measure not in on_either
    )
    found: list[tuple[Measure, dt.date, tuple[str, ...]]] = []
    for measure_id in touched:
        steps = history(regime, measure_id, since, until, drafted)
        last = next((s.after for s in reversed(steps) if s.after is not None), None)
        if last is None:
            continue  # ended, never added in between: nothing was in force
        end = next((s for s in reversed(steps) if s.after is None), None)
        if end is not None and end.change.effective > last.since:
            found.append((last, end.change.effective, (end.change.where,)))
        elif last.until is not None and last.until < until:
            setting = [c.where for c in last.changes if c.until == last.until]
            found.append((last, last.until + dt.timedelta(days=1), tuple(setting[-1:])))
    return tuple(found)


def difference(before: Sequence[Measure], after: Sequence[Measure]) -> Difference:
    old = {m.id: m for m in before}
    new = {m.id: m for m in after}
    return Difference(
        tuple(m for k, m in new.items() if k not in old),
        tuple(m for k, m in old.items() if k not in new),
        tuple((old[k], m) for k, m in new.items() if k in old and old[k] != m),
    )
