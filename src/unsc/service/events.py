"""The DPRK's launches and nuclear tests as the API lists them, with their sources."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from unsc.core.documents import EventRow, SourceRef
from unsc.record import documents, queries
from unsc.record.queries import PageOf
from unsc.service.database import Database

__all__ = ["EVENT_SOURCES", "EventsPage", "events_page"]

EVENT_SOURCES = ("nk-missile-tests", "fact-sheet")
"""The launches (one row per missile, after CNS/NTI) and the nuclear tests (the fact
sheet), by their ids in the record's ``sources``."""


@dataclass(frozen=True, slots=True)
class EventsPage:
    page: PageOf[EventRow]
    sources: tuple[SourceRef, ...]


def events_page(
    db: Database,
    kind: str | None,
    start: dt.date | None,
    end: dt.date | None,
    *,
    limit: int,
    offset: int,
) -> EventsPage:
    """Launches and tests of ``kind`` (missile_launch, nuclear_test; none: both) from
    ``start`` to ``end`` (UTC days), oldest first."""
    with db.sessions() as s:
        page = queries.list_events(s, kind, start, end, limit=limit, offset=offset)
        sources = tuple(documents.source(s, x) for x in EVENT_SOURCES)
    return EventsPage(page, sources)
