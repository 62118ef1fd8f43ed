"""Values that change on dates: sorted entries and a bisect on real dates."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from unsc.core.citations import Citation

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Entry(Generic[T]):
    """A value in force from ``start`` (inclusive) to ``end`` (inclusive, ``None`` = open)."""

    start: dt.date
    end: dt.date | None
    value: T
    citation: Citation | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class Dated(Generic[T]):
    """A value that changes over time: non-overlapping entries, looked up by day."""

    __slots__ = ("_entries", "_starts")

    def __init__(self, entries: Iterable[Entry[T]]) -> None:
        ordered = sorted(entries, key=lambda e: e.start)
        for before, after in itertools.pairwise(ordered):
            if before.end is None or before.end >= after.start:
                raise ValueError(
                    f"dated entries overlap: {before.value!r} from {before.start} "
                    f"and {after.value!r} from {after.start}"
                )
        self._entries = tuple(ordered)
        self._starts = [e.start for e in ordered]

    def entry_on(self, day: dt.date) -> Entry[T] | None:
        """The entry in force on ``day``, or ``None``."""
        i = bisect.bisect_right(self._starts, day) - 1
        if i < 0:
            return None
        entry = self._entries[i]
        return entry if entry.covers(day) else None

    def value_on(self, day: dt.date) -> T | None:
        entry = self.entry_on(day)
        return None if entry is None else entry.value

    def __iter__(self) -> Iterator[Entry[T]]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Dated({list(self._entries)!r})"
