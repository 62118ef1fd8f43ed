"""Property-based tests of the Security Council rules engine (Art. 27 and practice)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unsc.core.consensus import ConsensusKind, decide_consensus
from unsc.core.errors import ObligatoryAbstentionError
from unsc.core.law import CouncilOn
from unsc.core.rules import PRELIMINARY_NOUN, Decision, Outcome, Reason, decide
from unsc.core.types import Cast, Chapter, Question, QuestionKind
from unsc.law.loader import load_law

LAW = load_law()
ENLARGEMENT = dt.date(1966, 1, 1)
NOT_VOTING_YES_OR_NO = (Cast.ABSTAIN, Cast.ABSENT, Cast.NOT_PARTICIPATING)
NOT_YES = (Cast.NO, Cast.ABSTAIN, Cast.ABSENT, Cast.NOT_PARTICIPATING)

Ballot = dict[str, Cast]


def _boundary_days() -> list[dt.date]:
    """Days on which the composition or the rule changes, and the days either side."""
    edges = {LAW.first_meeting, LAW.known_until, ENLARGEMENT - dt.timedelta(days=1)}
    for seat in LAW.permanent_seats:
        for entry in seat.holders:
            edges.add(entry.start)
            if entry.end is not None:
                edges.add(entry.end)
    for dated in (LAW.seats, LAW.threshold):
        for entry in dated:
            edges.add(entry.start)
            if entry.end is not None:
                edges.add(entry.end)
    return sorted(d for d in edges if LAW.first_meeting <= d <= LAW.known_until)


days = st.one_of(
    st.dates(min_value=LAW.first_meeting, max_value=LAW.known_until),
    st.sampled_from(_boundary_days()),
)
councils = days.map(LAW.on)
VOTED = settings(max_examples=300, deadline=None)


@st.composite
def ballots(draw: st.DrawFn, council: CouncilOn) -> Ballot:
    """A cast for every seated member, leaning towards yes by a drawn amount."""
    lean = draw(st.integers(min_value=0, max_value=5))
    choices = [Cast.YES] * lean + list(Cast)
    return {m.key: draw(st.sampled_from(choices)) for m in council.members}


@st.composite
def sittings(draw: st.DrawFn) -> tuple[CouncilOn, Ballot]:
    council = draw(councils)
    return council, draw(ballots(council))


def _yes(casts: Ballot) -> int:
    return sum(1 for c in casts.values() if c is Cast.YES)


def _permanent_no(council: CouncilOn, casts: Ballot) -> set[str]:
    return {m.key for m in council.permanent if casts[m.key] is Cast.NO}


# 1 --------------------------------------------------------------------------


@VOTED
@given(
    sitting=sittings(),
    kind=st.sampled_from([QuestionKind.SUBSTANTIVE, QuestionKind.PROCEDURAL]),
    data=st.data(),
)
def test_an_extra_yes_never_undoes_an_adoption(
    sitting: tuple[CouncilOn, Ballot], kind: QuestionKind, data: st.DataObject
) -> None:
    """Turning one abstention, absence or non-participation into a yes keeps an adoption."""
    council, casts = sitting
    member = data.draw(st.sampled_from(council.members))
    before_casts = {**casts, member.key: data.draw(st.sampled_from(NOT_VOTING_YES_OR_NO))}
    after_casts = {**before_casts, member.key: Cast.YES}
    before = decide(council, Question(kind=kind), before_casts)
    after = decide(council, Question(kind=kind), after_casts)
    assert after.tally is not None and before.tally is not None
    assert after.tally.yes == before.tally.yes + 1
    if before.is_adopted:
        assert after.is_adopted


# 2 --------------------------------------------------------------------------


@VOTED
@given(sitting=sittings(), data=st.data())
def test_an_elected_member_never_vetoes(
    sitting: tuple[CouncilOn, Ballot], data: st.DataObject
) -> None:
    """Only permanent members appear in vetoed_by; an elected member's no never makes a veto."""
    council, casts = sitting
    permanent_states = {m.state for m in council.permanent}
    decision = decide(council, Question(), casts)
    assert set(decision.vetoed_by) <= permanent_states

    # An elected member switching from yes to no never produces a veto that was not there.
    member = data.draw(st.sampled_from(council.elected))
    before = decide(council, Question(), {**casts, member.key: Cast.YES})
    after = decide(council, Question(), {**casts, member.key: Cast.NO})
    if before.reason is not Reason.VETO:
        assert after.reason is not Reason.VETO
    assert member.state not in after.vetoed_by

    # With no permanent member voting no, nothing the elected members do is a veto.
    permanent_not_no = {
        m.key: data.draw(st.sampled_from([Cast.YES, *NOT_VOTING_YES_OR_NO]))
        for m in council.permanent
    }
    decision = decide(council, Question(), {**casts, **permanent_not_no})
    assert decision.reason is not Reason.VETO
    assert decision.vetoed_by == ()


# 3 --------------------------------------------------------------------------


