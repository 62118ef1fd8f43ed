"""The record's tables read for export: each a frozen dataclass with real dates, streamed
from the database in batches (``yield_per``) so that the largest table, the resolutions'
paragraphs, is never held whole; and, for each table, its row count and the ids of the
``sources`` rows its data came from, read from the rows themselves."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from unsc.core.documents import EventRow, ResolutionRow, VoteRow
from unsc.record import models as m

_Rows = Select[*tuple[Any, ...]]

BATCH = 2000
"""Rows fetched from the database at a time."""


@dataclass(frozen=True, slots=True)
class VoteExport(VoteRow):
    """A vote of the Council's record (live sessions' votes are kept out), with the
    engine's decision."""


@dataclass(frozen=True, slots=True)
class CastExport:
    """How one member voted on one vote of the record."""

    vote_id: int
    date: dt.date
    symbol: str
    member: str
    """The member's name on the day of the vote."""
    iso3: str
    permanent: bool
    cast: str
    """yes, no, abstain, absent or not_participating."""
    source_id: str


@dataclass(frozen=True, slots=True)
class VetoExport:
    """A veto, counted once per draft and per member."""

    id: int
    date: dt.date
    draft_symbol: str
    state_key: str
    name: str
    subject: str
    topic: str | None
    votes: int
    vote_id: int
    source_id: str


@dataclass(frozen=True, slots=True)
class VetoListExport:
    """A row of a published veto list, and how the vote record compares with it."""

    source_id: str
    source_row: int
    date: dt.date
    draft_symbol: str
    meeting_symbol: str
    agenda_item: str
    topic: str | None
    members: tuple[str, ...]
    matched_vote_id: int | None
    difference: str | None


@dataclass(frozen=True, slots=True)
class EventExport(EventRow):
    """A DPRK missile launch or nuclear test."""


@dataclass(frozen=True, slots=True)
class MeetingExport:
    """A meeting, with its agenda items' texts and outcome documents joined."""

    symbol: str
    date: dt.date | None
    date_text: str | None
    format: str | None
    agenda: tuple[str, ...]
    outcome_documents: tuple[str, ...]
    source_id: str
    source_row: int


@dataclass(frozen=True, slots=True)
class AgendaItemExport:
    """One agenda row of a meeting, as the library's table gives it."""

    meeting_symbol: str
    position: int
    date: dt.date
    date_text: str
    text: str
    record: str
    press_release: str
    outcome: str
    outcome_documents: tuple[str, ...]
    source_id: str
    source_row: int


@dataclass(frozen=True, slots=True)
class ResolutionExport(ResolutionRow):
    """A resolution's metadata."""


@dataclass(frozen=True, slots=True)
class ResolutionParagraphExport:
    """One paragraph of a resolution."""

    resolution: int
    symbol: str
    position: int
    kind: str
    """preambular or operative."""
    number: str | None
    """The paragraph's number as printed ("28", "26 (a)"), or its place in the preamble."""
    parent: str | None
    section: str
    text: str
    source_id: str


@dataclass(frozen=True, slots=True)
class StatementExport:
    """A presidential statement's metadata."""

    symbol: str
    year: int
    number: int
    date: dt.date
    agenda_item: str | None
    meeting_symbol: str | None
    corrigendum_of: str | None
    parse_note: str | None
    source_id: str
    source_ref: str


@dataclass(frozen=True, slots=True)
class StatementParagraphExport:
    """One paragraph of a presidential statement."""

    symbol: str
    position: int
    kind: str
    """opening, paragraph, heading or text."""
    number: str | None
    section: str
    text: str
    source_id: str


@dataclass(frozen=True, slots=True)
class DraftExport:
    """A draft resolution the Council did not adopt."""

    symbol: str
    date: dt.date
    sponsors: tuple[str, ...]
    vote_id: int | None
    source_id: str
    source_ref: str


