"""The record's reads for the DPRK file, as typed rows: launches and tests, the fact
sheet's statements, the votes with the permanent members' casts, and the documents that
mention Korea (the caller decides, with ``unsc.analysis.dprk``, which name the DPRK)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from unsc.analysis.dprk import FactStatement
from unsc.core.documents import EventRow, VoteRow
from unsc.record import models as m
from unsc.record import queries
from unsc.record.documents import VOTE_LINE, vote_lines


def events(session: Session) -> list[EventRow]:
    """Every launch and test, oldest first."""
    return list(queries.list_events(session, None, None, None, limit=1_000_000, offset=0).items)


def fact_statements(session: Session) -> list[FactStatement]:
    rows = session.scalars(select(m.Statement).order_by(m.Statement.date, m.Statement.id))
    return [
        FactStatement(
            s.date,
            s.kind,
            s.symbol,
            s.subject,
            s.council_status,
            s.read_by,
            tuple(s.signatories),
            s.source_ref,
        )
        for s in rows
    ]


def votes_on(session: Session, resolutions: Sequence[int]) -> list[VoteRow]:
    query = (
        select(*VOTE_LINE)
        .where(m.Vote.resolution.in_(resolutions), m.Vote.simulation.is_(False))
        .order_by(m.Vote.date, m.Vote.id)
    )
    return vote_lines(session, query)


def votes_on_drafts(session: Session, drafts: Sequence[str]) -> list[VoteRow]:
    wanted = [d.replace(" ", "").upper() for d in drafts]
    query = (
        select(*VOTE_LINE)
        .where(
            or_(
                func.upper(func.replace(m.Vote.draft_symbol, " ", "")).in_(wanted),
                func.upper(func.replace(m.Vote.symbol, " ", "")).in_(wanted),
            ),
            m.Vote.simulation.is_(False),
        )
        .order_by(m.Vote.date, m.Vote.id)
    )
    return vote_lines(session, query)


def votes_mentioning(session: Session, word: str) -> list[tuple[VoteRow, str]]:
    """Council votes whose title, or whose meeting's agenda, contains ``word`` (any case),
    each with that text."""
    pattern = f"%{word.lower()}%"
    agenda = (
        select(m.MeetingAgendaItem.meeting_symbol, m.MeetingAgendaItem.text)
        .where(func.lower(m.MeetingAgendaItem.text).like(pattern))
        .subquery()
    )
    query = (
        select(*VOTE_LINE, agenda.c.text)
        .outerjoin(agenda, agenda.c.meeting_symbol == m.Vote.meeting_symbol)
        .where(
            or_(func.lower(m.Vote.title).like(pattern), agenda.c.text.is_not(None)),
            m.Vote.simulation.is_(False),
        )
        .order_by(m.Vote.date, m.Vote.id)
    )
    out: dict[int, tuple[VoteRow, str]] = {}
    for row in session.execute(query):
        cells: tuple[Any, ...] = tuple(row)
        line = VoteRow(*cells[:-1])
        text = f"{line.title}\n{cells[-1] or ''}"
        previous = out.get(line.id)
        out[line.id] = (line, text if previous is None else previous[1] + "\n" + text)
    return list(out.values())


def permanent_casts(
    session: Session, vote_ids: Sequence[int]
) -> dict[int, dict[str, tuple[str, str]]]:
    """For each vote, the permanent members' casts: state key → (name, cast)."""
    out: dict[int, dict[str, tuple[str, str]]] = defaultdict(dict)
    if not vote_ids:
        return out
    rows = session.execute(
        select(m.Cast.vote_id, m.Cast.state_key, m.Cast.name, m.Cast.cast).where(
            m.Cast.vote_id.in_(vote_ids), m.Cast.permanent.is_(True)
        )
    )
    for vote_id, key, name, cast in rows:
        out[vote_id][key] = (name, cast)
    return out


def vetoers(session: Session, vote_ids: Sequence[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    if vote_ids:
        rows = session.execute(
            select(m.Veto.vote_id, m.Veto.name)
            .where(m.Veto.vote_id.in_(vote_ids))
            .order_by(m.Veto.name)
        )
        for vote_id, name in rows:
            out[vote_id].append(name)
    return out


def statements_mentioning(session: Session, word: str) -> list[tuple[str, dt.date, str]]:
    """Presidential statements whose agenda item or text contains ``word`` (any case):
    symbol, date, and the agenda item with the text."""
    pattern = f"%{word.lower()}%"
    in_text = (
        select(m.StatementParagraph.statement_symbol)
        .where(func.lower(m.StatementParagraph.text).like(pattern))
        .distinct()
    )
    rows = session.scalars(
        select(m.PresidentialStatement)
        .where(
            or_(
                func.lower(m.PresidentialStatement.agenda_item).like(pattern),
                m.PresidentialStatement.symbol.in_(in_text),
            ),
            m.PresidentialStatement.corrigendum_of.is_(None),
        )
        .order_by(m.PresidentialStatement.date)
    )
    return [
        (s.symbol, s.date, "\n".join([s.agenda_item or "", *(p.text for p in s.paragraphs)]))
        for s in rows
    ]


def last_statement_date(session: Session) -> dt.date | None:
    return session.scalar(select(func.max(m.PresidentialStatement.date)))
