"""Cells written to CSV for people who open it in a spreadsheet."""

from __future__ import annotations

from typing import Any

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value``, with text that a spreadsheet would run as a formula (``=cmd|...``, ``@SUM``,
    ``+1+1``) kept as text by a leading apostrophe. Numbers, and text that is a number
    (``-5``), are left as they are."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_STARTS):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value
