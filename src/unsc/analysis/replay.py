"""Replay a vote record through the rules engine: every recorded outcome decided again."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from unsc.core.consensus import ConsensusKind, decide_consensus
from unsc.core.errors import UnscError
from unsc.core.law import CouncilOn, Law
from unsc.core.recorded import RecordedOutcome, RecordedVote
from unsc.core.rules import Decision, Outcome, Reason, decide, decide_at_most, decide_tally
from unsc.core.types import Cast, Question, QuestionKind


class AnnotationKind(StrEnum):
    """What an annotation supplies that the record lacks."""

    PROCEDURAL = "procedural"
    """The vote was on a procedural matter: no veto applied."""
    WITHOUT_VOTE = "without_vote"
    """The resolution was adopted without a vote."""
    DUPLICATE = "duplicate"
    """The row repeats another vote; its recorded outcome is corrected to that vote's."""
    AT_MOST = "at_most"
    """The record has no votes; sources bound the affirmative votes."""
    COLUMN = "column"
    """A record column holds another state for some years."""


@dataclass(frozen=True, slots=True)
class Annotation:
    """A cited fact about some rows of the record that the engine needs and the record lacks."""

    kind: AnnotationKind
    votes: tuple[int, ...]
    reason: str
    sources: tuple[str, ...]
    corrected_outcome: RecordedOutcome | None = None
    max_yes: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind.value,
            "votes": list(self.votes),
            "reason": self.reason,
            "sources": list(self.sources),
        }
        if self.corrected_outcome is not None:
            out["corrected_outcome"] = self.corrected_outcome.value
        if self.max_yes is not None:
            out["max_yes"] = self.max_yes
        return out


@dataclass(frozen=True, slots=True)
class Replayed:
    """One vote decided again, beside what the record says."""

    vote: RecordedVote
    decision: Decision | None
    expected: RecordedOutcome
    annotation: Annotation | None
    error: str | None = None

    @property
    def engine_outcome(self) -> RecordedOutcome | None:
        if self.decision is None:
            return None
        return outcome_of(self.decision)

    @property
    def is_reproduced(self) -> bool:
        return self.error is None and self.engine_outcome is self.expected


@dataclass(frozen=True)
class ReplayReport:
    results: tuple[Replayed, ...]
    annotations: tuple[Annotation, ...] = field(default_factory=tuple)

    @property
    def total(self) -> int:
        return len(self.results)

    @cached_property
    def reproduced(self) -> int:
        return sum(r.is_reproduced for r in self.results)

    @cached_property
    def annotated(self) -> int:
        return sum(r.annotation is not None for r in self.results)

    @cached_property
    def mismatches(self) -> tuple[Replayed, ...]:
        return tuple(r for r in self.results if not r.is_reproduced)

    def counts(self) -> dict[str, int]:
        """Recorded outcomes, as the engine decided them."""
        tally = Counter(
            r.engine_outcome.value for r in self.results if r.engine_outcome is not None
        )
        return dict(sorted(tally.items()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "reproduced": self.reproduced,
            "annotated": self.annotated,
            "outcomes": self.counts(),
            "mismatches": [
                {
                    "vote": r.vote.vote_id,
                    "symbol": r.vote.symbol,
                    "date": r.vote.day.isoformat(),
                    "recorded": r.expected.value,
                    "engine": None if r.engine_outcome is None else r.engine_outcome.value,
                    "error": r.error,
                }
                for r in self.mismatches
            ],
            "annotations": [a.to_dict() for a in self.annotations],
        }


def outcome_of(decision: Decision) -> RecordedOutcome:
    """The record's category for an engine decision."""
    if decision.outcome is Outcome.ADOPTED:
        return RecordedOutcome.ADOPTED
    if decision.reason is Reason.VETO:
        return RecordedOutcome.VETOED
    return RecordedOutcome.LACK_OF_MAJORITY


def index_annotations(annotations: Iterable[Annotation]) -> dict[int, Annotation]:
    """Vote id -> its annotation; one annotation per vote."""
    by_vote: dict[int, Annotation] = {}
    for annotation in annotations:
        if annotation.kind is AnnotationKind.COLUMN:
            continue
        for vote_id in annotation.votes:
            if vote_id in by_vote:
                raise UnscError(f"vote {vote_id} is annotated twice")
            by_vote[vote_id] = annotation
    return by_vote


def replay(
    law: Law, votes: Sequence[RecordedVote], annotations: Sequence[Annotation] = ()
) -> ReplayReport:
    """Decide every vote again and compare with the record. Pure: no I/O."""
    by_vote = index_annotations(annotations)
    # A column correction is reported on every row where the column held another state.
    by_column_row = {
        vote_id: a for a in annotations if a.kind is AnnotationKind.COLUMN for vote_id in a.votes
    }
    results = tuple(
        replay_one(law, v, by_vote.get(v.vote_id), reported=by_column_row.get(v.vote_id))
        for v in votes
    )
    return ReplayReport(results, tuple(annotations))


def replay_one(
    law: Law,
    vote: RecordedVote,
    annotation: Annotation | None,
    *,
    reported: Annotation | None = None,
) -> Replayed:
    """Decide one vote; ``annotation`` supplies what the row lacks, ``reported`` is only
    named in the result (a column correction already applied when the row was read)."""
    shown = annotation or reported
    expected = vote.outcome
    if annotation is not None and annotation.corrected_outcome is not None:
        expected = annotation.corrected_outcome
    try:
        council = law.on(vote.day)
        _check_seats(council, vote)
        decision = _decide(council, vote, annotation)
    except UnscError as err:
        return Replayed(vote, None, expected, shown, str(err))
    return Replayed(vote, decision, expected, shown)


def _check_seats(council: CouncilOn, vote: RecordedVote) -> None:
    seated = frozenset(vote.seated)
    members = council.keys
    if seated != members:
        raise UnscError(
            f"the record seats {sorted(seated - members)} and omits {sorted(members - seated)} "
            f"against the law's composition on {vote.day.isoformat()}"
        )


def _decide(council: CouncilOn, vote: RecordedVote, annotation: Annotation | None) -> Decision:
    kind = annotation.kind if annotation is not None else None
    if kind is AnnotationKind.WITHOUT_VOTE:
        if any(c is not Cast.ABSENT for c in vote.casts.values()):
            raise UnscError("annotated as adopted without a vote, but the record has votes")
        return decide_consensus(council, ConsensusKind.WITHOUT_VOTE)
    question = Question(
        kind=QuestionKind.PROCEDURAL
        if kind is AnnotationKind.PROCEDURAL
        else QuestionKind.SUBSTANTIVE,
        symbol=vote.symbol,
    )
    if vote.has_breakdown:
        return decide(council, question, vote.casts)
    if vote.tally is not None and vote.tally.no == 0:
        # Without a breakdown, no negative vote at all means no permanent member voted no.
        return decide_tally(council, question, vote.tally, ())
    if annotation is not None and annotation.max_yes is not None:
        return decide_at_most(council, question, annotation.max_yes)
    raise UnscError("the record has no votes for this row and no annotation bounds them")
