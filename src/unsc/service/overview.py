"""The record as a whole, as the home and sources pages show it: the Council today and
the latest votes; the datasets the record was loaded from, where the veto lists differ
from the vote record, the votes that needed an annotation, the record's build and the
tables that can be downloaded. Typed views; the edges render them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from unsc.core.documents import SourceRef, VoteRow
from unsc.importers.votes import VETO_RULE
from unsc.record import queries
from unsc.record.queries import VetoListDifference
from unsc.service.database import Database
from unsc.service.exports import TableCount, tables_in
from unsc.service.record import bundled_law, council_view, today

__all__ = [
    "LATEST",
    "HomeView",
    "SourcesView",
    "VetoListDifference",
    "home_view",
    "sources_view",
]

LATEST = 10
"""How many of the latest votes the home page lists."""


@dataclass(frozen=True, slots=True)
class HomeView:
    council: dict[str, Any]
    """The Council today, as ``unsc council --json`` prints it (``service.record``)."""
    latest: tuple[VoteRow, ...]
    """The Council's latest votes, newest first (live sessions' left out)."""
    sources: tuple[SourceRef, ...]


def home_view(db: Database) -> HomeView:
    council = council_view(bundled_law().on(today()))
    with db.sessions() as s:
        latest = queries.latest_votes(s, LATEST)
        sources = queries.sources(s)
    return HomeView(council, tuple(latest), tuple(sources))


@dataclass(frozen=True, slots=True)
class SourcesView:
    sources: tuple[SourceRef, ...]
    differences: tuple[VetoListDifference, ...]
    """Every row of the veto lists that differs from the vote record, by date."""
    annotated: tuple[VoteRow, ...]
    """The votes that needed a cited annotation, by id."""
    meta: dict[str, str]
    """The record's build: ``built`` (when) and ``fingerprint`` (of the bundled data)."""
    rule: str
    """How vetoes are counted."""
    downloads: tuple[TableCount, ...]


def sources_view(db: Database) -> SourcesView:
    with db.sessions() as s:
        sources = queries.sources(s)
        differences = queries.veto_list_differences(s)
        annotated = queries.annotated_votes(s)
        meta = queries.meta(s)
    return SourcesView(
        tuple(sources),
        tuple(differences),
        tuple(annotated),
        meta,
        VETO_RULE,
        tuple(tables_in(db)),
    )
