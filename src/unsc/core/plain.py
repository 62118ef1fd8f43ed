"""Typed values as plain JSON-ready values, for the edges to write once."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from unsc.core.citations import Citation


def plain(value: Any) -> Any:
    """A typed view as JSON-ready values: a row as its fields in order, a date as
    YYYY-MM-DD, a tuple as a list, a citation as ``Citation.to_dict``."""
    if isinstance(value, Citation):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
