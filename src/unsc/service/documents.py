"""The record's documents as the pages and the API show them: a resolution with its vote,
meeting, draft and what it changed in a sanctions regime; a meeting with its votes and
outcome documents; lists with counts by year. Typed views; the edges render them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Generic, TypeVar

from unsc.core.documents import (
    Draft,
    Meeting,
    PresidentialStatement,
    Resolution,
    SourceRef,
    VoteRow,
    YearCount,
    document_kind,
    paragraph_anchor,
    resolution_number,
)
from unsc.law.regimes import load_regime, regime_ids
from unsc.record import documents as record
from unsc.record.documents import MeetingFilter, ResolutionFilter, StatementFilter
from unsc.service.database import Database

__all__ = [
    "DocumentLink",
    "DraftView",
    "Listed",
    "MeetingFilter",
    "MeetingView",
    "MeetingsView",
    "RegimeChange",
    "ResolutionFilter",
    "ResolutionView",
    "ResolutionsView",
    "StatementFilter",
    "StatementView",
    "StatementsView",
    "VoteLinks",
    "document_url",
    "draft_view",
    "meeting_view",
    "meetings_page",
    "meetings_view",
    "paragraph_url",
    "resolution_view",
    "resolutions_view",
    "statement_view",
    "statements_page",
    "statements_view",
    "vote_links",
]

Row = TypeVar("Row")

UNDOCS = "https://undocs.org/en/"
"""The United Nations' own address for any document by its symbol."""


@dataclass(frozen=True, slots=True)
class DocumentLink:
    """A UN symbol and where to read it: its page here if the record holds it, else the UN's
    Official Document System."""

    symbol: str
    kind: str
    url: str

    @property
    def internal(self) -> bool:
        return self.url.startswith("/")


def document_url(symbol: str, *, here: bool) -> str:
    """The page of a document: ``/resolutions/2397``, ``/meetings/S/PV.9048``,
    ``/statements/S/PRST/2017/16``, ``/drafts/S/2024/255`` where ``here``; else undocs.org."""
    kind = document_kind(symbol)
    if here:
        if kind == "resolution":
            return f"/resolutions/{resolution_number(symbol)}"
        prefix = {"meeting": "meetings", "statement": "statements", "draft": "drafts"}.get(kind)
        if prefix:
            return f"/{prefix}/{symbol}"
    return UNDOCS + symbol.replace(" ", "")


def paragraph_url(ref: str) -> str | None:
    """The page of a cited resolution paragraph: ``S/RES/2397 (2017), OP28`` →
    ``/resolutions/2397#op28``; the resolution's page for a resolution cited whole; none
    for anything else."""
    number = resolution_number(ref)
    if number is None:
        return None
    found = re.search(r",\s*OP\s*([0-9]+[^,;]*)", ref)
    anchor = paragraph_anchor("operative", found.group(1)) if found else ""
    return f"/resolutions/{number}" + (f"#{anchor}" if anchor else "")