@dataclass(frozen=True, slots=True)
class DraftParagraphExport:
    """One paragraph of a draft resolution."""

    symbol: str
    position: int
    kind: str
    number: str | None
    parent: str | None
    section: str
    text: str
    source_id: str


@dataclass(frozen=True, slots=True)
class MemberTermExport:
    """A seat held on the Council: permanent, or an elected term, with what seats it."""

    state_key: str
    iso3: str
    name: str
    """The state's name at the start of the term."""
    current_name: str
    permanent: bool
    start: dt.date
    end: dt.date | None
    source_ref: str
    """The Charter article, succession or General Assembly election that seats it."""


Row = (
    VoteExport
    | CastExport
    | VetoExport
    | VetoListExport
    | EventExport
    | MeetingExport
    | AgendaItemExport
    | ResolutionExport
    | ResolutionParagraphExport
    | StatementExport
    | StatementParagraphExport
    | DraftExport
    | DraftParagraphExport
    | MemberTermExport
)


def _listed(row: Any, *lists: int) -> tuple[Any, ...]:
    """``row`` with its JSON lists at ``lists`` made tuples."""
    return tuple(tuple(v or ()) if i in lists else v for i, v in enumerate(row))


_COUNCIL = m.Vote.simulation.is_(False)
"""The Council's own votes: a live session's are kept apart."""


@dataclass(frozen=True, slots=True)
class _Spec:
    row: type[Row]
    query: _Rows
    """The rows, in order, with columns in the order of ``row``'s fields."""
    sources: _Rows | None
    """The distinct source ids of the rows; none where the rows cite their sources one by
    one rather than a dataset of the ``sources`` table."""
    convert: Callable[[Any], Row] | None = None


def _vote_query() -> _Rows:
    columns = [getattr(m.Vote, name) for name in VoteExport.__dataclass_fields__]
    return select(*columns).where(_COUNCIL).order_by(m.Vote.date, m.Vote.id)


def _paragraph_sources(parent_id: Any, child_key: Any, parent_source: Any) -> _Rows:
    return select(parent_source).distinct().where(parent_id.in_(select(child_key)))


