"""A ledger of deliveries against caps, read from CSV: every row or none.

Columns: ``date`` (YYYY-MM-DD), ``cap`` (the cap's measure id, e.g.
``refined-petroleum-cap``, or ``refined``, ``crude``, ``coal``), ``supplier``, ``quantity``,
``unit`` (barrels or tonnes), ``status`` (reported or alleged), ``source``; optional
``barrels_per_tonne`` (the conversion the source used).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from typing import TextIO

from unsc.importers.textfiles import RowError
from unsc.sanctions.caps import UNITS, Delivery, Status

REQUIRED = ("date", "cap", "supplier", "quantity", "unit", "status", "source")
SHORT_NAMES = {
    "refined": "refined-petroleum-cap",
    "refined petroleum": "refined-petroleum-cap",
    "crude": "crude-oil-cap",
    "crude oil": "crude-oil-cap",
    "coal": "coal-export-cap",
}


def parse_ledger(handle: TextIO, filename: str, caps: Iterable[str]) -> list[Delivery]:
    """Every delivery of the file; the first bad row raises an error naming it."""
    known = set(caps)
    reader = csv.DictReader(handle)
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise RowError(
            filename, 1, missing[0], f"missing column; the header needs {', '.join(REQUIRED)}"
        )
    reader.fieldnames = header
    deliveries = []
    for row in reader:
        line = reader.line_num

        def bad(field: str, message: str, line: int = line) -> RowError:
            return RowError(filename, line, field, message)

        try:
            day = dt.date.fromisoformat((row["date"] or "").strip())
        except ValueError:
            raise bad("date", f"expected YYYY-MM-DD, got {row['date']!r}") from None
        cap = (row["cap"] or "").strip()
        cap = SHORT_NAMES.get(cap.lower(), cap)
        if cap not in known:
            raise bad(
                "cap", f"{cap!r} is not a cap of this regime; one of {', '.join(sorted(known))}"
            )
        try:
            amount = float((row["quantity"] or "").replace(",", "").strip())
        except ValueError:
            raise bad("quantity", f"expected a number, got {row['quantity']!r}") from None
        if not amount > 0 or amount == float("inf"):
            raise bad("quantity", f"expected a positive quantity, got {row['quantity']!r}")
        unit = UNITS.get((row["unit"] or "").strip().lower())
        if unit is None:
            raise bad("unit", f"barrels or tonnes, not {row['unit']!r}")
        try:
            status = Status((row["status"] or "").strip().lower())
        except ValueError:
            raise bad("status", f"reported or alleged, not {row['status']!r}") from None
        source = (row["source"] or "").strip()
        if not source:
            raise bad("source", "say where the figure comes from")
        factor = None
        raw = (row.get("barrels_per_tonne") or "").strip()
        if raw:
            try:
                factor = float(raw)
            except ValueError:
                raise bad("barrels_per_tonne", f"expected a number, got {raw!r}") from None
            if not 1 <= factor <= 20:
                raise bad("barrels_per_tonne", f"{factor:g} is not a plausible conversion")
        deliveries.append(
            Delivery(
                day,
                cap,
                (row["supplier"] or "").strip() or "unknown",
                amount,
                unit,
                status,
                source,
                factor,
                line,
            )
        )
    return deliveries
