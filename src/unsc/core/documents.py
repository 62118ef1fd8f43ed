"""The Council's documents as the record holds them: meetings, resolutions, presidential
statements and drafts, with their paragraphs. Plain typed rows with real dates; the record
reads them, the services combine them, the edges turn them into JSON or HTML."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A dataset the record was loaded from, as its source file credits it."""

    id: str
    title: str = ""
    file: str = ""
    licence: str = ""
    url: str = ""
    citation: str = ""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of a resolution, a draft or a statement.

    ``kind`` is preambular or operative (a resolution or a draft), or opening, paragraph,
    heading or text (a statement). ``number`` is a preambular paragraph's place ("3"), an
    operative paragraph's number as printed ("28", "26 (a)"), or none."""

    kind: str
    number: str | None
    parent: str | None
    section: str
    text: str

    @property
    def anchor(self) -> str:
        return paragraph_anchor(self.kind, self.number)


def paragraph_anchor(kind: str, number: str | None) -> str:
    """The fragment that links to a paragraph on its document's page: ``op28``, ``op26a``
    (operative 26 (a)), ``pp3`` (the third preambular paragraph); empty if unnumbered."""
    if not number:
        return ""
    prefix = "pp" if kind == "preambular" else "op"
    return prefix + re.sub(r"[^0-9a-z]", "", number.lower())


@dataclass(frozen=True, slots=True)
class VoteRow:
    """A vote as the lists of the record show it: the fields of the record's
    ``VOTE_COLUMNS`` (``unsc.record.queries``), in that order, with its real date."""

    id: int
    date: dt.date
    symbol: str
    draft_symbol: str | None
    resolution_symbol: str | None
    meeting_symbol: str | None
    title: str
    kind: str
    outcome: str
    reason: str | None
    yes: int | None
    no: int | None
    abstain: int | None
    absent: int | None
    not_participating: int | None
    threshold: int | None
    explanation: str
    recorded_outcome: str
    annotation: str | None
    source_id: str
    source_row: int
    simulation: bool


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One row of the library's meeting table: an item considered, and what came of it."""

    position: int
    text: str
    record: str
    date: dt.date
    date_text: str
    press_release: str
    outcome: str
    outcome_documents: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Meeting:
    symbol: str
    """S/PV.n, or no-spv-<date>-<n> for a 2020-21 video-conference without one."""
    date: dt.date | None
    date_text: str | None
    format: str | None
    """public, private, vtc-open-no-spv, or none where the source does not say."""
    public: bool | None
    agenda: tuple[AgendaItem, ...]
    source_id: str
    source_row: int

    @property
    def outcome_documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(d for item in self.agenda for d in item.outcome_documents))

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(item.text for item in self.agenda))


@dataclass(frozen=True, slots=True)
class ResolutionRow:
    """A resolution as the list shows it: the fields of ``RESOLUTION_COLUMNS``, in that
    order, with its real date of adoption."""

    number: int
    symbol: str
    adopted: dt.date
    meeting_symbol: str | None
    adoption: str
    agenda_item: str
    title: str | None
    draft_symbol: str | None
    chapter_vii: bool | None
    sponsors: tuple[str, ...]
    subjects: tuple[str, ...]
    yes: int | None
    no: int | None
    abstain: int | None
    vote_id: int | None
    source_id: str
    source_ref: str


@dataclass(frozen=True, slots=True)
class Resolution(ResolutionRow):
    """A resolution with its text."""

    paragraphs: tuple[Paragraph, ...] = ()

    @property
    def preamble(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.kind == "preambular")

    @property
    def operative(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.kind != "preambular")


@dataclass(frozen=True, slots=True)
class PresidentialStatement:
    symbol: str
    date: dt.date
    agenda_item: str | None
    meeting_symbol: str | None
    corrigendum_of: str | None
    parse_note: str | None
    source_id: str
    source_ref: str
    paragraphs: tuple[Paragraph, ...] = ()


@dataclass(frozen=True, slots=True)
class Draft:
    """A draft resolution the Council did not adopt."""

    symbol: str
    date: dt.date
    sponsors: tuple[str, ...]
    vote_id: int | None
    source_id: str
    source_ref: str
    paragraphs: tuple[Paragraph, ...] = ()

    @property
    def preamble(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.kind == "preambular")

    @property
    def operative(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.kind != "preambular")


@dataclass(frozen=True, slots=True)
class YearCount:
    """How many of something in one year, by kind (a meeting's format, say)."""

    year: int
    counts: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    def count(self, kind: str) -> int:
        return dict(self.counts).get(kind, 0)


def document_kind(symbol: str) -> str:
    """What a UN symbol names: resolution, statement, meeting, draft or document."""
    s = symbol.strip().upper()
    if s.startswith("S/RES/"):
        return "resolution"
    if s.startswith("S/PRST/"):
        return "statement"
    if s.startswith("S/PV."):
        return "meeting"
    if re.fullmatch(r"S/\d{4}/\d+(/REV\.\d+)?", s):
        return "draft"
    return "document"


def resolution_number(symbol: str) -> int | None:
    """``S/RES/2397 (2017)`` → 2397."""
    found = re.match(r"\s*S/RES/(\d+)", symbol, re.IGNORECASE)
    return int(found.group(1)) if found else None


@dataclass(frozen=True, slots=True)
class EventRow:
    """A DPRK launch (one row per missile) or nuclear test with all the record holds of it.
    ``date`` is the UTC day, ``utc`` the moment in UTC where the source gives the time."""

    id: int
    kind: str
    date: dt.date
    date_basis: str
    date_precision: str
    date_new_york: dt.date | None
    date_korea: dt.date | None
    name: str
    missile_type: str | None
    outcome: str | None
    facility: str | None
    apogee_km: float | None
    distance_km: float | None
    icbm_class: bool
    source_id: str
    source_row: int
    source_ref: str
    utc: dt.datetime | None
