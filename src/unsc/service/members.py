"""The Council's members as the pages and the API show them: every state that sat, with
its seats, votes and vetoes; one member with how it voted over a period, how often each
other member voted as it did, and its vetoes. Typed views; the edges render them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from unsc.core.documents import SourceRef
from unsc.record import documents, queries
from unsc.record.queries import AgreementRow, MemberRow, StateRow, TermRow, VetoDetailRow
from unsc.service.database import Database
from unsc.service.votes import VOTE_SOURCE

__all__ = [
    "CASTS",
    "AgreementRow",
    "MemberRow",
    "MemberView",
    "MembersView",
    "StateRow",
    "TermRow",
    "member_view",
    "members_view",
]

CASTS = ("yes", "no", "abstain", "absent", "not_participating")
"""The ways a member's vote is recorded, in the order the pages list them."""


@dataclass(frozen=True, slots=True)
class MembersView:
    """Every state that has sat on the Council, by name, and where the figures come from."""

    members: tuple[MemberRow, ...]
    source: SourceRef


def members_view(db: Database) -> MembersView:
    with db.sessions() as s:
        return MembersView(tuple(queries.members(s)), documents.source(s, VOTE_SOURCE))


@dataclass(frozen=True, slots=True)
class MemberView:
    """A state, and (``member``) its seats, votes and vetoes if it ever sat; over the
    period from ``start`` to ``end`` (none: the whole record): how it voted, how often each
    other member voted as it did, and its vetoes."""

    state: StateRow
    member: MemberRow | None
    casts: tuple[tuple[str, int], ...]
    """How many times it voted each way over the period, in the order of ``CASTS``; the
    ways it never voted left out."""
    agreement: tuple[AgreementRow, ...]
    vetoes: tuple[VetoDetailRow, ...]
    source: SourceRef


def member_view(
    db: Database, key: str, start: dt.date | None = None, end: dt.date | None = None
) -> MemberView | None:
    """The member with ``key`` (any case: ``chn`` is ``CHN``); none if the record has no
    state with that key."""
    with db.sessions() as s:
        state = queries.state(s, key.upper())
        if state is None:
            return None
        source = documents.source(s, VOTE_SOURCE)
        member = next(iter(queries.members(s, state.key)), None)
        if member is None:
            return MemberView(state, None, (), (), (), source)
        counted = Counter(queries.member_casts(s, state.key, start, end).values())
        agreement = queries.agreement(s, state.key, start, end)
        f = queries.VetoFilter(frozenset({state.key}), start, end)
        vetoes = queries.list_vetoes(s, f, limit=1_000_000, offset=0)
    casts = tuple((cast, counted[cast]) for cast in CASTS if counted[cast])
    return MemberView(state, member, casts, tuple(agreement), vetoes.items, source)