SPECS: dict[str, _Spec] = {
    "votes": _Spec(
        VoteExport,
        _vote_query(),
        select(m.Vote.source_id).distinct().where(_COUNCIL),
    ),
    "casts": _Spec(
        CastExport,
        select(
            m.Cast.vote_id,
            m.Vote.date,
            m.Vote.symbol,
            m.Cast.name,
            m.State.iso3,
            m.Cast.permanent,
            m.Cast.cast,
            m.Vote.source_id,
        )
        .join(m.Vote, m.Vote.id == m.Cast.vote_id)
        .join(m.State, m.State.key == m.Cast.state_key)
        .where(_COUNCIL)
        .order_by(m.Vote.date, m.Vote.id, m.Cast.position),
        select(m.Vote.source_id).distinct().where(_COUNCIL, m.Vote.id.in_(select(m.Cast.vote_id))),
    ),
    "vetoes": _Spec(
        VetoExport,
        select(
            m.Veto.id,
            m.Veto.date,
            m.Veto.draft_symbol,
            m.Veto.state_key,
            m.Veto.name,
            m.Veto.subject,
            m.Veto.topic,
            m.Veto.votes,
            m.Veto.vote_id,
            m.Vote.source_id,
        )
        .join(m.Vote, m.Vote.id == m.Veto.vote_id)
        .where(_COUNCIL)
        .order_by(m.Veto.date, m.Veto.name, m.Veto.id),
        select(m.Vote.source_id).distinct().where(_COUNCIL, m.Vote.id.in_(select(m.Veto.vote_id))),
    ),
    "veto-lists": _Spec(
        VetoListExport,
        select(
            *(getattr(m.VetoListEntry, name) for name in VetoListExport.__dataclass_fields__)
        ).order_by(m.VetoListEntry.source_id, m.VetoListEntry.source_row),
        select(m.VetoListEntry.source_id).distinct(),
        lambda r: VetoListExport(*_listed(r, 7)),
    ),
    "events": _Spec(
        EventExport,
        select(*(getattr(m.Event, name) for name in EventExport.__dataclass_fields__)).order_by(
            m.Event.date, m.Event.id
        ),
        select(m.Event.source_id).distinct(),
    ),
    "meetings": _Spec(
        MeetingExport,
        select(
            m.Meeting.symbol,
            m.Meeting.date,
            m.Meeting.date_text,
            m.Meeting.format,
            m.Meeting.source_id,
            m.Meeting.source_row,
        ).order_by(m.Meeting.date.is_(None), m.Meeting.date, m.Meeting.symbol),
        select(m.Meeting.source_id).distinct(),
    ),
    "agenda-items": _Spec(
        AgendaItemExport,
        select(
            m.MeetingAgendaItem.meeting_symbol,
            m.MeetingAgendaItem.position,
            m.MeetingAgendaItem.date,
            m.MeetingAgendaItem.date_text,
            m.MeetingAgendaItem.text,
            m.MeetingAgendaItem.record,
            m.MeetingAgendaItem.press_release,
            m.MeetingAgendaItem.outcome,
            m.MeetingAgendaItem.outcome_documents,
            m.MeetingAgendaItem.source_id,
            m.MeetingAgendaItem.source_row,
        ).order_by(
            m.MeetingAgendaItem.date,
            m.MeetingAgendaItem.meeting_symbol,
            m.MeetingAgendaItem.position,
        ),
        select(m.MeetingAgendaItem.source_id).distinct(),
        lambda r: AgendaItemExport(*_listed(r, 8)),
    ),
    "resolutions": _Spec(
        ResolutionExport,
        select(
            *(getattr(m.Resolution, name) for name in ResolutionExport.__dataclass_fields__)
        ).order_by(m.Resolution.number),
        select(m.Resolution.source_id).distinct(),
        lambda r: ResolutionExport(*_listed(r, 9, 10)),
    ),
    "resolution-paragraphs": _Spec(
        ResolutionParagraphExport,
        select(
            m.ResolutionParagraph.resolution_number,
            m.Resolution.symbol,
            m.ResolutionParagraph.position,
            m.ResolutionParagraph.kind,
            m.ResolutionParagraph.number,
            m.ResolutionParagraph.parent,
            m.ResolutionParagraph.section,
            m.ResolutionParagraph.text,
            m.Resolution.source_id,
        )
        .join(m.Resolution, m.Resolution.number == m.ResolutionParagraph.resolution_number)
        .order_by(m.ResolutionParagraph.resolution_number, m.ResolutionParagraph.position),
        _paragraph_sources(
            m.Resolution.number, m.ResolutionParagraph.resolution_number, m.Resolution.source_id
        ),
    ),
    "statements": _Spec(
        StatementExport,
        select(
            *(
                getattr(m.PresidentialStatement, name)
                for name in StatementExport.__dataclass_fields__
            )
        ).order_by(
            m.PresidentialStatement.year,
            m.PresidentialStatement.number,
            m.PresidentialStatement.symbol,
        ),
        select(m.PresidentialStatement.source_id).distinct(),
    ),
    "statement-paragraphs": _Spec(
        StatementParagraphExport,
        select(
            m.StatementParagraph.statement_symbol,
            m.StatementParagraph.position,
            m.StatementParagraph.kind,
            m.StatementParagraph.number,
            m.StatementParagraph.section,
            m.StatementParagraph.text,
            m.PresidentialStatement.source_id,
        )
        .join(
            m.PresidentialStatement,
            m.PresidentialStatement.symbol == m.StatementParagraph.statement_symbol,
        )
        .order_by(
            m.PresidentialStatement.year,
            m.PresidentialStatement.number,
            m.PresidentialStatement.symbol,
            m.StatementParagraph.position,
        ),
        _paragraph_sources(
            m.PresidentialStatement.symbol,
            m.StatementParagraph.statement_symbol,
            m.PresidentialStatement.source_id,
        ),
    ),
    "drafts": _Spec(
        DraftExport,
        select(*(getattr(m.Draft, name) for name in DraftExport.__dataclass_fields__)).order_by(
            m.Draft.date, m.Draft.symbol
        ),
        select(m.Draft.source_id).distinct(),
        lambda r: DraftExport(*_listed(r, 2)),
    ),
    "draft-paragraphs": _Spec(
        DraftParagraphExport,
        select(
            m.DraftParagraph.draft_symbol,
            m.DraftParagraph.position,
            m.DraftParagraph.kind,
            m.DraftParagraph.number,
            m.DraftParagraph.parent,
            m.DraftParagraph.section,
            m.DraftParagraph.text,
            m.Draft.source_id,
        )
        .join(m.Draft, m.Draft.symbol == m.DraftParagraph.draft_symbol)
        .order_by(m.Draft.date, m.Draft.symbol, m.DraftParagraph.position),
        _paragraph_sources(m.Draft.symbol, m.DraftParagraph.draft_symbol, m.Draft.source_id),
    ),
    "members": _Spec(
        MemberTermExport,
        select(
            m.Term.state_key,
            m.State.iso3,
            m.Term.name,
            m.State.name,
            m.Term.permanent,
            m.Term.start,
            m.Term.end,
            m.Term.source_ref,
        )
        .join(m.State, m.State.key == m.Term.state_key)
        .order_by(m.Term.start, m.Term.permanent.desc(), m.Term.state_key),
        # Seats come from the bundled law data, not from a dataset of the sources table:
        # each row cites its own source in ``source_ref``.
        None,
    ),
}