@VOTED
@given(sitting=sittings())
def test_a_procedural_question_is_decided_by_the_yes_count_alone(
    sitting: tuple[CouncilOn, Ballot],
) -> None:
    """A procedural question never reports a veto and passes iff yes reaches the threshold."""
    council, casts = sitting
    decision = decide(council, Question(kind=QuestionKind.PROCEDURAL), casts)
    assert decision.reason is not Reason.VETO
    assert decision.vetoed_by == ()
    assert decision.threshold == council.threshold
    assert decision.is_adopted == (_yes(casts) >= council.threshold)
    if not decision.is_adopted:
        assert decision.reason is Reason.INSUFFICIENT_VOTES
    else:
        assert decision.reason is None


# 4 --------------------------------------------------------------------------


@st.composite
def sittings_without_permanent_no_with_the_votes(draw: st.DrawFn) -> tuple[CouncilOn, Ballot]:
    """No permanent member votes no, and at least the threshold vote yes."""
    council = draw(councils)
    casts: Ballot = {}
    for m in council.members:
        choices = [Cast.YES, *NOT_VOTING_YES_OR_NO] if m.permanent else list(Cast)
        casts[m.key] = draw(st.sampled_from(choices))
    for m in draw(st.permutations(council.members)):
        if _yes(casts) >= council.threshold:
            break
        casts[m.key] = Cast.YES
    return council, casts


@VOTED
@given(sitting=sittings_without_permanent_no_with_the_votes())
def test_a_permanent_member_not_voting_no_never_blocks(
    sitting: tuple[CouncilOn, Ballot],
) -> None:
    """Abstaining, absent or non-participating permanent members do not stop an adoption."""
    council, casts = sitting
    assert not _permanent_no(council, casts)
    assert _yes(casts) >= council.threshold
    decision = decide(council, Question(), casts)
    assert decision.outcome is Outcome.ADOPTED
    assert decision.reason is None
    assert decision.vetoed_by == ()


# 5 --------------------------------------------------------------------------


@VOTED
@given(sitting=sittings())
def test_a_substantive_question_follows_article_27_3(sitting: tuple[CouncilOn, Ballot]) -> None:
    """Adopted iff the votes are there and no permanent no; veto and shortfall are told apart."""
    council, casts = sitting
    decision = decide(council, Question(), casts)
    yes = _yes(casts)
    permanent_no = _permanent_no(council, casts)
    has_votes = yes >= council.threshold

    assert decision.is_adopted == (has_votes and not permanent_no)
    assert (decision.reason is Reason.INSUFFICIENT_VOTES) == (not has_votes)
    assert (decision.reason is Reason.VETO) == (has_votes and bool(permanent_no))
    if decision.reason is Reason.VETO:
        assert {s.key for s in decision.vetoed_by} == permanent_no
        assert len(decision.vetoed_by) == len(permanent_no)
    else:
        assert decision.vetoed_by == ()


# 6 --------------------------------------------------------------------------


@VOTED
@given(sitting=sittings())
def test_the_threshold_and_seats_follow_the_1965_amendment(
    sitting: tuple[CouncilOn, Ballot],
) -> None:
    """7 of 11 before 1966, 9 of 15 from 1 January 1966; the tally always sums to the seats."""
    council, casts = sitting
    if council.day < ENLARGEMENT:
        assert (council.threshold, council.seats) == (7, 11)
    else:
        assert (council.threshold, council.seats) == (9, 15)
    assert len(council.members) == council.seats
    assert len({m.key for m in council.members}) == council.seats
    assert len(council.permanent) == 5
    assert len(council.elected) == council.seats - 5

    decision = decide(council, Question(), casts)
    assert decision.tally is not None
    assert decision.tally.total == council.seats
    assert decision.threshold == council.threshold


# 7 --------------------------------------------------------------------------


@VOTED
@given(sitting=sittings())
def test_a_preliminary_question_is_decided_like_a_substantive_one(
    sitting: tuple[CouncilOn, Ballot],
) -> None:
    """The preliminary question (double veto) has the outcome and reason of a substantive one."""
    council, casts = sitting
    preliminary = decide(council, Question(kind=QuestionKind.PRELIMINARY), casts)
    substantive = decide(council, Question(kind=QuestionKind.SUBSTANTIVE), casts)
    assert preliminary.outcome is substantive.outcome
    assert preliminary.reason is substantive.reason
    assert preliminary.vetoed_by == substantive.vetoed_by
    assert preliminary.tally == substantive.tally
    assert preliminary.threshold == substantive.threshold
    assert PRELIMINARY_NOUN in preliminary.explanation


# 8 --------------------------------------------------------------------------


@st.composite
def disputes(draw: st.DrawFn) -> tuple[CouncilOn, Ballot, frozenset[str]]:
    council, casts = draw(sittings())
    keys = [m.key for m in council.members]
    parties = draw(st.sets(st.sampled_from(keys), min_size=1, max_size=3))
    return council, casts, frozenset(parties)


