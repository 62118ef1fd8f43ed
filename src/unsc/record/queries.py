"""Questions the record answers: filtered, paginated, as typed rows with real dates (the
edges turn them into JSON or HTML). ``list_votes`` and ``list_resolutions`` still answer
JSON-ready dicts: the read model's tests compare against them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from unsc.core.citations import Citation, SourceKind
from unsc.core.documents import EventRow, ResolutionRow, SourceRef, VoteRow
from unsc.core.types import Cast
from unsc.record import models as m

EVERY_VOTE = 100_000
"""More votes than the record holds: a limit that keeps every vote."""

Row = TypeVar("Row")

VOTE_COLUMNS = (
    "id",
    "date",
    "symbol",
    "draft_symbol",
    "resolution_symbol",
    "meeting_symbol",
    "title",
    "kind",
    "outcome",
    "reason",
    "yes",
    "no",
    "abstain",
    "absent",
    "not_participating",
    "threshold",
    "explanation",
    "recorded_outcome",
    "annotation",
    "source_id",
    "source_row",
    "simulation",
)


@dataclass(frozen=True)
class VoteFilter:
    symbol: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    outcome: str | None = None
    """adopted, not_adopted, vetoed, insufficient_votes."""
    members: frozenset[str] = field(default_factory=frozenset)
    """State keys: votes in which any of them sat."""
    q: str | None = None
    simulations: str = "exclude"
    """exclude (the real Council only), include, or only (votes of live sessions)."""
    voted: str | None = None
    """yes, no or abstain: votes in which one of ``members`` cast that vote."""
    vetoed_by: frozenset[str] = field(default_factory=frozenset)
    """State keys: votes that one of them vetoed."""
    subject: str | None = None
    """A part of the vote's subject (``vote_subjects``), case-blind."""


def _like(text: str) -> str:
    """A case-blind substring pattern with LIKE's wildcards taken literally."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _simulated(query: Select[Any], which: str, column: Any) -> Select[Any]:
    if which == "include":
        return query
    if which not in ("exclude", "only"):
        raise ValueError("simulations: exclude, include or only")
    simulated = select(m.Vote.id).where(m.Vote.simulation.is_(True))
    return query.where(column.in_(simulated) if which == "only" else column.not_in(simulated))


def _vote_query(f: VoteFilter) -> Select[Any]:
    query = _simulated(select(m.Vote), f.simulations, m.Vote.id)
    if f.symbol:
        pattern = f.symbol.replace(" ", "").upper()
        query = query.where(
            or_(
                func.upper(func.replace(m.Vote.symbol, " ", "")) == pattern,
                func.upper(func.replace(m.Vote.draft_symbol, " ", "")) == pattern,
                func.upper(m.Vote.meeting_symbol) == pattern,
            )
        )
    if f.start:
        query = query.where(m.Vote.date >= f.start)
    if f.end:
        query = query.where(m.Vote.date <= f.end)
    if f.outcome == "vetoed":
        query = query.where(m.Vote.reason == "veto")
    elif f.outcome == "insufficient_votes":
        query = query.where(m.Vote.reason == "insufficient_votes")
    elif f.outcome:
        query = query.where(m.Vote.outcome == f.outcome)
    if f.members:
        seated = select(m.Cast.vote_id).where(m.Cast.state_key.in_(f.members))
        if f.voted:
            seated = seated.where(m.Cast.cast == f.voted)
        query = query.where(m.Vote.id.in_(seated))
    if f.vetoed_by:
        vetoed = select(m.Veto.vote_id).where(m.Veto.state_key.in_(f.vetoed_by))
        query = query.where(m.Vote.id.in_(vetoed))
    if f.subject:
        like = _like(f.subject)
        adopted = select(m.Resolution.vote_id).where(
            or_(
                func.lower(m.Resolution.subjects_text).like(like, escape="\\"),
                func.lower(m.Resolution.agenda_item).like(like, escape="\\"),
            )
        )
        held = select(m.MeetingAgendaItem.meeting_symbol).where(
            func.lower(m.MeetingAgendaItem.text).like(like, escape="\\")
        )
        listed = select(m.VetoListEntry.matched_vote_id).where(
            func.lower(m.VetoListEntry.agenda_item).like(like, escape="\\")
        )
        query = query.where(
            or_(
                func.lower(m.Vote.title).like(like, escape="\\"),
                m.Vote.id.in_(adopted),
                m.Vote.meeting_symbol.in_(held),
                m.Vote.id.in_(listed),
            )
        )
    if f.q:
        like = _like(f.q)
        query = query.where(
            or_(
                func.lower(m.Vote.title).like(like, escape="\\"),
                func.lower(m.Vote.symbol).like(like, escape="\\"),
                func.lower(m.Vote.draft_symbol).like(like, escape="\\"),
            )
        )
    return query


def list_votes(session: Session, f: VoteFilter, *, limit: int, offset: int) -> PageOf[VoteRow]:
    """Votes newest first, asked of the database (the read model answers the API; this is
    what it is checked against)."""
    query = _vote_query(f)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    columns = [getattr(m.Vote, c) for c in VOTE_COLUMNS]
    page = (
        query.with_only_columns(*columns)
        .order_by(m.Vote.date.desc(), m.Vote.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return PageOf(total, tuple(VoteRow(*row) for row in session.execute(page)))


@dataclass(frozen=True, slots=True)
class CastRow:
    """How one member (``state_key``) voted on one vote: yes, no, abstain, absent or
    not_participating."""

    vote_id: int
    state_key: str
    cast: str


@dataclass(frozen=True, slots=True)
class VetoRow:
    """A member's veto of a draft, at the first vote on it that the member blocked."""

    vote_id: int
    state_key: str


