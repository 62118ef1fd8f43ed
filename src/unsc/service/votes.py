"""Votes and vetoes as the pages and the API show them: one vote with each member's cast,
its reasons, citations and source; the vetoes under a filter, with their counts by member
and decade and the rule they are counted by. Typed views; the edges render them."""

from __future__ import annotations

from dataclasses import dataclass

from unsc.core.documents import SourceRef
from unsc.importers.votes import VETO_RULE
from unsc.record import documents, queries
from unsc.record.queries import NamedCastRow, PageOf, VetoDetailRow, VetoFilter, VoteDetailRow
from unsc.service.database import Database
from unsc.service.documents import VoteLinks, vote_links

__all__ = [
    "VETO_RULE",
    "NamedCastRow",
    "VetoDetailRow",
    "VetoFilter",
    "VetoesView",
    "VoteDetailRow",
    "VotePageView",
    "vetoes_page",
    "vetoes_view",
    "vote_detail",
    "vote_page_view",
]

VOTE_SOURCE = "sciencespo"
"""The dataset the votes and vetoes are counted from (its record's ``sources`` row)."""
LARGEST_ID = 2**31 - 1
"""A vote's id is a 32-bit integer in the record (PostgreSQL's ``integer``)."""


def vote_detail(db: Database, vote_id: int) -> VoteDetailRow | None:
    """A vote with each member's cast, the engine's reasons and citations, the members that
    vetoed it and its source; none for an id the record cannot hold or does not."""
    if not 0 < vote_id <= LARGEST_ID:
        return None
    with db.sessions() as s:
        return queries.get_vote(s, vote_id)


@dataclass(frozen=True, slots=True)
class VotePageView:
    """A vote's page: the vote, and its meeting, draft, resolution and neighbours."""

    vote: VoteDetailRow
    links: VoteLinks | None


def vote_page_view(db: Database, vote_id: int) -> VotePageView | None:
    vote = vote_detail(db, vote_id)
    if vote is None:
        return None
    return VotePageView(vote, vote_links(db, vote_id))


@dataclass(frozen=True, slots=True)
class VetoesPage:
    """A page of the vetoes under a filter, with the rule they are counted by and their
    source."""

    page: PageOf[VetoDetailRow]
    rule: str
    source: SourceRef


def vetoes_page(db: Database, f: VetoFilter, *, limit: int, offset: int) -> VetoesPage:
    with db.sessions() as s:
        page = queries.list_vetoes(s, f, limit=limit, offset=offset)
        return VetoesPage(page, VETO_RULE, documents.source(s, VOTE_SOURCE))


@dataclass(frozen=True, slots=True)
class VetoesView:
    """Every veto under a filter, newest first, with the counts the page charts."""

    vetoes: tuple[VetoDetailRow, ...]
    by_decade: dict[str, dict[int, int]]
    """Vetoes per member (as named when cast), then per decade (1940, 1950...)."""
    by_member: tuple[tuple[str, int], ...]
    """Vetoes per member (as named when cast), most first, then by name."""
    decades: tuple[int, ...]
    """The decades with a veto, in order."""
    rule: str
    source: SourceRef


def vetoes_view(db: Database, f: VetoFilter) -> VetoesView:
    with db.sessions() as s:
        page = queries.list_vetoes(s, f, limit=1_000_000, offset=0)
        counts = queries.veto_counts(s, f)
        source = documents.source(s, VOTE_SOURCE)
    totals = sorted(((name, sum(d.values())) for name, d in counts.items()), key=_most_first)
    by_decade = {name: dict(sorted(counts[name].items())) for name, _ in totals}
    decades = tuple(sorted({d for per in counts.values() for d in per}))
    return VetoesView(page.items, by_decade, tuple(totals), decades, VETO_RULE, source)


def _most_first(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]
