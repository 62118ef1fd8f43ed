"""A vote as a dataset records it, before the engine decides it again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from unsc.core.types import Cast, Tally


class RecordedOutcome(StrEnum):
    ADOPTED = "adopted"
    VETOED = "vetoed"
    LACK_OF_MAJORITY = "lack_of_majority"


@dataclass(frozen=True, slots=True)
class RecordedVote:
    """One row of a vote record: who sat, how each voted, and the outcome recorded.

    ``casts`` maps state keys to casts; it is empty when the record lost the breakdown, in
    which case ``tally`` (if the record kept the counts) and ``seated`` still hold.
    """

    vote_id: int
    symbol: str
    day: dt.date
    outcome: RecordedOutcome
    title: str
    seated: tuple[str, ...]
    casts: Mapping[str, Cast] = field(default_factory=dict)
    tally: Tally | None = None
    resolution: int | None = None
    source_row: int = 0
    """Line of the source file the row was read from (1 = header)."""

    @property
    def has_breakdown(self) -> bool:
        return bool(self.casts)
