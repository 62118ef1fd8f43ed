"""Voting power in floating point against the exact counts: the Council, random games, 200
players, and the 1,000-player game that only the float path computes."""

from __future__ import annotations

import random
from functools import cache
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unsc.analysis import power_float
from unsc.analysis.power_float import FLOAT_INDICES, float_indices
from unsc.core.power import PowerError, WeightedGame, power_indices
from unsc.service.power import FLOAT_FROM, LIMIT, power_view

AGREE = 1e-9


def council(seats: int, quota: int) -> WeightedGame:
    return WeightedGame.council(
        [f"M{i}" for i in range(seats)], [i < 5 for i in range(seats)], quota
    )


def random_game(n: int, top: int = 100, seed: int | None = None) -> WeightedGame:
    rng = random.Random(n if seed is None else seed)
    weights = [rng.randint(1, top) for _ in range(n)]
    return WeightedGame.weighted(weights, sum(weights) // 2 + 1)


def largest_difference(game: WeightedGame, indices: tuple[str, ...] = FLOAT_INDICES) -> float:
    exact = power_indices(game, indices)
    approx = float_indices(game, indices, count_winning=True)
    assert approx.winning == exact.winning
    assert approx.collectivity == pytest.approx(float(exact.collectivity), abs=AGREE)
    return max(
        abs(float(e) - f)
        for name in indices
        for e, f in zip(exact.values[name], approx.values[name], strict=True)
    )


@pytest.mark.parametrize(("seats", "quota"), [(15, 9), (11, 7)])
def test_the_councils_figures_in_floating_point(seats: int, quota: int) -> None:
    """9 of 15 (26 May 2022) and 7 of 11 (27 June 1950), every permanent member in."""
    assert largest_difference(council(seats, quota)) < AGREE
    values = float_indices(council(15, 9)).values
    assert values["shapley_shubik"][0] == pytest.approx(421 / 2145, abs=1e-15)
    assert values["shapley_shubik"][14] == pytest.approx(4 / 2145, abs=1e-15)
    assert values["banzhaf"][0] == pytest.approx(53 / 1024, abs=1e-15)
    assert values["banzhaf_normalised"][14] == pytest.approx(21 / 1270, abs=1e-15)


def test_the_council_as_a_weighted_game() -> None:
    """Five members of weight 7, ten of weight 1, quota 39: the same game as 9 of 15."""
    game = WeightedGame.weighted([7] * 5 + [1] * 10, 39)
    assert largest_difference(game) < AGREE
    assert float_indices(game).values["shapley_shubik"][0] == pytest.approx(421 / 2145)


@st.composite
def games(draw: st.DrawFn) -> WeightedGame:
    weights = draw(st.lists(st.integers(0, 60), min_size=1, max_size=14))
    if sum(weights) == 0:
        weights[0] = 1
    veto = draw(st.sets(st.integers(0, len(weights) - 1), max_size=3))
    quota = draw(st.integers(1, sum(weights)))
    return WeightedGame(
        tuple(f"P{i}" for i in range(len(weights))), tuple(weights), quota, frozenset(veto)
    )


@given(games())
@settings(max_examples=150, deadline=None)
def test_random_games_agree_with_the_exact_counts(game: WeightedGame) -> None:
    """Zero weights, veto sets, quotas anywhere from 1 to the total: within 1e-9."""
    assert largest_difference(game) < AGREE


@cache
def exact_200() -> dict[str, tuple[float, ...]]:
    exact = power_indices(random_game(200), ("shapley_shubik", "banzhaf"))
    return {name: tuple(float(x) for x in values) for name, values in exact.values.items()}


@pytest.mark.parametrize("rule", ["gauss", "clenshaw-curtis"])
def test_200_players_agree_with_the_exact_counts(
    rule: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """200 players of weight 1-100 (seeded), by each quadrature: the largest difference
    from the exact values was 2.5e-16 (Gauss-Legendre) when measured."""
    if rule == "clenshaw-curtis":  # the rule used for more than 256 players
        monkeypatch.setattr(power_float, "GAUSS", 0)
    approx = float_indices(random_game(200), ("shapley_shubik", "banzhaf")).values
    for name, exact in exact_200().items():
        assert max(abs(e - f) for e, f in zip(exact, approx[name], strict=True)) < AGREE


def test_1000_players_in_floating_point() -> None:
    """1,000 players of weight 1-100: equal weights, equal power; the indices sum to 1;
    heavier never weaker; the exact winning count."""
    game = random_game(1000)
    result = float_indices(game, ("shapley_shubik", "banzhaf_normalised"), count_winning=True)
    for name in ("shapley_shubik", "banzhaf_normalised"):
        values = result.values[name]
        assert sum(values) == pytest.approx(1.0, abs=AGREE)
        by_weight: dict[int, set[float]] = {}
        for w, x in zip(game.weights, values, strict=True):
            by_weight.setdefault(w, set()).add(x)
        assert all(max(xs) - min(xs) < 1e-12 for xs in by_weight.values())
        ordered = [min(by_weight[w]) for w in sorted(by_weight)]
        assert all(a <= b + 1e-15 for a, b in pairwise(ordered))
    assert 0 < result.winning < 2**1000


def test_an_index_without_a_float_path_is_refused_with_what_to_give() -> None:
    with pytest.raises(PowerError, match="not computed in floating point: give one of"):
        float_indices(council(15, 9), ("holler",))


def test_float_view_takes_a_game_too_large_to_count_exactly() -> None:
    """--float computes in floating point, so 1,000 players of weight 1-150 (players x
    total weight above the exact limit) are answered; exact values are still refused."""
    weights = list(random_game(1000, top=150).weights)
    quota = sum(weights) // 2 + 1
    assert len(weights) * sum(weights) > LIMIT
    with pytest.raises(PowerError, match="too many to count"):
        power_view(weights=weights, quota=quota, indices=["banzhaf"])
    view = power_view(weights=weights, quota=quota, indices=["banzhaf"], as_float=True)
    assert view["members"][0]["banzhaf"]["exact"] is None
    assert 0 < view["members"][0]["banzhaf"]["value"] < 1


def test_float_view_agrees_with_the_exact_view() -> None:
    """60 players of weight 1-100 (players x total weight above FLOAT_FROM): the float
    path, within 1e-9 of the exact fractions, with the exact count of winning coalitions."""
    game = random_game(60)
    assert game.n * sum(game.weights) >= FLOAT_FROM
    weights, quota = list(game.weights), game.quota
    exact = power_view(weights=weights, quota=quota)
    approx = power_view(weights=weights, quota=quota, as_float=True)
    assert approx["winning_coalitions"] == exact["winning_coalitions"]
    for e, f in zip(exact["members"], approx["members"], strict=True):
        for name in exact["indices"]:
            assert f[name]["exact"] is None
            assert f[name]["value"] == pytest.approx(e[name]["value"], abs=AGREE)


def test_a_small_game_as_floats_is_the_exact_fraction_converted() -> None:
    """The Council of 26 May 2022 (15 x 15 below FLOAT_FROM): float(421/2145) to the bit."""
    view = power_view(
        weights=[7] * 5 + [1] * 10, quota=39, indices=["shapley_shubik"], as_float=True
    )
    assert view["members"][0]["shapley_shubik"] == {"exact": None, "value": 421 / 2145}


def test_the_winning_count_is_made_only_when_asked_or_needed() -> None:
    game = council(15, 9)
    assert float_indices(game, ("banzhaf",)).winning is None
    assert float_indices(game, ("banzhaf",), count_winning=True).winning == 848
    coleman = float_indices(game, ("coleman_prevent",))
    assert coleman.winning == 848  # Coleman's indices divide by it
    assert coleman.values["coleman_prevent"][0] == pytest.approx(1.0, abs=AGREE)
