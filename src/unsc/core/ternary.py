"""Abstention-aware voting power: the Council as a ternary voting game, exact.

In a *ternary voting game* (Felsenthal and Machover, "Ternary voting games",
International Journal of Game Theory 26 (1997) 335-351) each voter says yes, abstains
or says no, and the rule maps each of the 3^n profiles to pass or fail, monotonically
(no < abstain < yes). The Council is one: a decision needs ``quota`` affirmative votes
and no permanent member voting no (Charter Art. 27(3)); a permanent member's
abstention is not a veto in the Council's practice since 1946 (upheld by the
International Court of Justice, Namibia advisory opinion, ICJ Reports 1971, p. 16,
para. 22). With ``abstention_vetoes`` a veto member's abstention blocks as its no does.

Two measures, each a probability when every voter picks each of its three options
with probability 1/3, independently (the ternary a priori model):

* ``ternary_shapley_shubik``: the probability of being the *pivot* of a roll-call.
  Voters are called in one of the n! orders, all equally likely; the pivot is the
  voter whose vote finally decides the outcome, so that the votes of those called
  after it no longer make any difference. This is Felsenthal and Machover's roll-call
  model ("Alternative forms of the Shapley value and the Shapley-Shubik index",
  Public Choice 87 (1996) 315-318), which with two options gives the Shapley-Shubik
  index, applied to three options. With abstention counted as no for everyone, it
  still gives the Shapley-Shubik index: the roll-call interpretation holds for
  any exchangeable votes (Kurz and Napel, "The roll call interpretation of the
  Shapley value", arXiv:1808.02696, 2018).
* ``ternary_banzhaf``: the probability that the voter's choice decides the outcome,
  i.e. that with the others' votes fixed (each of their 3^(n-1) profiles equally
  likely) its yes passes the decision and its no fails it. It is the sum of two
  parts: ``yes_vs_abstain`` (its yes passes where its abstention fails) and
  ``abstain_vs_no`` (its abstention passes where its no fails: the veto it does
  not use when it abstains).

Both are computed by counting profiles by how many voters of each kind voted each
way (a veto member's no decides alone, so kinds are all that matter), never by
listing the 3^n profiles or n! orders. Standard library only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from fractions import Fraction
from math import comb, factorial

from unsc.core.power import PowerError

__all__ = [
    "TERNARY_INDICES",
    "Ballot",
    "TernaryCouncil",
    "TernaryPower",
    "ternary_power",
]

TERNARY_INDICES: tuple[str, ...] = ("ternary_shapley_shubik", "ternary_banzhaf")
"""The abstention-aware measures by the names ``unsc power --index`` and the JSON use."""

WORK_LIMIT = 6_000_000
"""Seats x (veto members + 1)^2 x (other seats + 1) above which the ternary counts are
refused: the size of their loops (about five seconds here at the limit)."""


class Ballot(IntEnum):
    """A voter's choice in a ternary voting game, ordered no < abstain < yes."""

    NO = -1
    ABSTAIN = 0
    YES = 1


