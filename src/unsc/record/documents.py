"""The record's documents read as typed rows (``unsc.core.documents``): meetings,
resolutions, presidential statements and drafts, the votes that go with them, and counts
by year."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from unsc.core.documents import (
    AgendaItem,
    Draft,
    Meeting,
    Paragraph,
    PresidentialStatement,
    Resolution,
    SourceRef,
    VoteRow,
    YearCount,
)
from unsc.record import models as m
from unsc.record.queries import VOTE_COLUMNS


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def source(session: Session, source_id: str) -> SourceRef:
    row = session.get(m.Source, source_id)
    if row is None:
        return SourceRef(source_id)
    return SourceRef(row.id, row.title, row.file, row.licence, row.url, row.citation)


def _agenda(item: m.MeetingAgendaItem) -> AgendaItem:
    return AgendaItem(
        item.position,
        item.text,
        item.record,
        item.date,
        item.date_text,
        item.press_release,
        item.outcome,
        tuple(item.outcome_documents),
    )


def _meeting(row: m.Meeting, agenda: Iterable[AgendaItem]) -> Meeting:
    return Meeting(
        row.symbol,
        row.date,
        row.date_text,
        row.format,
        row.public,
        tuple(agenda),
        row.source_id,
        row.source_row,
    )


def get_meeting(session: Session, symbol: str) -> Meeting | None:
    row = session.get(m.Meeting, symbol)
    if row is None:
        return None
    return _meeting(row, (_agenda(item) for item in row.agenda))


VOTE_LINE = tuple(getattr(m.Vote, c) for c in VOTE_COLUMNS)
"""The columns of a ``VoteRow``, in its order."""


def vote_lines(session: Session, query: Executable) -> list[VoteRow]:
    return [VoteRow(*row) for row in session.execute(query)]


def votes_at(session: Session, meeting: Meeting) -> list[VoteRow]:
    """The votes taken at a meeting: those written with its symbol, and those whose
    resolution or draft its outcome documents name."""
    documents = meeting.outcome_documents
    named = [m.Vote.meeting_symbol == meeting.symbol]
    if documents:
        named += [m.Vote.resolution_symbol.in_(documents), m.Vote.draft_symbol.in_(documents)]
    query = (
        select(*VOTE_LINE)
        .where(or_(*named), m.Vote.simulation.is_(False))
        .order_by(m.Vote.date, m.Vote.id)
    )
    return vote_lines(session, query)


def vote_line(session: Session, vote_id: int) -> VoteRow | None:
    found = vote_lines(session, select(*VOTE_LINE).where(m.Vote.id == vote_id))
    return found[0] if found else None


def vote_neighbours(session: Session, vote_id: int) -> tuple[int | None, int | None]:
    """The votes of the Council's record just before and just after one, by date then id
    (a live session's votes, kept apart, are neither)."""
    vote = session.get(m.Vote, vote_id)
    if vote is None:
        return None, None
    council = m.Vote.simulation.is_(False)
    before = session.scalar(
        select(m.Vote.id)
        .where(
            council,
            or_(m.Vote.date < vote.date, (m.Vote.date == vote.date) & (m.Vote.id < vote.id)),
        )
        .order_by(m.Vote.date.desc(), m.Vote.id.desc())
        .limit(1)
    )
    after = session.scalar(
        select(m.Vote.id)
        .where(
            council,
            or_(m.Vote.date > vote.date, (m.Vote.date == vote.date) & (m.Vote.id > vote.id)),
        )
        .order_by(m.Vote.date, m.Vote.id)
        .limit(1)
    )
    return before, after


def _paragraph(
    row: m.ResolutionParagraph | m.DraftParagraph | m.StatementParagraph,
) -> Paragraph:
    parent = getattr(row, "parent", None)
    return Paragraph(row.kind, row.number, parent, row.section, row.text)


def _resolution(row: m.Resolution, paragraphs: Iterable[Paragraph] = ()) -> Resolution:
    return Resolution(
        row.number,
        row.symbol,
        row.adopted,
        row.meeting_symbol,
        row.adoption,
        row.agenda_item,
        row.title,
        row.draft_symbol,
        row.chapter_vii,
        tuple(row.sponsors),
        tuple(row.subjects),
        row.yes,
        row.no,
        row.abstain,
        row.vote_id,
        row.source_id,
        row.source_ref,
        tuple(paragraphs),
    )


def get_resolution(session: Session, number: int) -> Resolution | None:
    row = session.get(m.Resolution, number)
    if row is None:
        return None
    return _resolution(row, (_paragraph(p) for p in row.paragraphs))


def resolutions_by_number(session: Session, numbers: Sequence[int]) -> dict[int, Resolution]:
    """The named resolutions the record holds (without their text)."""
    if not numbers:
        return {}
    rows = session.scalars(select(m.Resolution).where(m.Resolution.number.in_(numbers)))
    return {row.number: _resolution(row) for row in rows}


@dataclass(frozen=True)
class ResolutionFilter:
    year: int | None = None
    subject: str | None = None
    """A part of a UNBIS or library subject heading or of the agenda item, case-blind
    (``KOREA``)."""
    chapter_vii: bool | None = None
    q: str | None = None
    """A part of the title or the agenda item, case-blind."""


def list_resolutions(
    session: Session, f: ResolutionFilter, *, limit: int, offset: int
) -> tuple[int, list[Resolution]]:
    """Resolutions newest first (without their text), and how many match."""
    query = select(m.Resolution)
    if f.year is not None:
        query = query.where(
            m.Resolution.adopted >= dt.date(f.year, 1, 1),
            m.Resolution.adopted <= dt.date(f.year, 12, 31),
        )
    if f.subject:
        # The UN's headings miss the country for some (2087 (2013) on the DPRK has none):
        # the agenda item names it.
        query = query.where(
            or_(
                func.lower(m.Resolution.subjects_text).like(_like(f.subject), escape="\\"),
                func.lower(m.Resolution.agenda_item).like(_like(f.subject), escape="\\"),
            )
        )
    if f.chapter_vii is not None:
        query = query.where(m.Resolution.chapter_vii.is_(f.chapter_vii))
    if f.q:
        query = query.where(
            or_(
                func.lower(m.Resolution.title).like(_like(f.q), escape="\\"),
                func.lower(m.Resolution.agenda_item).like(_like(f.q), escape="\\"),
            )
        )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(m.Resolution.number.desc()).limit(limit).offset(offset))
    return total, [_resolution(row) for row in rows]