def vote_rows(session: Session) -> list[VoteRow]:
    """Every vote of the record, live sessions' too, newest first (as ``list_votes``)."""
    columns = [getattr(m.Vote, c) for c in VOTE_COLUMNS]
    query = select(*columns).order_by(m.Vote.date.desc(), m.Vote.id.desc())
    return [VoteRow(*row) for row in session.execute(query)]


def vote_subjects(session: Session) -> dict[int, tuple[str, ...]]:
    """Each vote's subject where a source gives one: its title in the vote record, the UN's
    subject headings and agenda item of the resolution it adopted, the agenda items of the
    library's meeting at which it was taken, and the agenda item the veto lists give a
    vetoed draft."""
    out: dict[int, list[str]] = defaultdict(list)
    for vote_id, title in session.execute(select(m.Vote.id, m.Vote.title)):
        out[vote_id].append(title)
    for adopted_by, headings, item in session.execute(
        select(m.Resolution.vote_id, m.Resolution.subjects_text, m.Resolution.agenda_item).where(
            m.Resolution.vote_id.is_not(None)
        )
    ):
        if adopted_by is not None:
            out[adopted_by] += [headings, item]
    for vote_id, item in session.execute(
        select(m.Vote.id, m.MeetingAgendaItem.text).join(
            m.MeetingAgendaItem, m.MeetingAgendaItem.meeting_symbol == m.Vote.meeting_symbol
        )
    ):
        out[vote_id].append(item)
    for matched, item in session.execute(
        select(m.VetoListEntry.matched_vote_id, m.VetoListEntry.agenda_item).where(
            m.VetoListEntry.matched_vote_id.is_not(None)
        )
    ):
        if matched is not None:
            out[matched].append(item)
    return {k: tuple(x for x in v if x) for k, v in out.items()}


def cast_rows(session: Session) -> list[CastRow]:
    """Every member's cast on every vote."""
    query = select(m.Cast.vote_id, m.Cast.state_key, m.Cast.cast)
    return [CastRow(*row) for row in session.execute(query)]


def votes_with_casts(
    session: Session, f: VoteFilter
) -> tuple[tuple[VoteRow, ...], dict[int, dict[str, Cast]]]:
    """Every vote the filter keeps (not a page of them), and each one's casts by member."""
    rows = list_votes(session, f, limit=EVERY_VOTE, offset=0).items
    wanted = {r.id for r in rows}
    casts: dict[int, dict[str, Cast]] = defaultdict(dict)
    for c in cast_rows(session):
        if c.vote_id in wanted:
            casts[c.vote_id][c.state_key] = Cast(c.cast)
    return rows, casts


