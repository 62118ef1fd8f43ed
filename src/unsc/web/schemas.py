"""The API's response shapes (OpenAPI), apart from the database tables."""

from __future__ import annotations

from pydantic import BaseModel, Field


class SourceInfo(BaseModel):
    id: str
    title: str | None = None
    file: str | None = None
    licence: str | None = None
    url: str | None = None
    citation: str | None = None


class Citation(BaseModel):
    kind: str
    ref: str
    note: str | None = None
    url: str | None = None


class VoteItem(BaseModel):
    id: int = Field(description="Vote id in the Sciences Po record (1 = oldest)")
    date: str
    symbol: str
    draft_symbol: str | None
    resolution_symbol: str | None
    meeting_symbol: str | None
    title: str
    kind: str = Field(description="substantive, procedural or without_vote")
    outcome: str = Field(description="adopted or not_adopted, as the engine decided")
    reason: str | None = Field(description="null, veto or insufficient_votes")
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


class CastItem(BaseModel):
    state_key: str
    name: str
    permanent: bool
    cast: str


class VoteDetail(VoteItem):
    details: list[str]
    citations: list[Citation]
    casts: list[CastItem]
    vetoed_by: list[str]
    source: SourceInfo


class VotesPage(BaseModel):
    total: int
    items: list[VoteItem]
    sources: list[SourceInfo]


class VetoItem(BaseModel):
    id: int
    date: str
    draft_symbol: str
    state_key: str
    name: str = Field(description="The vetoing member as named on the day")
    subject: str
    topic: str | None
    votes: int = Field(description="Votes on this draft the member blocked")
    vote_id: int


class VetoesPage(BaseModel):
    total: int
    items: list[VetoItem]
    counting_rule: str
    sources: list[SourceInfo]


class TermItem(BaseModel):
    name: str
    permanent: bool
    start: str
    end: str | None
    source: str


class MemberItem(BaseModel):
    key: str
    name: str
    iso3: str
    permanent: bool
    terms: list[TermItem]
    votes: int
    vetoes: int


class MembersPage(BaseModel):
    total: int
    items: list[MemberItem]


class CouncilMember(BaseModel):
    name: str
    iso3: str
    permanent: bool
    term_start: str
    term_end: str | None
    source: Citation | None = Field(
        description="what seats it: the Charter, a succession, an election, the vote record"
    )


class President(BaseModel):
    name: str
    iso3: str
    basis: str = Field(
        description="'rule 18', or rule 18 over the known members only when seats are unknown"
    )


class CouncilView(BaseModel):
    date: str
    seats: int
    threshold: int
    unknown_seats: int = Field(
        description="elected seats not in the bundled data (after the last known election)"
    )
    note: str | None = Field(description="what the unknown seats mean; null when none")
    members: list[CouncilMember]
    president: President | None
    citations: list[Citation]


class EventItem(BaseModel):
    id: int
    kind: str = Field(description="missile_launch or nuclear_test")
    date: str
    date_basis: str
    date_precision: str
    utc: str | None
    date_new_york: str | None
    date_korea: str | None
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


class EventsPage(BaseModel):
    total: int
    items: list[EventItem]
    sources: list[SourceInfo]


class MeetingItem(BaseModel):
    symbol: str = Field(
        description="S/PV.n, or no-spv-<date>-<n> for a meeting the library lists without "
        "an S/PV number (the 2020-21 video-conferences)"
    )
    date: str | None = Field(description="The first day (of a range or of a resumed meeting)")
    date_text: str | None = Field(description="The date as the source prints it")
    format: str | None = Field(description="public, private or vtc-open-no-spv; null if unknown")
    public: bool | None
    agenda: list[str]
    outcome_documents: list[str] = Field(description="Resolutions, PRSTs and drafts")
    source_id: str
    source_row: int


class MeetingsPage(BaseModel):
    total: int
    items: list[MeetingItem]
    sources: list[SourceInfo]


class AgendaItem(BaseModel):
    position: int
    text: str
    record: str = Field(description='The record as printed, e.g. "S/PV.77 (closed)"')
    date: str
    date_text: str
    press_release: str = Field(description='SC/nnnnn, "None issued", or empty before 1993')
    outcome: str = Field(description='As printed, e.g. "S/RES/2397 (2017) ; 15-0-0"')
    outcome_documents: list[str]


class MeetingDetail(BaseModel):
    symbol: str
    date: str | None
    date_text: str | None
    format: str | None
    public: bool | None
    agenda: list[AgendaItem]
    outcome_documents: list[str]
    votes: list[VoteItem] = Field(description="The votes taken at the meeting")
    source_id: str
    source_row: int
    source: SourceInfo