def resolutions_per_year(session: Session) -> list[YearCount]:
    """Resolutions per year, by whether the metadata says Chapter VII."""
    rows = session.execute(select(m.Resolution.adopted, m.Resolution.chapter_vii))
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for day, chapter in rows:
        kind = "Chapter VII" if chapter else "other" if chapter is False else "not stated"
        counts[day.year][kind] += 1
    return [YearCount(year, tuple(sorted(counts[year].items()))) for year in sorted(counts)]


def resolution_for_vote(session: Session, vote_id: int) -> Resolution | None:
    row = session.scalar(select(m.Resolution).where(m.Resolution.vote_id == vote_id).limit(1))
    return None if row is None else _resolution(row)


def resolution_neighbours(session: Session, number: int) -> tuple[int | None, int | None]:
    before = session.scalar(
        select(func.max(m.Resolution.number)).where(m.Resolution.number < number)
    )
    after = session.scalar(
        select(func.min(m.Resolution.number)).where(m.Resolution.number > number)
    )
    return before, after


def get_statement(session: Session, symbol: str) -> PresidentialStatement | None:
    row = session.get(m.PresidentialStatement, symbol)
    if row is None:
        return None
    return PresidentialStatement(
        row.symbol,
        row.date,
        row.agenda_item,
        row.meeting_symbol,
        row.corrigendum_of,
        row.parse_note,
        row.source_id,
        row.source_ref,
        tuple(_paragraph(p) for p in row.paragraphs),
    )


def statements_at(session: Session, meeting_symbol: str) -> list[str]:
    """The presidential statements made at a meeting."""
    query = (
        select(m.PresidentialStatement.symbol)
        .where(m.PresidentialStatement.meeting_symbol == meeting_symbol)
        .order_by(m.PresidentialStatement.symbol)
    )
    return list(session.scalars(query))


def _draft(row: m.Draft, paragraphs: Iterable[Paragraph] = ()) -> Draft:
    return Draft(
        row.symbol,
        row.date,
        tuple(row.sponsors),
        row.vote_id,
        row.source_id,
        row.source_ref,
        tuple(paragraphs),
    )


def get_draft(session: Session, symbol: str) -> Draft | None:
    row = session.get(m.Draft, symbol)
    if row is None:
        return None
    return _draft(row, (_paragraph(p) for p in row.paragraphs))


def draft_for_vote(session: Session, vote_id: int) -> Draft | None:
    row = session.scalar(select(m.Draft).where(m.Draft.vote_id == vote_id).limit(1))
    return None if row is None else _draft(row)


def known_symbols(session: Session, symbols: Sequence[str]) -> set[str]:
    """Which of these meeting, statement and draft symbols the record holds a page for."""
    if not symbols:
        return set()
    found: set[str] = set()
    for column in (m.Meeting.symbol, m.PresidentialStatement.symbol, m.Draft.symbol):
        found.update(session.scalars(select(column).where(column.in_(symbols))))
    return found