def veto_rows(session: Session) -> list[VetoRow]:
    """Every veto, by the vote it is counted at."""
    return [VetoRow(*row) for row in session.execute(select(m.Veto.vote_id, m.Veto.state_key))]


def record_version(session: Session) -> tuple[int, int | None, str | None]:
    """What changes when the record does: the votes' count and highest id (a live
    session's votes are stored at its end, numbered from 1,000,001) and the build's
    fingerprint (a rebuild from other data)."""
    count, highest = session.execute(select(func.count(), func.max(m.Vote.id))).one()
    fingerprint = session.scalar(select(m.Meta.value).where(m.Meta.key == "fingerprint"))
    return int(count), highest, fingerprint


@dataclass(frozen=True, slots=True)
class NamedCastRow:
    """How one member voted on a vote, named as it was that day: yes, no, abstain, absent
    or not_participating."""

    state_key: str
    name: str
    permanent: bool
    cast: str


@dataclass(frozen=True, slots=True)
class VoteDetailRow:
    """A vote with all the record holds of it: its row, the engine's reasons (``details``)
    and citations, each member's cast, the members that vetoed it, and its source."""

    vote: VoteRow
    details: tuple[str, ...]
    citations: tuple[Citation, ...]
    casts: tuple[NamedCastRow, ...]
    vetoed_by: tuple[str, ...]
    source: SourceRef


def _citation(stored: dict[str, Any]) -> Citation:
    return Citation(
        SourceKind(stored["kind"]), stored["ref"], stored.get("note", ""), stored.get("url", "")
    )


def get_vote(session: Session, vote_id: int) -> VoteDetailRow | None:
    vote = session.get(m.Vote, vote_id)
    if vote is None:
        return None
    vetoed_by = session.scalars(
        select(m.Veto.name).where(m.Veto.vote_id == vote_id).order_by(m.Veto.name)
    )
    return VoteDetailRow(
        VoteRow(*(getattr(vote, c) for c in VOTE_COLUMNS)),
        tuple(vote.details),
        tuple(_citation(c) for c in vote.citations),
        tuple(NamedCastRow(c.state_key, c.name, c.permanent, c.cast) for c in vote.casts),
        tuple(vetoed_by),
        source_ref(session, vote.source_id),
    )


def source_ref(session: Session, source_id: str) -> SourceRef:
    """A dataset the record was loaded from, as its source file credits it (only its id if
    the record does not hold it)."""
    row = session.get(m.Source, source_id)
    if row is None:
        return SourceRef(source_id)
    return SourceRef(row.id, row.title, row.file, row.licence, row.url, row.citation)


def sources(session: Session) -> list[SourceRef]:
    """Every dataset the record was loaded from, by id."""
    ids = session.scalars(select(m.Source.id).order_by(m.Source.id))
    return [source_ref(session, s) for s in ids]


@dataclass(frozen=True)
class VetoFilter:
    members: frozenset[str] = field(default_factory=frozenset)
    start: dt.date | None = None
    end: dt.date | None = None
    subject: str | None = None
    simulations: str = "exclude"


VETO_COLUMNS = (
    "id",
    "date",
    "draft_symbol",
    "state_key",
    "name",
    "subject",
    "topic",
    "votes",
    "vote_id",
)


def _veto_query(f: VetoFilter) -> Select[Any]:
    query = _simulated(select(m.Veto), f.simulations, m.Veto.vote_id)
    if f.members:
        query = query.where(m.Veto.state_key.in_(f.members))
    if f.start:
        query = query.where(m.Veto.date >= f.start)
    if f.end:
        query = query.where(m.Veto.date <= f.end)
    if f.subject:
        like = _like(f.subject)
        query = query.where(
            or_(
                func.lower(m.Veto.subject).like(like, escape="\\"),
                func.lower(m.Veto.topic).like(like, escape="\\"),
            )
        )
    return query