def _links(db: Database, symbols: tuple[str, ...]) -> tuple[DocumentLink, ...]:
    with db.sessions() as s:
        numbers = [n for n in map(resolution_number, symbols) if n is not None]
        resolutions = record.resolutions_by_number(s, numbers)
        known = record.known_symbols(s, [x for x in symbols if resolution_number(x) is None])
    out = []
    for symbol in symbols:
        number = resolution_number(symbol)
        here = number in resolutions if number is not None else symbol in known
        out.append(DocumentLink(symbol, document_kind(symbol), document_url(symbol, here=here)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class RegimeChange:
    """What one paragraph of a resolution did to a sanctions regime."""

    regime: str
    regime_name: str
    measure: str
    action: str
    paragraph: str
    anchor: str
    description: str
    effective: dt.date


def regime_changes(symbol: str) -> tuple[RegimeChange, ...]:
    """The changes of the bundled sanctions regimes that a resolution's paragraphs made."""
    out = []
    for regime_id in regime_ids():
        regime = load_regime(regime_id)
        for change in regime.changes:
            if change.resolution.replace(" ", "") != symbol.replace(" ", ""):
                continue
            anchor = paragraph_anchor("operative", change.paragraph)
            out.append(
                RegimeChange(
                    regime.id,
                    regime.name,
                    change.title,
                    change.action.value,
                    change.paragraph,
                    anchor,
                    change.description,
                    change.effective,
                )
            )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class ResolutionView:
    resolution: Resolution
    source: SourceRef
    vote: VoteRow | None
    meeting: Meeting | None
    draft: DocumentLink | None
    changes: tuple[RegimeChange, ...]
    previous: int | None
    next: int | None


def resolution_view(db: Database, number: int) -> ResolutionView | None:
    with db.sessions() as s:
        resolution = record.get_resolution(s, number)
        if resolution is None:
            return None
        vote = record.vote_line(s, resolution.vote_id) if resolution.vote_id else None
        meeting = (
            record.get_meeting(s, resolution.meeting_symbol) if resolution.meeting_symbol else None
        )
        before, after = record.resolution_neighbours(s, number)
        source = record.source(s, resolution.source_id)
    draft = _links(db, (resolution.draft_symbol,))[0] if resolution.draft_symbol else None
    return ResolutionView(
        resolution,
        source,
        vote,
        meeting,
        draft,
        regime_changes(resolution.symbol),
        before,
        after,
    )


@dataclass(frozen=True, slots=True)
class MeetingView:
    meeting: Meeting
    source: SourceRef
    votes: tuple[VoteRow, ...]
    outcomes: tuple[DocumentLink, ...]
    statements: tuple[DocumentLink, ...]


def meeting_view(db: Database, symbol: str) -> MeetingView | None:
    with db.sessions() as s:
        meeting = record.get_meeting(s, symbol)
        if meeting is None:
            return None
        votes = tuple(record.votes_at(s, meeting))
        source = record.source(s, meeting.source_id)
        made = tuple(
            x for x in record.statements_at(s, symbol) if x not in meeting.outcome_documents
        )
    return MeetingView(
        meeting,
        source,
        votes,
        _links(db, meeting.outcome_documents),
        _links(db, made),
    )


@dataclass(frozen=True, slots=True)
class MeetingsView:
    total: int
    meetings: tuple[Meeting, ...]
    per_year: tuple[YearCount, ...]
    formats: tuple[str, ...]


def meetings_view(db: Database, f: MeetingFilter, *, limit: int, offset: int) -> MeetingsView:
    """A page of meetings, and the meetings per year by format under the same filter
    (whatever its year)."""
    with db.sessions() as s:
        total, meetings = record.list_meetings(s, f, limit=limit, offset=offset)
        per_year = record.meetings_per_year(s, f)
        formats = record.meeting_formats(s)
    return MeetingsView(total, tuple(meetings), tuple(per_year), tuple(formats))


@dataclass(frozen=True, slots=True)
class ResolutionsView:
    total: int
    resolutions: tuple[Resolution, ...]
    per_year: tuple[YearCount, ...]


def resolutions_view(
    db: Database, f: ResolutionFilter, *, limit: int, offset: int
) -> ResolutionsView:
    with db.sessions() as s:
        total, found = record.list_resolutions(s, f, limit=limit, offset=offset)
        per_year = record.resolutions_per_year(s)
    return ResolutionsView(total, tuple(found), tuple(per_year))


@dataclass(frozen=True, slots=True)
class StatementView:
    statement: PresidentialStatement
    source: SourceRef
    meeting: DocumentLink | None
    corrects: DocumentLink | None


def statement_view(db: Database, symbol: str) -> StatementView | None:
    with db.sessions() as s:
        statement = record.get_statement(s, symbol)
        if statement is None:
            return None
        source = record.source(s, statement.source_id)
    wanted = tuple(x for x in (statement.meeting_symbol, statement.corrigendum_of) if x)
    links = {link.symbol: link for link in _links(db, wanted)}
    return StatementView(
        statement,
        source,
        links.get(statement.meeting_symbol or ""),
        links.get(statement.corrigendum_of or ""),
    )


@dataclass(frozen=True, slots=True)
class StatementsView:
    total: int
    statements: tuple[PresidentialStatement, ...]
    per_year: tuple[YearCount, ...]


def statements_view(db: Database, f: StatementFilter, *, limit: int, offset: int) -> StatementsView:
    with db.sessions() as s:
        total, statements = record.list_statements(s, f, limit=limit, offset=offset)
        per_year = record.statements_per_year(s)
    return StatementsView(total, tuple(statements), tuple(per_year))


@dataclass(frozen=True, slots=True)
class Listed(Generic[Row]):
    """A page of a list, how many match, and where the rows come from."""

    total: int
    items: tuple[Row, ...]
    source: SourceRef


def meetings_page(db: Database, f: MeetingFilter, *, limit: int, offset: int) -> Listed[Meeting]:
    with db.sessions() as s:
        total, found = record.list_meetings(s, f, limit=limit, offset=offset)
        source = record.source(s, "dhl-meetings")
    return Listed(total, tuple(found), source)


def statements_page(
    db: Database, f: StatementFilter, *, limit: int, offset: int
) -> Listed[PresidentialStatement]:
    with db.sessions() as s:
        total, found = record.list_statements(s, f, limit=limit, offset=offset)
        source = record.source(s, "unxml-prst")
    return Listed(total, tuple(found), source)


@dataclass(frozen=True, slots=True)
class DraftView:
    draft: Draft
    source: SourceRef
    vote: VoteRow | None


def draft_view(db: Database, symbol: str) -> DraftView | None:
    with db.sessions() as s:
        draft = record.get_draft(s, symbol)
        if draft is None:
            return None
        vote = record.vote_line(s, draft.vote_id) if draft.vote_id else None
        source = record.source(s, draft.source_id)
    return DraftView(draft, source, vote)


@dataclass(frozen=True, slots=True)
class VoteLinks:
    """Where a vote leads: its meeting, its draft's text, the resolution it adopted (with
    the sponsors the UN's metadata names), and the votes before and after it."""

    meeting: DocumentLink | None
    draft: DocumentLink | None
    resolution: DocumentLink | None
    sponsors: tuple[str, ...]
    subjects: tuple[str, ...]
    previous: int | None
    next: int | None


def vote_links(db: Database, vote_id: int) -> VoteLinks | None:
    with db.sessions() as s:
        vote = record.vote_line(s, vote_id)
        if vote is None:
            return None
        adopted = record.resolution_for_vote(s, vote_id)
        draft = record.draft_for_vote(s, vote_id)
        before, after = record.vote_neighbours(s, vote_id)
    symbols = {
        "meeting": vote.meeting_symbol or (adopted.meeting_symbol if adopted else None),
        "draft": vote.draft_symbol or (adopted.draft_symbol if adopted else None),
        "resolution": adopted.symbol if adopted else vote.resolution_symbol,
    }
    wanted = tuple(x for x in symbols.values() if x)
    links = {link.symbol: link for link in _links(db, wanted)}
    sponsors = adopted.sponsors if adopted else draft.sponsors if draft else ()
    return VoteLinks(
        links.get(symbols["meeting"] or ""),
        links.get(symbols["draft"] or ""),
        links.get(symbols["resolution"] or ""),
        sponsors,
        adopted.subjects if adopted else (),
        before,
        after,
    )
