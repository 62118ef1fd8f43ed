"""A posteriori power and alignment: what the recorded votes show of each member's weight and
of who votes with whom. Pure: the votes come in as values, numbers go out.

Definitions (each answer states them):

- A member *sat* on a vote when it cast yes, no or abstain. An absence or a declaration of
  non-participation is not a vote: it counts in none of the figures below.
- A member was *decisive* (a swing) on a vote when changing its own cast alone, to any of
  yes, no or abstain, the others' casts unchanged, would have changed the outcome (adopted
  or not) under the Council's rule (Art. 27(2) and (3), decided by ``unsc.core.rules``).
  This is the notion of a decisive voter in a division of Banzhaf (1965) and of
  Felsenthal and Machover, *The Measurement of Voting Power* (1998) and "Ternary voting
  games" (Int. J. Game Theory 26, 1997), which allow abstention as a third option, applied
  a posteriori: to the division recorded, not to every possible one. So a permanent member
  that voted yes or abstained on an adopted non-procedural draft is always decisive (its
  no would have been a veto), and a lone veto is decisive; an elected member is decisive
  only where the affirmative votes were exactly the threshold (it voted yes) or one short
  of it (it voted no or abstained, and no permanent member vetoed).
- A member's vote *succeeded* when it was on the winning side: yes on an adopted draft;
  no or abstain on one not adopted. (An abstention on an adopted draft did not succeed.)
- The *agreement* of two members is the share of the votes on which both sat where they
  cast the same (yes, no or abstain). Pairs that never sat together have none.
- The permanent members were *unanimous* on a vote when all five sat and cast the same.
  Votes where one of them was absent or did not participate are counted apart.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from unsc.core.law import CouncilOn
from unsc.core.rules import decide
from unsc.core.types import Cast, Question

__all__ = [
    "Agreement",
    "CastVote",
    "MapPoint",
    "MemberRecord",
    "YearUnanimity",
    "agreement_matrix",
    "classical_mds",
    "decisive",
    "member_records",
    "succeeded",
    "unanimity_by_year",
]

VOTED = (Cast.YES, Cast.NO, Cast.ABSTAIN)
"""The casts that are votes; absence and non-participation are not."""


@dataclass(frozen=True, slots=True)
class CastVote:
    """A recorded vote with each member's cast, the Council that sat and the question."""

    id: int
    symbol: str
    date: dt.date
    council: CouncilOn
    question: Question
    casts: Mapping[str, Cast]


@dataclass(frozen=True, slots=True)
class MemberRecord:
    key: str
    sat: int
    """Votes on which the member cast yes, no or abstain."""
    decisive: int
    """Votes on which changing its own cast alone would have changed the outcome."""
    succeeded: int
    """Votes on which it was on the winning side."""


@dataclass(frozen=True, slots=True)
class Agreement:
    """Two members (``a`` before ``b``): on ``same`` of the ``together`` votes both sat on,
    they cast the same."""

    a: str
    b: str
    together: int
    same: int

    @property
    def share(self) -> float | None:
        return self.same / self.together if self.together else None


@dataclass(frozen=True, slots=True)
class MapPoint:
    key: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class YearUnanimity:
    year: int
    votes: int
    """Votes on which all five permanent members sat."""
    unanimous: int
    """Of those, votes on which they all cast the same."""
    absent: int
    """Votes on which a permanent member was absent or did not participate."""
    first_split: tuple[int, str, dt.date] | None
    """The year's first vote on which they sat and split: id, symbol, date."""


def _adopted(vote: CastVote, casts: Mapping[str, Cast]) -> bool:
    return decide(vote.council, vote.question, casts).is_adopted


_SWINGS: dict[tuple[object, ...], frozenset[str]] = {}
"""Each vote's swings once found: a vote's casts, question and date fix them."""

_SWINGS_KEPT = 200_000
"""Votes whose swings are kept; the cache starts again past it."""


def decisive(vote: CastVote) -> frozenset[str]:
    """The members whose own change of cast (to yes, no or abstain) would have changed the
    outcome of ``vote``: its swings (each asked of the rules engine, three times a member,
    once per vote and kept)."""
    key = (vote.id, vote.date, vote.council.seats, vote.question, *sorted(vote.casts.items()))
    known = _SWINGS.get(key)
    if known is None:
        if len(_SWINGS) >= _SWINGS_KEPT:
            _SWINGS.clear()
        known = _SWINGS[key] = _swings(vote)
    return known


