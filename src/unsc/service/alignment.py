"""Power and alignment over a period of the record: each member's votes sat, decisive votes
and successes, the agreement matrix and its map, the permanent members' unanimity per year.
The definitions are in ``unsc.analysis.alignment``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from unsc.analysis.alignment import (
    CastVote,
    MapPoint,
    YearUnanimity,
    agreement_matrix,
    classical_mds,
    member_records,
    unanimity_by_year,
)
from unsc.analysis.whatif import question_kind
from unsc.core.errors import UnscError
from unsc.core.types import Question
from unsc.record import queries
from unsc.record.queries import VoteFilter
from unsc.service.database import Database
from unsc.service.record import bundled_law

__all__ = ["AlignmentView", "MemberPower", "PairAgreement", "alignment_view"]


DEFINITIONS = (
    "A member sat on a vote when it cast yes, no or abstain; absence and non-participation "
    "count in no figure. Decisive (a swing): changing its own cast alone, to yes, no or "
    "abstain, would have changed the outcome under Art. 27(2) and (3) (Banzhaf's decisive "
    "voter, with abstention as in Felsenthal and Machover, The Measurement of Voting Power, "
    "1998), on the division recorded. Succeeded: yes on an adopted draft, no or abstain on "
    "one not adopted. Agreement: the share of the votes both sat on where they cast the "
    "same. The permanent members were unanimous when all five sat and cast the same."
)


@dataclass(frozen=True, slots=True)
class MemberPower:
    key: str
    name: str
    permanent: bool
    sat: int
    decisive: int
    succeeded: int
    decisive_share: float
    """``decisive`` / ``sat``, to four places."""
    success_share: float
    """``succeeded`` / ``sat``, to four places."""


@dataclass(frozen=True, slots=True)
class PairAgreement:
    a: str
    b: str
    together: int
    same: int
    agreement: float
    """``same`` / ``together``, to four places."""


@dataclass(frozen=True, slots=True)
class AlignmentView:
    start: dt.date | None
    end: dt.date | None
    subject: str | None
    votes: int
    """Votes with each member's cast recorded, counted in the figures."""
    left_out: int
    """Votes of the period without each member's cast (or adopted without a vote)."""
    definitions: str
    members: tuple[MemberPower, ...]
    """Most votes sat first."""
    agreement: tuple[PairAgreement, ...]
    """Every pair that sat together (each pair once, a member with itself included)."""
    map: tuple[MapPoint, ...]
    not_mapped: tuple[str, ...]
    """Members that never sat with one already placed on the map."""
    unanimity: tuple[YearUnanimity, ...]


def _four(n: int, d: int) -> float:
    return round(n / d, 4) if d else 0.0


def alignment_view(
    db: Database,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    subject: str | None = None,
) -> AlignmentView:
    """Power and alignment over the record's votes of the period (and subject)."""
    if start and end and start > end:
        raise UnscError(f"'from' ({start}) is after 'to' ({end}); swap them")
    law = bundled_law()
    f = VoteFilter(start=start, end=end, subject=subject or None)
    with db.sessions() as s:
        rows, casts = queries.votes_with_casts(s, f)
    votes: list[CastVote] = []
    names: dict[str, tuple[str, bool]] = {}
    for row in sorted(rows, key=lambda r: (r.date, r.id)):
        if row.kind == "without_vote" or row.id not in casts:
            continue
        council = law.on(row.date)
        if {m.key for m in council.members} != set(casts[row.id]):
            continue
        for m in council.members:
            names[m.key] = (m.name, m.permanent)
        question = Question(kind=question_kind(row.kind), symbol=row.symbol)
        votes.append(CastVote(row.id, row.symbol, row.date, council, question, casts[row.id]))
    records = member_records(votes)
    members = tuple(
        sorted(
            (
                MemberPower(
                    key=r.key,
                    name=names[r.key][0],
                    permanent=names[r.key][1],
                    sat=r.sat,
                    decisive=r.decisive,
                    succeeded=r.succeeded,
                    decisive_share=_four(r.decisive, r.sat),
                    success_share=_four(r.succeeded, r.sat),
                )
                for r in records.values()
            ),
            key=lambda m: (not m.permanent, -m.sat, m.name),
        )
    )
    matrix = agreement_matrix(votes)
    order = [m.key for m in members]
    pairs = tuple(
        PairAgreement(a, b, x.together, x.same, _four(x.same, x.together))
        for i, a in enumerate(order)
        for b in order[i:]
        if (x := matrix.get((a, b))) is not None
    )
    points = classical_mds(order, matrix)
    placed = {p.key for p in points}
    return AlignmentView(
        start=start,
        end=end,
        subject=subject or None,
        votes=len(votes),
        left_out=len(rows) - len(votes),
        definitions=DEFINITIONS,
        members=members,
        agreement=pairs,
        map=points,
        not_mapped=tuple(k for k in order if k not in placed),
        unanimity=unanimity_by_year(votes),
    )