@VOTED
@given(dispute=disputes(), chapter=st.sampled_from([Chapter.VI, Chapter.ART_52_3]))
def test_a_party_must_abstain_under_chapter_vi(
    dispute: tuple[CouncilOn, Ballot, frozenset[str]], chapter: Chapter
) -> None:
    """Under Chapter VI (or Art. 52(3)) a party's yes or no is refused; abstaining is accepted."""
    council, casts, parties = dispute
    question = Question(chapter=chapter, parties_to_dispute=parties)
    if any(casts[k] in (Cast.YES, Cast.NO) for k in parties):
        with pytest.raises(ObligatoryAbstentionError):
            decide(council, question, casts)
    else:
        decision = decide(council, question, casts)
        plain = decide(council, Question(), casts)
        assert (decision.outcome, decision.reason) == (plain.outcome, plain.reason)


@VOTED
@given(dispute=disputes(), data=st.data())
def test_a_party_may_vote_under_chapter_vii(
    dispute: tuple[CouncilOn, Ballot, frozenset[str]], data: st.DataObject
) -> None:
    """Under Chapter VII any vote of a party is accepted and decided as usual."""
    council, casts, parties = dispute
    forced = {k: data.draw(st.sampled_from([Cast.YES, Cast.NO])) for k in sorted(parties)}
    casts = {**casts, **forced}
    decision = decide(council, Question(chapter=Chapter.VII, parties_to_dispute=parties), casts)
    plain = decide(council, Question(), casts)
    assert (decision.outcome, decision.reason) == (plain.outcome, plain.reason)
    assert decision.vetoed_by == plain.vetoed_by


# 9 --------------------------------------------------------------------------


@VOTED
@given(council=councils, data=st.data())
def test_consensus_is_blocked_by_exactly_the_objectors(
    council: CouncilOn, data: st.DataObject
) -> None:
    """A presidential statement is agreed iff no one objects, and names exactly the objectors."""
    keys = [m.key for m in council.members]
    objections = data.draw(st.lists(st.sampled_from(keys), max_size=6))
    decision = decide_consensus(council, ConsensusKind.PRESIDENTIAL_STATEMENT, objections)
    assert decision.is_adopted == (not objections)
    assert [s.key for s in decision.objected_by] == list(dict.fromkeys(objections))
    if objections:
        assert decision.reason is Reason.OBJECTION
        for state in decision.objected_by:
            assert state.name in decision.explanation
    else:
        assert decision.reason is None
    assert decision.vetoed_by == ()


# 10 -------------------------------------------------------------------------


@VOTED
@given(
    sitting=sittings(),
    kind=st.sampled_from(list(QuestionKind)),
    withdrawn=st.sampled_from(NOT_YES),
    data=st.data(),
)
def test_withdrawing_a_yes_never_rescues_a_rejection(
    sitting: tuple[CouncilOn, Ballot],
    kind: QuestionKind,
    withdrawn: Cast,
    data: st.DataObject,
) -> None:
    """Turning a yes into a no, abstention or absence never turns a rejection into adoption."""
    council, casts = sitting
    member = data.draw(st.sampled_from(council.members))
    before = decide(council, Question(kind=kind), {**casts, member.key: Cast.YES})
    after = decide(council, Question(kind=kind), {**casts, member.key: withdrawn})
    if not before.is_adopted:
        assert not after.is_adopted


# 11 -------------------------------------------------------------------------


def _assert_explained(decision: Decision) -> None:
    assert decision.explanation.strip()
    assert decision.explanation.endswith(".")
    assert len(decision.citations) >= 1
    if decision.reason is Reason.VETO:
        assert "negative vote of a permanent member" in decision.explanation


@VOTED
@given(
    sitting=sittings(),
    kind=st.sampled_from(list(QuestionKind)),
    chapter=st.sampled_from([None, Chapter.VII]),
    ess_seized=st.booleans(),
)
def test_every_decision_is_explained_cited_and_repeatable(
    sitting: tuple[CouncilOn, Ballot],
    kind: QuestionKind,
    chapter: Chapter | None,
    ess_seized: bool,
) -> None:
    """Each decision has a sentence ending in '.', a citation, and a veto says so; reruns agree."""
    council, casts = sitting
    question = Question(kind=kind, chapter=chapter, ess_seized=ess_seized)
    decision = decide(council, question, casts)
    _assert_explained(decision)
    assert decide(council, question, dict(casts)) == decision


@VOTED
@given(
    council=councils,
    kind=st.sampled_from(list(ConsensusKind)),
    data=st.data(),
)
def test_every_consensus_decision_is_explained_and_cited(
    council: CouncilOn, kind: ConsensusKind, data: st.DataObject
) -> None:
    """Consensus decisions, agreed or blocked, also have an explanation and a citation."""
    keys = [m.key for m in council.members]
    objections = data.draw(st.lists(st.sampled_from(keys), max_size=3))
    _assert_explained(decide_consensus(council, kind, objections))
