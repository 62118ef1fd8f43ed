"""Loads the vote record, decided again by the engine, into the database: states, terms,
votes with each member's cast, and vetoes counted by an explicit rule."""

from __future__ import annotations

import re

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from unsc.analysis.replay import Annotation, AnnotationKind, ReplayReport
from unsc.core.citations import UNSymbol
from unsc.core.errors import UnscError
from unsc.core.law import Law
from unsc.importers.progress import Progress
from unsc.record import models as m

SOURCE_ID = "sciencespo"
VETO_RULE = (
    "A veto is a permanent member's negative vote on a non-procedural proposal that had the "
    "required affirmative votes. Vetoes are counted once per draft (its symbol and date) and "
    "per member, however many votes were taken on the draft; the USSR and the Russian "
    "Federation, and the Republic of China and the People's Republic of China, are counted "
    "apart."
)
_RESOLUTION = re.compile(r"^S/RES/(\d+)\s*\((\d{4})\)$")


def clear(session: Session) -> None:
    """Remove what this importer writes, children first; simulated votes (live sessions)
    and the states they name stay."""
    recorded = select(m.Vote.id).where(m.Vote.source_id == SOURCE_ID)
    session.execute(delete(m.Veto).where(m.Veto.vote_id.in_(recorded)))
    session.execute(delete(m.Cast).where(m.Cast.vote_id.in_(recorded)))
    session.execute(delete(m.Vote).where(m.Vote.source_id == SOURCE_ID))
    session.execute(delete(m.Term))


def load_states(session: Session, law: Law) -> None:
    """Every state the law knows, under its current name (added or updated), and every
    seat it held."""
    for key, record in law.states.items():
        state = record.on(law.known_until)
        session.merge(m.State(key=key, iso3=state.iso3, name=state.name, un_name=state.un_name))
    terms = []
    for seat in law.permanent_seats:
        for holder in seat.holders:
            terms.append(
                {
                    "state_key": holder.value,
                    "name": law.state(holder.value, holder.start).name,
                    "permanent": True,
                    "start": holder.start,
                    "end": holder.end,
                    "source_ref": holder.citation.ref if holder.citation else "",
                }
            )
    for term in law.terms:
        terms.append(
            {
                "state_key": term.key,
                "name": law.state(term.key, term.start).name,
                "permanent": False,
                "start": term.start,
                "end": term.end,
                "source_ref": term.citation.ref,
            }
        )
    session.execute(insert(m.Term), terms)


def load_votes(
    session: Session, law: Law, report: ReplayReport, progress: Progress, *, chunk: int = 500
) -> int:
    """Write ``report``'s votes, casts and vetoes (after ``clear``), in the session's
    transaction. Returns the number of votes written."""
    progress.start("votes", report.total)
    votes: list[dict[str, object]] = []
    casts: list[dict[str, object]] = []
    vetoed: dict[tuple[object, ...], dict[str, object]] = {}
    for result in report.results:
        vote, decision = result.vote, result.decision
        if decision is None:
            raise UnscError(f"vote {vote.vote_id} ({vote.symbol}) was not decided: {result.error}")
        council = law.on(vote.day)
        symbol = vote.symbol
        resolution_symbol = None
        draft_symbol: str | None = symbol
        match = _RESOLUTION.match(symbol.replace(" ", ""))
        if match:
            resolution_symbol = UNSymbol.parse(symbol).text
            draft_symbol = None
        counts = decision.to_dict()
        votes.append(
            {
                "id": vote.vote_id,
                "symbol": resolution_symbol or symbol,
                "draft_symbol": draft_symbol,
                "resolution_symbol": resolution_symbol,
                "resolution": vote.resolution,
                "meeting_symbol": None,
                "date": vote.day,
                "title": vote.title,
                "kind": _kind(result.annotation, decision.kind),
                "recorded_outcome": vote.outcome.value,
                "outcome": decision.outcome.value,
                "reason": None if decision.reason is None else decision.reason.value,
                "yes": counts["yes"],
                "no": counts["no"],
                "abstain": counts["abstain"],
                "absent": counts["absent"],
                "not_participating": counts["not_participating"],
                "threshold": decision.threshold,
                "explanation": decision.explanation,
                "details": list(decision.details),
                "citations": counts["citations"],
                "annotation": None if result.annotation is None else result.annotation.reason,
                "simulation": False,
                "source_id": SOURCE_ID,
                "source_row": vote.source_row,
            }
        )
        # A resolution adopted without a vote has no member votes to keep (the record codes
        # every member NV there); its seated members are those of the day.
        without_vote = _kind(result.annotation, decision.kind) == "without_vote"
        for position, member in enumerate(council.members):
            cast = vote.casts.get(member.key)
            if cast is None or without_vote:
                continue
            casts.append(
                {
                    "vote_id": vote.vote_id,
                    "state_key": member.key,
                    "name": member.name,
                    "permanent": member.permanent,
                    "cast": cast.value,
                    "position": position,
                }
            )
        for state in decision.vetoed_by:
            key = (draft_symbol or symbol, vote.day, state.key)
            if key in vetoed:
                vetoed[key]["votes"] += 1  # type: ignore[operator]
                continue
            vetoed[key] = {
                "vote_id": vote.vote_id,
                "votes": 1,
                "state_key": state.key,
                "name": state.name,
                "date": vote.day,
                "draft_symbol": draft_symbol or symbol,
                "subject": vote.title,
                "topic": None,
            }
        if len(votes) >= chunk:
            progress.advance(len(votes))
            _flush(session, votes, casts, [])
    progress.advance(len(votes))
    _flush(session, votes, casts, list(vetoed.values()))
    return report.total


def _flush(
    session: Session,
    votes: list[dict[str, object]],
    casts: list[dict[str, object]],
    vetoes: list[dict[str, object]],
) -> None:
    for model, rows in ((m.Vote, votes), (m.Cast, casts), (m.Veto, vetoes)):
        if rows:
            session.execute(insert(model), rows)
            rows.clear()


def _kind(annotation: Annotation | None, decided: str) -> str:
    if annotation is not None and annotation.kind is AnnotationKind.WITHOUT_VOTE:
        return "without_vote"
    if annotation is not None and annotation.kind is AnnotationKind.PROCEDURAL:
        return "procedural"
    return decided
