"""Voting power in simple games, exact: weighted games and the Council's composite rule.

A *simple game* (von Neumann and Morgenstern 1944) is a set of players and a family of
winning coalitions. The games here are weighted games with an optional veto set: a
coalition wins when its members' weights reach the quota **and** every member of the
veto set is in it. With no veto set this is the weighted game ``[q; w1, ..., wn]``; with
weights of 1, a quota of 9 and the five permanent members as the veto set it is the
Council's binary game under Charter Art. 27(3) as amended (in force 31 August 1965,
A/RES/1991 A (XVIII)); with a quota of 7 of 11 the Council before 1966.

Every index is computed from counts of coalitions, made by dynamic programmes over the
players (counting coalitions by weight and size), never by listing the 2^n coalitions.
Counts are Python integers, so results are exact ``Fraction`` values; ``float()`` them
for floats. Standard library only.

Definitions (each function's docstring repeats its own):

* Shapley and Shubik (1954), "A method for evaluating the distribution of power in a
  committee system", APSR 48: 787-792.
* Penrose (1946), "The elementary statistics of majority voting", JRSS 109: 53-57;
  Banzhaf (1965), "Weighted voting doesn't work", Rutgers Law Review 19: 317-343.
* Coleman (1971), "Control of collectivities and the power of a collectivity to act",
  in Lieberman (ed.), Social Choice, 269-300.
* Johnston (1978), "On the measurement of power: some reactions to Laver",
  Environment and Planning A 10: 907-914.
* Deegan and Packel (1978), "A new index of power for simple n-person games",
  International Journal of Game Theory 7: 113-123.
* Holler (1982), "Forming coalitions and measuring voting power", Political Studies 30:
  262-271 (the public good index).
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from math import comb, factorial, gcd

from unsc.core.errors import UnscError

__all__ = [
    "INDICES",
    "PowerError",
    "PowerIndices",
    "WeightedGame",
    "power_indices",
]

INDICES: tuple[str, ...] = (
    "shapley_shubik",
    "banzhaf",
    "banzhaf_normalised",
    "johnston",
    "deegan_packel",
    "holler",
    "coleman_prevent",
    "coleman_initiate",
)
"""The indices by the names ``unsc power --index`` and the JSON use."""


class PowerError(UnscError):
    """A game that cannot be built: says what is wrong and what to give instead."""


@dataclass(frozen=True)
class WeightedGame:
    """A weighted game with a veto set: wins iff weight >= quota and the veto set is in.

    ``names`` and ``weights`` are in the same order; ``veto`` holds positions.
    """

    names: tuple[str, ...]
    weights: tuple[int, ...]
    quota: int
    veto: frozenset[int] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        n = len(self.weights)
        if n == 0:
            raise PowerError("a game needs at least one player")
        if len(self.names) != n:
            raise PowerError(f"{len(self.names)} names for {n} weights: give one name a player")
        if len(set(self.names)) != n:
            raise PowerError("player names must differ")
        if any(w < 0 for w in self.weights):
            raise PowerError("weights must be whole numbers of 0 or more")
        total = sum(self.weights)
        if not 1 <= self.quota <= total:
            raise PowerError(
                f"quota {self.quota} is out of range: give a quota from 1 to the total "
                f"weight, {total}"
            )
        if any(not 0 <= i < n for i in self.veto):
            raise PowerError("a veto member must be one of the players")

    @classmethod
    def weighted(
        cls, weights: Sequence[int], quota: int, names: Sequence[str] | None = None
    ) -> WeightedGame:
        """The weighted game ``[quota; weights]``; players named P1.. unless named."""
        labels = (
            tuple(names) if names is not None else tuple(f"P{i + 1}" for i in range(len(weights)))
        )
        return cls(labels, tuple(weights), quota)

    @classmethod
    def council(cls, names: Sequence[str], permanent: Sequence[bool], quota: int) -> WeightedGame:
        """The Council's binary game: ``quota`` yes votes, every permanent member among them."""
        veto = frozenset(i for i, p in enumerate(permanent) if p)
        return cls(tuple(names), (1,) * len(names), quota, veto)

    @property
    def n(self) -> int:
        """The number of players."""
        return len(self.weights)

    def is_winning(self, coalition: frozenset[int]) -> bool:
        """Whether the coalition (a set of positions) wins."""
        return self.veto <= coalition and sum(self.weights[i] for i in coalition) >= self.quota


