"""The record's tables (SQLAlchemy 2.0). Every row keeps its provenance: a source and a row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Source(Base):
    """A dataset or document the record's rows come from, with its licence."""

    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    file: Mapped[str] = mapped_column(Text, default="")
    licence: Mapped[str] = mapped_column(String(80))
    url: Mapped[str] = mapped_column(Text, default="")
    citation: Mapped[str] = mapped_column(Text, default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")


class State(Base):
    """A state that has sat on the Council (or signed a joint statement)."""

    __tablename__ = "states"

    key: Mapped[str] = mapped_column(String(8), primary_key=True)
    iso3: Mapped[str] = mapped_column(String(3))
    name: Mapped[str] = mapped_column(String(120))
    un_name: Mapped[str] = mapped_column(String(120))


class Term(Base):
    """A seat held by a state: permanent, or an elected term."""

    __tablename__ = "terms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    state_key: Mapped[str] = mapped_column(ForeignKey("states.key"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    """The state's name at the start of the term."""
    permanent: Mapped[bool] = mapped_column(Boolean)
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    source_ref: Mapped[str] = mapped_column(Text)


class Meeting(Base):
    """A formal meeting (S/PV.n), known from a source that names it; a meeting the library
    lists without an S/PV number (the 2020-21 video-conferences) has its own key,
    ``no-spv-<date>-<n>`` (see ``unsc.importers.meetings``)."""

    __tablename__ = "meetings"

    symbol: Mapped[str] = mapped_column(String(40), primary_key=True)
    date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    public: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    format: Mapped[str | None] = mapped_column(String(20), nullable=True, index=True)
    """public, private or vtc-open-no-spv, where the source says; else empty."""
    date_text: Mapped[str | None] = mapped_column(String(60), nullable=True)
    """The date as the source prints it (a range such as "14-15 October" is kept here;
    ``date`` is its first day)."""
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    source_row: Mapped[int] = mapped_column(Integer)

    agenda: Mapped[list[MeetingAgendaItem]] = relationship(
        order_by="MeetingAgendaItem.position", cascade="all, delete-orphan"
    )


class MeetingAgendaItem(Base):
    """One agenda row of a meeting, as the library's table gives it, with its outcome."""

    __tablename__ = "meeting_agenda_items"
    __table_args__ = (UniqueConstraint("meeting_symbol", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_symbol: Mapped[str] = mapped_column(ForeignKey("meetings.symbol", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    record: Mapped[str] = mapped_column(String(120))
    """The record cell as printed, e.g. "S/PV.77 (closed)", "S/PV.3336 (Resumption 1)"."""
    date: Mapped[dt.date] = mapped_column(Date)
    date_text: Mapped[str] = mapped_column(String(60))
    press_release: Mapped[str] = mapped_column(String(120))
    outcome: Mapped[str] = mapped_column(Text)
    outcome_documents: Mapped[list[str]] = mapped_column(JSON)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    source_row: Mapped[int] = mapped_column(Integer)


class Vote(Base):
    """One vote of the Council on a draft, with the engine's decision and explanation."""

    __tablename__ = "votes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    symbol: Mapped[str] = mapped_column(String(60), index=True)
    """As the record gives it: the resolution (S/RES/n (yyyy)) or the draft / meeting."""
    draft_symbol: Mapped[str | None] = mapped_column(String(60), nullable=True, index=True)
    resolution_symbol: Mapped[str | None] = mapped_column(String(60), nullable=True)
    resolution: Mapped[int | None] = mapped_column(Integer, nullable=True)
    meeting_symbol: Mapped[str | None] = mapped_column(String(40), nullable=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(30))
    recorded_outcome: Mapped[str] = mapped_column(String(30))
    outcome: Mapped[str] = mapped_column(String(20), index=True)
    reason: Mapped[str | None] = mapped_column(String(30), nullable=True)
    yes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    no: Mapped[int | None] = mapped_column(Integer, nullable=True)
    abstain: Mapped[int | None] = mapped_column(Integer, nullable=True)
    absent: Mapped[int | None] = mapped_column(Integer, nullable=True)
    not_participating: Mapped[int | None] = mapped_column(Integer, nullable=True)
    threshold: Mapped[int | None] = mapped_column(Integer, nullable=True)
    explanation: Mapped[str] = mapped_column(Text)
    details: Mapped[list[str]] = mapped_column(JSON)
    citations: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    annotation: Mapped[str | None] = mapped_column(Text, nullable=True)
    simulation: Mapped[bool] = mapped_column(Boolean, default=False)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    source_row: Mapped[int] = mapped_column(Integer)

    casts: Mapped[list[Cast]] = relationship(
        back_populates="vote", order_by="Cast.position", cascade="all, delete-orphan"
    )


class Cast(Base):
    """How one member voted on one vote."""

    __tablename__ = "casts"
    __table_args__ = (UniqueConstraint("vote_id", "state_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"))
    state_key: Mapped[str] = mapped_column(ForeignKey("states.key"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    """The member's name on the day of the vote."""
    permanent: Mapped[bool] = mapped_column(Boolean)
    cast: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer)

    vote: Mapped[Vote] = relationship(back_populates="casts")


class Veto(Base):
    """A veto, counted once per draft and per member (see ``unsc.importers.votes.VETO_RULE``).

    Several votes on one draft (paragraphs, or membership applications taken under one
    symbol) count once; ``votes`` says how many votes the member blocked on it.
    """

    __tablename__ = "vetoes"
    __table_args__ = (
        UniqueConstraint("draft_symbol", "date", "state_key"),
        Index("ix_vetoes_state_date", "state_key", "date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"))
    """The first vote on the draft that the member blocked."""
    votes: Mapped[int] = mapped_column(Integer, default=1)
    state_key: Mapped[str] = mapped_column(ForeignKey("states.key"))
    name: Mapped[str] = mapped_column(String(120))
    date: Mapped[dt.date] = mapped_column(Date)
    draft_symbol: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(Text)
    topic: Mapped[str | None] = mapped_column(String(80), nullable=True)
    """The World Politics Data Lab's topic, where its list has the draft."""


class VetoListEntry(Base):
    """A row of a published veto list, and whether the vote record agrees with it."""

    __tablename__ = "veto_list_entries"
    __table_args__ = (UniqueConstraint("source_id", "source_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    source_row: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date)
    draft_symbol: Mapped[str] = mapped_column(String(60))
    meeting_symbol: Mapped[str] = mapped_column(String(200))
    agenda_item: Mapped[str] = mapped_column(Text)
    topic: Mapped[str | None] = mapped_column(String(80), nullable=True)
    members: Mapped[list[str]] = mapped_column(JSON)
    matched_vote_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    difference: Mapped[str | None] = mapped_column(Text, nullable=True)
    """Empty when the vote record shows the same vetoing members; otherwise what differs."""


class Statement(Base):
    """A presidential or press statement (consensus decisions) or a joint statement."""

    __tablename__ = "statements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    symbol: Mapped[str | None] = mapped_column(String(40), nullable=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    subject: Mapped[str] = mapped_column(Text)
    council_status: Mapped[bool] = mapped_column(Boolean)
    read_by: Mapped[str | None] = mapped_column(String(120), nullable=True)
    signatories: Mapped[list[str]] = mapped_column(JSON)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    source_ref: Mapped[str] = mapped_column(Text)


class Event(Base):
    """A DPRK missile launch (one row per missile) or nuclear test, with its dates in UTC,
    New York and Korea where the source's time allows them to be computed."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    """The date as the source gives it (UTC for the CNS-derived data)."""
    date_basis: Mapped[str] = mapped_column(String(40))
    date_precision: Mapped[str] = mapped_column(String(10), default="day")
    utc: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    date_new_york: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    date_korea: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    name: Mapped[str] = mapped_column(String(120))
    missile_type: Mapped[str | None] = mapped_column(String(40), nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)
    facility: Mapped[str | None] = mapped_column(String(120), nullable=True)
    apogee_km: Mapped[float | None] = mapped_column(nullable=True)
    distance_km: Mapped[float | None] = mapped_column(nullable=True)
    icbm_class: Mapped[bool] = mapped_column(Boolean, default=False)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    source_row: Mapped[int] = mapped_column(Integer)
    source_ref: Mapped[str] = mapped_column(Text, default="")


class Meta(Base):
    """Facts about the database itself, e.g. the fingerprint of the data it was built from."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class LiveSession(Base):
    """A live meeting: the Council it sits as (a real date, or a custom roster)."""

    __tablename__ = "live_sessions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    date: Mapped[dt.date] = mapped_column(Date)
    roster: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True)
    """``None`` for the real Council on ``date``; else [{"name", "permanent"}]."""
    threshold: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created: Mapped[dt.datetime] = mapped_column(DateTime)


class LiveToken(Base):
    """A secret link for one role in one session: the chair, a delegation, the projector.
    Only its hash is kept."""

    __tablename__ = "live_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("live_sessions.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    """chair, delegation or projector."""
    seat: Mapped[str | None] = mapped_column(String(16), nullable=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class LiveEvent(Base):
    """The append-only log of a session; its state is derived from these rows alone."""

    __tablename__ = "live_events"
    __table_args__ = (UniqueConstraint("session_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("live_sessions.id"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    actor: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(DateTime)


class LiveBallot(Base):
    """One ballot per delegation per vote, and one per client ballot id: the database
    refuses a second, whatever the server's code does."""

    __tablename__ = "live_ballots"
    __table_args__ = (
        UniqueConstraint("session_id", "vote", "seat"),
        UniqueConstraint("session_id", "ballot_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("live_sessions.id"))
    vote: Mapped[int] = mapped_column(Integer)
    seat: Mapped[str] = mapped_column(String(16))
    ballot_id: Mapped[str] = mapped_column(String(64))
    cast: Mapped[str] = mapped_column(String(20))
    seq: Mapped[int] = mapped_column(Integer)


class Resolution(Base):
    """A resolution of the Council (2000-2026), from UN DGACM's machine-readable documents
    (``unsc.importers.resolutions``): its metadata and, in ``paragraphs``, its text."""

    __tablename__ = "resolutions"

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    symbol: Mapped[str] = mapped_column(String(40), unique=True)
    """S/RES/n (yyyy)."""
    adopted: Mapped[dt.date] = mapped_column(Date, index=True)
    meeting_symbol: Mapped[str | None] = mapped_column(String(40), nullable=True)
    """S/PV.n; none for a resolution adopted by written procedure (2020-21)."""
    adoption: Mapped[str] = mapped_column(Text)
    """As the metadata gives it: "Adopted unanimously, 8151st meeting"."""
    agenda_item: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    """The library's title, as given (even where it is wrong)."""
    draft_symbol: Mapped[str | None] = mapped_column(String(60), nullable=True, index=True)
    chapter_vii: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    """True, false (not applicable), or unknown where the metadata does not say."""
    sponsors: Mapped[list[str]] = mapped_column(JSON)
    subjects: Mapped[list[str]] = mapped_column(JSON)
    """UNBIS Thesaurus and library authority headings."""
    subjects_text: Mapped[str] = mapped_column(Text)
    """The headings joined by newlines, for the subject filter."""
    yes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    no: Mapped[int | None] = mapped_column(Integer, nullable=True)
    abstain: Mapped[int | None] = mapped_column(Integer, nullable=True)
    vote_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    """The vote of the record that adopted it, matched by symbol."""
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    source_ref: Mapped[str] = mapped_column(Text)
    """The metadata file and line, the text file and line."""

    paragraphs: Mapped[list[ResolutionParagraph]] = relationship(
        order_by="ResolutionParagraph.position", cascade="all, delete-orphan"
    )


class ResolutionParagraph(Base):
    """One paragraph of a resolution: preambular (numbered by its place) or operative
    ("28", "26 (a)"; none for an unnumbered line), with its parent and section heading."""

    __tablename__ = "resolution_paragraphs"
    __table_args__ = (UniqueConstraint("resolution_number", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resolution_number: Mapped[int] = mapped_column(
        ForeignKey("resolutions.number", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(12))
    """preambular or operative."""
    number: Mapped[str | None] = mapped_column(String(30), nullable=True)
    parent: Mapped[str | None] = mapped_column(String(30), nullable=True)
    position: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)


class PresidentialStatement(Base):
    """A statement by the President of the Security Council (S/PRST, 2000-2026), from UN
    DGACM's machine-readable documents (``unsc.importers.statements``), with its text in
    ``paragraphs``. Not the ``statements`` table, which holds the DPRK fact sheet's."""

    __tablename__ = "presidential_statements"

    symbol: Mapped[str] = mapped_column(String(40), primary_key=True)
    """S/PRST/yyyy/n, or S/PRST/yyyy/n/Corr.k."""
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    agenda_item: Mapped[str | None] = mapped_column(Text, nullable=True)
    """The item its opening words name, where they name one."""
    meeting_symbol: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    """The meeting whose outcome documents name it (the library's meetings, to June 2022);
    else the S/PV meeting its opening words name ("At the 8034th meeting")."""
    corrigendum_of: Mapped[str | None] = mapped_column(String(40), nullable=True)
    parse_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    """Set where the source file is not well-formed XML and was read leniently."""
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    source_ref: Mapped[str] = mapped_column(Text)
    """The bundled file and line, and the upstream XML file."""

    paragraphs: Mapped[list[StatementParagraph]] = relationship(
        order_by="StatementParagraph.position", cascade="all, delete-orphan"
    )


class StatementParagraph(Base):
    """One paragraph of a presidential statement: its opening words, a paragraph, a heading,
    or (a file read leniently) its whole text."""

    __tablename__ = "statement_paragraphs"
    __table_args__ = (UniqueConstraint("statement_symbol", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    statement_symbol: Mapped[str] = mapped_column(
        ForeignKey("presidential_statements.symbol", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(12))
    """opening, paragraph, heading or text."""
    number: Mapped[str | None] = mapped_column(String(30), nullable=True)
    position: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)


class Draft(Base):
    """A draft resolution the Council did not adopt (2023-2025), from UN DGACM's
    machine-readable documents (``unsc.importers.drafts``): its sponsors and its text."""

    __tablename__ = "drafts"

    symbol: Mapped[str] = mapped_column(String(40), primary_key=True)
    """S/yyyy/n."""
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    """The date on its cover."""
    sponsors: Mapped[list[str]] = mapped_column(JSON)
    vote_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    """The vote of the record on it, matched by draft symbol."""
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    source_ref: Mapped[str] = mapped_column(Text)

    paragraphs: Mapped[list[DraftParagraph]] = relationship(
        order_by="DraftParagraph.position", cascade="all, delete-orphan"
    )


class DraftParagraph(Base):
    """One paragraph of a draft, of the same shape as a resolution's."""

    __tablename__ = "draft_paragraphs"
    __table_args__ = (UniqueConstraint("draft_symbol", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_symbol: Mapped[str] = mapped_column(ForeignKey("drafts.symbol", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))
    """preambular or operative."""
    number: Mapped[str | None] = mapped_column(String(30), nullable=True)
    parent: Mapped[str | None] = mapped_column(String(30), nullable=True)
    position: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)


class SearchDocument(Base):
    """One thing search can find: a vote, a resolution or one of its paragraphs, a meeting,
    a presidential statement or one of its paragraphs, a draft or one of its paragraphs, a
    DPRK launch or test. Built at the end of the full build (``unsc.record.search``), with a
    full-text index over ``title``, ``body`` and ``extra``: FTS5 on SQLite (``search_fts``),
    a generated ``tsv`` column with a GIN index on PostgreSQL (both made by migration 0007)."""

    __tablename__ = "search_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    symbol: Mapped[str] = mapped_column(String(80))
    """The document's symbol as shown (S/RES/2397 (2017), S/PV.9048), or an event's name."""
    symbol_key: Mapped[str] = mapped_column(String(80), index=True)
    """The symbol folded for exact look-up (``unsc.core.search_query.symbol_key``)."""
    date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    extra: Mapped[str] = mapped_column(Text, default="")
    """Other ways to find it: the launches a response follows, the symbols it names."""
    url: Mapped[str] = mapped_column(Text)
