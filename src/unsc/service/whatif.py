"""What-if replay of the record: every recorded vote of the real Council (or those of a
period, a subject, a member) decided again under another rule, and what would have changed.

Only votes with each member's cast recorded are replayed: a vote is never invented. Votes of
live sessions are simulations and are left out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from unsc.analysis.replay import outcome_of
from unsc.analysis.whatif import Rule, RuleKind, decide_under, parse_rule, question_kind
from unsc.core.citations import Citation
from unsc.core.errors import UnknownMemberError, UnscError
from unsc.core.types import Question
from unsc.record import queries
from unsc.record.queries import VoteFilter
from unsc.service.database import Database
from unsc.service.record import bundled_law

__all__ = ["ChangedVote", "WhatIfView", "YearCount", "whatif_view"]

WITHOUT_VOTE = "adopted without a vote: there was no vote to replay"
NO_CASTS = "no member's vote is recorded (only the outcome, or the counts): none is invented"


@dataclass(frozen=True, slots=True)
class ChangedVote:
    """A vote whose outcome the rule turns over, with the engine's explanation under both."""

    id: int
    symbol: str
    date: dt.date
    title: str
    recorded: str
    """adopted, vetoed or lack_of_majority: the engine's decision under the Charter, which
    reproduces the record."""
    whatif: str
    why: str
    """The engine's explanation under the rule: the President's sentence and its details."""
    recorded_why: str
    """The engine's explanation under the Charter's rule."""


@dataclass(frozen=True, slots=True)
class YearCount:
    year: int
    replayed: int
    changed: int
    now_adopted: int
    """Not adopted as recorded, adopted under the rule."""
    now_failed: int
    """Adopted as recorded, not adopted under the rule."""


@dataclass(frozen=True, slots=True)
class WhatIfView:
    rule: str
    statement: str
    """What the rule changes, and what it departs from (it is not the Charter's rule)."""
    citations: tuple[Citation, ...]
    total: int
    """Votes replayed."""
    changed: int
    not_replayed: dict[str, int]
    """Votes that cannot be replayed, by reason."""
    votes: tuple[ChangedVote, ...]
    by_year: tuple[YearCount, ...]
    sat_in: int | None = None
    """``veto-for``: the replayed votes in which the state sat as an elected member."""


def _why(explanation: str, details: tuple[str, ...]) -> str:
    return " ".join((explanation, *details))


def _keys(name: str) -> frozenset[str]:
    law = bundled_law()
    keys = frozenset(law.names.keys_for(name))
    if not keys:
        raise UnknownMemberError(name, law.names.suggest(name))
    return keys


def whatif_view(
    db: Database,
    rule_text: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    member: str | None = None,
    subject: str | None = None,
) -> WhatIfView:
    """Replay the record's votes under the filter with the rule ``rule_text``; an error says
    what is wrong with the rule, the period or the member."""
    rule: Rule = parse_rule(rule_text)
    if start and end and start > end:
        raise UnscError(f"'from' ({start}) is after 'to' ({end}); swap them")
    veto_states = _keys(rule.state) if rule.state is not None else frozenset()
    members = _keys(member) if member else frozenset()
    law = bundled_law()
    f = VoteFilter(start=start, end=end, members=members, subject=subject or None)
    with db.sessions() as s:
        rows, casts = queries.votes_with_casts(s, f)
    not_replayed: Counter[str] = Counter()
    changed: list[ChangedVote] = []
    replayed: Counter[int] = Counter()
    now_adopted: Counter[int] = Counter()
    now_failed: Counter[int] = Counter()
    sat_in = 0
    for row in sorted(rows, key=lambda r: (r.date, r.id)):
        if row.kind == "without_vote":
            not_replayed[WITHOUT_VOTE] += 1
            continue
        if row.id not in casts:
            not_replayed[NO_CASTS] += 1
            continue
        council = law.on(row.date)
        question = Question(kind=question_kind(row.kind), symbol=row.symbol)
        try:
            result = decide_under(rule, council, question, casts[row.id], veto_states=veto_states)
        except UnscError as err:
            not_replayed[f"the record's members differ from the Council's: {err}"] += 1
            continue
        replayed[row.date.year] += 1
        if veto_states and any(m.key in veto_states and not m.permanent for m in council.members):
            sat_in += 1
        if not result.is_changed:
            continue
        (now_adopted if result.whatif.is_adopted else now_failed)[row.date.year] += 1
        changed.append(
            ChangedVote(
                id=row.id,
                symbol=row.symbol,
                date=row.date,
                title=row.title,
                recorded=outcome_of(result.charter).value,
                whatif=outcome_of(result.whatif).value,
                why=_why(result.whatif.explanation, result.whatif.details),
                recorded_why=_why(result.charter.explanation, result.charter.details),
            )
        )
    state_name = None
    if rule.state is not None:
        state_name = law.state(sorted(veto_states)[0], end or law.known_until).name
    years = sorted(replayed)
    return WhatIfView(
        rule=rule.name,
        statement=rule.statement(state_name),
        citations=rule.citations,
        total=sum(replayed.values()),
        changed=len(changed),
        not_replayed=dict(sorted(not_replayed.items())),
        votes=tuple(changed),
        by_year=tuple(
            YearCount(y, replayed[y], now_adopted[y] + now_failed[y], now_adopted[y], now_failed[y])
            for y in years
        ),
        sat_in=sat_in if rule.kind is RuleKind.VETO_FOR else None,
    )
