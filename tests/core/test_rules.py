"""The rules engine on hand-built ballots: errors, amendments, the veto initiative."""

from __future__ import annotations

import datetime as dt

import pytest

from unsc.core.errors import BallotError, ObligatoryAbstentionError
from unsc.core.rules import Outcome, Reason, decide, decide_amended, decide_at_most
from unsc.core.types import Cast, Chapter, Question, QuestionKind, Subject
from unsc.core.veto_initiative import add_working_days, ga_debate_deadline
from unsc.law.loader import load_law


def all_yes(day: dt.date) -> dict[str, Cast]:
    return {m.key: Cast.YES for m in load_law().on(day).members}


def test_a_missing_member_is_an_error_naming_it() -> None:
    day = dt.date(2022, 5, 26)
    casts = all_yes(day)
    del casts["IND"]
    with pytest.raises(BallotError, match="India"):
        decide(load_law().on(day), Question(), casts)


def test_a_vote_for_a_state_not_seated_is_refused() -> None:
    day = dt.date(2022, 5, 26)
    casts = all_yes(day) | {"JPN": Cast.YES}
    with pytest.raises(BallotError, match="JPN"):
        decide(load_law().on(day), Question(), casts)


def test_party_to_a_chapter_vi_dispute_cannot_vote_but_can_under_chapter_vii() -> None:
    day = dt.date(2022, 5, 26)
    council = load_law().on(day)
    casts = all_yes(day)
    vi = Question(chapter=Chapter.VI, parties_to_dispute=frozenset({"IND"}))
    with pytest.raises(ObligatoryAbstentionError, match=r"Art\. 27\(3\)"):
        decide(council, vi, casts)
    assert decide(council, vi, casts | {"IND": Cast.ABSTAIN}).is_adopted
    vii = Question(chapter=Chapter.VII, parties_to_dispute=frozenset({"IND"}))
    assert decide(council, vii, casts).is_adopted


def test_amendments_are_decided_before_the_draft() -> None:
    day = dt.date(2023, 12, 22)
    council = load_law().on(day)
    amendment = all_yes(day) | {"USA": Cast.NO}
    decisions = decide_amended(
        council,
        (Question(), all_yes(day)),
        [(Question(subject=Subject.AMENDMENT), amendment)],
    )
    assert [d.explanation.split(",")[0] for d in decisions] == [
        "The amendment has not been adopted",
        "The draft resolution has been adopted.",
    ]
    assert decisions[0].reason is Reason.VETO
    assert any("rule" in c.ref and "36" in c.ref for c in decisions[1].citations)


def test_ten_working_days_skip_weekends() -> None:
    assert add_working_days(dt.date(2022, 5, 26), 10) == dt.date(2022, 6, 9)  # Thursday
    assert add_working_days(dt.date(2024, 3, 29), 1) == dt.date(2024, 4, 1)  # Friday -> Monday
    assert ga_debate_deadline(dt.date(2022, 5, 26), ess_seized=True) is None


def test_the_first_veto_initiative_debate_fell_within_the_deadline() -> None:
    """The General Assembly debated the 26 May 2022 veto on 8 June 2022 (GA/12423)."""
    deadline = ga_debate_deadline(dt.date(2022, 5, 26), ess_seized=False)
    assert deadline == dt.date(2022, 6, 9)
    assert dt.date(2022, 6, 8) <= deadline


def test_a_bound_below_the_threshold_decides_and_a_bound_above_does_not() -> None:
    council = load_law().on(dt.date(1947, 8, 28))
    decision = decide_at_most(council, Question(), 6)
    assert decision.outcome is Outcome.NOT_ADOPTED
    assert decision.reason is Reason.INSUFFICIENT_VOTES
    with pytest.raises(BallotError):
        decide_at_most(council, Question(), 7)


def test_procedural_explanation_names_the_permanent_no_as_no_veto() -> None:
    day = dt.date(2022, 2, 27)
    council = load_law().on(day)
    casts = all_yes(day) | {"RUS": Cast.NO}
    decision = decide(council, Question(kind=QuestionKind.PROCEDURAL), casts)
    assert decision.is_adopted
    assert any("is no veto" in d for d in decision.details)
