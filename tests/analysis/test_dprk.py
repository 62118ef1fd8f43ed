"""The DPRK file's questions, answered from the record on both databases."""

from __future__ import annotations

import datetime as dt

from unsc.analysis.dprk import (
    PermanentVotes,
    first_split,
    meetings_in_words,
    names_the_dprk,
    per_year_by_format,
    split_in_words,
)
from unsc.core.documents import VoteRow
from unsc.service.database import Database
from unsc.service.dprk import dprk_view


def _line(vote_id: int, day: str, symbol: str) -> VoteRow:
    return VoteRow(
        id=vote_id,
        date=dt.date.fromisoformat(day),
        symbol=symbol,
        draft_symbol=None,
        resolution_symbol=None,
        meeting_symbol=None,
        title="",
        kind="draft_resolution",
        outcome="",
        reason=None,
        yes=0,
        no=0,
        abstain=0,
        absent=0,
        not_participating=0,
        threshold=9,
        explanation="",
        recorded_outcome="",
        annotation=None,
        source_id="sciencespo",
        source_row=vote_id,
        simulation=False,
    )


def test_the_names_of_the_dprk_in_the_library_s_spellings() -> None:
    assert names_the_dprk("Non-proliferation/Democratic People's Republic of Korea")
    assert names_the_dprk("Non-proliferation/Democratic Poeple's Republic of Korea")
    assert names_the_dprk("Non‑proliferation/Democratic People’s Republic of Korea")
    assert names_the_dprk("Non-proliferation/Democratic Peopleâs Republic of Korea")
    assert names_the_dprk("the DPRK's launch")
    assert not names_the_dprk("Complaint of aggression upon the Republic of Korea")
    assert not names_the_dprk("The situation concerning the Democratic Republic of the Congo")


def test_the_first_split_is_the_first_vote_the_five_did_not_cast_alike() -> None:
    alike = {k: (k, "yes") for k in ("CHN", "FRA", "GBR", "RUS", "USA")}
    split = {**alike, "CHN": ("China", "no"), "RUS": ("Russia", "no")}
    votes = [
        PermanentVotes(_line(3, "2022-05-26", "S/2022/431"), split),
        PermanentVotes(_line(1, "2017-12-22", "S/RES/2397 (2017)"), alike),
    ]
    found = first_split(votes)
    assert found is not None and found.vote.id == 3
    assert split_in_words(found).startswith("S/2022/431, 26 May 2022: China and Russia against;")
    assert first_split(votes[1:]) is None


def test_meetings_counted_by_year_and_format() -> None:
    days = [
        (dt.date(2017, 1, 1), "public"),
        (dt.date(2017, 2, 1), "public"),
        (dt.date(2020, 3, 30), "private"),
    ]
    per_year = per_year_by_format(days)
    assert [(y.year, y.total, y.count("private")) for y in per_year] == [(2017, 2, 0), (2020, 1, 1)]
    assert meetings_in_words(per_year) == (
        "3 meetings from 2017 to 2020; the most in 2017 (2). 1 private (closed): 2020 (1); "
        "the rest public."
    )


def test_the_seeds_questions_from_the_record(record: Database) -> None:
    view = dprk_view(record)
    answers = {a.question: a.answer for a in view.answers}
    split = answers["The first split of the permanent members on a DPRK sanctions draft"]
    assert split.startswith("S/2022/431, 26 May 2022: People's Republic of China and Russian ")
    assert "France, United Kingdom and United States in favour" in split
    earlier = answers["The first split of the permanent members in any vote on the DPRK"]
    assert earlier.startswith("S/RES/825 (1993), 11 May 1993: People's Republic of China abst")
    meetings = answers["The Council's meetings on the DPRK, by format"]
    assert "1 private (closed): 2020 (1)" in meetings
    by_year = {y.year: y for y in view.meetings_per_year}
    assert by_year[2017].total >= 10 and by_year[2020].count("private") == 1
    said = answers["The statements the Council made, and those it did not"]
    assert said.startswith("5 presidential statements name the DPRK (S/PRST/2006/41,")
    assert "none after 29 August 2017" in said
    assert "5 joint statements" in said
    # Every sanctions vote before the split: all five alike.
    before = [v for v in view.sanctions_votes if v.vote.date < dt.date(2022, 5, 26)]
    assert len(before) >= 20 and not any(v.split for v in before)