@dataclass(frozen=True, slots=True)
class VetoDetailRow:
    """A member's veto of a draft (one per draft and member), as the list of vetoes shows
    it: the fields of ``VETO_COLUMNS``, in that order, with its real date."""

    id: int
    date: dt.date
    draft_symbol: str
    state_key: str
    name: str
    """The vetoing member as named on the day."""
    subject: str
    topic: str | None
    votes: int
    """Votes on this draft that the member blocked."""
    vote_id: int


@dataclass(frozen=True, slots=True)
class PageOf(Generic[Row]):
    """A page of a list: how many rows match, and the page's rows."""

    total: int
    items: tuple[Row, ...]


def list_vetoes(
    session: Session, f: VetoFilter, *, limit: int, offset: int
) -> PageOf[VetoDetailRow]:
    query = _veto_query(f)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    columns = [getattr(m.Veto, c) for c in VETO_COLUMNS]
    page = (
        query.with_only_columns(*columns)
        .order_by(m.Veto.date.desc(), m.Veto.name, m.Veto.id)
        .limit(limit)
        .offset(offset)
    )
    return PageOf(total, tuple(VetoDetailRow(*row) for row in session.execute(page)))


def veto_counts(session: Session, f: VetoFilter) -> dict[str, dict[int, int]]:
    """Vetoes per member (as named when cast) and decade, under the filter."""
    sub = _veto_query(f).subquery()
    rows = session.execute(select(sub.c.name, sub.c.date))
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for name, day in rows:
        counts[name][day.year // 10 * 10] += 1
    return {k: dict(v) for k, v in counts.items()}


VOTED = ("yes", "no", "abstain")


@dataclass(frozen=True, slots=True)
class TermRow:
    """A seat a state held: as whom, permanent or elected, from and to (none: continuing),
    and what seated it (``source``)."""

    name: str
    permanent: bool
    start: dt.date
    end: dt.date | None
    source: str


@dataclass(frozen=True, slots=True)
class MemberRow:
    """A state that sat on the Council, with its seats, the votes it cast (yes, no or
    abstain) and its vetoes, live sessions' left out."""

    key: str
    name: str
    iso3: str
    permanent: bool
    terms: tuple[TermRow, ...]
    votes: int
    vetoes: int


def members(session: Session, key: str | None = None) -> list[MemberRow]:
    """Every state that sat (or the one with ``key``), by name, with its seats, the votes
    it cast (yes, no or abstain) and its vetoes."""
    terms: dict[str, list[TermRow]] = defaultdict(list)
    term_query = select(m.Term).order_by(m.Term.start)
    if key is not None:
        term_query = term_query.where(m.Term.state_key == key)
    for t in session.scalars(term_query):
        terms[t.state_key].append(TermRow(t.name, t.permanent, t.start, t.end, t.source_ref))
    vetoes: dict[str, int] = dict(
        session.execute(
            select(m.Veto.state_key, func.count())
            .join(m.Vote, m.Vote.id == m.Veto.vote_id)
            .where(m.Vote.simulation.is_(False))
            .group_by(m.Veto.state_key)
        ).all()
    )
    votes: dict[str, int] = dict(
        session.execute(
            select(m.Cast.state_key, func.count())
            .join(m.Vote, m.Vote.id == m.Cast.vote_id)
            .where(m.Cast.cast.in_(VOTED), m.Vote.simulation.is_(False))
            .group_by(m.Cast.state_key)
        ).all()
    )
    out = []
    state_query = select(m.State).order_by(m.State.name)
    if key is not None:
        state_query = state_query.where(m.State.key == key)
    for s in session.scalars(state_query):
        if s.key not in terms:
            continue
        out.append(
            MemberRow(
                s.key,
                s.name,
                s.iso3,
                any(t.permanent for t in terms[s.key]),
                tuple(terms[s.key]),
                votes.get(s.key, 0),
                vetoes.get(s.key, 0),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class StateRow:
    """A state of the record, by its key, with its ISO code and its name."""

    key: str
    iso3: str
    name: str


def state(session: Session, key: str) -> StateRow | None:
    found = session.get(m.State, key)
    return None if found is None else StateRow(found.key, found.iso3, found.name)


def member_casts(
    session: Session, key: str, start: dt.date | None, end: dt.date | None
) -> dict[int, str]:
    """How the member voted on each vote of the Council's record over the period, by vote
    id: yes, no, abstain, absent or not_participating."""
    query = (
        select(m.Cast.vote_id, m.Cast.cast)
        .join(m.Vote)
        .where(m.Cast.state_key == key, m.Vote.simulation.is_(False))
    )
    if start:
        query = query.where(m.Vote.date >= start)
    if end:
        query = query.where(m.Vote.date <= end)
    return dict(session.execute(query).all())


@dataclass(frozen=True, slots=True)
class AgreementRow:
    """How often another member (``key``, named as on its last vote of the period) voted
    as one did: on ``same`` of the ``votes_together`` votes both cast yes, no or abstain."""

    key: str
    name: str
    votes_together: int
    same: int
    agreement: float
    """``same`` / ``votes_together``, to four places."""


def agreement(
    session: Session, key: str, start: dt.date | None, end: dt.date | None
) -> list[AgreementRow]:
    """How often each other member voted as ``key`` did (yes, no or abstain) on the votes
    both took part in over the period, most in agreement first; adoptions without a vote
    are left out."""
    mine = {v: c for v, c in member_casts(session, key, start, end).items() if c in VOTED}
    if not mine:
        return []
    rows = session.execute(
        select(m.Cast.state_key, m.Cast.name, m.Cast.vote_id, m.Cast.cast).where(
            and_(m.Cast.vote_id.in_(mine), m.Cast.state_key != key)
        )
    )
    same: dict[str, int] = defaultdict(int)
    both: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    for other, name, vote_id, cast in rows:
        if cast not in VOTED:
            continue
        names[other] = name
        both[other] += 1
        same[other] += cast == mine[vote_id]
    found = (AgreementRow(k, names[k], both[k], same[k], round(same[k] / both[k], 4)) for k in both)
    return sorted(found, key=lambda r: (-r.agreement, r.name))


EVENT_COLUMNS = (
    "id",
    "kind",
    "date",
    "date_basis",
    "date_precision",
    "date_new_york",
    "date_korea",
    "name",
    "missile_type",
    "outcome",
    "facility",
    "apogee_km",
    "distance_km",
    "icbm_class",
    "source_id",
    "source_row",
    "source_ref",
    "utc",
)


def list_events(
    session: Session,
    kind: str | None,
    start: dt.date | None,
    end: dt.date | None,
    *,
    limit: int,
    offset: int,
) -> PageOf[EventRow]:
    """Launches and tests, oldest first."""
    query = select(m.Event)
    if kind:
        query = query.where(m.Event.kind == kind)
    if start:
        query = query.where(m.Event.date >= start)
    if end:
        query = query.where(m.Event.date <= end)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    columns = [getattr(m.Event, c) for c in EVENT_COLUMNS]
    page = (
        query.with_only_columns(*columns)
        .order_by(m.Event.date, m.Event.id)
        .limit(limit)
        .offset(offset)
    )
    return PageOf(total, tuple(EventRow(*row) for row in session.execute(page)))


@dataclass(frozen=True, slots=True)
class VetoListDifference:
    """A row of a veto list (``source_id``, row ``source_row``) that differs from the vote
    record, and how (``difference``); ``matched_vote_id`` is the vote it was matched to."""

    source_id: str
    source_row: int
    date: dt.date
    draft_symbol: str
    members: tuple[str, ...]
    matched_vote_id: int | None
    difference: str


def veto_list_differences(session: Session) -> list[VetoListDifference]:
    """Every row of the veto lists that differs from the vote record, by date."""
    rows = session.scalars(
        select(m.VetoListEntry)
        .where(m.VetoListEntry.difference.is_not(None))
        .order_by(m.VetoListEntry.date)
    )
    return [
        VetoListDifference(
            e.source_id,
            e.source_row,
            e.date,
            e.draft_symbol,
            tuple(e.members),
            e.matched_vote_id,
            e.difference or "",
        )
        for e in rows
    ]


def latest_votes(session: Session, n: int) -> list[VoteRow]:
    """The Council's ``n`` latest votes, newest first (live sessions' left out)."""
    columns = [getattr(m.Vote, c) for c in VOTE_COLUMNS]
    query = (
        select(*columns)
        .where(m.Vote.simulation.is_(False))
        .order_by(m.Vote.date.desc(), m.Vote.id.desc())
        .limit(n)
    )
    return [VoteRow(*row) for row in session.execute(query)]


def annotated_votes(session: Session) -> list[VoteRow]:
    """The votes that needed a cited annotation, by id."""
    columns = [getattr(m.Vote, c) for c in VOTE_COLUMNS]
    query = select(*columns).where(m.Vote.annotation.is_not(None)).order_by(m.Vote.id)
    return [VoteRow(*row) for row in session.execute(query)]


def meta(session: Session) -> dict[str, str]:
    """What the record says of its own build: ``built`` (when), ``fingerprint`` (of the
    bundled data it was built from), by key."""
    return dict(session.execute(select(m.Meta.key, m.Meta.value)).all())


RESOLUTION_COLUMNS = (
    "number",
    "symbol",
    "adopted",
    "meeting_symbol",
    "adoption",
    "agenda_item",
    "title",
    "draft_symbol",
    "chapter_vii",
    "sponsors",
    "subjects",
    "yes",
    "no",
    "abstain",
    "vote_id",
    "source_id",
    "source_ref",
)


def list_resolutions(
    session: Session,
    start: dt.date | None,
    end: dt.date | None,
    subject: str | None,
    chapter_vii: bool | None,
    q: str | None,
    *,
    limit: int,
    offset: int,
) -> PageOf[ResolutionRow]:
    """Resolutions by number, with their metadata (not their text). ``subject`` is a part of
    a subject heading or of the agenda item, ``q`` a part of the title or agenda item, both
    case-blind."""
    query = select(m.Resolution)
    if start:
        query = query.where(m.Resolution.adopted >= start)
    if end:
        query = query.where(m.Resolution.adopted <= end)
    if subject:
        # The UN's headings of some name no country (2087 (2013) on the DPRK): the agenda
        # item does.
        query = query.where(
            or_(
                func.lower(m.Resolution.subjects_text).like(_like(subject), escape="\\"),
                func.lower(m.Resolution.agenda_item).like(_like(subject), escape="\\"),
            )
        )
    if chapter_vii is not None:
        query = query.where(m.Resolution.chapter_vii.is_(chapter_vii))
    if q:
        query = query.where(
            or_(
                func.lower(m.Resolution.title).like(_like(q), escape="\\"),
                func.lower(m.Resolution.agenda_item).like(_like(q), escape="\\"),
            )
        )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    columns = [getattr(m.Resolution, c) for c in RESOLUTION_COLUMNS]
    page = (
        query.with_only_columns(*columns).order_by(m.Resolution.number).limit(limit).offset(offset)
    )
    return PageOf(total, tuple(_resolution_row(row._asdict()) for row in session.execute(page)))


@dataclass(frozen=True)
class ResolutionFilter:
    """The questions of ``list_resolutions``: adopted from ``start`` to ``end``, a part of a
    subject heading, under Chapter VII or not, a part of the title or agenda item."""

    start: dt.date | None = None
    end: dt.date | None = None
    subject: str | None = None
    chapter_vii: bool | None = None
    q: str | None = None


def resolution_rows(session: Session) -> list[ResolutionRow]:
    """Every resolution of the record, by number (as ``list_resolutions``)."""
    columns = [getattr(m.Resolution, c) for c in RESOLUTION_COLUMNS]
    query = select(*columns).order_by(m.Resolution.number)
    return [_resolution_row(row._asdict()) for row in session.execute(query)]


def _resolution_row(values: dict[str, Any]) -> ResolutionRow:
    return ResolutionRow(
        **{**values, "sponsors": tuple(values["sponsors"]), "subjects": tuple(values["subjects"])}
    )