@dataclass(frozen=True)
class PowerIndices:
    """Every index for every player, exact; ``values[name][i]`` is player i's."""

    names: tuple[str, ...]
    values: dict[str, tuple[Fraction, ...]]
    winning: int
    """The number of winning coalitions."""
    collectivity: Fraction
    """Coleman's power of the collectivity to act: winning coalitions / 2^n."""


# ---------------------------------------------------------------- counting by weight and size


class _Rows:
    """Coalitions of a set of players counted by (size, weight), weights below ``cap``.

    Row s is one integer whose base-2^B digit d is the number of coalitions of size s and
    weight at most d (cumulative, so a window is two digits). Adding a player shifts and
    adds whole rows, so the work is big-integer arithmetic done in C, not Python loops.
    """

    def __init__(self, cap: int, players: int) -> None:
        self.cap = cap
        self.bits = players + 2
        self.mask = (1 << (cap * self.bits)) - 1
        self.digit = (1 << self.bits) - 1
        ones = self.mask // self.digit if cap > 0 else 0
        self.rows: list[int] = [ones] + [0] * players
        self.size = 0

    def copy(self) -> _Rows:
        twin = object.__new__(_Rows)
        twin.__dict__.update(self.__dict__)
        twin.rows = list(self.rows)
        return twin

    def add(self, weight: int) -> None:
        rows, shift, mask = self.rows, weight * self.bits, self.mask
        self.size += 1
        for s in range(self.size, 0, -1):
            rows[s] += (rows[s - 1] << shift) & mask

    def remove(self, weight: int) -> _Rows:
        """A copy without one player of this weight (the inverse of ``add``)."""
        out = self.copy()
        rows, shift, mask = out.rows, weight * self.bits, self.mask
        for s in range(1, self.size + 1):
            rows[s] -= (rows[s - 1] << shift) & mask
        out.size -= 1
        return out

    def at_most(self, size: int, weight: int) -> int:
        """Coalitions of this size and weight <= ``weight`` (which must be < cap)."""
        if weight < 0:
            return 0
        return (self.rows[size] >> (weight * self.bits)) & self.digit

    def window(self, size: int, low: int, high: int) -> int:
        """Coalitions of this size with low <= weight <= high (high < cap)."""
        return self.at_most(size, high) - self.at_most(size, low - 1)


def _swings(game: WeightedGame) -> tuple[list[list[int]], int]:
    """For each player, swings by the size of the coalition it joins; and |W|.

    A swing of i is a coalition S without i that loses while S + i wins (i is critical).
    """
    n, veto = game.n, game.veto
    others = [i for i in range(n) if i not in veto]
    m, v = len(others), len(veto)
    need = game.quota - sum(game.weights[i] for i in veto)  # weight still needed from T
    by_size = [[0] * n for _ in range(n)]
    if need <= 0:  # the veto set alone wins: only its members swing, in every coalition
        for i in veto:
            for s in range(m + 1):
                by_size[i][v - 1 + s] = comb(m, s)
        return by_size, 2**m
    rows = _Rows(need, m)
    for j in others:
        rows.add(min(game.weights[j], need))
    winning = sum(comb(m, s) - rows.at_most(s, need - 1) for s in range(m + 1))
    for i in veto:
        for s in range(m + 1):
            by_size[i][v - 1 + s] = comb(m, s) - rows.at_most(s, need - 1)
    taken_out: dict[int, list[int]] = {}  # players of one weight have the same swings
    for i in others:
        w = min(game.weights[i], need)
        if w == 0:
            continue
        if w not in taken_out:
            without = rows.remove(w)
            taken_out[w] = [without.window(s, need - w, need - 1) for s in range(m)]
        by_size[i][v : v + m] = taken_out[w]
    return by_size, winning


