"""The General Assembly's standing mandate to debate a veto (A/RES/76/262)."""

from __future__ import annotations

import datetime as dt

WORKING_DAYS = 10
"""A/RES/76/262 OP1: a formal meeting 'within ten working days of the casting of a veto'."""


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The ``n``-th weekday (Monday to Friday) after ``day``.

    The resolution does not say whose holidays count, so none are taken off: the date is
    the latest the debate can fall on a plain Monday-to-Friday count.
    """
    current = day
    remaining = n
    while remaining:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def ga_debate_deadline(veto_day: dt.date, *, ess_seized: bool) -> dt.date | None:
    """The last day for the General Assembly debate on a veto cast on ``veto_day``.

    ``None`` when an emergency special session already meets on the same situation
    (OP1's proviso). Whether the mandate applies on that day is the law's to say.
    """
    if ess_seized:
        return None
    return add_working_days(veto_day, WORKING_DAYS)
