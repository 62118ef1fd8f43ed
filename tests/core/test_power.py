"""Voting power: the Council's figures exactly, and every index against brute force."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations, permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unsc.core.power import INDICES, PowerError, WeightedGame, power_indices


def council(seats: int, quota: int) -> WeightedGame:
    return WeightedGame.council(
        [f"M{i}" for i in range(seats)], [i < 5 for i in range(seats)], quota
    )


def coalitions(n: int) -> list[frozenset[int]]:
    return [frozenset(c) for k in range(n + 1) for c in combinations(range(n), k)]


def brute(game: WeightedGame) -> dict[str, tuple[Fraction, ...]]:
    """Every index straight from its definition, listing all 2^n coalitions."""
    n, every = game.n, coalitions(game.n)
    win = [s for s in every if game.is_winning(s)]
    crit = {s: [i for i in s if not game.is_winning(s - {i})] for s in win}
    swings = [sum(1 for s in win if i in crit[s]) for i in range(n)]
    minimal = [s for s in win if len(crit[s]) == len(s)]
    ss = [Fraction(0)] * n
    if n <= 7:  # the orders themselves, for small games
        for order in permutations(range(n)):
            seen: set[int] = set()
            for i in order:
                seen.add(i)
                if game.is_winning(frozenset(seen)):
                    ss[i] += Fraction(1, len(list(permutations(range(n)))) or 1)
                    break
    else:
        from math import factorial

        for s in win:
            for i in crit[s]:
                ss[i] += Fraction(factorial(len(s) - 1) * factorial(n - len(s)), factorial(n))
    total = sum(swings)
    john = [
        sum((Fraction(1, len(crit[s])) for s in win if i in crit[s]), Fraction(0)) for i in range(n)
    ]
    jt = sum(john)
    holl = [sum(1 for s in minimal if i in s) for i in range(n)]
    ht = sum(holl)
    losing = 2**n - len(win)
    zero = Fraction(0)
    return {
        "shapley_shubik": tuple(ss),
        "banzhaf": tuple(Fraction(s, 2 ** (n - 1)) for s in swings),
        "banzhaf_normalised": tuple(Fraction(s, total) if total else zero for s in swings),
        "johnston": tuple(j / jt if jt else zero for j in john),
        "deegan_packel": tuple(
            sum((Fraction(1, len(s)) for s in minimal if i in s), zero) / len(minimal)
            if minimal
            else zero
            for i in range(n)
        ),
        "holler": tuple(Fraction(h, ht) if ht else zero for h in holl),
        "coleman_prevent": tuple(Fraction(s, len(win)) if win else zero for s in swings),
        "coleman_initiate": tuple(Fraction(s, losing) if losing else zero for s in swings),
    }


def test_the_council_of_26_may_2022() -> None:
    """9 of 15 with the five permanent members (Art. 27(3) as amended, 1965)."""
    v = power_indices(council(15, 9)).values
    assert (v["shapley_shubik"][0], v["shapley_shubik"][5]) == (
        Fraction(421, 2145),
        Fraction(4, 2145),
    )
    assert (v["banzhaf"][0], v["banzhaf"][5]) == (Fraction(53, 1024), Fraction(21, 4096))
    assert (v["banzhaf_normalised"][0], v["banzhaf_normalised"][5]) == (
        Fraction(106, 635),
        Fraction(21, 1270),
    )
    for name in ("deegan_packel", "holler"):
        assert (v[name][0], v[name][5]) == (Fraction(1, 9), Fraction(2, 45))
    assert v == brute(council(15, 9))


def test_the_council_of_1950() -> None:
    """7 of 11 with the five permanent members (Art. 27(3) as signed in 1945)."""
    result = power_indices(council(11, 7))
    v = result.values
    assert v == brute(council(11, 7))
    assert (v["shapley_shubik"][0], v["shapley_shubik"][5]) == (Fraction(76, 385), Fraction(1, 462))
    assert (v["banzhaf"][0], v["banzhaf"][5]) == (Fraction(57, 1024), Fraction(5, 1024))
    assert (v["banzhaf_normalised"][0], v["banzhaf_normalised"][5]) == (
        Fraction(19, 105),
        Fraction(1, 63),
    )
    assert (v["holler"][0], v["holler"][5]) == (Fraction(1, 7), Fraction(1, 21))
    assert (v["johnston"][0], v["johnston"][5]) == (Fraction(123, 665), Fraction(5, 399))
    assert result.winning == 57  # the five permanent members and at least 2 of the 6 elected
    assert result.collectivity == Fraction(57, 2048)


games = st.integers(1, 12).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 12), min_size=n, max_size=n),
        st.sets(st.integers(0, n - 1), max_size=min(n, 3)),
        st.floats(0.0, 1.0),
    )
)


def build(spec: tuple[list[int], set[int], float]) -> WeightedGame | None:
    weights, veto, frac = spec
    total = sum(weights)
    if total == 0:
        return None
    quota = max(1, min(total, round(frac * total)))
    return WeightedGame(
        tuple(f"P{i}" for i in range(len(weights))), tuple(weights), quota, frozenset(veto)
    )


@settings(max_examples=100, deadline=None)
@given(games)
def test_every_index_equals_brute_force(spec: tuple[list[int], set[int], float]) -> None:
    game = build(spec)
    if game is None:
        return
    assert power_indices(game).values == brute(game)


@settings(max_examples=100, deadline=None)
@given(games)
def test_swings_counted_by_weight_alone_equal_brute_force(
    spec: tuple[list[int], set[int], float],
) -> None:
    # without Shapley-Shubik the swings are counted by weight alone, not by weight and size
    game = build(spec)
    if game is None:
        return
    asked = ["banzhaf", "banzhaf_normalised", "coleman_prevent", "coleman_initiate"]
    result = power_indices(game, asked)
    expected = brute(game)
    assert result.values == {name: expected[name] for name in asked}
    assert result.winning == sum(1 for s in coalitions(game.n) if game.is_winning(s))


@settings(max_examples=60, deadline=None)
@given(games)
def test_efficiency_dummies_and_symmetry(spec: tuple[list[int], set[int], float]) -> None:
    game = build(spec)
    if game is None:
        return
    v = power_indices(game).values
    for name in ("shapley_shubik", "banzhaf_normalised", "johnston", "deegan_packel", "holler"):
        assert sum(v[name]) == 1
    every = coalitions(game.n)
    for i in range(game.n):
        if all(game.is_winning(s | {i}) == game.is_winning(s) for s in every if i not in s):
            assert all(v[name][i] == 0 for name in INDICES)  # a dummy
    for i in range(game.n):
        for j in range(i + 1, game.n):
            if game.weights[i] == game.weights[j] and (i in game.veto) == (j in game.veto):
                assert all(v[name][i] == v[name][j] for name in INDICES)


def test_a_larger_weighted_game_is_counted_not_listed() -> None:
    weights = [(7 * i) % 23 + 1 for i in range(60)]
    result = power_indices(
        WeightedGame.weighted(weights, sum(weights) // 2 + 1), ["shapley_shubik"]
    )
    assert sum(result.values["shapley_shubik"]) == 1


@pytest.mark.parametrize(
    ("weights", "quota", "names", "message"),
    [
        ([3, 2], 6, None, "quota 6 is out of range"),
        ([3, 2], 0, None, "quota 0 is out of range"),
        ([3, -2], 2, None, "weights must be whole numbers"),
        ([3, 2], 3, ["A"], "1 names for 2 weights"),
        ([3, 2], 3, ["A", "A"], "names must differ"),
    ],
)
def test_bad_games_say_what_to_fix(
    weights: list[int], quota: int, names: list[str] | None, message: str
) -> None:
    with pytest.raises(PowerError, match=message):
        WeightedGame.weighted(weights, quota, names)


def test_unknown_index() -> None:
    with pytest.raises(PowerError, match="unknown index 'gini'"):
        power_indices(council(15, 9), ["gini"])