@dataclass(frozen=True)
class MeetingFilter:
    year: int | None = None
    format: str | None = None
    """A value of ``meetings.format``: public, private, vtc-open-no-spv."""
    agenda: str | None = None
    """A part of an agenda item, case-blind."""
    start: dt.date | None = None
    end: dt.date | None = None


def _meetings_query(f: MeetingFilter) -> Select[Any]:
    query = select(m.Meeting)
    if f.start is not None:
        query = query.where(m.Meeting.date >= f.start)
    if f.end is not None:
        query = query.where(m.Meeting.date <= f.end)
    if f.year is not None:
        query = query.where(
            m.Meeting.date >= dt.date(f.year, 1, 1), m.Meeting.date <= dt.date(f.year, 12, 31)
        )
    if f.format:
        query = query.where(m.Meeting.format == f.format)
    if f.agenda:
        matching = select(m.MeetingAgendaItem.meeting_symbol).where(
            func.lower(m.MeetingAgendaItem.text).like(_like(f.agenda), escape="\\")
        )
        query = query.where(m.Meeting.symbol.in_(matching))
    return query


def list_meetings(
    session: Session, f: MeetingFilter, *, limit: int, offset: int
) -> tuple[int, list[Meeting]]:
    """Meetings newest first, with their agenda, and how many match."""
    query = _meetings_query(f)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = list(
        session.scalars(
            query.order_by(m.Meeting.date.desc(), m.Meeting.source_row).limit(limit).offset(offset)
        )
    )
    agenda: dict[str, list[AgendaItem]] = defaultdict(list)
    if rows:
        items = session.scalars(
            select(m.MeetingAgendaItem)
            .where(m.MeetingAgendaItem.meeting_symbol.in_([r.symbol for r in rows]))
            .order_by(m.MeetingAgendaItem.meeting_symbol, m.MeetingAgendaItem.position)
        )
        for item in items:
            agenda[item.meeting_symbol].append(_agenda(item))
    return total, [_meeting(row, agenda[row.symbol]) for row in rows]


def meetings_per_year(session: Session, f: MeetingFilter) -> list[YearCount]:
    """Meetings matching the filter (whatever its year) per year, by format."""
    query = _meetings_query(MeetingFilter(format=f.format, agenda=f.agenda)).subquery()
    rows = session.execute(select(query.c.date, query.c.format).where(query.c.date.is_not(None)))
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for day, format_ in rows:
        counts[day.year][format_ or "unknown"] += 1
    return [YearCount(year, tuple(sorted(counts[year].items()))) for year in sorted(counts)]


def statements_per_year(session: Session) -> list[YearCount]:
    """Presidential statements per year (corrigenda not counted)."""
    rows = session.execute(
        select(m.PresidentialStatement.year, func.count())
        .where(m.PresidentialStatement.corrigendum_of.is_(None))
        .group_by(m.PresidentialStatement.year)
        .order_by(m.PresidentialStatement.year)
    )
    return [YearCount(year, (("statements", n),)) for year, n in rows]


@dataclass(frozen=True)
class StatementFilter:
    year: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    q: str | None = None
    """A part of the agenda item or of any paragraph, case-blind."""
    newest_first: bool = True


def list_statements(
    session: Session, f: StatementFilter, *, limit: int, offset: int
) -> tuple[int, list[PresidentialStatement]]:
    """Presidential statements (without their text) in the order of their symbols, newest
    or oldest first, and how many match."""
    query = select(m.PresidentialStatement)
    if f.year is not None:
        query = query.where(m.PresidentialStatement.year == f.year)
    if f.start is not None:
        query = query.where(m.PresidentialStatement.date >= f.start)
    if f.end is not None:
        query = query.where(m.PresidentialStatement.date <= f.end)
    if f.q:
        pattern = _like(f.q)
        in_text = (
            select(m.StatementParagraph.id)
            .where(
                m.StatementParagraph.statement_symbol == m.PresidentialStatement.symbol,
                func.lower(m.StatementParagraph.text).like(pattern, escape="\\"),
            )
            .exists()
        )
        query = query.where(
            or_(
                func.lower(m.PresidentialStatement.agenda_item).like(pattern, escape="\\"),
                in_text,
            )
        )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    year, number = m.PresidentialStatement.year, m.PresidentialStatement.number
    order = (year.desc(), number.desc()) if f.newest_first else (year, number)
    rows = session.scalars(
        query.order_by(*order, m.PresidentialStatement.symbol).limit(limit).offset(offset)
    )
    return total, [
        PresidentialStatement(
            r.symbol,
            r.date,
            r.agenda_item,
            r.meeting_symbol,
            r.corrigendum_of,
            r.parse_note,
            r.source_id,
            r.source_ref,
        )
        for r in rows
    ]


def meeting_formats(session: Session) -> list[str]:
    return [
        f
        for f in session.scalars(select(m.Meeting.format).distinct().order_by(m.Meeting.format))
        if f
    ]
