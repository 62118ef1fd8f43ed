"""What-if: a recorded vote decided again under a rule the Charter does not have.

Each rule is a variation of the engine's rule (``unsc.core.rules.decide_tally``): it changes
which negative votes count as a veto, or how many affirmative votes are needed, and the
engine decides with that change. These are hypotheticals, not the Charter's rule: each
says which provision or practice it departs from. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from unsc.core import citations as cite
from unsc.core.citations import Citation
from unsc.core.errors import UnscError
from unsc.core.law import CouncilOn
from unsc.core.rules import Decision, decide_tally, names_in_prose
from unsc.core.types import Cast, Question, QuestionKind, State, Tally


class RuleError(UnscError):
    """A what-if rule that is not one of the rules, or a bad number in it."""


class RuleKind(StrEnum):
    NO_VETO = "no-veto"
    """No veto: a draft with the votes is adopted whatever the permanent members vote."""
    ABSTENTION_VETO = "abstention-veto"
    """A permanent member's abstention counts as a veto, as a negative vote does."""
    TWO_VETOES = "two-vetoes"
    """A draft fails only when two or more permanent members vote no."""
    THRESHOLD = "threshold"
    """N affirmative votes are needed instead of the Charter's nine (seven before 1966)."""
    VETO_FOR = "veto-for"
    """A veto for one state on the votes where it sat as an elected member."""


STATEMENTS: Mapping[RuleKind, str] = {
    RuleKind.NO_VETO: (
        "No veto: a non-procedural draft with the required affirmative votes is adopted even "
        "if permanent members vote no. The Charter requires their concurring votes "
        "(Art. 27(3)). Procedural votes are unchanged: they are not subject to the veto "
        "(Art. 27(2))."
    ),
    RuleKind.ABSTENTION_VETO: (
        "A permanent member's abstention counts as a veto, as a literal reading of 'concurring "
        "votes' in Art. 27(3) would have it; the Council's practice since 1946 is that it "
        "does not (ICJ, Namibia advisory opinion, 1971, para. 22). Absence and "
        "non-participation are left as they are. Procedural votes are unchanged (Art. 27(2))."
    ),
    RuleKind.TWO_VETOES: (
        "A non-procedural draft with the votes fails only when two or more permanent members "
        "vote no; one negative vote alone is no veto. The Charter lets any one permanent "
        "member block it (Art. 27(3)). Procedural votes are unchanged (Art. 27(2))."
    ),
    RuleKind.THRESHOLD: (
        "{n} affirmative votes are needed, on procedural and other matters alike, instead of "
        "nine of fifteen (seven of eleven before 1966) (Art. 27(2) and (3); A/RES/1991 "
        "(XVIII)). The veto is unchanged."
    ),
    RuleKind.VETO_FOR: (
        "{state} has a veto on the votes where it sat as an elected member: its negative vote "
        "on a non-procedural draft with the votes blocks it, as a permanent member's does "
        "(Art. 27(3) gives the veto to the five permanent members only). Votes where it did "
        "not sit, or sat as a permanent member, are unchanged; procedural votes too "
        "(Art. 27(2))."
    ),
}

RULES_HELP = "no-veto, abstention-veto, two-vetoes, threshold=N (N from 1 to 15), veto-for=STATE"
"""The rules, as a user writes them."""

MAX_SEATS = 15
"""The most members the Council has had (Art. 23(1) as amended by A/RES/1991 (XVIII))."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A what-if rule: its kind, and its number or state (as the user named it)."""

    kind: RuleKind
    threshold: int | None = None
    state: str | None = None

    @property
    def name(self) -> str:
        if self.kind is RuleKind.THRESHOLD:
            return f"threshold={self.threshold}"
        if self.kind is RuleKind.VETO_FOR:
            return f"veto-for={self.state}"
        return self.kind.value

    def statement(self, state_name: str | None = None) -> str:
        """What the rule changes, in plain words, and what it departs from."""
        return STATEMENTS[self.kind].format(n=self.threshold, state=state_name or self.state)

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The provisions and practice the rule departs from."""
        if self.kind is RuleKind.ABSTENTION_VETO:
            return (cite.ART_27_3, cite.ABSTENTION_PRACTICE)
        if self.kind is RuleKind.THRESHOLD:
            return (cite.ART_27_2, cite.ART_27_3, cite.GA_1991_XVIII)
        return (cite.ART_27_3, cite.ART_27_2)


_RULE = re.compile(r"^\s*([a-z-]+)\s*(?:=\s*(.*?)\s*)?$")


def parse_rule(text: str) -> Rule:
    """'no-veto', 'abstention-veto', 'two-vetoes', 'threshold=N', 'veto-for=STATE'."""
    found = _RULE.match(text.lower()) if text else None
    kind = next((k for k in RuleKind if found and found.group(1) == k.value), None)
    if found is None or kind is None:
        raise RuleError(f"unknown rule {text!r}: give one of {RULES_HELP}")
    value = found.group(2)
    if kind in (RuleKind.THRESHOLD, RuleKind.VETO_FOR) and not value:
        raise RuleError(_needs_value(kind))
    if kind not in (RuleKind.THRESHOLD, RuleKind.VETO_FOR) and value is not None:
        raise RuleError(f"{kind.value} takes no value: write it as '{kind.value}'")
    if kind is RuleKind.THRESHOLD:
        assert value is not None
        if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_SEATS:
            raise RuleError(
                f"threshold={value}: N must be a whole number of votes from 1 to {MAX_SEATS}, "
                "e.g. threshold=10"
            )
        return Rule(kind, threshold=int(value))
    if kind is RuleKind.VETO_FOR:
        original = text.split("=", 1)[1].strip()
        return Rule(kind, state=original)
    return Rule(kind)


def _needs_value(kind: RuleKind) -> str:
    if kind is RuleKind.THRESHOLD:
        return "threshold needs a number of votes: threshold=N, N from 1 to 15, e.g. threshold=10"
    return "veto-for needs a state: veto-for=STATE, e.g. veto-for=Japan or veto-for=JPN"


@dataclass(frozen=True, slots=True)
class WhatIf:
    """One vote decided under the Charter's rule and under the what-if rule."""

    charter: Decision
    whatif: Decision

    @property
    def is_changed(self) -> bool:
        """Whether the rule turns an adoption into a failure or the reverse."""
        return self.charter.is_adopted != self.whatif.is_adopted


