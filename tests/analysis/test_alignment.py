"""A posteriori power and alignment, on hand-made votes of real days and on the record on
both databases."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from unsc.analysis.alignment import (
    CastVote,
    agreement_matrix,
    classical_mds,
    decisive,
    member_records,
    unanimity_by_year,
)
from unsc.core.errors import UnscError
from unsc.core.types import Cast, Question, QuestionKind
from unsc.service.alignment import alignment_view
from unsc.service.database import Database
from unsc.service.record import bundled_law

DAY = dt.date(2022, 5, 26)
P5 = ("CHN", "FRA", "GBR", "RUS", "USA")


def _vote(
    n: int, day: dt.date = DAY, kind: QuestionKind = QuestionKind.SUBSTANTIVE, **casts: Cast
) -> CastVote:
    council = bundled_law().on(day)
    ballot = {m.key: casts.get(m.key, Cast.YES) for m in council.members}
    return CastVote(n, f"S/TEST/{n}", day, council, Question(kind=kind), ballot)


def _elected(day: dt.date = DAY) -> list[str]:
    return sorted(m.key for m in bundled_law().on(day).members if not m.permanent)


def test_a_unanimous_adoption_makes_only_the_permanent_members_decisive() -> None:
    assert decisive(_vote(1)) == frozenset(P5)


def test_a_bare_nine_makes_each_affirmative_vote_decisive() -> None:
    elected = _elected()
    casts = dict.fromkeys(elected[:6], Cast.ABSTAIN)
    vote = _vote(1, **casts)
    assert decisive(vote) == frozenset(P5) | frozenset(elected[6:])


def test_a_lone_veto_is_decisive_and_nobody_else_is_when_the_votes_were_there() -> None:
    vote = _vote(1, RUS=Cast.NO)
    assert decisive(vote) == frozenset({"RUS"})
    assert decisive(_vote(2, RUS=Cast.NO, CHN=Cast.NO)) == frozenset()


def test_on_a_procedural_vote_a_permanent_member_s_no_is_no_veto() -> None:
    vote = _vote(1, kind=QuestionKind.PROCEDURAL, RUS=Cast.NO)
    assert decisive(vote) == frozenset()


def test_absent_members_sit_on_nothing_and_abstaining_on_an_adoption_is_no_success() -> None:
    elected = _elected()
    vote = _vote(1, **{elected[0]: Cast.ABSENT, elected[1]: Cast.ABSTAIN})
    records = member_records([vote, _vote(2, RUS=Cast.NO)])
    assert elected[0] not in decisive(vote)
    assert (records[elected[0]].sat, records[elected[0]].succeeded) == (1, 0)
    assert (records[elected[1]].sat, records[elected[1]].succeeded) == (2, 0)
    assert (records["RUS"].sat, records["RUS"].succeeded, records["RUS"].decisive) == (2, 2, 2)
    assert (records["USA"].succeeded, records["USA"].decisive) == (1, 1)


def test_agreement_counts_only_votes_both_sat_on_and_is_one_with_oneself() -> None:
    elected = _elected()
    votes = [_vote(1, RUS=Cast.NO), _vote(2, **{elected[0]: Cast.ABSENT}), _vote(3)]
    matrix = agreement_matrix(votes)
    assert (matrix["RUS", "USA"].together, matrix["RUS", "USA"].same) == (3, 2)
    assert matrix["USA", "RUS"] == matrix["RUS", "USA"]
    assert (matrix[elected[0], "USA"].together, matrix[elected[0], "USA"].share) == (2, 1.0)
    assert all(matrix[k, k].share == 1.0 for k in P5)


def test_the_map_puts_members_who_always_agree_together_and_dissenters_apart() -> None:
    votes = [_vote(1, RUS=Cast.NO, CHN=Cast.NO), _vote(2, RUS=Cast.NO), _vote(3)]
    points = {p.key: (p.x, p.y) for p in classical_mds(P5, agreement_matrix(votes))}
    assert points["USA"] == points["FRA"] == points["GBR"]
    assert points["RUS"] != points["CHN"] != points["USA"]


def test_members_who_never_sat_together_are_not_both_mapped() -> None:
    early, late = dt.date(2020, 6, 1), dt.date(2024, 6, 1)
    votes = [_vote(1, early), _vote(2, late)]
    matrix = agreement_matrix(votes)
    only_early = sorted(set(_elected(early)) - set(_elected(late)))
    only_late = sorted(set(_elected(late)) - set(_elected(early)))
    keys = [*P5, *only_early, *only_late]
    placed = {p.key for p in classical_mds(keys, matrix)}
    assert set(only_early) <= placed and not set(only_late) & placed


def test_unanimity_per_year_counts_absences_apart_and_names_the_first_split() -> None:
    votes = [
        _vote(1, dt.date(2022, 2, 1), CHN=Cast.ABSTAIN),
        _vote(2, dt.date(2022, 3, 1), RUS=Cast.NO),
        _vote(3, dt.date(2022, 4, 1)),
        _vote(4, dt.date(2022, 5, 1), USA=Cast.ABSENT),
    ]
    (year,) = unanimity_by_year(votes)
    assert (year.votes, year.unanimous, year.absent) == (3, 1, 1)
    assert year.first_split is not None and year.first_split[1] == "S/TEST/1"


# -- the record, on both databases ------------------------------------------------


def test_the_five_first_split_over_dprk_sanctions_on_s_2022_431(record: Database) -> None:
    view = alignment_view(record, subject="KOREA", start=dt.date(2006, 1, 1))
    years = {u.year: u for u in view.unanimity}
    assert all(u.votes == u.unanimous for y, u in years.items() if y < 2022)
    assert years[2022].first_split is not None
    assert years[2022].first_split[1] == "S/2022/431"


def test_2022_on_the_record(record: Database) -> None:
    view = alignment_view(record, start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31))
    assert view.votes > 50
    members = {m.key: m for m in view.members}
    assert len(members) == 15 and set(P5) <= {k for k, m in members.items() if m.permanent}
    assert all(m.sat == view.votes for m in members.values())
    assert members["RUS"].decisive >= members["FRA"].decisive > members["ALB"].decisive
    pairs = {(p.a, p.b): p for p in view.agreement}
    assert all(pairs[k, k].agreement == 1.0 for k in members)
    assert len(view.map) == 15 and not view.not_mapped


def test_map_distances_follow_the_disagreement_ranks_on_the_record(record: Database) -> None:
    """Of any two pairs whose disagreement differs by more than 0.1, the pair that disagrees
    more is the farther apart on the map, for at least 90% of such comparisons."""
    view = alignment_view(record, start=dt.date(2020, 1, 1), end=dt.date(2022, 12, 31))
    points = {p.key: (p.x, p.y) for p in view.map}
    pairs = [p for p in view.agreement if p.a != p.b and p.a in points and p.b in points]
    dist = {
        (p.a, p.b): (
            (points[p.a][0] - points[p.b][0]) ** 2 + (points[p.a][1] - points[p.b][1]) ** 2
        )
        ** 0.5
        for p in pairs
    }
    good = total = 0
    for p, q in itertools.combinations(pairs, 2):
        if abs(p.agreement - q.agreement) <= 0.1:
            continue
        total += 1
        more, less = (p, q) if p.agreement < q.agreement else (q, p)
        good += dist[more.a, more.b] > dist[less.a, less.b]
    assert total > 100 and good / total >= 0.9


def test_a_period_back_to_front_says_to_swap(record: Database) -> None:
    with pytest.raises(UnscError, match="swap them"):
        alignment_view(record, start=dt.date(2023, 1, 1), end=dt.date(2022, 1, 1))