@dataclass(frozen=True)
class TernaryCouncil:
    """A council deciding by ``quota`` affirmative votes and no veto member voting no.

    ``veto`` holds positions; with ``abstention_vetoes`` a veto member's abstention
    blocks a decision as its no does.
    """

    names: tuple[str, ...]
    veto: frozenset[int]
    quota: int
    abstention_vetoes: bool = False

    def __post_init__(self) -> None:
        n = len(self.names)
        if n == 0:
            raise PowerError("a council needs at least one seat")
        if len(set(self.names)) != n:
            raise PowerError("seat names must differ")
        if not 1 <= self.quota <= n:
            raise PowerError(f"votes needed {self.quota}: give a number from 1 to {n}")
        if any(not 0 <= i < n for i in self.veto):
            raise PowerError("a veto member must be one of the seats")
        v = len(self.veto)
        if n * (v + 1) ** 2 * (n - v + 1) > WORK_LIMIT:
            raise PowerError(
                f"{n} seats with {v} veto members are too many for the abstention-aware "
                "counts: leave out the ternary indices, or give fewer seats"
            )

    @classmethod
    def council(
        cls,
        names: Sequence[str],
        permanent: Sequence[bool],
        quota: int,
        *,
        abstention_vetoes: bool = False,
    ) -> TernaryCouncil:
        """The council whose veto members are those marked ``permanent``."""
        veto = frozenset(i for i, p in enumerate(permanent) if p)
        return cls(tuple(names), veto, quota, abstention_vetoes)

    @property
    def n(self) -> int:
        """The number of seats."""
        return len(self.names)

    def passes(self, profile: Sequence[Ballot]) -> bool:
        """Whether a full profile (one ballot per seat, in order) adopts the decision."""
        if len(profile) != self.n:
            raise PowerError(f"a profile needs {self.n} ballots, not {len(profile)}")
        yes = 0
        for i, ballot in enumerate(profile):
            if ballot == Ballot.YES:
                yes += 1
            elif i in self.veto and (ballot == Ballot.NO or self.abstention_vetoes):
                return False
        return yes >= self.quota


@dataclass(frozen=True)
class TernaryPower:
    """Each seat's abstention-aware power, exact; ``values[name][i]`` is seat i's."""

    names: tuple[str, ...]
    values: dict[str, tuple[Fraction, ...]]
    yes_vs_abstain: tuple[Fraction, ...]
    """Probability that the seat's yes passes where its abstention would fail."""
    abstain_vs_no: tuple[Fraction, ...]
    """Probability that the seat's abstention passes where its no would fail."""
    passes: Fraction
    """Probability that a decision passes, all 3^n profiles equally likely."""


# A voter's kind: veto member or not. Counts of others' ballots by kind:
# veto members (vy yes, va abstain, vn no), the rest (ey yes, eo abstain or no; for them
# abstaining and voting no have the same effect).


def _multinomial(total: int, *parts: int) -> int:
    out = factorial(total)
    for p in parts:
        out //= factorial(p)
    return out


class _Kinds:
    """The ternary rule as a function of counts: the seat asked about, then the others."""

    def __init__(self, game: TernaryCouncil, seat_is_veto: bool) -> None:
        self.quota = game.quota
        self.abst_vetoes = game.abstention_vetoes
        self.seat_is_veto = seat_is_veto
        vetoes = len(game.veto)
        self.v = vetoes - (1 if seat_is_veto else 0)
        self.e = game.n - vetoes - (0 if seat_is_veto else 1)

    def blocked(self, va: int, vn: int) -> bool:
        """Whether veto members' ballots (va abstain, vn no) block the decision."""
        return vn > 0 or (self.abst_vetoes and va > 0)

    def seat_passes(self, ballot: Ballot, yes: int) -> bool:
        """Whether the decision passes with the seat's ``ballot`` and ``yes`` others voting
        yes, no other veto member blocking it."""
        if ballot == Ballot.YES:
            return yes + 1 >= self.quota
        if self.seat_is_veto and (ballot == Ballot.NO or self.abst_vetoes):
            return False
        return yes >= self.quota


def _decisiveness(game: TernaryCouncil, seat_is_veto: bool) -> tuple[Fraction, Fraction]:
    """(yes_vs_abstain, abstain_vs_no) for a seat of the kind, over others' profiles."""
    k = _Kinds(game, seat_is_veto)
    ya = an = 0
    for vy in range(k.v + 1):
        for va in range(k.v - vy + 1):
            vn = k.v - vy - va
            if k.blocked(va, vn):
                continue  # fails whatever the seat votes
            vmult = _multinomial(k.v, vy, va, vn)
            for ey in range(k.e + 1):
                mult = vmult * comb(k.e, ey) * 2 ** (k.e - ey)
                yes = vy + ey
                at_yes = k.seat_passes(Ballot.YES, yes)
                at_abstain = k.seat_passes(Ballot.ABSTAIN, yes)
                at_no = k.seat_passes(Ballot.NO, yes)
                ya += mult * (at_yes != at_abstain)
                an += mult * (at_abstain != at_no)
    profiles = 3 ** (game.n - 1)
    return Fraction(ya, profiles), Fraction(an, profiles)


