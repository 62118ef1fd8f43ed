"""The document views on both databases: a resolution with its vote, meeting, draft and what
it changed in the 1718 regime; a meeting with its votes; counts by year; a vote's links."""

from __future__ import annotations

import datetime as dt

from unsc.core.documents import Paragraph, document_kind
from unsc.service import documents
from unsc.service.database import Database


def test_2397_with_its_vote_meeting_draft_and_op28(record: Database) -> None:
    view = documents.resolution_view(record, 2397)
    assert view is not None
    r = view.resolution
    assert r.symbol == "S/RES/2397 (2017)" and r.adopted == dt.date(2017, 12, 22)
    assert view.vote is not None and view.vote.outcome == "adopted"
    assert (view.vote.yes, view.vote.no, view.vote.abstain) == (15, 0, 0)
    assert view.meeting is not None and view.meeting.symbol == "S/PV.8151"
    assert view.draft is not None and view.draft.symbol == "S/2017/1092"
    assert not view.draft.internal  # an adopted draft's text is the resolution's
    op28 = next(p for p in r.operative if p.number == "28")
    assert op28.anchor == "op28" and "intercontinental" in op28.text
    assert r.preamble[0].anchor == "pp1"
    assert (view.previous, view.next) == (2396, 2398)
    # What its paragraphs changed in the 1718 regime, each anchored to its paragraph.
    made = {(c.paragraph, c.anchor) for c in view.changes}
    assert ("4", "op4") in made and ("5", "op5") in made
    assert {c.regime for c in view.changes} == {"1718"}


def test_a_resolution_not_in_the_record_and_one_without_regime_changes(record: Database) -> None:
    assert documents.resolution_view(record, 99_999) is None
    view = documents.resolution_view(record, 2639)
    assert view is not None and view.changes == ()


def test_s_pv_9048_with_the_vetoed_draft(record: Database) -> None:
    view = documents.meeting_view(record, "S/PV.9048")
    assert view is not None
    assert view.meeting.format == "public"
    assert [v.symbol for v in view.votes] == ["S/2022/431"]
    assert view.votes[0].outcome == "vetoed" or view.votes[0].reason == "veto"
    assert [link.symbol for link in view.outcomes] == ["S/2022/431"]


def test_a_meeting_that_adopted_a_resolution_links_to_its_page(record: Database) -> None:
    view = documents.meeting_view(record, "S/PV.8151")
    assert view is not None
    links = {link.symbol: link.url for link in view.outcomes}
    assert links["S/RES/2397 (2017)"] == "/resolutions/2397"


def test_meetings_per_year_by_format(record: Database) -> None:
    every = documents.meetings_view(record, documents.MeetingFilter(), limit=10, offset=0)
    assert every.total > 9_000 and len(every.meetings) == 10
    by_year = {y.year: y for y in every.per_year}
    assert by_year[1946].total > 0 and by_year[2022].total > 0
    assert sum(y.count("private") for y in every.per_year) > 600
    closed = documents.meetings_view(
        record, documents.MeetingFilter(year=2021, format="private"), limit=500, offset=0
    )
    assert closed.total > 0
    assert all(m.format == "private" and m.date and m.date.year == 2021 for m in closed.meetings)


def test_statements_per_year(record: Database) -> None:
    view = documents.statements_view(record, documents.StatementFilter(), limit=5, offset=0)
    counts = {y.year: y.total for y in view.per_year}
    assert counts[2017] >= 16  # S/PRST/2017/16 and the fifteen before it
    assert view.total > 700
    found = documents.statement_view(record, "S/PRST/2017/16")
    assert found is not None and found.statement.date == dt.date(2017, 8, 29)
    assert found.meeting is not None and found.meeting.symbol == "S/PV.8034"
    assert any("ballistic missile launch" in p.text for p in found.statement.paragraphs)


def test_a_draft_not_adopted_with_its_vote(record: Database) -> None:
    view = documents.draft_view(record, "S/2024/255")
    assert view is not None and view.vote is not None
    assert view.vote.reason == "veto" or view.vote.outcome == "vetoed"
    assert view.draft.operative


def test_the_vote_on_2397_links_meeting_draft_resolution_sponsors_and_neighbours(
    record: Database,
) -> None:
    view = documents.resolution_view(record, 2397)
    assert view is not None and view.vote is not None
    links = documents.vote_links(record, view.vote.id)
    assert links is not None
    assert links.resolution is not None and links.resolution.url == "/resolutions/2397"
    assert links.meeting is not None and links.meeting.url == "/meetings/S/PV.8151"
    assert links.draft is not None and links.draft.symbol == "S/2017/1092"
    assert links.sponsors == ("UNITED STATES",)
    assert links.previous is not None and links.next is not None
    before = documents.vote_links(record, links.previous)
    assert before is not None and before.next == view.vote.id


def test_a_vetoed_draft_links_to_its_text() -> None:
    assert documents.document_url("S/2024/255", here=True) == "/drafts/S/2024/255"
    assert documents.document_url("S/2024/255", here=False) == "https://undocs.org/en/S/2024/255"
    assert documents.document_url("S/RES/82 (1950)", here=False).endswith("S/RES/82(1950)")
    assert document_kind("S/PRST/2017/16") == "statement"


def test_paragraph_anchors() -> None:
    assert Paragraph("operative", "26 (a)", "26", "", "x").anchor == "op26a"
    assert Paragraph("preambular", "3", None, "", "x").anchor == "pp3"
    assert Paragraph("operative", None, None, "", "x").anchor == ""


def test_a_cited_paragraph_links_to_its_place_in_the_text() -> None:
    assert documents.paragraph_url("S/RES/2397 (2017), OP28") == "/resolutions/2397#op28"
    assert documents.paragraph_url("S/RES/2321 (2016), OP26(a)") == "/resolutions/2321#op26a"
    assert documents.paragraph_url("S/RES/1718 (2006)") == "/resolutions/1718"
    assert documents.paragraph_url("S/2022/431, OP3") is None
