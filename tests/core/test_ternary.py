"""Abstention-aware power: the counts against every profile and every roll-call."""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from itertools import combinations, permutations, product
from math import factorial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unsc.core.power import PowerError, WeightedGame, power_indices
from unsc.core.ternary import Ballot, TernaryCouncil, ternary_power

B = tuple(Ballot)


def council(seats: int, vetoes: int, quota: int, abstention_vetoes: bool = False) -> TernaryCouncil:
    return TernaryCouncil.council(
        [f"M{i}" for i in range(seats)],
        [i < vetoes for i in range(seats)],
        quota,
        abstention_vetoes=abstention_vetoes,
    )


def decisive_by_profiles(game: TernaryCouncil, seat: int) -> tuple[Fraction, Fraction]:
    """(yes vs abstain, abstain vs no), from every one of the 3^n profiles."""
    ya = an = 0
    for profile in product(B, repeat=game.n):
        if profile[seat] != Ballot.YES:
            continue
        at = {b: game.passes((*profile[:seat], b, *profile[seat + 1 :])) for b in B}
        ya += at[Ballot.YES] != at[Ballot.ABSTAIN]
        an += at[Ballot.ABSTAIN] != at[Ballot.NO]
    return Fraction(ya, 3 ** (game.n - 1)), Fraction(an, 3 ** (game.n - 1))


def pivots_by_roll_calls(game: TernaryCouncil) -> list[Fraction]:
    """Each seat's share of pivots over all n! orders times 3^n profiles.

    "Settled" is tested on every completion of the voters still to be called, so it
    does not lean on the rule being monotone.
    """
    n = game.n

    @cache
    def settled(called: tuple[tuple[int, Ballot], ...]) -> bool:
        done = dict(called)
        rest = [i for i in range(n) if i not in done]
        outcomes = set()
        for tail in product(B, repeat=len(rest)):
            full = dict(done) | dict(zip(rest, tail, strict=True))
            outcomes.add(game.passes([full[i] for i in range(n)]))
            if len(outcomes) > 1:
                return False
        return True

    counts = [0] * n
    for order in permutations(range(n)):
        for profile in product(B, repeat=n):
            called: list[tuple[int, Ballot]] = []
            for seat in order:
                called.append((seat, profile[seat]))
                if settled(tuple(sorted(called))):
                    counts[seat] += 1
                    break
    total = factorial(n) * 3**n
    return [Fraction(c, total) for c in counts]


def test_the_roll_call_pivot_and_decisiveness_agree_with_every_roll_call() -> None:
    # 2 veto members and 3 others, 3 votes needed: all 5! x 3^5 roll-calls
    game = council(5, 2, 3)
    power = ternary_power(game)
    assert list(power.values["ternary_shapley_shubik"]) == pivots_by_roll_calls(game)
    for seat in range(game.n):
        assert (power.yes_vs_abstain[seat], power.abstain_vs_no[seat]) == decisive_by_profiles(
            game, seat
        )


@settings(max_examples=25, deadline=None)
@given(
    seats=st.integers(1, 5),
    data=st.data(),
    abstention_vetoes=st.booleans(),
)
def test_random_small_councils_agree_with_enumeration(
    seats: int, data: st.DataObject, abstention_vetoes: bool
) -> None:
    vetoes = data.draw(st.integers(0, seats))
    quota = data.draw(st.integers(1, seats))
    game = council(seats, vetoes, quota, abstention_vetoes)
    power = ternary_power(game)
    assert list(power.values["ternary_shapley_shubik"]) == pivots_by_roll_calls(game)
    assert sum(power.values["ternary_shapley_shubik"]) == 1  # one pivot per roll-call
    for seat in range(game.n):
        assert (power.yes_vs_abstain[seat], power.abstain_vs_no[seat]) == decisive_by_profiles(
            game, seat
        )
    passes = sum(game.passes(p) for p in product(B, repeat=seats))
    assert power.passes == Fraction(passes, 3**seats)


def pivots_by_prefixes(game: TernaryCouncil, seat: int) -> Fraction:
    """One seat's pivot probability, by listing every prefix of called voters and ballots.

    Uses the rule only through ``passes`` on full profiles: the outcome is settled when
    the voters still to be called cannot change it, voting all yes or all no (the rule is
    monotone, as the random small councils above check against every completion).
    """
    n = game.n
    others = [i for i in range(n) if i != seat]
    total = Fraction(0)

    def outcome(fixed: dict[int, Ballot], rest: Ballot) -> bool:
        return game.passes([fixed.get(i, rest) for i in range(n)])

    def is_settled(fixed: dict[int, Ballot]) -> bool:
        return outcome(fixed, Ballot.NO) == outcome(fixed, Ballot.YES)

    for s in range(n):
        count = 0
        for prefix in combinations(others, s):
            for ballots in product(B, repeat=s):
                fixed = dict(zip(prefix, ballots, strict=True))
                if is_settled(fixed):
                    continue
                count += sum(is_settled(fixed | {seat: b}) for b in B)
        total += Fraction(count * factorial(s) * factorial(n - 1 - s), factorial(n) * 3 ** (s + 1))
    return total