def _swing_totals(game: WeightedGame) -> tuple[list[int], int]:
    """Each player's swings (of any size) and |W|, counting coalitions by weight alone.

    The coalitions of the non-veto players are counted by weight in one big integer
    (base-2^B digit d: those of weight at most d), so adding a player is a shift and an
    add. Taking player i (weight w) out again needs no division: with C the cumulative
    counts with i and C' without, C(d) = C'(d) + C'(d - w), so
    C'(d) = C(d) - C(d - w) + C(d - 2w) - ..., whole numbers throughout.
    """
    n, veto = game.n, game.veto
    others = [i for i in range(n) if i not in veto]
    m = len(others)
    need = game.quota - sum(game.weights[i] for i in veto)
    swings = [0] * n
    if need <= 0:  # the veto set alone wins: its members swing in every coalition
        for i in veto:
            swings[i] = 2**m
        return swings, 2**m
    at_most = _cumulative_by_weight([min(game.weights[j], need) for j in others], need, m)
    winning = 2**m - at_most[need - 1]
    for i in veto:
        swings[i] = winning

    # i's swings are C'(need - 1) - C'(need - 1 - w); with A = C(m) - C(m - w) + ...
    # (m = need - 1), C'(m) = A and C'(m - w) = C(m) - A, so they are 2A - C(m)
    top = at_most[need - 1]
    known: dict[int, int] = {}
    for i in others:
        w = min(game.weights[i], need)
        if w == 0:
            continue
        if w not in known:
            stride = at_most[need - 1 :: -w]
            known[w] = 2 * (sum(stride[0::2]) - sum(stride[1::2])) - top
        swings[i] = known[w]
    return swings, winning