TABLES: tuple[str, ...] = tuple(SPECS)


def row_type(table: str) -> type[Row]:
    return SPECS[table].row


def count(session: Session, table: str) -> int:
    spec = SPECS[table]
    return session.scalar(select(func.count()).select_from(spec.query.subquery())) or 0


def source_ids(session: Session, table: str) -> list[str]:
    """The ids of the ``sources`` rows that ``table``'s rows name, sorted."""
    query = SPECS[table].sources
    ids = set() if query is None else set(session.scalars(query))
    if table == "vetoes" and session.scalar(
        select(func.count()).select_from(m.Veto).where(m.Veto.topic.is_not(None))
    ):
        # A veto's topic is the World Politics Data Lab's (``m.Veto.topic``).
        ids.add(_WPDL)
    return sorted(i for i in ids if i is not None)


_WPDL = "wpdl"


def _agenda(session: Session) -> dict[str, tuple[list[str], list[str]]]:
    """Each meeting's agenda item texts and outcome documents, in order (small: one row per
    agenda item)."""
    agenda: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    items = session.execute(
        select(
            m.MeetingAgendaItem.meeting_symbol,
            m.MeetingAgendaItem.text,
            m.MeetingAgendaItem.outcome_documents,
        ).order_by(m.MeetingAgendaItem.meeting_symbol, m.MeetingAgendaItem.position)
    )
    for symbol, text, documents in items:
        texts, outcomes = agenda[symbol]
        texts.append(text)
        outcomes.extend(d for d in documents or () if d not in outcomes)
    return agenda


def read(session: Session, table: str) -> Iterator[Row]:
    """Every row of ``table`` in order, fetched ``BATCH`` rows at a time."""
    spec = SPECS[table]
    result = session.execute(spec.query.execution_options(yield_per=BATCH))
    if table == "meetings":
        agenda = _agenda(session)
        for symbol, day, date_text, fmt, source_id, source_row in result:
            texts, outcomes = agenda.get(symbol, ([], []))
            yield MeetingExport(
                symbol, day, date_text, fmt, tuple(texts), tuple(outcomes), source_id, source_row
            )
        return
    make: Callable[[Any], Row] = spec.convert or (lambda r: spec.row(*r))
    for row in result:
        yield make(row)
