"""Voting power in floating point, for games too large to count exactly in good time.

The exact indices (``unsc.core.power``) count coalitions by weight and size in whole
numbers. Here the same games are computed in double precision from Owen's multilinear
extension (Owen 1972, "Multilinear extensions of games", Management Science 18(5):
P64-P79; Owen 1975, "Multilinear extensions and the Banzhaf value", Naval Research
Logistics Quarterly 22: 741-750). Let every other player join independently with
probability p, and let f_i(p) be the probability that player i then swings (the others
lose without i and win with i). Then

* Banzhaf's absolute index is f_i(1/2) (each of the 2^(n-1) coalitions equally likely);
* Shapley-Shubik's index is the integral of f_i(p) over p from 0 to 1, since
  the integral of p^s (1-p)^(n-1-s) is s! (n-1-s)! / n!, the weight the index gives a
  swing in a coalition of s others.

f_i(p) is the probability that the others' weight falls in a window: [q - w_i, q - 1]
for a player outside the veto set (with every veto member in), or at least q for a veto
member. The others' weight distribution at a given p is a product of the players' two-
point distributions, built weight by weight (players of equal weight in one group), and
f_i for each group comes from a prefix (the groups before it) and a suffix (the groups
after it), never by dividing a player out again: every step is a convex combination of
probabilities, so nothing cancels and the error stays at a few units in the last place.

f_i is a polynomial of degree at most n - 1, so Gauss-Legendre quadrature with n/2 nodes
integrates it exactly (up to rounding); that is used for up to 256 players. For more, the
integral is taken by Clenshaw-Curtis quadrature (Clenshaw and Curtis 1960, Numerische
Mathematik 2: 197-205), doubling the nodes (each level reuses the last) until two levels
agree to 1e-9 (the error of the finer level is then far smaller, the convergence being
faster than geometric) or the rule is exact (N + 1 nodes, N >= n - 1). Where
f_i is negligible (below 1e-18, by Hoeffding's inequality, JASA 58 (1963): 13-30) the
interval is left out, so the nodes fall where the swings are.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from unsc.core.power import PowerError, WeightedGame

__all__ = ["FLOAT_INDICES", "FloatIndices", "float_indices"]

FLOAT_INDICES: tuple[str, ...] = (
    "shapley_shubik",
    "banzhaf",
    "banzhaf_normalised",
    "coleman_prevent",
    "coleman_initiate",
)
"""The indices computed here in floating point (the others need the exact counts)."""

TOLERANCE = 1e-9
"""Two quadrature levels agreeing to within this (absolute) end the doubling."""

NEGLIGIBLE = 1e-18
"""A swing probability bound below which a stretch of p is left out of the integral."""

GAUSS = 128
"""Up to this many nodes, Gauss-Legendre quadrature exact for degree n - 1 is used instead."""

MEMORY = 256 * 2**20
"""Bytes of float64 the suffix tables of one batch of nodes may take."""

Array = npt.NDArray[np.float64]


@dataclass(frozen=True)
class FloatIndices:
    """Each index for each player, as floats; ``values[name][i]`` is player i's."""

    names: tuple[str, ...]
    values: dict[str, tuple[float, ...]]
    winning: int | None
    """The number of winning coalitions, exact (None unless counted: see float_indices)."""
    collectivity: float | None
    """Coleman's power of the collectivity to act: winning coalitions / 2^n."""
    nodes: int
    """The number of values of p at which the swing probabilities were computed."""


