"""Ballots as users write them (JSON objects) -> decisions, with errors that name the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from unsc.core.consensus import ConsensusKind, decide_consensus
from unsc.core.errors import BallotError, UnscError
from unsc.core.law import CouncilOn, Law
from unsc.core.rules import Decision, decide
from unsc.core.types import Cast, Chapter, Question, QuestionKind, Subject

VOTE_KINDS = {k.value: k for k in QuestionKind}
STATEMENT_KINDS = {
    ConsensusKind.PRESIDENTIAL_STATEMENT.value: ConsensusKind.PRESIDENTIAL_STATEMENT,
    ConsensusKind.PRESS_STATEMENT.value: ConsensusKind.PRESS_STATEMENT,
}
FIELDS = {
    "date",
    "kind",
    "votes",
    "others",
    "chapter",
    "parties_to_dispute",
    "objections",
    "ess_seized",
    "subject",
    "symbol",
}
SUBJECTS = {s.name.lower(): s for s in Subject}


class FieldError(BallotError):
    """A ballot field that is missing or wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"field {field!r}: {message}")
        self.field = field


def decide_ballot(law: Law, ballot: Any) -> Decision:
    """Decide one ballot object (see the README for its fields)."""
    if not isinstance(ballot, Mapping):
        raise BallotError(
            "a ballot must be a JSON object, e.g. "
            '{"date": "2022-05-26", "kind": "substantive", "others": "yes"}'
        )
    unknown = sorted(set(ballot) - FIELDS)
    if unknown:
        raise FieldError(unknown[0], f"unknown field; known fields: {', '.join(sorted(FIELDS))}")
    day = _date(ballot)
    council = law.on(day)
    kind = ballot.get("kind", "substantive")
    if kind in STATEMENT_KINDS:
        for name in ("votes", "others", "chapter", "parties_to_dispute"):
            if name in ballot:
                raise FieldError(
                    name,
                    f"a {kind} is agreed by consensus, not voted: "
                    "give 'objections' (a list of members) instead",
                )
        objections = _members(law, council, ballot.get("objections", []), "objections")
        return decide_consensus(council, STATEMENT_KINDS[kind], objections)
    if kind not in VOTE_KINDS:
        raise FieldError(
            "kind", f"expected one of {', '.join([*VOTE_KINDS, *STATEMENT_KINDS])}, got {kind!r}"
        )
    if "objections" in ballot:
        raise FieldError("objections", "objections apply to statements; a vote takes 'votes'")
    question = Question(
        kind=VOTE_KINDS[kind],
        subject=_subject(ballot),
        chapter=_chapter(ballot),
        parties_to_dispute=frozenset(
            _states(law, day, ballot.get("parties_to_dispute", []), "parties_to_dispute")
        ),
        symbol=_optional_str(ballot, "symbol"),
        ess_seized=_bool(ballot, "ess_seized"),
    )
    return decide(council, question, _casts(law, council, ballot))


def _date(ballot: Mapping[str, Any]) -> dt.date:
    if "date" not in ballot:
        raise FieldError("date", "missing; give the day of the vote as YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(str(ballot["date"]))
    except ValueError:
        raise FieldError("date", f"expected YYYY-MM-DD, got {ballot['date']!r}") from None


def _cast(value: Any, field: str) -> Cast:
    try:
        return Cast(str(value).lower())
    except ValueError:
        raise FieldError(
            field, f"expected one of {', '.join(c.value for c in Cast)}, got {value!r}"
        ) from None


def _casts(law: Law, council: CouncilOn, ballot: Mapping[str, Any]) -> dict[str, Cast]:
    votes = ballot.get("votes", {})
    if not isinstance(votes, Mapping):
        raise FieldError("votes", 'expected an object such as {"China": "no"}')
    casts: dict[str, Cast] = {}
    for name, value in votes.items():
        field = f"votes.{name}"
        try:
            member = law.resolve(str(name), council)
        except UnscError as err:
            raise FieldError(field, str(err)) from None
        if member.key in casts:
            raise FieldError(field, f"{member.name} is given a vote twice")
        casts[member.key] = _cast(value, field)
    if "others" in ballot:
        others = _cast(ballot["others"], "others")
        for member in council.members:
            casts.setdefault(member.key, others)
    missing = [m.name for m in council.members if m.key not in casts]
    if missing:
        raise FieldError("votes", f"no vote for {', '.join(missing)}; name them or set 'others'")
    return casts


def _members(law: Law, council: CouncilOn, names: Any, field: str) -> list[str]:
    if not isinstance(names, list):
        raise FieldError(field, "expected a list of members")
    keys: list[str] = []
    for name in names:
        try:
            keys.append(law.resolve(str(name), council).key)
        except UnscError as err:
            raise FieldError(field, str(err)) from None
    return keys


def _states(law: Law, day: dt.date, names: Any, field: str) -> list[str]:
    if not isinstance(names, list):
        raise FieldError(field, "expected a list of states")
    keys: list[str] = []
    for name in names:
        try:
            keys.append(law.resolve_state(str(name), day).key)
        except UnscError as err:
            raise FieldError(field, str(err)) from None
    return keys


def _chapter(ballot: Mapping[str, Any]) -> Chapter | None:
    if ballot.get("chapter") is None:
        return None
    try:
        return Chapter(str(ballot["chapter"]).upper())
    except ValueError:
        raise FieldError(
            "chapter", f"expected VI, VII or 52(3), got {ballot['chapter']!r}"
        ) from None


def _subject(ballot: Mapping[str, Any]) -> Subject:
    value = ballot.get("subject", "draft_resolution")
    subject = SUBJECTS.get(str(value).lower())
    if subject is None:
        raise FieldError("subject", f"expected one of {', '.join(SUBJECTS)}, got {value!r}")
    return subject


def _bool(ballot: Mapping[str, Any], field: str) -> bool:
    value = ballot.get(field, False)
    if not isinstance(value, bool):
        raise FieldError(field, f"expected true or false, got {value!r}")
    return value


def _optional_str(ballot: Mapping[str, Any], field: str) -> str | None:
    value = ballot.get(field)
    return None if value is None else str(value)