def _swings(vote: CastVote) -> frozenset[str]:
    adopted = _adopted(vote, vote.casts)
    found = set()
    for key, cast in vote.casts.items():
        if cast not in VOTED:
            continue
        for other in VOTED:
            if other is not cast and _adopted(vote, {**vote.casts, key: other}) != adopted:
                found.add(key)
                break
    return frozenset(found)


def succeeded(cast: Cast, *, adopted: bool) -> bool:
    """On the winning side: yes on an adopted draft, no or abstain on one not adopted."""
    if cast not in VOTED:
        return False
    return (cast is Cast.YES) == adopted


def member_records(votes: Iterable[CastVote]) -> dict[str, MemberRecord]:
    """Each member's votes sat, decisive votes and successful votes."""
    sat: Counter[str] = Counter()
    swing: Counter[str] = Counter()
    won: Counter[str] = Counter()
    for vote in votes:
        adopted = _adopted(vote, vote.casts)
        swings = decisive(vote)
        for key, cast in vote.casts.items():
            if cast not in VOTED:
                continue
            sat[key] += 1
            swing[key] += key in swings
            won[key] += succeeded(cast, adopted=adopted)
    return {k: MemberRecord(k, sat[k], swing[k], won[k]) for k in sorted(sat)}


def agreement_matrix(votes: Iterable[CastVote]) -> dict[tuple[str, str], Agreement]:
    """The agreement of every pair of members that sat together, keyed both ways, with each
    member's agreement with itself (1 over every vote it sat on)."""
    together: Counter[tuple[str, str]] = Counter()
    same: Counter[tuple[str, str]] = Counter()
    for vote in votes:
        voted = sorted((k, c) for k, c in vote.casts.items() if c in VOTED)
        for i, (a, ca) in enumerate(voted):
            for b, cb in voted[i:]:
                together[a, b] += 1
                same[a, b] += ca is cb
    out: dict[tuple[str, str], Agreement] = {}
    for (a, b), n in together.items():
        out[a, b] = out[b, a] = Agreement(a, b, n, same[a, b])
    return out


def _placeable(keys: Sequence[str], matrix: Mapping[tuple[str, str], Agreement]) -> list[str]:
    """The members, in the order given, that sat with every member placed before them."""
    placed: list[str] = []
    for key in keys:
        if all((key, other) in matrix for other in placed):
            placed.append(key)
    return placed


def classical_mds(
    keys: Sequence[str], matrix: Mapping[tuple[str, str], Agreement]
) -> tuple[MapPoint, ...]:
    """Classical (Torgerson) multidimensional scaling of the disagreement (1 - agreement)
    into two dimensions: the members as points whose distances approximate their
    disagreement. Only members that sat with each other can be placed: ``keys`` is read in
    order (most votes first, say) and a member that never sat with one placed before it is
    left out."""
    placed = _placeable(keys, matrix)
    n = len(placed)
    if n == 0:
        return ()
    if n == 1:
        return (MapPoint(placed[0], 0.0, 0.0),)
    d = np.array(
        [[1.0 - (matrix[a, b].share or 0.0) if a != b else 0.0 for b in placed] for a in placed]
    )
    j = np.eye(n) - np.full((n, n), 1.0 / n)
    b = -0.5 * j @ (d**2) @ j
    values, vectors = np.linalg.eigh(b)
    order = np.argsort(values)[::-1][:2]
    coords = vectors[:, order] * np.sqrt(np.clip(values[order], 0.0, None))
    if coords.shape[1] < 2:
        coords = np.hstack([coords, np.zeros((n, 2 - coords.shape[1]))])
    for axis in range(2):  # a fixed orientation: the first placed member on the left, below
        if coords[0, axis] > 0:
            coords[:, axis] *= -1
    return tuple(
        MapPoint(k, round(float(x), 4) + 0.0, round(float(y), 4) + 0.0)
        for k, (x, y) in zip(placed, coords, strict=True)
    )


def unanimity_by_year(votes: Iterable[CastVote]) -> tuple[YearUnanimity, ...]:
    """Per year, how often the five permanent members, all sitting, cast the same vote."""
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    first: dict[int, tuple[int, str, dt.date]] = {}
    for vote in sorted(votes, key=lambda v: (v.date, v.id)):
        year = vote.date.year
        casts = [vote.casts.get(m.key) for m in vote.council.permanent]
        row = counts[year]
        if not all(c in VOTED for c in casts):
            row[2] += 1
            continue
        row[0] += 1
        if len(set(casts)) == 1:
            row[1] += 1
        elif year not in first:
            first[year] = (vote.id, vote.symbol, vote.date)
    return tuple(
        YearUnanimity(y, counts[y][0], counts[y][1], counts[y][2], first.get(y))
        for y in sorted(counts)
    )
