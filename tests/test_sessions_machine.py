"""The live meeting as a state machine: the seeds' 26 May 2022 meeting, and its guarantees."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unsc.law.loader import load_law
from unsc.sessions import machine as m
from unsc.sessions.roster import RosterSeat, custom_council


class Meeting:
    """A session driven through commands, as the server drives it."""

    def __init__(self, day: dt.date = dt.date(2022, 5, 26)) -> None:
        self.state = m.start(load_law().on(day))
        self.log: list[m.Event] = []

    def do(self, actor: str, command: str, **data: Any) -> None:
        kind, checked = m.command(self.state, actor, command, data)
        event = m.Event(len(self.log) + 1, kind, checked, actor)
        self.log.append(event)
        self.state = m.apply(self.state, event)

    def vote(self, title: str, noes: set[str], kind: str = "substantive") -> m.VoteState:
        self.do(m.CHAIR, "open_vote", title=title, kind=kind)
        number = self.state.votes[-1].number
        for seat in self.state.seats:
            self.do(
                seat, "cast", cast="no" if seat in noes else "yes", ballot_id=f"{seat}-{number}"
            )
        self.do(m.CHAIR, "close_vote")
        return self.state.votes[-1]


def test_the_26_may_2022_meeting() -> None:
    meeting = Meeting()
    public = meeting.vote("Meeting in public", {"CHN", "RUS"}, kind="procedural")
    assert public.decision is not None and public.decision.is_adopted
    draft = meeting.vote("S/2022/431", {"CHN", "RUS"})
    assert draft.decision is not None and draft.decision.reason is not None
    assert [s.name for s in draft.decision.vetoed_by] == [
        "People's Republic of China",
        "Russian Federation",
    ]
    meeting.do(m.CHAIR, "propose_statement", kind="presidential_statement", text="Condemns.")
    meeting.do("CHN", "break_silence")
    meeting.do("RUS", "break_silence")
    meeting.do(m.CHAIR, "end_silence")
    statement = meeting.state.statements[-1]
    assert statement.decision is not None and not statement.decision.is_adopted
    eleven = ["USA", "ALB", "BRA", "FRA", "IRL", "NOR", "GBR", "ARE", "GAB", "GHA", "MEX"]
    meeting.do(m.CHAIR, "joint_statement", signatories=eleven, text="We condemn.")
    view = m.view(meeting.state)
    assert view["joint_statements"][0]["council_status"] is False
    assert len(view["joint_statements"][0]["signatories"]) == 11
    assert view["votes"][1]["line"] == "9 needed — 13 so far"
    # The state is derived from the log alone.
    assert m.replay(m.start(meeting.state.council), meeting.log) == meeting.state


def test_one_ballot_per_delegation_and_a_retry_counts_once() -> None:
    meeting = Meeting()
    meeting.do(m.CHAIR, "open_vote", title="S/2022/431")
    meeting.do("CHN", "cast", cast="no", ballot_id="phone-1")
    with pytest.raises(m.DuplicateBallot):
        meeting.do("CHN", "cast", cast="no", ballot_id="phone-1")
    with pytest.raises(m.SessionError, match="already voted"):
        meeting.do("CHN", "cast", cast="yes", ballot_id="phone-2")
    # A retry carries the vote it retries: another vote under the same id is refused, and
    # says what was counted (a phone must never show a vote that was not counted).
    with pytest.raises(m.SessionError, match="counted on vote 1 as no; a retry sends the same"):
        meeting.do("CHN", "cast", cast="yes", ballot_id="phone-1")
    # The seat is named in any case, as members are everywhere else.
    meeting.do("FRA", "cast", cast="yes", ballot_id="phone-fr", seat="fra")
    assert meeting.state.tally(meeting.state.votes[-1])["no"] == 1


def test_a_ballot_id_is_for_one_vote_of_one_delegation_and_at_most_64_characters() -> None:
    meeting = Meeting()
    meeting.do(m.CHAIR, "open_vote", title="Agenda", kind="procedural")
    meeting.do("BRA", "cast", cast="yes", ballot_id="phone-1")
    meeting.do(m.CHAIR, "close_vote")
    with pytest.raises(m.DuplicateBallot) as retried:  # a retry after the close
        meeting.do("BRA", "cast", cast="yes", ballot_id="phone-1")
    assert retried.value.vote == 1
    meeting.do(m.CHAIR, "open_vote", title="S/2022/431")
    with pytest.raises(m.SessionError, match="on vote 1, where it was counted; use a new id"):
        meeting.do("BRA", "cast", cast="no", ballot_id="phone-1")
    with pytest.raises(m.DuplicateBallot):  # a late retry naming the vote it was cast on
        meeting.do("BRA", "cast", cast="yes", ballot_id="phone-1", vote=1)
    with pytest.raises(m.SessionError, match="use a new id"):
        meeting.do("BRA", "cast", cast="yes", ballot_id="phone-1", vote=True)
    with pytest.raises(m.SessionError, match="at most 64 characters"):
        meeting.do("BRA", "cast", cast="no", ballot_id="b" * 65)
    with pytest.raises(m.SessionError, match="ballot_id"):
        meeting.do("BRA", "cast", cast="no", ballot_id=7)
    assert meeting.state.votes[-1].ballots == {}
    meeting.do("BRA", "cast", cast="no", ballot_id="b" * 64)
    assert meeting.state.votes[-1].ballot_ids == {"b" * 64: "BRA"}


def test_a_ballot_naming_another_seat_is_refused() -> None:
    meeting = Meeting()
    meeting.do(m.CHAIR, "open_vote", title="S/2022/431")
    with pytest.raises(m.SessionError, match=r"of Brazil \(BRA\) only, not of United States"):
        meeting.do("BRA", "cast", cast="yes", ballot_id="b", seat="USA")
    with pytest.raises(m.SessionError, match="not of 'ZZZ'"):
        meeting.do("BRA", "cast", cast="yes", ballot_id="b", seat="ZZZ")
    assert meeting.state.votes[-1].ballots == {}
    meeting.do("BRA", "cast", cast="yes", ballot_id="b", seat="BRA")
    assert meeting.state.votes[-1].ballots == {"BRA": m.Cast.YES}


def test_roll_call_all_present_then_the_exceptions() -> None:
    meeting = Meeting()
    meeting.do(m.CHAIR, "roll_call_all", presence="present")
    assert set(meeting.state.presence.values()) == {m.Presence.PRESENT}
    assert len(meeting.state.presence) == 15
    meeting.do(m.CHAIR, "roll_call", seat="GAB", presence="absent")
    assert meeting.state.presence["GAB"] is m.Presence.ABSENT
    assert meeting.state.presence["GHA"] is m.Presence.PRESENT
    with pytest.raises(m.SessionError, match="presence"):
        meeting.do(m.CHAIR, "roll_call_all", presence="asleep")
    with pytest.raises(m.SessionError, match="only the chair"):
        meeting.do("GHA", "roll_call_all")


def test_a_delegation_sees_its_own_vote_and_no_one_elses() -> None:
    meeting = Meeting()
    meeting.do(m.CHAIR, "open_vote", title="S/2022/431")
    meeting.do("CHN", "cast", cast="no", ballot_id="c")
    meeting.do("FRA", "cast", cast="yes", ballot_id="f")
    china = m.view(meeting.state, seat="CHN")["votes"][0]
    assert china["your_vote"] == "no" and china["you_voted"] is True
    assert "ballots" not in china and china["voted"] is None
    assert m.view(meeting.state, seat="USA")["votes"][0]["your_vote"] is None
    assert m.view(meeting.state, for_chair=True)["votes"][0]["ballots"] == {
        "CHN": "no",
        "FRA": "yes",
    }


def test_roles_are_enforced() -> None:
    meeting = Meeting()
    with pytest.raises(m.SessionError, match="only the chair"):
        meeting.do("FRA", "open_vote", title="x")
    meeting.do(m.CHAIR, "open_vote", title="S/2022/431")
    with pytest.raises(m.SessionError, match="only a delegation"):
        meeting.do(m.CHAIR, "cast", cast="yes", ballot_id="x")
    with pytest.raises(m.SessionError, match="only the chair"):
        meeting.do("FRA", "close_vote")


def test_a_ballot_after_the_close_is_refused_and_a_correction_leaves_a_trace() -> None:
    meeting = Meeting()
    vote = meeting.vote("S/2022/431", {"CHN", "RUS"})
    with pytest.raises(m.SessionError, match="no vote is open"):
        meeting.do("FRA", "cast", cast="no", ballot_id="late")
    meeting.do(
        m.CHAIR,
        "correct",
        vote=vote.number,
        seat="RUS",
        cast="abstain",
        reason="the delegation's device misfired (chair's note)",
    )
    corrected = meeting.state.votes[0]
    assert corrected.decision is not None
    assert [s.key for s in corrected.decision.vetoed_by] == ["CHN"]
    assert meeting.state.corrections[0]["reason"].startswith("the delegation")
    assert [e.kind for e in meeting.log].count("correct") == 1


def test_unvoted_seats_are_absent_or_not_participating_at_the_close() -> None:
    meeting = Meeting()
    meeting.do(m.CHAIR, "roll_call", seat="GAB", presence="absent")
    meeting.do(m.CHAIR, "open_vote", title="x")
    with pytest.raises(m.SessionError, match="absent"):
        meeting.do("GAB", "cast", cast="yes", ballot_id="g")
    meeting.do(m.CHAIR, "close_vote")
    ballots = meeting.state.votes[-1].ballots
    assert ballots["GAB"].value == "absent" and ballots["FRA"].value == "not_participating"


def test_a_custom_roster_with_the_councils_rules() -> None:
    council = custom_council(
        dt.date(2026, 11, 24),
        [RosterSeat("Atlantis", True), *(RosterSeat(f"State {i}") for i in range(14))],
    )
    assert council.threshold == 9 and council.seats == 15
    state = m.start(council)
    assert council.permanent[0].name == "Atlantis"
    assert len(set(state.seats)) == 15


@given(
    st.lists(st.sampled_from(["yes", "no", "abstain"]), min_size=15, max_size=15),
    st.permutations(range(15)),
)
@settings(max_examples=50, deadline=None)
def test_the_order_of_ballots_never_changes_the_outcome(casts: list[str], order: list[int]) -> None:
    outcomes = []
    for sequence in (range(15), order):
        meeting = Meeting()
        meeting.do(m.CHAIR, "open_vote", title="x")
        for i in sequence:
            meeting.do(meeting.state.seats[i], "cast", cast=casts[i], ballot_id=str(i))
        meeting.do(m.CHAIR, "close_vote")
        outcomes.append(meeting.state.votes[-1].decision)
    assert outcomes[0] == outcomes[1]


def test_amendments_are_voted_before_the_draft_they_amend() -> None:
    meeting = Meeting()
    meeting.do(
        m.CHAIR,
        "open_vote",
        title="Amendment 1 to S/2022/431",
        subject="amendment",
        draft="S/2022/431",
    )
    for seat in meeting.state.seats:
        meeting.do(seat, "cast", cast="no" if seat == "USA" else "yes", ballot_id=f"a-{seat}")
    meeting.do(m.CHAIR, "close_vote")
    amendment = meeting.state.votes[-1]
    assert amendment.decision is not None and not amendment.decision.is_adopted
    assert [s.name for s in amendment.decision.vetoed_by] == ["United States"]
    draft = meeting.vote("S/2022/431", {"CHN", "RUS"})
    assert draft.draft == "S/2022/431"
    assert draft.decision is not None
    assert any("rules 33 and 36" in c.ref for c in draft.decision.citations)
    entry = m.view(meeting.state)["votes"][-1]
    assert entry["amendments"] == [
        {"number": 1, "title": "Amendment 1 to S/2022/431", "adopted": False}
    ]
    with pytest.raises(m.SessionError, match=r"S/2022/431 has been put to the vote \(vote 2\)"):
        meeting.do(
            m.CHAIR, "open_vote", title="Late amendment", subject="amendment", draft="S/2022/431"
        )
    with pytest.raises(m.SessionError, match="draft: the draft this amendment amends"):
        meeting.do(m.CHAIR, "open_vote", title="Amendment", subject="amendment")


def test_a_party_to_a_dispute_under_chapter_vi_must_abstain() -> None:
    meeting = Meeting()
    with pytest.raises(m.SessionError, match="say under which chapter"):
        meeting.do(m.CHAIR, "open_vote", title="Draft on the dispute", parties=["ALB"])
    meeting.do(m.CHAIR, "open_vote", title="Draft on the dispute", chapter="VI", parties=["ALB"])
    with pytest.raises(m.SessionError, match=r"Albania is a party to the dispute.*Art\. 27\(3\)"):
        meeting.do("ALB", "cast", cast="yes", ballot_id="alb-1")
    meeting.do("ALB", "cast", cast="abstain", ballot_id="alb-2")
    meeting.do("USA", "cast", cast="yes", ballot_id="usa-1")
    meeting.do(m.CHAIR, "close_vote")
    with pytest.raises(m.SessionError, match=r"Art\. 27\(3\)"):
        meeting.do(m.CHAIR, "correct", vote=1, seat="ALB", cast="no", reason="misheard")
    entry = m.view(meeting.state)["votes"][0]
    assert entry["chapter"] == "VI" and entry["parties"] == ["Albania"]
    # Under Chapter VII the same party votes as it likes.
    meeting.do(m.CHAIR, "open_vote", title="Under VII", chapter="VII", parties=["ALB"])
    meeting.do("ALB", "cast", cast="no", ballot_id="alb-3")


def test_the_chair_sets_each_speakers_time() -> None:
    meeting = Meeting()
    meeting.do(m.CHAIR, "speaking_time", seconds=300)
    assert m.view(meeting.state)["speaking_limit"] == 300
    meeting.do(m.CHAIR, "speaking_time", seconds="0")
    assert m.view(meeting.state)["speaking_limit"] is None
    for bad in (-1, 3601, "five", True):
        with pytest.raises(m.SessionError, match="seconds"):
            meeting.do(m.CHAIR, "speaking_time", seconds=bad)
    with pytest.raises(m.SessionError):
        meeting.do("USA", "speaking_time", seconds=60)


def test_the_open_tally_goes_with_each_ballot_without_who_voted_what() -> None:
    meeting = Meeting()
    assert m.open_tally(meeting.state) is None
    meeting.do(m.CHAIR, "open_vote", title="S/2022/431")
    meeting.do("CHN", "cast", cast="no", ballot_id="c")
    meeting.do("FRA", "cast", cast="yes", ballot_id="f")
    tally = m.open_tally(meeting.state)
    assert tally is not None and tally["seq"] == 3
    assert tally["vote"]["tally"] == {
        "yes": 1,
        "no": 1,
        "abstain": 0,
        "absent": 0,
        "not_participating": 0,
    }
    assert tally["vote"]["permanent_no"] == ["People's Republic of China"]
    assert "ballots" not in tally["vote"]
    meeting.do(m.CHAIR, "close_vote")
    assert m.open_tally(meeting.state) is None


def test_silence_runs_to_its_deadline_by_the_servers_clock() -> None:
    meeting = Meeting()
    nine = "2022-05-26T15:00:00+00:00"
    meeting.do(
        m.CHAIR, "propose_statement", kind="press_statement", text="Condemns.", minutes=30, at=nine
    )
    statement = meeting.state.statements[-1]
    assert statement.deadline == "2022-05-26T15:30:00+00:00"
    with pytest.raises(m.SessionError, match="silence runs until 2022-05-26T15:30:00"):
        meeting.do(m.CHAIR, "end_silence", at="2022-05-26T15:10:00+00:00")
    with pytest.raises(m.SessionError, match="silence ended at 2022-05-26T15:30:00"):
        meeting.do("RUS", "break_silence", at="2022-05-26T15:30:00+00:00")
    meeting.do(m.CHAIR, "end_silence", at="2022-05-26T15:30:05+00:00")
    decision = meeting.state.statements[-1].decision
    assert decision is not None and decision.is_adopted  # nobody broke silence in time

    meeting.do(m.CHAIR, "propose_statement", text="Second.", minutes="15", at=nine)
    meeting.do("CHN", "break_silence", at="2022-05-26T15:14:59+00:00")
    meeting.do(m.CHAIR, "end_silence", at="2022-05-26T15:15:00+00:00")  # broken: may end
    decision = meeting.state.statements[-1].decision
    assert decision is not None and not decision.is_adopted
    for bad in (-5, "soon", True, 20000):
        with pytest.raises(m.SessionError, match="minutes"):
            meeting.do(m.CHAIR, "propose_statement", text="Third.", minutes=bad, at=nine)
