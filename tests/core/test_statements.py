"""Decisions without a vote, and joint statements with no Council status."""

from __future__ import annotations

import datetime as dt

import pytest

from unsc.core.consensus import ConsensusKind, JointStatement, decide_consensus
from unsc.core.errors import BallotError
from unsc.core.rules import Outcome, Reason
from unsc.law.loader import load_law

MARCH_7_2022 = dt.date(2022, 3, 7)
# The eleven states of the joint statement read on 7 March 2022 (domain facts §2.1, S21).
ELEVEN = [
    "Albania",
    "Australia",
    "Brazil",
    "France",
    "Ireland",
    "Japan",
    "New Zealand",
    "Norway",
    "Republic of Korea",
    "United Kingdom",
    "United States",
]


def test_a_council_statement_blocked_by_two_members_then_a_joint_statement_by_eleven() -> None:
    law = load_law()
    council = law.on(MARCH_7_2022)
    blocked = decide_consensus(council, ConsensusKind.PRESS_STATEMENT, ["CHN", "RUS"])
    assert blocked.outcome is Outcome.NOT_ADOPTED and blocked.reason is Reason.OBJECTION
    assert [s.name for s in blocked.objected_by] == [
        "People's Republic of China",
        "Russian Federation",
    ]
    assert "objected" in blocked.explanation

    signatories = tuple(law.resolve_state(name, MARCH_7_2022) for name in ELEVEN)
    statement = JointStatement(
        day=MARCH_7_2022,
        read_by=law.resolve_state("United States", MARCH_7_2022),
        signatories=signatories,
        subject="DPRK ballistic missile launch of 5 March 2022",
        follows=blocked,
    )
    assert statement.has_council_status is False
    assert len(statement.signatories) == 11
    members = {s.name for s in statement.members_signing(council)}
    assert members == {
        "Albania",
        "Brazil",
        "France",
        "Ireland",
        "Norway",
        "United Kingdom",
        "United States",
    }
    assert {s.name for s in statement.non_members_signing(council)} == {
        "Australia",
        "Japan",
        "New Zealand",
        "Republic of Korea",
    }
    assert "no Council status" in statement.describe(council)


def test_one_objection_blocks_a_presidential_statement_and_is_named() -> None:
    council = load_law().on(dt.date(2024, 3, 1))
    decision = decide_consensus(council, ConsensusKind.PRESIDENTIAL_STATEMENT, ["RUS"])
    assert decision.reason is Reason.OBJECTION
    assert [s.key for s in decision.objected_by] == ["RUS"]
    agreed = decide_consensus(council, ConsensusKind.PRESIDENTIAL_STATEMENT, [])
    assert agreed.outcome is Outcome.ADOPTED and agreed.objected_by == ()


def test_only_members_can_object() -> None:
    council = load_law().on(dt.date(2024, 3, 1))
    with pytest.raises(BallotError, match="only members can object"):
        decide_consensus(council, ConsensusKind.PRESS_STATEMENT, ["JPN", "DEU"])


def test_a_joint_statement_must_be_read_by_a_signatory() -> None:
    law = load_law()
    japan = law.resolve_state("Japan", MARCH_7_2022)
    with pytest.raises(BallotError, match="does not sign"):
        JointStatement(MARCH_7_2022, law.resolve_state("Norway", MARCH_7_2022), (japan,))
