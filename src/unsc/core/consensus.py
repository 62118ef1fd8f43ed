"""Decisions without a vote: texts that need every member's consent, and joint statements
that groups of states issue outside the Council."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from unsc.core import citations as cite
from unsc.core.citations import Citation
from unsc.core.errors import BallotError
from unsc.core.law import CouncilOn
from unsc.core.rules import Decision, Outcome, Reason, names_in_prose
from unsc.core.types import State


class ConsensusKind(StrEnum):
    """Texts the Council adopts by consensus rather than by a vote."""

    PRESIDENTIAL_STATEMENT = "presidential_statement"
    PRESS_STATEMENT = "press_statement"
    WITHOUT_VOTE = "without_vote"
    """A resolution adopted without a vote (e.g. admissions of new Members, 1991-2012)."""

    @property
    def noun(self) -> str:
        return {
            ConsensusKind.PRESIDENTIAL_STATEMENT: "presidential statement",
            ConsensusKind.PRESS_STATEMENT: "press statement",
            ConsensusKind.WITHOUT_VOTE: "draft resolution",
        }[self]

    @property
    def citation(self) -> Citation:
        return {
            ConsensusKind.PRESIDENTIAL_STATEMENT: cite.PRST_CONSENSUS,
            ConsensusKind.PRESS_STATEMENT: cite.PRESS_STATEMENT_CONSENSUS,
            ConsensusKind.WITHOUT_VOTE: cite.WITHOUT_VOTE_PRACTICE,
        }[self]


CONSENSUS_FORMULAS = {
    Outcome.ADOPTED: {
        ConsensusKind.PRESIDENTIAL_STATEMENT: "The presidential statement has been agreed "
        "by consensus and will be issued as a document of the Security Council.",
        ConsensusKind.PRESS_STATEMENT: "The press statement has been agreed by all members "
        "of the Council.",
        ConsensusKind.WITHOUT_VOTE: "The draft resolution has been adopted without a vote.",
    },
    Outcome.NOT_ADOPTED: {
        ConsensusKind.PRESIDENTIAL_STATEMENT: "No presidential statement has been agreed: "
        "it needs the consent of every member, and {objectors} objected.",
        ConsensusKind.PRESS_STATEMENT: "No press statement has been agreed: it needs the "
        "consent of every member, and {objectors} objected.",
        ConsensusKind.WITHOUT_VOTE: "The draft resolution has not been adopted without a "
        "vote: {objectors} objected, so it must be put to the vote.",
    },
}


def decide_consensus(
    council: CouncilOn,
    kind: ConsensusKind,
    objections: Sequence[str] = (),
    *,
    symbol: str | None = None,
) -> Decision:
    """Agree a text by consensus: one objection by a seated member blocks it.

    ``objections`` are state keys of the members that withheld consent.
    """
    unseated = [k for k in objections if not council.is_seated(k)]
    if unseated:
        raise BallotError(
            f"only members can object; not seated on {council.day.isoformat()}: "
            f"{', '.join(sorted(unseated))}"
        )
    objectors = tuple(dict.fromkeys(objections))
    objected_by = tuple(council.member(k).state for k in objectors)  # type: ignore[union-attr]
    if objected_by:
        outcome, reason = Outcome.NOT_ADOPTED, Reason.OBJECTION
        explanation = CONSENSUS_FORMULAS[outcome][kind].format(
            objectors=names_in_prose(objected_by)
        )
    else:
        outcome, reason = Outcome.ADOPTED, None
        explanation = CONSENSUS_FORMULAS[outcome][kind]
    details = (
        f"A {kind.noun} {'adopted without a vote ' if kind is ConsensusKind.WITHOUT_VOTE else ''}"
        f"needs the consent of all {council.seats} members; "
        f"{council.seats - len(objected_by)} consented.",
    )
    return Decision(
        day=council.day,
        kind=kind.value,
        outcome=outcome,
        reason=reason,
        tally=None,
        threshold=None,
        vetoed_by=(),
        objected_by=objected_by,
        explanation=explanation,
        details=details,
        citations=(kind.citation,),
        symbol=symbol,
    )


@dataclass(frozen=True, slots=True)
class JointStatement:
    """A statement read at the stakeout on behalf of a group of states.

    Any states may sign, Council members or not, and a member may sign 'in its national
    capacity'. It is the signatories' statement, never the Council's.
    """

    day: dt.date
    read_by: State
    signatories: tuple[State, ...]
    subject: str = ""
    follows: Decision | None = None
    """The Council decision it answers, typically a blocked statement."""

    has_council_status = False
    citation = cite.JOINT_STATEMENT_STATUS

    def __post_init__(self) -> None:
        if not self.signatories:
            raise BallotError("a joint statement needs at least one signatory")
        if self.read_by not in self.signatories:
            raise BallotError(f"{self.read_by.name} reads the statement but does not sign it")

    def members_signing(self, council: CouncilOn) -> tuple[State, ...]:
        """Signatories that sat on the Council that day."""
        return tuple(s for s in self.signatories if council.is_seated(s.key))

    def non_members_signing(self, council: CouncilOn) -> tuple[State, ...]:
        return tuple(s for s in self.signatories if not council.is_seated(s.key))

    def describe(self, council: CouncilOn) -> str:
        members = self.members_signing(council)
        return (
            f"Joint statement read by {self.read_by.name} on {self.day.isoformat()} on behalf "
            f"of {len(self.signatories)} states ({len(members)} Council members, "
            f"{len(self.signatories) - len(members)} non-members). It has no Council status."
        )
