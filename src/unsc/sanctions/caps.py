"""Quantitative caps: deliveries counted against a cap's limit in its period, with notices.

A ledger is a list of deliveries; a cap's status on a day is a fold of the deliveries in
the cap's period up to that day. Quantities in another unit are converted with the factor
the row states, or else the cap's own (stated in the answer).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from unsc.core.measures import Limit, Measure, MeasureKind, Period, RegimeError

REFINED_BARRELS_PER_TONNE = 7.5
"""The factor the 1718 Committee's published figures imply for refined products (its 2020
table: 17,294 tonnes reported as 129,706 barrels)."""
CONVERSION_SOURCE = (
    "1718 Committee, refined petroleum supplies to the DPRK, 2020 (17,294 t = 129,706 bbl)"
)


class Status(StrEnum):
    REPORTED = "reported"
    """Notified to the Committee by the supplying state."""
    ALLEGED = "alleged"
    """Estimated by others (a Panel report, a group of states)."""


UNITS = {
    "barrels": "barrels",
    "bbl": "barrels",
    "tonnes": "tonnes",
    "tons": "tonnes",
    "t": "tonnes",
}


@dataclass(frozen=True, slots=True)
class Delivery:
    day: dt.date
    cap: str
    """The cap's measure id (``refined-petroleum-cap``)."""
    supplier: str
    amount: float
    unit: str
    status: Status
    source: str
    barrels_per_tonne: float | None = None
    """The conversion the row states, if any."""
    row: int = 0


@dataclass(frozen=True, slots=True)
class Notice:
    """The running total reached ``threshold`` per cent of the limit on ``day``."""

    threshold: float
    day: dt.date
    delivered: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "date": self.day.isoformat(),
            "delivered": round(self.delivered, 3),
        }


@dataclass(frozen=True, slots=True)
class CapStatus:
    measure: Measure
    limit: Limit
    alternatives: tuple[Limit, ...]
    period: Period
    delivered: float
    """In ``limit.unit``: what supplying states reported delivering in the period up to the
    day (alleged deliveries are counted apart, never added to it)."""
    reported: float
    """The same as ``delivered``."""
    alleged: float
    """In ``limit.unit``: deliveries others allege in the period up to the day."""
    notices: tuple[Notice, ...]
    """On reported deliveries only: 2397 OP5 directs the Committee Secretary to notify
    Member States when the amounts notified by Member States reach 75, 90 and 95 per cent."""
    conversions: tuple[str, ...]
    """Each conversion used, stated."""
    deliveries: tuple[Delivery, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "commodity": self.measure.title.removesuffix(" cap"),
            "measure": self.measure.id,
            "limit": self.limit.amount,
            "unit": self.limit.unit,
            "alternatives": [a.to_dict() for a in self.alternatives],
            "period": self.period.to_dict(),
            "citations": [c.to_dict() for c in self.measure.citations],
            "delivered": round(self.delivered, 3),
            "reported": round(self.reported, 3),
            "alleged": round(self.alleged, 3),
            "share": self._share(self.reported),
            "reported_share": self._share(self.reported),
            "alleged_share": self._share(self.alleged),
            "notices": [n.to_dict() for n in self.notices],
            "conversions": list(self.conversions),
            "deliveries": len(self.deliveries),
            "reported_deliveries": sum(d.status is Status.REPORTED for d in self.deliveries),
            "alleged_deliveries": sum(d.status is Status.ALLEGED for d in self.deliveries),
        }

    def _share(self, amount: float) -> float | None:
        """``amount`` as a share of the limit (1.0 = all of it)."""
        return round(amount / self.limit.amount, 6) if self.limit.amount else None


def _factor(limits: Sequence[Limit]) -> float | None:
    """Barrels per tonne implied by a cap that states both ("4,000,000 barrels or 525,000
    tons")."""
    barrels = next((x.amount for x in limits if x.unit == "barrels"), None)
    tonnes = next((x.amount for x in limits if x.unit == "tonnes"), None)
    return barrels / tonnes if barrels and tonnes else None


def _in_unit(
    delivery: Delivery, unit: str, limits: Sequence[Limit], notes: dict[str, None]
) -> float:
    if delivery.unit == unit:
        return delivery.amount
    factor = delivery.barrels_per_tonne
    if factor is not None:
        notes.setdefault(f"{factor:g} barrels per tonne, as row {delivery.row} states", None)
    else:
        factor = _factor(limits)
        if factor is not None:
            notes.setdefault(f"{factor:.4g} barrels per tonne, the cap's own equivalence", None)
        elif delivery.cap == "refined-petroleum-cap":
            factor = REFINED_BARRELS_PER_TONNE
            notes.setdefault(f"{factor:g} barrels per tonne ({CONVERSION_SOURCE})", None)
        else:
            raise RegimeError(
                f"row {delivery.row}: {delivery.unit} cannot be counted against a cap in {unit} "
                "without a conversion; give barrels_per_tonne"
            )
    if delivery.unit == "tonnes" and unit == "barrels":
        return delivery.amount * factor
    if delivery.unit == "barrels" and unit == "tonnes":
        return delivery.amount / factor
    raise RegimeError(f"row {delivery.row}: cannot convert {delivery.unit} to {unit}")


def cap_status(
    measure: Measure,
    day: dt.date,
    deliveries: Iterable[Delivery],
    thresholds: Sequence[float] = (),
    *,
    include_alleged: bool = True,
) -> CapStatus | None:
    """The cap's state on ``day``: its limit and period, what was reported delivered and
    what is alleged in the period up to that day (apart), and the first day the reported
    running total reached each threshold (per cent of the limit). ``None`` if the measure
    has no limit on that day."""
    if measure.kind is not MeasureKind.CAP:
        return None
    phase = measure.phase_on(day)
    if phase is None:
        return None
    period = phase.period_on(day)
    if period is None:
        return None
    limit, *alternatives = phase.limits
    notes: dict[str, None] = {}
    counted = sorted(
        (
            d
            for d in deliveries
            if d.cap == measure.id
            and period.start <= d.day <= day
            and (include_alleged or d.status is Status.REPORTED)
        ),
        key=lambda d: (d.day, d.row),
    )
    reported = alleged = 0.0
    notices: list[Notice] = []
    pending = sorted(set(thresholds))
    for delivery in counted:
        amount = _in_unit(delivery, limit.unit, phase.limits, notes)
        if delivery.status is not Status.REPORTED:
            alleged += amount
            continue
        reported += amount
        while pending and reported >= limit.amount * pending[0] / 100:
            notices.append(Notice(pending.pop(0), delivery.day, reported))
    return CapStatus(
        measure,
        limit,
        tuple(alternatives),
        period,
        reported,
        reported,
        alleged,
        tuple(notices),
        tuple(notes),
        tuple(counted),
    )
