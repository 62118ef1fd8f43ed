"""Sanctions regimes answered as JSON-ready views: measures on a date, what changed, what a
draft would have changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from unsc.core.measures import Measure, MeasureKind, Regime, difference, in_force
from unsc.importers.ledger import parse_ledger
from unsc.importers.textfiles import open_text
from unsc.law.regimes import load_regime
from unsc.sanctions.caps import Delivery, cap_status


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


def caps(
    regime_id: str,
    day: dt.date,
    deliveries: Sequence[Delivery] = (),
    thresholds: Sequence[float] = (),
    *,
    include_alleged: bool = True,
) -> list[dict[str, Any]]:
    """Every cap with a limit on ``day``: its period, citations, what was delivered in the
    period up to that day, and the notices at ``thresholds`` (per cent of the limit)."""
    regime = load_regime(regime_id)
    out = []
    for measure in in_force(regime, day):
        status = cap_status(measure, day, deliveries, thresholds, include_alleged=include_alleged)
        if status is not None:
            out.append(status.to_dict())
    return out


def read_ledger(path: Path, regime_id: str) -> list[Delivery]:
    """A ledger CSV, every row or none (an error names the bad row)."""
    regime = load_regime(regime_id)
    ids = {c.measure for c in regime.changes if c.kind is MeasureKind.CAP}
    with open_text(path) as handle:
        return parse_ledger(handle, path.name, ids)