def _pivot(game: TernaryCouncil, seat_is_veto: bool) -> Fraction:
    """The probability that a seat of the kind is the pivot of a random roll-call.

    The seat is called at position s+1 (each of the n positions equally likely), after
    a random s of the others, who voted at random; it is the pivot when the outcome was
    open before its vote and settled after it. An outcome is settled when every way the
    voters still to be called could vote gives the same result: passed if it passes
    with all of them voting no, failed if it fails with all of them voting yes.
    """
    k = _Kinds(game, seat_is_veto)
    n = game.n
    total = Fraction(0)
    for s in range(n):
        count = 0
        for kv in range(max(0, s - k.e), min(k.v, s) + 1):
            ke = s - kv
            pick = comb(k.v, kv) * comb(k.e, ke)
            rv, re = k.v - kv, k.e - ke  # veto and other voters still to be called after
            for vy in range(kv + 1):
                for va in range(kv - vy + 1):
                    vn = kv - vy - va
                    if k.blocked(va, vn):
                        continue  # settled (failed) before the seat is called
                    vmult = _multinomial(kv, vy, va, vn)
                    for ey in range(ke + 1):
                        yes = vy + ey
                        # open before: it could still pass (the seat and all after say yes)
                        # and could still fail (some veto member left, or too few yes so far)
                        if yes + 1 + rv + re < k.quota:
                            continue
                        if yes >= k.quota and rv == 0 and not seat_is_veto:
                            continue
                        mult = vmult * comb(ke, ey) * 2 ** (ke - ey)
                        for ballot in Ballot:
                            if _settled_after(k, ballot, yes, rv, re):
                                count += mult * pick
        total += Fraction(count, comb(n - 1, s) * 3 ** (s + 1))
    return total / n


def _settled_after(k: _Kinds, ballot: Ballot, yes: int, rv: int, re: int) -> bool:
    """Whether, after the seat's ``ballot``, the outcome no longer depends on the rest."""
    if k.seat_is_veto and (ballot == Ballot.NO or (k.abst_vetoes and ballot == Ballot.ABSTAIN)):
        return True  # its veto settles it: failed
    now = yes + (1 if ballot == Ballot.YES else 0)
    if now + rv + re < k.quota:
        return True  # failed whatever the rest say
    return now >= k.quota and rv == 0  # passed whatever the rest say


def ternary_power(game: TernaryCouncil) -> TernaryPower:
    """Each seat's abstention-aware power in the council, exact (see the module notes)."""
    by_kind: dict[bool, tuple[Fraction, Fraction, Fraction]] = {}
    for kind in {i in game.veto for i in range(game.n)}:
        ya, an = _decisiveness(game, kind)
        by_kind[kind] = (_pivot(game, kind), ya, an)
    kinds = [by_kind[i in game.veto] for i in range(game.n)]
    return TernaryPower(
        names=game.names,
        values={
            "ternary_shapley_shubik": tuple(p for p, _, _ in kinds),
            "ternary_banzhaf": tuple(ya + an for _, ya, an in kinds),
        },
        yes_vs_abstain=tuple(ya for _, ya, _ in kinds),
        abstain_vs_no=tuple(an for _, _, an in kinds),
        passes=_pass_probability(game),
    )


def _pass_probability(game: TernaryCouncil) -> Fraction:
    """The share of the 3^n profiles that adopt the decision."""
    v = len(game.veto)
    e = game.n - v
    count = 0
    for vy in range(v + 1):
        if game.abstention_vetoes and vy < v:
            continue  # a veto member that does not vote yes blocks it
        vmult = comb(v, vy)  # the other veto members abstain: one way each
        for ey in range(e + 1):
            if vy + ey >= game.quota:
                count += vmult * comb(e, ey) * 2 ** (e - ey)
    return Fraction(count, 3**game.n)
