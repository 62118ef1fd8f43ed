"""Sanctions regimes answered as JSON-ready views: measures on a date, what changed, what a
draft would have changed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from unsc.core.measures import Measure, Regime, difference, in_force
from unsc.law.regimes import load_regime


def regime_view(regime: Regime) -> dict[str, Any]:
    return {"id": regime.id, "name": regime.name, "list_type": regime.list_type}


def measure_view(measure: Measure, day: dt.date) -> dict[str, Any]:
    view = measure.to_dict()
    phase = measure.phase_on(day)
    if phase is not None:
        period = phase.period_on(day)
        view["limits"] = [limit.to_dict() for limit in phase.limits]
        view["period"] = None if period is None else period.to_dict()
    return view


def measures(regime_id: str, day: dt.date, draft: str | None = None) -> dict[str, Any]:
    """What was in force on ``day``; with ``draft``, as if that draft had been adopted."""
    regime = load_regime(regime_id)
    extra = regime.draft(draft) if draft else ()
    found = in_force(regime, day, extra)
    return {
        "regime": regime_view(regime),
        "date": day.isoformat(),
        "draft": draft,
        "measures": [measure_view(m, day) for m in found],
    }


def changes(
    regime_id: str, before: dt.date, after: dt.date, draft: str | None = None
) -> dict[str, Any]:
    """What changed from ``before`` to ``after`` (or, with ``draft``, between the regime on
    ``after`` as it was and as the draft would have made it)."""
    regime = load_regime(regime_id)
    old = in_force(regime, before)
    new = in_force(regime, after, regime.draft(draft) if draft else ())
    found = difference(old, new)
    return {
        "regime": regime_view(regime),
        "from": before.isoformat(),
        "to": after.isoformat(),
        "draft": draft,
        "added": [measure_view(m, after) for m in found.added],
        "removed": [measure_view(m, before) for m in found.removed],
        "changed": [
            {
                "before": measure_view(b, before),
                "after": measure_view(a, after),
                "by": [c.where for c in a.changes if c not in b.changes],
            }
            for b, a in found.changed
        ],
    }
