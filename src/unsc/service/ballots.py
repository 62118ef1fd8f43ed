"""Ballots as users write them (JSON objects) -> decisions, with errors that name the field."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from unsc.core.consensus import ConsensusKind, decide_consensus
from unsc.core.errors import BallotError, UnscError
from unsc.core.law import CouncilOn, Law
from unsc.core.rules import Decision, decide
from unsc.core.types import Cast, Chapter, Question, QuestionKind, Subject

VOTE_KINDS = {k.value: k for k in QuestionKind}
STATEMENT_KINDS = {k.value: k for k in ConsensusKind if k is not ConsensusKind.WITHOUT_VOTE}
VOTE_FIELDS = {"votes", "others", "chapter", "parties_to_dispute", "ess_seized", "subject"}
FIELDS = {"date", "kind", "symbol", "objections", *VOTE_FIELDS}
SUBJECTS = {s.name.lower(): s for s in Subject}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
EXAMPLE = '{"date": "2022-05-26", "kind": "substantive", "others": "yes"}'


class FieldError(BallotError):
    """A ballot field that is missing or wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"field {field!r}: {message}")
        self.field = field


def read_ballot(line: str) -> Any:
    """Parse one JSON line; a key given twice is an error, not a silent overwrite."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                raise BallotError(f"key {key!r} is given twice; give each key once")
            seen[key] = value
        return seen

    try:
        return json.loads(line, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as err:
        raise BallotError(f"not valid JSON: {err.msg} at column {err.colno}") from None
    except RecursionError:
        raise BallotError("not a ballot: the JSON is nested too deeply") from None


def decide_ballot(law: Law, ballot: Any) -> Decision:
    """Decide one ballot object (see the README for its fields)."""
    if not isinstance(ballot, Mapping):
        raise BallotError(f"a ballot must be a JSON object, e.g. {EXAMPLE}")
    unknown = sorted(set(ballot) - FIELDS)
    if unknown:
        raise FieldError(unknown[0], f"unknown field; known fields: {', '.join(sorted(FIELDS))}")
    day = _date(ballot)
    council = law.on(day).require_complete()
    kind = str(ballot.get("kind", "substantive")).lower()
    symbol = _optional_str(ballot, "symbol")
    if kind in STATEMENT_KINDS:
        for name in sorted(VOTE_FIELDS & set(ballot)):
            raise FieldError(
                name,
                f"a {kind.replace('_', ' ')} is agreed by consensus, not voted: "
                "give 'objections' (a list of members) instead",
            )
        objections = _resolve_all(
            ballot.get("objections", []), "objections", lambda n: law.resolve(n, council).key
        )
        return decide_consensus(council, STATEMENT_KINDS[kind], objections, symbol=symbol)
    if kind not in VOTE_KINDS:
        choices = ", ".join([*VOTE_KINDS, *STATEMENT_KINDS])
        raise FieldError("kind", f"expected one of {choices}, got {ballot['kind']!r}")
    if "objections" in ballot:
        raise FieldError("objections", "objections apply to statements; a vote takes 'votes'")
    chapter = _chapter(ballot)
    parties = _resolve_all(
        ballot.get("parties_to_dispute", []),
        "parties_to_dispute",
        lambda n: law.resolve_state(n, day).key,
    )
    if parties and chapter is None:
        raise FieldError(
            "parties_to_dispute", "give 'chapter' (VI, VII or 52(3)) for parties to matter"
        )
    question = Question(
        kind=VOTE_KINDS[kind],
        subject=_subject(ballot),
        chapter=chapter,
        parties_to_dispute=frozenset(parties),
        symbol=symbol,
        ess_seized=_bool(ballot, "ess_seized"),
    )
    return decide(council, question, _casts(law, council, ballot))


def parse_day(value: Any, field: str) -> dt.date:
    """A calendar date written exactly as YYYY-MM-DD."""
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise FieldError(field, f"expected a date as YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise FieldError(field, f"{value!r} is not a real date ({err})") from None


def _date(ballot: Mapping[str, Any]) -> dt.date:
    if "date" not in ballot:
        raise FieldError("date", "missing; give the day of the decision as YYYY-MM-DD")
    return parse_day(ballot["date"], "date")


def _cast(value: Any, field: str) -> Cast:
    try:
        return Cast(str(value).lower())
    except ValueError:
        choices = ", ".join(c.value for c in Cast)
        raise FieldError(field, f"expected one of {choices}, got {value!r}") from None


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
    return casts


def _resolve_all(names: Any, field: str, resolve: Callable[[str], str]) -> list[str]:
    """State keys for a list of names; an unknown or repeated name is an error."""
    if not isinstance(names, list):
        raise FieldError(field, 'expected a list of names, e.g. ["China", "Russia"]')
    keys: list[str] = []
    for name in names:
        try:
            key = resolve(str(name))
        except UnscError as err:
            raise FieldError(field, str(err)) from None
        if key in keys:
            raise FieldError(field, f"{name!r} names a state already listed")
        keys.append(key)
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
    subject = SUBJECTS.get(str(value).lower().replace(" ", "_"))
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
    if value is not None and not isinstance(value, str):
        raise FieldError(field, f"expected a string such as 'S/2022/431', got {value!r}")
    return value