class DecisionOut(BaseModel):
    date: str
    kind: str
    symbol: str | None
    outcome: str
    reason: str | None
    yes: int | None
    no: int | None
    abstain: int | None
    absent: int | None
    not_participating: int | None
    threshold: int | None
    vetoed_by: list[str]
    objected_by: list[str]
    explanation: str
    details: list[str]
    citations: list[Citation]
    ga_debate_deadline: str | None


class ErrorOut(BaseModel):
    error: str
    details: list[str] | None = None


class ResolutionItem(BaseModel):
    number: int
    symbol: str = Field(description="S/RES/n (yyyy)")
    adopted: str
    meeting_symbol: str | None = Field(
        description="S/PV.n; null for a resolution adopted by written procedure (2020-21)"
    )
    adoption: str = Field(description='As the metadata gives it: "Adopted unanimously, ..."')
    agenda_item: str
    title: str | None = Field(description="The library's title, as given (even where wrong)")
    draft_symbol: str | None
    chapter_vii: bool | None = Field(description="Adopted under Chapter VII; null if unknown")
    sponsors: list[str]
    subjects: list[str] = Field(description="UNBIS Thesaurus and library authority headings")
    yes: int | None
    no: int | None
    abstain: int | None
    vote_id: int | None = Field(description="The vote of the record that adopted it")
    source_id: str
    source_ref: str = Field(description="The metadata file and line, the text file and line")


class ResolutionsPage(BaseModel):
    total: int
    items: list[ResolutionItem]
    sources: list[SourceInfo]


class ResolutionParagraphOut(BaseModel):
    number: str | None = Field(
        description='Preambular: its place (1, 2, ...); operative: "28", "26 (a)"; null for '
        "an unnumbered line"
    )
    parent: str | None = Field(description='The paragraph it belongs to ("26" for "26 (a)")')
    section: str = Field(description="The heading it stands under, if any")
    text: str


class ResolutionDetail(ResolutionItem):
    preamble: list[ResolutionParagraphOut]
    operative: list[ResolutionParagraphOut]
    source: SourceInfo


class StatementItem(BaseModel):
    symbol: str = Field(description="S/PRST/yyyy/n, or S/PRST/yyyy/n/Corr.k")
    date: str
    agenda_item: str | None = Field(description="The item its opening words name, if any")
    meeting_symbol: str | None = Field(
        description="The meeting whose outcome documents name it (library's meetings, to June "
        "2022), else the S/PV meeting its opening words name"
    )
    corrigendum_of: str | None = Field(description="For a corrigendum, the statement corrected")
    parse_note: str | None = Field(
        description="Set where the source file is not well-formed XML and was read leniently"
    )
    source_id: str
    source_ref: str = Field(description="The bundled file and line, and the upstream XML file")


class StatementsPage(BaseModel):
    total: int
    items: list[StatementItem]
    sources: list[SourceInfo]


class StatementParagraphOut(BaseModel):
    kind: str = Field(
        description="opening (the words before the statement), paragraph, heading, or text "
        "(the whole text of a file read leniently)"
    )
    number: str | None = Field(description='Only for the few lettered items ("(a)")')
    section: str
    text: str


class StatementDetail(StatementItem):
    paragraphs: list[StatementParagraphOut]
    source: SourceInfo


class DraftDetail(BaseModel):
    symbol: str = Field(description="S/yyyy/n")
    date: str = Field(description="The date on its cover")
    sponsors: list[str] = Field(description="As its preface names them")
    vote_id: int | None = Field(description="The vote of the record on it")
    source_id: str
    source_ref: str
    preamble: list[ResolutionParagraphOut]
    operative: list[ResolutionParagraphOut]
    source: SourceInfo


class SearchItem(BaseModel):
    kind: str = Field(
        description="resolution, resolution_paragraph, vote, meeting, statement, "
        "statement_paragraph, draft, draft_paragraph or event"
    )
    symbol: str = Field(description="The document's symbol (S/RES/2397 (2017)), or an event's name")
    date: str | None = Field(description="YYYY-MM-DD")
    title: str
    snippet: str = Field(
        description="Where the query matched: the text HTML-escaped, each matched word in "
        "<mark>…</mark> (safe to insert as HTML)"
    )
    url: str = Field(description="The page on this site, with the paragraph's #anchor")


class SearchGroup(BaseModel):
    kind: str
    total: int


class SearchPage(BaseModel):
    total: int = Field(description="Results of the kinds asked for (every kind if none)")
    items: list[SearchItem]
    groups: list[SearchGroup] = Field(description="Results per kind, whatever kinds were asked")