@dataclass(frozen=True)
class _Shape:
    """The game as the swing probabilities need it."""

    n: int
    veto: frozenset[int]
    need: int  # weight the non-veto players must add to the veto set's
    groups: tuple[tuple[int, int], ...]  # (weight capped at need, players), weight > 0
    group_of: tuple[int, ...]  # each player's group; -1 for veto and weightless players

    @classmethod
    def of(cls, game: WeightedGame) -> _Shape:
        g = math.gcd(*game.weights)
        weights = [w // g for w in game.weights] if g > 1 else list(game.weights)
        quota = -(-game.quota // g) if g > 1 else game.quota
        need = quota - sum(weights[i] for i in game.veto)
        others = [i for i in range(game.n) if i not in game.veto]
        capped = {i: min(weights[i], max(need, 0)) for i in others}
        count = Counter(w for w in capped.values() if w > 0)
        groups = tuple(sorted(count.items()))
        index = {w: k for k, (w, _) in enumerate(groups)}
        group_of = tuple(
            index[capped[i]] if i in capped and capped[i] > 0 else -1 for i in range(game.n)
        )
        return cls(game.n, game.veto, need, groups, group_of)


def _add(table: Array, weight: int, p: Array, copies: int = 1) -> None:
    """Adds ``copies`` players of ``weight``, each in with probability p (a column).

    ``table[j, x]`` is the probability of weight x at the j-th p.
    """
    q = 1.0 - p
    width = table.shape[1]
    for _ in range(copies):
        if weight >= width:
            table *= q
            continue
        moved = table[:, : width - weight] * p
        table *= q
        table[:, weight:] += moved


def _swing_probabilities(shape: _Shape, ps: Array) -> Array:
    """f_i(p) for every player i (columns) at each p (rows), with the veto set's factor."""
    out = np.zeros((len(ps), shape.n))
    v = len(shape.veto)
    if shape.need <= 0:  # the veto set wins alone: its members swing when the rest are in
        for i in shape.veto:
            out[:, i] = ps ** (v - 1)
        return out
    width, groups = shape.need, shape.groups
    batch = max(1, MEMORY // (8 * width * (len(groups) + 1)))
    for start in range(0, len(ps), batch):
        p = ps[start : start + batch, None]
        rows = p.shape[0]
        suffix: list[Array] = [np.zeros((rows, width)) for _ in range(len(groups) + 1)]
        suffix[-1][:, 0] = 1.0
        for k in range(len(groups) - 1, -1, -1):  # suffix[k]: groups k.. in
            suffix[k] = suffix[k + 1].copy()
            _add(suffix[k], groups[k][0], p, groups[k][1])
        prefix = np.zeros((rows, width))
        prefix[:, 0] = 1.0
        window = np.empty((len(groups), rows))
        zeros = np.zeros((rows, width))
        for k, (weight, players) in enumerate(groups):
            mine = prefix.copy()  # the groups before k and the other players of group k
            _add(mine, weight, p, players - 1)
            # P(mine + rest in [need - weight, need - 1]), rest = groups after k:
            # sum over y of mine[y] * (C[need - y] - C[need - weight - y]), C the cumsum
            cum = np.zeros((rows, width + 1))
            np.cumsum(suffix[k + 1], axis=1, out=cum[:, 1:])
            rev = cum[:, ::-1]  # rev[:, j] = C[need - j]
            low = zeros.copy()
            low[:, : width + 1 - weight] = rev[:, weight:]
            window[k] = np.einsum("ij,ij->i", mine, rev[:, :width] - low)
            _add(mine, weight, p)
            prefix = mine
        reach = 1.0 - prefix.sum(axis=1)  # P(all non-veto players weigh >= need)
        for i in range(shape.n):
            k = shape.group_of[i]
            if i in shape.veto:
                out[start : start + rows, i] = reach * p[:, 0] ** (v - 1)
            elif k >= 0:
                out[start : start + rows, i] = window[k] * p[:, 0] ** v
    return out


def _clenshaw_curtis(level: int) -> tuple[Array, Array]:
    """Nodes cos(pi k / N), k = 0..N, on [-1, 1] and their weights; N = 2^level."""
    big_n = 2**level
    k = np.arange(big_n + 1)
    nodes = np.cos(np.pi * k / big_n)
    j = np.arange(1, big_n // 2 + 1)
    b = np.where(j == big_n // 2, 1.0, 2.0)
    sums = (b / (4.0 * j * j - 1.0)) @ np.cos(2.0 * np.pi * np.outer(j, k) / big_n)
    c = np.where((k == 0) | (k == big_n), 1.0, 2.0)
    return nodes, c / big_n * (1.0 - sums)


def _interval(shape: _Shape) -> tuple[float, float]:
    """Where f_i may exceed NEGLIGIBLE for some i (Hoeffding's inequality); else [0, 1]."""
    weights = np.array([w for w, c in shape.groups for _ in range(c)], dtype=np.float64)
    if shape.need <= 0 or len(weights) == 0:
        return 0.0, 1.0
    total, heaviest = float(weights.sum()), float(weights.max())
    t = math.sqrt(float((weights**2).sum()) * math.log(1 / NEGLIGIBLE) / 2)
    low = max(0.0, (shape.need - heaviest - t) / total)
    high = 1.0
    if not shape.veto and total > heaviest:  # a veto member swings at any p near 1
        high = min(1.0, (shape.need - 1 + t) / (total - heaviest))
    return low, max(high, low)


def _shapley_shubik(shape: _Shape) -> tuple[Array, int]:
    low, high = _interval(shape)
    half, mid = (high - low) / 2, (high + low) / 2
    exact = -(-shape.n // 2)  # Gauss-Legendre nodes that integrate degree n - 1 exactly
    if exact <= GAUSS:
        nodes, weights = np.polynomial.legendre.leggauss(max(exact, 1))
        values = _swing_probabilities(shape, mid + half * nodes)
        return half * (weights @ values), len(nodes)
    level = 4
    nodes, weights = _clenshaw_curtis(level)
    values = _swing_probabilities(shape, mid + half * nodes)
    estimate = half * (weights @ values)
    used = len(nodes)
    while 2**level < shape.n - 1:  # not yet exact for degree n - 1
        level += 1
        nodes, weights = _clenshaw_curtis(level)
        fresh = _swing_probabilities(shape, mid + half * nodes[1::2])
        both = np.empty((len(nodes), shape.n))
        both[0::2], both[1::2] = values, fresh
        values = both
        used += len(fresh)
        previous, estimate = estimate, half * (weights @ values)
        if float(np.max(np.abs(estimate - previous))) <= TOLERANCE:
            break
    return estimate, used


def _winning(shape: _Shape) -> int:
    """Winning coalitions, exactly: subsets of the non-veto players reaching ``need``.

    One big integer holds the count of subsets of each weight below ``need`` as a digit
    of ``bits`` bits, so adding a player is one shift and one add.
    """
    weighted = sum(players for _, players in shape.groups)
    weightless = shape.n - len(shape.veto) - weighted  # in or out, they change nothing
    if shape.need <= 0:
        return 1 << (weighted + weightless)
    bits = weighted + 2
    mask = (1 << (shape.need * bits)) - 1
    row = 1
    for weight, players in shape.groups:
        for _ in range(players):
            row += (row << (weight * bits)) & mask
    # the digits add up to at most 2^weighted < 2^bits - 1: their sum is the row modulo that
    below = row % ((1 << bits) - 1)
    return ((1 << weighted) - below) << weightless


def float_indices(
    game: WeightedGame, indices: Sequence[str] = FLOAT_INDICES, *, count_winning: bool = False
) -> FloatIndices:
    """Each named index for each player, in floating point (see the module's docstring).

    ``indices`` must be among ``FLOAT_INDICES``; the definitions are those of
    ``unsc.core.power.power_indices``, to which the values agree within 1e-9. The exact
    count of winning coalitions (most of the time for Banzhaf on large games) is made only
    when Coleman's indices need it or ``count_winning`` asks for it.
    """
    unknown = [name for name in indices if name not in FLOAT_INDICES]
    if unknown:
        raise PowerError(
            f"index {unknown[0]!r} is not computed in floating point: give one of "
            f"{', '.join(FLOAT_INDICES)}, or ask for exact values"
        )
    shape = _Shape.of(game)
    values: dict[str, tuple[float, ...]] = {}
    nodes = 0
    if "shapley_shubik" in indices:
        ss, nodes = _shapley_shubik(shape)
        values["shapley_shubik"] = tuple(float(x) for x in ss)
    coleman = {"coleman_prevent", "coleman_initiate"} & set(indices)
    winning = _winning(shape) if count_winning or coleman else None
    # int / int: correctly rounded, whatever n
    collectivity = None if winning is None else winning / 2**game.n
    if set(indices) - {"shapley_shubik"}:
        banzhaf = _swing_probabilities(shape, np.array([0.5]))[0]
        nodes += 1
        total = float(banzhaf.sum())
        losing = 0.0 if winning is None else (2**game.n - winning) / 2**game.n
        for name in indices:
            if name == "banzhaf":
                values[name] = tuple(float(x) for x in banzhaf)
            elif name == "banzhaf_normalised":
                values[name] = tuple(float(x) / total if total else 0.0 for x in banzhaf)
            elif name == "coleman_prevent":
                values[name] = tuple(
                    float(x) / (2 * collectivity) if winning and collectivity else 0.0
                    for x in banzhaf
                )
            elif name == "coleman_initiate":
                values[name] = tuple(float(x) / (2 * losing) if losing else 0.0 for x in banzhaf)
    ordered = {name: values[name] for name in indices}
    return FloatIndices(game.names, ordered, winning, collectivity, nodes)