@pytest.mark.parametrize(("seat", "kind"), [(0, "permanent"), (7, "elected")])
def test_the_eleven_member_council_against_every_profile(seat: int, kind: str) -> None:
    # 7 of 11, five permanent members, before 1966 (Charter Art. 27(3) as signed)
    game = council(11, 5, 7)
    power = ternary_power(game)
    ya, an = decisive_by_profiles(game, seat)
    assert (power.yes_vs_abstain[seat], power.abstain_vs_no[seat]) == (ya, an)
    assert power.values["ternary_banzhaf"][seat] == ya + an
    assert power.values["ternary_shapley_shubik"][seat] == pivots_by_prefixes(game, seat)
    if kind == "elected":
        assert an == 0  # an elected member's abstention and its no have the same effect
    else:
        assert an > 0  # a permanent member's no is a veto, its abstention is not


def test_the_council_of_2022() -> None:
    game = council(15, 5, 9)
    power = ternary_power(game)
    ss = power.values["ternary_shapley_shubik"]
    assert sum(ss) == 1
    assert ss[0] > ss[5] > 0
    # computed by the counts that agree with every profile of the 11-member Council
    assert (ss[0], ss[5]) == (Fraction(118525786, 725416965), Fraction(26557607, 1450833930))
    assert (power.yes_vs_abstain[0], power.abstain_vs_no[0]) == (
        Fraction(2588, 177147),
        Fraction(12820, 1594323),
    )
    assert (power.yes_vs_abstain[5], power.abstain_vs_no[5]) == (Fraction(5906, 531441), 0)
    # abstaining without vetoing gives the elected members about ten times the share of
    # pivots they have when every abstention counts as a no (4/2145)
    assert ss[5] > 9 * Fraction(4, 2145)


@pytest.mark.parametrize(
    ("seats", "quota", "permanent", "elected"),
    [(15, 9, Fraction(421, 2145), Fraction(4, 2145)), (11, 7, Fraction(76, 385), Fraction(1, 462))],
)
def test_with_abstention_as_a_veto_the_pivot_is_the_shapley_shubik_index(
    seats: int, quota: int, permanent: Fraction, elected: Fraction
) -> None:
    # abstaining is then the same as voting no for every member, and the roll-call
    # pivot probability is the Shapley-Shubik index for any exchangeable votes
    # (Kurz and Napel 2018)
    game = council(seats, 5, quota, abstention_vetoes=True)
    ss = ternary_power(game).values["ternary_shapley_shubik"]
    assert (ss[0], ss[5]) == (permanent, elected)
    binary = power_indices(
        WeightedGame.council(game.names, [i < 5 for i in range(seats)], quota), ["shapley_shubik"]
    )
    assert ss == binary.values["shapley_shubik"]


def test_abstaining_is_not_vetoing_in_the_council() -> None:
    game = council(15, 5, 9)
    profile = [Ballot.YES] * 15
    profile[0] = Ballot.ABSTAIN  # a permanent member abstains: adopted (Art. 27(3) practice)
    assert game.passes(profile)
    profile[0] = Ballot.NO
    assert not game.passes(profile)
    strict = council(15, 5, 9, abstention_vetoes=True)
    profile[0] = Ballot.ABSTAIN
    assert not strict.passes(profile)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"names": (), "veto": frozenset(), "quota": 1}, "at least one seat"),
        ({"names": ("A", "A"), "veto": frozenset(), "quota": 1}, "must differ"),
        ({"names": ("A", "B"), "veto": frozenset(), "quota": 3}, "from 1 to 2"),
        ({"names": ("A", "B"), "veto": frozenset({2}), "quota": 1}, "one of the seats"),
        (
            {"names": tuple(f"S{i}" for i in range(120)), "veto": frozenset(range(60)), "quota": 9},
            "120 seats with 60 veto members",
        ),
    ],
)
def test_bad_councils_are_refused_with_a_reason(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(PowerError, match=message):
        TernaryCouncil(**kwargs)  # type: ignore[arg-type]
