"""The one clock: what every part of ``unsc`` means by "today".

The system date, unless a day is fixed: by ``fixed_today()`` (tests, what-if pages) or by
the ``UNSC_TODAY`` environment variable (``UNSC_TODAY=2027-01-02 unsc council``), which
reaches a server or a command started in another process.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager

from unsc.core.errors import UnscError

ENV = "UNSC_TODAY"
_fixed: list[dt.date] = []


class ClockError(UnscError):
    """A fixed day that is not a date."""


def today() -> dt.date:
    """Today: the fixed day if one is set, else ``UNSC_TODAY``, else the system date."""
    if _fixed:
        return _fixed[-1]
    text = os.environ.get(ENV, "").strip()
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ClockError(
            f"{ENV}={text!r} is not a date: give YYYY-MM-DD, or unset it to use today's date"
        ) from None


@contextmanager
def fixed_today(day: dt.date) -> Iterator[dt.date]:
    """Within the block, ``today()`` is ``day``."""
    _fixed.append(day)
    try:
        yield day
    finally:
        _fixed.pop()
