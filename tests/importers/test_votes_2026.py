"""The votes of 2026, made from UN DGACM's resolution metadata after the Sciences Po record
ends: the adoption line's tally wins, member lists that contradict it are not used, each vote
is decided by the engine, and a bad record names its file, line and field."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from unsc.core.recorded import RecordedOutcome
from unsc.core.types import Cast, Tally
from unsc.importers import unvotes
from unsc.importers.build import import_votes
from unsc.importers.progress import Silent
from unsc.importers.textfiles import RowError
from unsc.record import models as m
from unsc.service.database import Database
from unsc.service.record import bundled_law, bundled_record, replay_bundled
from unsc.web.app import Settings, create_app

BROKEN = Path(__file__).parents[1] / "corpus/broken/votes_2026"
EXPECTED = yaml.safe_load((BROKEN / "expected.yaml").read_text(encoding="utf-8"))
RECORD_2813 = json.loads((BROKEN / "bad_tally.json").read_text(encoding="utf-8"))
RECORD_2813["adoption_type"] = "Adopted 13-0-2, 10097th meeting"


def parse(*records: dict[str, object]) -> list[unvotes.UNVote]:
    text = "".join(json.dumps(r) + "\n" for r in records)
    return unvotes.parse(io.StringIO(text), bundled_law(), filename="2026.json")


@pytest.fixture(scope="module")
def by_number() -> dict[int, unvotes.UNVote]:
    votes = unvotes.bundled(bundled_law(), bundled_record().votes)
    return {u.vote.resolution or 0: u for u in votes}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_raises_an_error_naming_file_line_and_field(name: str) -> None:
    text = (BROKEN / name).read_text(encoding="utf-8")
    with pytest.raises(RowError) as info:
        unvotes.parse(io.StringIO(text), bundled_law(), filename=name)
    assert str(info.value) == EXPECTED[name]


def test_one_vote_per_resolution_of_2026(by_number: dict[int, unvotes.UNVote]) -> None:
    # 17 records for 14 resolutions (2820-2822 are given twice); none was in the record.
    assert sorted(by_number) == list(range(2812, 2826))
    assert all(u.vote.day.year == 2026 for u in by_number.values())
    assert {u.vote.vote_id for u in by_number.values()} == {100_000 + n for n in by_number}
    recorded = {v.resolution for v in bundled_record().votes}
    assert max(n for n in recorded if n is not None) == 2811  # S/RES/2811 (2025), 29 Dec.


def test_2812_keeps_the_adoption_lines_tally_and_no_member_votes(
    by_number: dict[int, unvotes.UNVote],
) -> None:
    u = by_number[2812]
    assert u.vote.tally == Tally(yes=13, abstain=2)
    assert u.casts == {} and u.vote.casts == {}
    assert u.note is not None
    assert "'Adopted 13-0-2, 10089th meeting'" in u.note
    assert "name 15 in favour, 0 against, 0 abstaining" in u.note
    assert "no member's vote is shown" in u.note
    assert "MS_in_favour_count" in u.note and "say 13-0-0" in u.note
    assert u.note.endswith("data_extract/2026.json, line 1)")
    assert (u.meeting, u.draft) == ("S/PV.10089", "S/2026/23")
    # No title in the metadata: the agenda item stands in.
    assert u.vote.title == "Maintenance of international peace and security"


def test_2813_names_china_and_russia_abstaining(by_number: dict[int, unvotes.UNVote]) -> None:
    u = by_number[2813]
    assert u.note is None and u.vote.tally == Tally(yes=13, abstain=2)
    assert {k for k, c in u.casts.items() if c is Cast.ABSTAIN} == {"CHN", "RUS"}
    in_favour = {k for k, c in u.casts.items() if c is Cast.YES}
    assert len(in_favour) == 13 and {"COD", "GBR", "USA", "FRA"} <= in_favour
    assert u.vote.casts == u.casts  # complete: the engine decides from the members' votes


def test_2816_keeps_the_meeting_the_other_fields_agree_on(
    by_number: dict[int, unvotes.UNVote],
) -> None:
    u = by_number[2816]
    assert u.meeting == "S/PV.10104"
    assert u.note == (
        "S/RES/2816 (2026): The meeting is S/PV.10104, as adoption_meeting, outcome_letter and "
        "document_title give; the adoption line ('Adopted unanimously, 9812th meeting') names "
        "the 9812th meeting. (UN DGACM, UNxml/SCresolutions, data_extract/2026.json, line 5)"
    )
    assert len(u.casts) == 15 and set(u.casts.values()) == {Cast.YES}


def test_the_replay_decides_and_reproduces_every_2026_vote() -> None:
    results = {r.vote.vote_id: r for r in replay_bundled().results if r.vote.vote_id > 100_000}
    assert len(results) == 14
    assert all(r.is_reproduced for r in results.values())
    vote_2821 = results[102821]
    assert vote_2821.vote.tally == Tally(yes=9, abstain=6)
    assert vote_2821.engine_outcome is RecordedOutcome.ADOPTED
    assert vote_2821.decision is not None and vote_2821.decision.threshold == 9
    assert results[102812].decision is not None  # from the tally alone


def test_a_list_given_as_a_python_literal_is_read() -> None:
    record = dict(RECORD_2813, MS_abstaining="['CHINA', 'RUSSIAN FEDERATION']")
    [u] = parse(record)
    assert {k for k, c in u.casts.items() if c is Cast.ABSTAIN} == {"CHN", "RUS"}
    assert u.note is None


def test_a_cut_off_name_is_left_out_and_the_tally_names_the_member() -> None:
    in_favour = [n for n in RECORD_2813["MS_in_favour"] if n != "UNITED STATES"]
    [u] = parse(dict(RECORD_2813, MS_in_favour=[*in_favour, "UNITE"]))
    assert u.casts["USA"] is Cast.YES and len(u.casts) == 15
    assert u.note is not None
    assert "The list MS_in_favour ends with a cut-off name, 'UNITE', left out." in u.note
    assert "United States: in no member list; counted in favour" in u.note


def test_a_member_in_no_list_is_unknown_unless_the_tally_says() -> None:
    # Two members missing from the lists, one vote in favour and one abstention left: the
    # tally cannot say which is which, so neither has a vote and the engine uses the tally.
    in_favour = [n for n in RECORD_2813["MS_in_favour"] if n != "UNITED STATES"]
    [u] = parse(dict(RECORD_2813, MS_in_favour=in_favour, MS_abstaining=["CHINA"]))
    assert "USA" not in u.casts and "RUS" not in u.casts and len(u.casts) == 13
    assert u.vote.casts == {} and u.vote.tally == Tally(yes=13, abstain=2)
    assert u.note is not None and "their votes are not known" in u.note
    # Members the adoption line leaves out of its counts are absent.
    [u] = parse(dict(RECORD_2813, adoption_type="Adopted 13-0-1", MS_abstaining=["CHINA"]))
    assert u.casts["RUS"] is Cast.ABSENT and u.vote.tally == Tally(yes=13, abstain=1, absent=1)


def test_un_names_resolve_to_the_members_of_the_day() -> None:
    law = bundled_law()
    council = law.on(dt.date(2018, 6, 1))
    assert unvotes._resolve(law, "NETHERLANDS (THE)", council).key == "NLD"
    council = law.on(dt.date(2026, 1, 27))
    assert unvotes._resolve(law, "DEMOCRATIC REPUBLIC OF THE CONGO", council).key == "COD"
    assert unvotes._resolve(law, "UNITED KINGDOM", council).key == "GBR"


def test_the_build_holds_the_2026_votes(record: Database) -> None:
    with record.sessions() as session:
        in_2026 = session.scalar(
            select(func.count()).select_from(m.Vote).where(m.Vote.date >= dt.date(2026, 1, 1))
        )
        resolutions = session.scalar(
            select(func.count(func.distinct(m.Resolution.number))).where(
                m.Resolution.adopted >= dt.date(2026, 1, 1)
            )
        )
        assert in_2026 == resolutions == 14
        vote = session.get(m.Vote, 102812)
        assert vote is not None and vote.source_id == unvotes.SOURCE_ID
        assert (vote.yes, vote.no, vote.abstain, vote.outcome) == (13, 0, 2, "adopted")
        assert vote.casts == [] and vote.annotation is not None
        assert "no member's vote is shown" in vote.annotation
        assert vote.meeting_symbol == "S/PV.10089" and vote.draft_symbol == "S/2026/23"
        vote = session.get(m.Vote, 102813)
        assert vote is not None and vote.annotation is None
        assert {c.state_key for c in vote.casts if c.cast == "abstain"} == {"CHN", "RUS"}
        assert sum(c.cast == "yes" for c in vote.casts) == 13
        vote = session.get(m.Vote, 102821)
        assert vote is not None and (vote.yes, vote.abstain, vote.threshold) == (9, 6, 9)
        assert vote.outcome == vote.recorded_outcome == "adopted" and vote.explanation
        assert vote.citations
        vote = session.get(m.Vote, 102816)
        assert vote is not None and vote.meeting_symbol == "S/PV.10104"  # kept after the veto lists
        resolution = session.get(m.Resolution, 2812)
        assert resolution is not None and resolution.vote_id == 102812
        source = session.get(m.Source, unvotes.SOURCE_ID)
        assert source is not None and "United Nations" in source.citation


def test_the_page_and_the_api_say_why_member_votes_are_not_shown(record: Database) -> None:
    with TestClient(create_app(Settings(record.url))) as client:
        body = client.get("/api/votes/102812").json()
        assert (body["yes"], body["abstain"]) == (13, 2)
        assert "contradict" in body["annotation"]
        page = client.get("/votes/102812")
        assert page.status_code == 200
        assert 'class="notice" role="note"' in page.text
        assert "name 15 in favour, 0 against, 0 abstaining" in page.text
        assert "Read from the UN" not in client.get("/votes/102813").text


def test_a_bad_file_changes_nothing(record: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> list[unvotes.UNVote]:
        text = (BROKEN / "bad_adoption.json").read_text(encoding="utf-8")
        return unvotes.parse(io.StringIO(text), bundled_law(), filename="bad_adoption.json")

    report = replay_bundled()
    monkeypatch.setattr(unvotes, "bundled", broken)
    with pytest.raises(RowError), record.sessions() as session, session.begin():
        import_votes(session, bundled_law(), report, Silent())
    with record.sessions() as session:
        assert session.scalar(select(func.count()).select_from(m.Vote)) == 3203 + 14
