"""The Council a session sits as: the real one on a date, or a custom Model UN roster."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from unsc.core import citations as cite
from unsc.core.law import CouncilOn
from unsc.core.types import Member, State
from unsc.sessions.machine import SessionError


@dataclass(frozen=True, slots=True)
class RosterSeat:
    name: str
    permanent: bool = False


def custom_council(
    day: dt.date, seats: Sequence[RosterSeat], threshold: int | None = None
) -> CouncilOn:
    """A Council of any states, with the Council's rules by default: nine of fifteen (or a
    majority of three fifths, rounded up, for another size) and a veto for permanent seats."""
    if not 3 <= len(seats) <= 60:
        raise SessionError("a roster has 3 to 60 seats")
    members = []
    keys: set[str] = set()
    for seat in seats:
        name = seat.name.strip()[:80]
        # "~" marks a roster seat, so it never meets a real state's key in the record.
        key = "~" + (re.sub(r"[^A-Z0-9]+", "-", name.upper()).strip("-")[:7] or "SEAT")
        base, n = key, 1
        while key in keys:
            key, n = f"{base[: 8 - len(str(n))]}{n}", n + 1
        keys.add(key)
        members.append(Member(State(key, "", name, name), seat.permanent, day, None))
    needed = threshold or (9 if len(members) == 15 else -(-len(members) * 3 // 5))
    if not 1 <= needed <= len(members):
        raise SessionError(f"threshold: between 1 and {len(members)}")
    return CouncilOn(
        day=day,
        members=tuple(members),
        seats=len(members),
        threshold=needed,
        citations=(cite.ART_27_3,),
        president=None,
        veto_initiative=False,
    )