def _cumulative_by_weight(weights: Sequence[int], cap: int, players: int) -> list[int]:
    """For d < cap, the number of coalitions of these players of weight at most d."""
    width = max(8, (players + 2 + 7) // 8)  # bytes per digit: counts reach 2^players
    bits = 8 * width
    mask = (1 << (cap * bits)) - 1
    row = mask // ((1 << bits) - 1)  # every digit 1: the empty coalition
    for w in weights:
        row += (row << (w * bits)) & mask
    raw = row.to_bytes(cap * width, "little")
    if width == 8:  # each digit one unsigned 64-bit word, read all at once
        return list(struct.unpack(f"<{cap}Q", raw))
    return [int.from_bytes(raw[d * width : (d + 1) * width], "little") for d in range(cap)]


def _minimal_winning(game: WeightedGame) -> tuple[list[list[int]], list[int]]:
    """Minimal winning coalitions containing each player, by size; and all of them by size.

    A winning coalition is minimal when every member is critical. Veto members always are;
    a non-veto member j is critical iff w(S) - w_j < q, so it is enough that the lightest
    non-veto member is: with the non-veto players in order of decreasing weight and k the
    last one in S, S is minimal iff q - w_k <= w(S - k) < q. Counting S - k among the
    players before k by (weight, size) is the usual dynamic programme (see e.g.
    Matsui and Matsui 2000, J. Oper. Res. Soc. Japan 43: 71-86, for the weighted case).
    """
    n, veto = game.n, game.veto
    v = len(veto)
    others = sorted((i for i in range(n) if i not in veto), key=lambda i: -game.weights[i])
    m = len(others)
    need = game.quota - sum(game.weights[i] for i in veto)
    per = [[0] * (n + 1) for _ in range(n)]
    total = [0] * (n + 1)
    if need <= 0:  # the veto set is the one minimal winning coalition
        total[v] = 1
        for i in veto:
            per[i][v] = 1
        return per, total

    def count(skip: int | None) -> list[int]:
        """Minimal winning coalitions by size, among those holding ``skip`` if given."""
        out = [0] * (n + 1)
        rows = _Rows(need, m)
        extra = 0 if skip is None else min(game.weights[skip], need)
        for k in others:
            wk = game.weights[k]
            if k == skip:
                if wk > 0:  # skip is the lightest: its own window
                    for s in range(rows.size + 1):
                        out[v + s + 1] += rows.window(s, max(need - wk, 0), need - 1)
                continue
            if skip is not None and skip in others[: others.index(k)] and wk > 0:
                # skip is in S - k: count the rest with weight shifted by skip's
                low, high = need - wk - extra, need - 1 - extra
                if high >= 0:
                    for s in range(rows.size + 1):
                        out[v + s + 2] += rows.window(s, max(low, 0), high)
            elif skip is None and wk > 0:
                for s in range(rows.size + 1):
                    out[v + s + 1] += rows.window(s, max(need - wk, 0), need - 1)
            rows.add(min(wk, need))
        return out

    total = count(None)
    for i in others:
        per[i] = count(i)
    for i in veto:
        per[i] = list(total)
    return per, total


def _johnston(game: WeightedGame, winning: int) -> list[Fraction]:
    """Sum over winning coalitions in which i is critical of 1 / (critical members)."""
    n, veto = game.n, game.veto
    v = len(veto)
    others = [i for i in range(n) if i not in veto]
    need = game.quota - sum(game.weights[i] for i in veto)
    raw = [Fraction(0)] * n
    if winning == 0:
        return raw
    if need <= 0:  # only veto members are critical, in every winning coalition
        for i in veto:
            raw[i] = Fraction(winning, v)
        return raw
    weights = {j: game.weights[j] for j in others}
    top = sum(weights.values())
    # A non-veto member j of a winning S is critical iff w_j > e, the excess w(T) - need.
    # For excesses between two consecutive distinct weights the heavy set is fixed, so
    # count T by (weight, heavy members) once per such band.
    cuts = sorted({0, *weights.values()})
    for lo_i, lo in enumerate(cuts):
        hi = cuts[lo_i + 1] if lo_i + 1 < len(cuts) else None  # excess in [lo, hi)
        heavy = [j for j in others if weights[j] > lo]
        if not heavy and not veto:
            continue
        # table[w][c]: subsets T of the non-veto players, weight w, c heavy members
        table = [[0] * (len(heavy) + 1) for _ in range(top + 1)]
        table[0][0] = 1
        for j in others:
            wj, is_heavy = weights[j], j in heavy
            for w in range(top - wj, -1, -1):
                row, dest = table[w], table[w + wj]
                for c in range(len(heavy) - is_heavy, -1, -1):
                    if row[c]:
                        dest[c + is_heavy] += row[c]
        last = top if hi is None else min(top, need + hi - 1)
        for w in range(need + lo, last + 1):
            for c in range(len(heavy) + 1):
                cnt = table[w][c]
                if cnt and v + c:
                    share = Fraction(cnt, v + c)
                    for i in veto:
                        raw[i] += share
        for i in heavy:  # i in T and heavy: T - i has weight w - w_i and c - 1 heavy
            wi = weights[i]
            without = [list(r) for r in table]
            for w in range(wi, top + 1):
                row, src = without[w], without[w - wi]
                for c in range(1, len(heavy) + 1):
                    row[c] -= src[c - 1]
            for w in range(need + lo, last + 1):
                if w - wi < 0:
                    continue
                for c in range(1, len(heavy) + 1):
                    cnt = without[w - wi][c - 1]
                    if cnt:
                        raw[i] += Fraction(cnt, v + c)
    return raw


def _share(parts: Sequence[Fraction | int]) -> tuple[Fraction, ...]:
    total = sum(parts)
    if total == 0:
        return tuple(Fraction(0) for _ in parts)
    if all(isinstance(p, int) for p in parts):
        return _over([int(p) for p in parts], int(total))
    return tuple(Fraction(p) / total for p in parts)


def _over(counts: Sequence[int], whole: int) -> tuple[Fraction, ...]:
    """Each count / ``whole`` (0 if ``whole`` is 0), one Fraction per distinct count."""
    if whole == 0:
        return tuple(Fraction(0) for _ in counts)
    made: dict[int, Fraction] = {}
    out = []
    for c in counts:
        value = made.get(c)
        if value is None:
            value = made[c] = Fraction(c, whole)
        out.append(value)
    return tuple(out)


def power_indices(game: WeightedGame, indices: Sequence[str] = INDICES) -> PowerIndices:
    """Each named index for each player of the game, as exact fractions.

    * ``shapley_shubik`` (Shapley and Shubik 1954): the share of the n! orders of the
      players in which i is pivotal, i.e. sum over swings S of |S|! (n-|S|-1)! / n!.
    * ``banzhaf`` (Penrose 1946, Banzhaf 1965; absolute): i's swings / 2^(n-1).
    * ``banzhaf_normalised``: i's swings / all players' swings.
    * ``johnston`` (Johnston 1978): over winning coalitions in which i is critical, the
      sum of 1 / (number of critical members), normalised to sum to 1.
    * ``deegan_packel`` (Deegan and Packel 1978): over minimal winning coalitions
      holding i, the mean of 1 / |S| (each minimal winning coalition equally likely,
      its members sharing equally).
    * ``holler`` (Holler 1982, public good index): minimal winning coalitions holding
      i / the sum of that count over all players.
    * ``coleman_prevent`` (Coleman 1971): i's swings / winning coalitions.
    * ``coleman_initiate`` (Coleman 1971): i's swings / losing coalitions.
    """
    unknown = [name for name in indices if name not in INDICES]
    if unknown:
        raise PowerError(f"unknown index {unknown[0]!r}: give one of {', '.join(INDICES)}")
    n = game.n
    g = gcd(*game.weights)
    if g > 1:  # the same game with smaller numbers: w/g reaches ceil(q/g) iff w reaches q
        game = WeightedGame(
            game.names, tuple(w // g for w in game.weights), -(-game.quota // g), game.veto
        )
    if "shapley_shubik" in indices:
        by_size, winning = _swings(game)
        swings = [sum(row) for row in by_size]
    else:  # the other indices need each player's swings, not their sizes
        by_size = []
        swings, winning = _swing_totals(game)
    values: dict[str, tuple[Fraction, ...]] = {}
    fact = [factorial(k) for k in range(n + 1)]
    for name in indices:
        if name == "shapley_shubik":
            values[name] = tuple(
                Fraction(sum(c * fact[s] * fact[n - s - 1] for s, c in enumerate(row)), fact[n])
                for row in by_size
            )
        elif name == "banzhaf":
            values[name] = _over(swings, 2 ** (n - 1))
        elif name == "banzhaf_normalised":
            values[name] = _share(swings)
        elif name == "coleman_prevent":
            values[name] = _over(swings, winning)
        elif name == "coleman_initiate":
            losing = 2**n - winning
            values[name] = _over(swings, losing)
        elif name == "johnston":
            values[name] = _share(_johnston(game, winning))
    if "deegan_packel" in indices or "holler" in indices:
        per, total = _minimal_winning(game)
        count = sum(total)
        if "deegan_packel" in indices:
            values["deegan_packel"] = tuple(
                sum((Fraction(c, s) for s, c in enumerate(row) if c), Fraction(0)) / count
                if count
                else Fraction(0)
                for row in per
            )
        if "holler" in indices:
            values["holler"] = _share([sum(row) for row in per])
    ordered = {name: values[name] for name in indices}
    return PowerIndices(game.names, ordered, winning, Fraction(winning, 2**n))