def decide_under(
    rule: Rule,
    council: CouncilOn,
    question: Question,
    casts: Mapping[str, Cast],
    *,
    veto_states: frozenset[str] = frozenset(),
) -> WhatIf:
    """Decide a recorded vote (each seated member's cast, keyed by state key) under the
    Charter's rule and under ``rule``. ``veto_states``: the state keys ``veto-for`` names."""
    missing = [m.name for m in council.members if m.key not in casts]
    if missing:
        raise UnscError(f"no cast recorded for {', '.join(missing)}")
    tally = Tally.from_casts(tuple(casts[m.key] for m in council.members))
    permanent_no = tuple(m.state for m in council.permanent if casts[m.key] is Cast.NO)
    charter = decide_tally(council, question, tally, permanent_no)
    procedural = question.kind is QuestionKind.PROCEDURAL
    notes: list[str] = []
    blocking: tuple[State, ...] = permanent_no
    board = council
    if rule.kind is RuleKind.NO_VETO:
        blocking = ()
        if permanent_no and not procedural:
            notes.append(
                f"What-if ({rule.name}): the negative vote of {names_in_prose(permanent_no)} "
                "is not a veto under this rule."
            )
    elif rule.kind is RuleKind.ABSTENTION_VETO:
        abstaining = tuple(m.state for m in council.permanent if casts[m.key] is Cast.ABSTAIN)
        blocking = permanent_no + abstaining
        if abstaining and not procedural:
            notes.append(
                f"What-if ({rule.name}): the abstention of {names_in_prose(abstaining)} counts "
                "as a veto under this rule."
            )
    elif rule.kind is RuleKind.TWO_VETOES:
        if len(permanent_no) == 1:
            blocking = ()
            if not procedural:
                notes.append(
                    f"What-if ({rule.name}): the negative vote of {permanent_no[0].name} alone "
                    "is not a veto under this rule; two permanent members must vote no."
                )
    elif rule.kind is RuleKind.THRESHOLD:
        assert rule.threshold is not None
        board = replace(council, threshold=rule.threshold)
        notes.append(
            f"What-if ({rule.name}): {rule.threshold} affirmative votes are required under "
            f"this rule instead of {council.threshold}."
        )
    else:
        elected_no = tuple(
            m.state
            for m in council.members
            if m.key in veto_states and not m.permanent and casts[m.key] is Cast.NO
        )
        blocking = permanent_no + elected_no
        if elected_no and not procedural:
            notes.append(
                f"What-if ({rule.name}): {names_in_prose(elected_no)} sat as an elected member "
                "and voted no; its negative vote counts as a veto under this rule."
            )
    whatif = decide_tally(board, question, tally, blocking)
    if whatif.vetoed_by and set(whatif.vetoed_by) != set(permanent_no):
        # An abstention or an elected member's vote: not 'the negative vote of a permanent
        # member', as the President would say of a veto under the Charter.
        named = names_in_prose(whatif.vetoed_by)
        whatif = replace(
            whatif,
            explanation=(
                f"The {question.subject.value} has not been adopted, owing to the vote of "
                f"{named}, counted as a veto under this rule."
            ),
            details=tuple(
                f"Vote counted as a veto under this rule: {named}."
                if d.startswith("Negative vote of a permanent member")
                else d
                for d in whatif.details
            ),
        )
    whatif = replace(
        whatif,
        details=(*whatif.details, *notes),
        citations=tuple(dict.fromkeys((*whatif.citations, *rule.citations))),
    )
    return WhatIf(charter, whatif)


def question_kind(kind: str) -> QuestionKind:
    """The record's kind of vote as the engine's: substantive or procedural."""
    return QuestionKind.PROCEDURAL if kind == "procedural" else QuestionKind.SUBSTANTIVE
