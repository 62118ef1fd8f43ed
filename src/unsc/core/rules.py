"""Decisions by vote (Charter Art. 27 and the Council's practice), each explained and cited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from unsc.core import citations as cite
from unsc.core.citations import Citation
from unsc.core.errors import BallotError, ObligatoryAbstentionError
from unsc.core.law import CouncilOn
from unsc.core.types import Cast, Question, QuestionKind, State, Tally
from unsc.core.veto_initiative import ga_debate_deadline


class Outcome(StrEnum):
    ADOPTED = "adopted"
    NOT_ADOPTED = "not_adopted"


class Reason(StrEnum):
    """Why a proposal was not adopted."""

    VETO = "veto"
    """A permanent member voted no on a non-procedural question that had the votes
    (Art. 27(3); the library's counting rule)."""
    INSUFFICIENT_VOTES = "insufficient_votes"
    """Fewer affirmative votes than the threshold (Art. 27(2) and (3))."""
    OBJECTION = "objection"
    """A member withheld its consent to a text that needs consensus (Council practice)."""


# The President's words, as the record has them (S/PV.6627; S/PV.7758, res 2310 (2016)).
FORMULAS: Mapping[tuple[Outcome, Reason | None], str] = {
    (Outcome.ADOPTED, None): "The {noun} has been adopted.",
    (Outcome.NOT_ADOPTED, Reason.VETO): (
        "The {noun} has not been adopted, owing to the negative vote of a permanent member "
        "of the Council."
    ),
    (Outcome.NOT_ADOPTED, Reason.INSUFFICIENT_VOTES): (
        "The {noun} has not been adopted, having failed to obtain the required number of votes."
    ),
}

PRELIMINARY_NOUN = "proposal to treat the question as procedural"


@dataclass(frozen=True, slots=True)
class Decision:
    """An outcome with its reason, tally, threshold, explanation and citations."""

    day: dt.date
    kind: str
    outcome: Outcome
    reason: Reason | None
    tally: Tally | None
    """The counts; ``None`` where the record kept only a bound on them."""
    threshold: int | None
    vetoed_by: tuple[State, ...]
    objected_by: tuple[State, ...]
    explanation: str
    details: tuple[str, ...]
    citations: tuple[Citation, ...]
    ga_debate_deadline: dt.date | None = None
    symbol: str | None = None

    @property
    def is_adopted(self) -> bool:
        return self.outcome is Outcome.ADOPTED

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view; member lists name each state as it was named that day."""
        return {
            "date": self.day.isoformat(),
            "kind": self.kind,
            "symbol": self.symbol,
            "outcome": self.outcome.value,
            "reason": None if self.reason is None else self.reason.value,
            **_counts(self.tally),
            "threshold": self.threshold,
            "vetoed_by": [s.name for s in self.vetoed_by],
            "objected_by": [s.name for s in self.objected_by],
            "explanation": self.explanation,
            "details": list(self.details),
            "citations": [c.to_dict() for c in self.citations],
            "ga_debate_deadline": (
                None if self.ga_debate_deadline is None else self.ga_debate_deadline.isoformat()
            ),
        }


def _counts(tally: Tally | None) -> dict[str, int | None]:
    names = ("yes", "no", "abstain", "absent", "not_participating")
    if tally is None:
        return dict.fromkeys(names)
    return {name: getattr(tally, name) for name in names}


def tally_sentence(tally: Tally) -> str:
    """'There were 9 votes in favour, 2 votes against and 4 abstentions.' (S/PV.6627)."""

    def plural(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    return (
        f"There were {plural(tally.yes, 'vote', 'votes')} in favour, "
        f"{plural(tally.no, 'vote', 'votes')} against and "
        f"{plural(tally.abstain, 'abstention', 'abstentions')}."
    )


def decide(council: CouncilOn, question: Question, casts: Mapping[str, Cast]) -> Decision:
    """Decide ``question`` on ``council`` given each member's cast, keyed by state key.

    Every seated member must have a cast and no one else may. Under Chapter VI or
    Art. 52(3), a party to the dispute voting yes or no is refused (Art. 27(3)).
    """
    _check_ballot(council, casts)
    check_obligatory_abstention(council, question, casts)
    tally = Tally.from_casts(tuple(casts.values()))
    permanent_no = tuple(m.state for m in council.permanent if casts[m.key] is Cast.NO)
    decision = decide_tally(council, question, tally, permanent_no)
    notes, citations = _practice_notes(council, question, casts)
    if not notes:
        return decision
    return replace(
        decision,
        details=decision.details + notes,
        citations=tuple(dict.fromkeys((*decision.citations, *citations))),
    )


def decide_tally(
    council: CouncilOn,
    question: Question,
    tally: Tally,
    permanent_no: Sequence[State],
) -> Decision:
    """Decide from counts alone, given which permanent members voted no.

    This is the rule itself; ``decide`` checks a full ballot and calls it. It serves the
    record's few votes whose per-member breakdown is lost but whose counts survive.
    """
    if tally.total != council.seats:
        raise BallotError(
            f"the tally counts {tally.total} members but the Council had {council.seats} "
            f"on {council.day.isoformat()}"
        )
    threshold = council.threshold
    procedural = question.kind is QuestionKind.PROCEDURAL
    noun = _noun(question)
    article = cite.ART_27_2 if procedural else cite.ART_27_3
    citations: list[Citation] = [article, *council.citations]
    details = [
        tally_sentence(tally),
        f"{threshold} affirmative votes of {council.seats} members were required "
        f"({article.ref}{', procedural matter' if procedural else ''}); there were {tally.yes}.",
    ]
    vetoed_by: tuple[State, ...] = ()
    deadline: dt.date | None = None

    if tally.yes < threshold:
        outcome, reason = Outcome.NOT_ADOPTED, Reason.INSUFFICIENT_VOTES
        if permanent_no and not procedural:
            details.append(
                f"The negative vote of {names_in_prose(permanent_no)} is not counted as a veto: "
                "the proposal did not have the required affirmative votes."
            )
            citations.append(cite.VETO_COUNTING_RULE)
    elif permanent_no and not procedural:
        outcome, reason = Outcome.NOT_ADOPTED, Reason.VETO
        vetoed_by = tuple(permanent_no)
        details.append(
            f"Negative vote of a permanent member: {names_in_prose(permanent_no)}. A "
            "non-procedural decision requires the concurring votes of the permanent members."
        )
        citations.append(cite.VETO_COUNTING_RULE)
        if council.veto_initiative:
            deadline = ga_debate_deadline(council.day, ess_seized=question.ess_seized)
            citations.append(cite.GA_76_262)
            if deadline is None:
                details.append(
                    "No General Assembly debate under A/RES/76/262 is due: an emergency "
                    "special session is already seized of the situation."
                )
            else:
                details.append(
                    "Under A/RES/76/262 the President of the General Assembly convenes a "
                    f"debate within ten working days: by {deadline.isoformat()} (Monday to "
                    "Friday; public holidays are not taken off)."
                )
    else:
        outcome, reason = Outcome.ADOPTED, None
        if permanent_no and procedural:
            details.append(
                f"The negative vote of {names_in_prose(permanent_no)} is no veto: the question is "
                "procedural and needs only the affirmative votes."
            )
            citations.append(cite.PROCEDURAL_PRACTICE)

    if question.kind is QuestionKind.PRELIMINARY:
        citations.append(cite.PRELIMINARY_QUESTION)
        details.append(
            "The question is procedural."
            if outcome is Outcome.ADOPTED
            else "The question is therefore not procedural: it is decided as a substantive one."
        )
    elif procedural and cite.PROCEDURAL_PRACTICE not in citations:
        citations.append(cite.PROCEDURAL_PRACTICE)

    return Decision(
        day=council.day,
        kind=question.kind.value,
        outcome=outcome,
        reason=reason,
        tally=tally,
        threshold=threshold,
        vetoed_by=vetoed_by,
        objected_by=(),
        explanation=FORMULAS[(outcome, reason)].format(noun=noun),
        details=tuple(details),
        citations=tuple(dict.fromkeys(citations)),
        ga_debate_deadline=deadline,
        symbol=question.symbol,
    )


def decide_at_most(council: CouncilOn, question: Question, max_yes: int) -> Decision:
    """Decide when only an upper bound on the affirmative votes is known.

    Fewer than the threshold can only mean 'not adopted, insufficient votes'; a bound at or
    above the threshold decides nothing and is refused.
    """
    threshold = council.threshold
    if max_yes >= threshold:
        raise BallotError(
            f"at most {max_yes} affirmative votes does not decide the question: "
            f"{threshold} were required"
        )
    article = cite.ART_27_2 if question.kind is QuestionKind.PROCEDURAL else cite.ART_27_3
    noun = _noun(question)
    return Decision(
        day=council.day,
        kind=question.kind.value,
        outcome=Outcome.NOT_ADOPTED,
        reason=Reason.INSUFFICIENT_VOTES,
        tally=None,
        threshold=threshold,
        vetoed_by=(),
        objected_by=(),
        explanation=FORMULAS[(Outcome.NOT_ADOPTED, Reason.INSUFFICIENT_VOTES)].format(noun=noun),
        details=(
            f"At most {max_yes} affirmative votes; {threshold} of {council.seats} members "
            f"were required ({article.ref}).",
        ),
        citations=(article, *council.citations),
        symbol=question.symbol,
    )


def decide_amended(
    council: CouncilOn,
    draft: tuple[Question, Mapping[str, Cast]],
    amendments: Sequence[tuple[Question, Mapping[str, Cast]]],
) -> tuple[Decision, ...]:
    """Decide the amendments, in the order given, and then the draft (rules 33 and 36)."""
    decisions = [decide(council, q, casts) for q, casts in amendments]
    decisions.append(decide(council, *draft))
    return tuple(
        replace(d, citations=(*d.citations, cite.AMENDMENT_ORDER)) if amendments else d
        for d in decisions
    )


# -- checks and notes --------------------------------------------------------


def _check_ballot(council: CouncilOn, casts: Mapping[str, Cast]) -> None:
    extra = [k for k in casts if not council.is_seated(k)]
    if extra:
        raise BallotError(
            f"votes given for states not seated on {council.day.isoformat()}: "
            f"{', '.join(sorted(extra))}"
        )
    missing = [m.name for m in council.members if m.key not in casts]
    if missing:
        raise BallotError(
            f"no vote given for {', '.join(missing)}: name each member's vote or set 'others'"
        )


def check_obligatory_abstention(
    council: CouncilOn, question: Question, casts: Mapping[str, Cast]
) -> None:
    """Refuse a yes or no by a party to the dispute where Art. 27(3) requires it to abstain."""
    if question.kind is not QuestionKind.SUBSTANTIVE or question.chapter is None:
        return
    if not question.chapter.requires_party_abstention:
        return
    for key in sorted(question.parties_to_dispute):
        cast = casts.get(key)
        member = council.member(key)
        if member is not None and cast in (Cast.YES, Cast.NO):
            where = "Chapter VI" if question.chapter.value == "VI" else "Article 52(3)"
            raise ObligatoryAbstentionError(
                f"{member.name} is a party to the dispute and, in a decision under {where}, "
                f"shall abstain from voting (UN Charter, Art. 27(3)); it cannot vote "
                f"{cast.value}. Record it as 'abstain' or 'not_participating'."
            )


def _practice_notes(
    council: CouncilOn, question: Question, casts: Mapping[str, Cast]
) -> tuple[tuple[str, ...], tuple[Citation, ...]]:
    """Notes on permanent members that did not vote no, and on parties that abstained."""
    notes: list[str] = []
    citations: list[Citation] = []
    if question.kind is QuestionKind.PROCEDURAL:
        return (), ()
    not_voting = (Cast.ABSTAIN, Cast.ABSENT, Cast.NOT_PARTICIPATING)
    abstaining = [m for m in council.permanent if casts[m.key] in not_voting]
    enough = sum(c is Cast.YES for c in casts.values()) >= council.threshold
    if abstaining and enough:
        described = ", ".join(
            f"{m.name} ({casts[m.key].value.replace('_', ' ')})" for m in abstaining
        )
        notes.append(
            "A permanent member's abstention, absence or non-participation is no veto: "
            f"{described}."
        )
        citations.append(cite.ABSTENTION_PRACTICE)
    if (
        question.kind is QuestionKind.SUBSTANTIVE
        and question.chapter is not None
        and question.chapter.requires_party_abstention
    ):
        parties = [m for k in sorted(question.parties_to_dispute) if (m := council.member(k))]
        if parties:
            described = ", ".join(
                f"{m.name} ({casts[m.key].value.replace('_', ' ')})" for m in parties
            )
            notes.append(f"Party to the dispute, not voting as Art. 27(3) requires: {described}.")
            citations.append(cite.ART_27_3_PARTY)
    return tuple(notes), tuple(citations)


def _noun(question: Question) -> str:
    if question.kind is QuestionKind.PRELIMINARY:
        return PRELIMINARY_NOUN
    return question.subject.value


def names_in_prose(states: Sequence[State]) -> str:
    """'China', 'China and Russia', 'A, B and C'."""
    names = [s.name for s in states]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
