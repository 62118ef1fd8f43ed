"""Triggers: a resolution's commitment to act when a condition is met, evaluated on events.

Resolution 2397 (2017), OP28: if the DPRK conducts a further nuclear test or launches a
ballistic missile system capable of reaching intercontinental ranges (or contributing to
one), the Council will act to restrict petroleum exports to the DPRK further. Each event
after adoption that meets the condition is listed with what the Council did on the DPRK
from that event until the next one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from unsc.core.measures import Measure

ICBM_CLASS = frozenset({"ICBM"})
"""Missile types counted as systems of intercontinental range. Space launch vehicles,
which may "contribute to" such systems, are not counted: that is a judgement the record
does not make."""
COUNCIL_ACTIONS = frozenset(
    {"resolution", "vetoed_draft", "presidential_statement", "press_statement"}
)
"""What the Council itself did (a vetoed draft is a vote of the Council). Joint statements
by groups of states have no Council status and are kept apart."""


@dataclass(frozen=True, slots=True)
class Event:
    day: dt.date
    """The New York date (the Council's), where known."""
    kind: str
    """``nuclear_test`` or ``missile_launch``."""
    name: str
    missile_type: str | None = None
    """None where the launch data give no type ("Unknown")."""
    outcome: str | None = None
    source: str = ""
    day_utc: dt.date | None = None
    """The UTC date the launch data give, where it differs from ``day``'s source."""
    clock: str = "New York"
    """The clock ``day`` is on: ``New York``, or ``UTC`` for a launch whose time the data
    do not give (its New York date, the same day or the one before, is not known)."""

    @property
    def meets_2397_op28(self) -> bool:
        return self.kind == "nuclear_test" or self.missile_type in ICBM_CLASS

    @property
    def is_unclassified(self) -> bool:
        """A launch whose type the data do not give: whether it met the condition is not
        known."""
        return self.kind == "missile_launch" and self.missile_type is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "date_clock": self.clock,
            "date_utc": (self.day_utc or self.day).isoformat(),
            "kind": self.kind,
            "name": self.name,
            "missile_type": self.missile_type,
            "outcome": self.outcome,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Action:
    """Something the Council (or a group of its members) did on the DPRK."""

    day: dt.date
    kind: str
    """``resolution``, ``vetoed_draft``, ``presidential_statement``, ``press_statement`` or
    ``joint_statement`` (no Council status)."""
    symbol: str | None
    subject: str
    outcome: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "kind": self.kind,
            "symbol": self.symbol,
            "subject": self.subject,
            "outcome": self.outcome,
        }


@dataclass(frozen=True, slots=True)
class Hit:
    event: Event
    responses: tuple[Action, ...]
    until: dt.date | None
    """The next qualifying event's date (responses are looked for up to it)."""

    @property
    def council(self) -> tuple[Action, ...]:
        """What the Council did: resolutions, vetoed drafts, its statements."""
        return tuple(a for a in self.responses if a.kind in COUNCIL_ACTIONS)

    @property
    def others(self) -> tuple[Action, ...]:
        """What groups of states did (joint statements: no Council status)."""
        return tuple(a for a in self.responses if a.kind not in COUNCIL_ACTIONS)


def evaluate(trigger: Measure, events: Iterable[Event], actions: Sequence[Action]) -> list[Hit]:
    """The events after the trigger's adoption that met its condition, each with the
    Council's actions from that day until the next such event."""
    since = trigger.since
    qualifying = sorted(
        (e for e in events if e.day > since and e.meets_2397_op28), key=lambda e: e.day
    )
    ordered = sorted(actions, key=lambda a: a.day)
    hits = []
    for i, event in enumerate(qualifying):
        until = next((e.day for e in qualifying[i + 1 :] if e.day > event.day), None)
        responses = tuple(
            a for a in ordered if a.day >= event.day and (until is None or a.day < until)
        )
        hits.append(Hit(event, responses, until))
    return hits


def unclassified(trigger: Measure, events: Iterable[Event]) -> list[Event]:
    """The launches after the trigger's adoption whose type the data do not give: neither
    counted as meeting its condition nor left out unsaid."""
    return sorted(
        (e for e in events if e.day > trigger.since and e.is_unclassified), key=lambda e: e.day
    )
