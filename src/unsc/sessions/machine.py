"""A live Council meeting as a pure state machine.

Commands are checked against the state (``command``) and become events; events are folded
into the state (``apply``). The state is never stored: it is derived from the event log,
so a restart, a late device or an audit rebuilds exactly what every screen showed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from unsc.core.citations import AMENDMENT_ORDER
from unsc.core.consensus import ConsensusKind, decide_consensus
from unsc.core.errors import ObligatoryAbstentionError, UnscError
from unsc.core.law import CouncilOn
from unsc.core.rules import Decision, check_obligatory_abstention, decide
from unsc.core.types import Cast, Chapter, Question, QuestionKind, Subject

CHAIR = "chair"


class SessionError(UnscError):
    """A command that the meeting's state or the actor's role does not allow."""


class Presence(StrEnum):
    PRESENT = "present"
    PRESENT_AND_VOTING = "present_and_voting"
    ABSENT = "absent"


@dataclass(frozen=True, slots=True)
class Event:
    """One entry of the append-only log: its sequence number, kind, data and actor."""

    seq: int
    kind: str
    data: Mapping[str, Any]
    actor: str

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind, "data": dict(self.data), "actor": self.actor}


@dataclass(frozen=True, slots=True)
class VoteState:
    number: int
    kind: QuestionKind
    subject: Subject
    title: str
    ballots: Mapping[str, Cast] = field(default_factory=dict)
    ballot_ids: Mapping[str, str] = field(default_factory=dict)
    """Client ballot id -> seat, so that a retried ballot is accepted once."""
    closed: bool = False
    decision: Decision | None = None
    draft: str | None = None
    """The draft voted on, or the one an amendment amends (e.g. ``S/2022/431``)."""
    chapter: Chapter | None = None
    parties: tuple[str, ...] = ()
    """Seats of the parties to the dispute (Art. 27(3) under Chapter VI or Art. 52(3))."""

    def question(self) -> Question:
        return Question(
            kind=self.kind,
            subject=self.subject,
            chapter=self.chapter,
            parties_to_dispute=frozenset(self.parties),
            symbol=self.draft,
        )


@dataclass(frozen=True, slots=True)
class StatementState:
    number: int
    kind: ConsensusKind
    text: str
    objections: tuple[str, ...] = ()
    ended: bool = False
    decision: Decision | None = None
    deadline: str | None = None
    """When silence ends (ISO time, UTC, from the server's clock), if the chair set one."""


@dataclass(frozen=True, slots=True)
class JointStatement:
    number: int
    text: str
    signatories: tuple[str, ...]
    """Seat keys of the delegations that signed (the statement has no Council status)."""


@dataclass(frozen=True, slots=True)
class SessionState:
    council: CouncilOn
    last_seq: int = 0
    presence: Mapping[str, Presence] = field(default_factory=dict)
    votes: tuple[VoteState, ...] = ()
    statements: tuple[StatementState, ...] = ()
    joint_statements: tuple[JointStatement, ...] = ()
    speakers: tuple[str, ...] = ()
    corrections: tuple[Mapping[str, Any], ...] = ()
    ended: bool = False
    speaking: tuple[str, str] | None = None
    """The seat with the floor and when it got it (ISO time, stamped by the server)."""
    speaking_limit: int | None = None
    """Seconds each speaker has, as the chair set it (none: no limit)."""

    @property
    def seats(self) -> tuple[str, ...]:
        return tuple(m.key for m in self.council.members)

    @property
    def open_vote(self) -> VoteState | None:
        return self.votes[-1] if self.votes and not self.votes[-1].closed else None

    @property
    def open_statement(self) -> StatementState | None:
        last = self.statements[-1] if self.statements else None
        return last if last is not None and not last.ended else None

    def tally(self, vote: VoteState) -> dict[str, int]:
        counts = {c.value: 0 for c in Cast}
        for cast in vote.ballots.values():
            counts[cast.value] += 1
        return counts


def start(council: CouncilOn) -> SessionState:
    return SessionState(council=council)


# -- commands: checked, then turned into event data ------------------------------------


def command(
    state: SessionState, actor: str, kind: str, data: Mapping[str, Any]
) -> tuple[str, dict[str, Any]]:
    """Check ``kind`` by ``actor`` against ``state``; return the event to append.

    Raises ``SessionError`` saying why the command is refused.
    """
    handler = _COMMANDS.get(kind)
    if handler is None:
        raise SessionError(f"unknown command {kind!r}; known: {', '.join(sorted(_COMMANDS))}")
    role, check = handler
    if state.ended:
        raise SessionError("the session has ended; its votes are in the record")
    if role == CHAIR and actor != CHAIR:
        raise SessionError(f"only the chair can {kind.replace('_', ' ')}")
    if role == "delegation" and actor not in state.seats:
        raise SessionError("only a delegation can do this")
    return kind, check(state, actor, data)


def _roll_call(state: SessionState, _: str, data: Mapping[str, Any]) -> dict[str, Any]:
    seat = _seat(state, data.get("seat"))
    try:
        presence = Presence(str(data.get("presence")))
    except ValueError:
        raise SessionError("presence: expected present, present_and_voting or absent") from None
    return {"seat": seat, "presence": presence.value}


def _roll_call_all(state: SessionState, _: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """Every seat at once (the chair then records the exceptions one by one)."""
    try:
        presence = Presence(str(data.get("presence", Presence.PRESENT.value)))
    except ValueError:
        raise SessionError("presence: expected present, present_and_voting or absent") from None
    return {"presence": presence.value, "seats": list(state.seats)}


def _open_vote(state: SessionState, _: str, data: Mapping[str, Any]) -> dict[str, Any]:
    if state.open_vote is not None:
        raise SessionError(f"vote {state.open_vote.number} is still open; close it first")
    try:
        kind = QuestionKind(str(data.get("kind", "substantive")))
        subject = Subject[str(data.get("subject", "draft_resolution")).upper()]
    except (ValueError, KeyError):
        raise SessionError(
            "kind: substantive, procedural or preliminary; subject: "
            "draft_resolution, amendment, motion, provisional_agenda "
            "or proposal"
        ) from None
    title = str(data.get("title", "")).strip()[:300]
    if not title:
        raise SessionError("title: say what is put to the vote")
    draft = str(data.get("draft") or "").strip()[:60] or None
    if subject is Subject.DRAFT_RESOLUTION and draft is None:
        draft = title[:60]
    if subject is Subject.AMENDMENT:
        if draft is None:
            raise SessionError("draft: the draft this amendment amends, e.g. S/2022/431")
        taken = next(
            (v for v in state.votes if v.subject is Subject.DRAFT_RESOLUTION and v.draft == draft),
            None,
        )
        if taken is not None:
            raise SessionError(
                f"{draft} has been put to the vote (vote {taken.number}): {AMENDMENT_ORDER.note} "
                f"({AMENDMENT_ORDER.ref})"
            )
    try:
        chapter = Chapter(str(data["chapter"])) if data.get("chapter") else None
    except ValueError:
        raise SessionError("chapter: VI, VII or 52(3), or leave it out") from None
    raw_parties = data.get("parties") or []
    if not isinstance(raw_parties, list):
        raise SessionError("parties: a list of the delegations party to the dispute")
    parties = [_seat(state, p) for p in raw_parties]
    if parties and chapter is None:
        raise SessionError(
            "parties: say under which chapter the decision is taken (Art. 27(3) binds parties "
            "under Chapter VI and Art. 52(3) only)"
        )
    return {
        "number": len(state.votes) + 1,
        "kind": kind.value,
        "subject": subject.name.lower(),
        "title": title,
        "draft": draft,
        "chapter": None if chapter is None else chapter.value,
        "parties": sorted(set(parties)),
    }


def _must_abstain(state: SessionState, vote: VoteState, seat: str, cast: Cast) -> None:
    try:
        check_obligatory_abstention(state.council, vote.question(), {seat: cast})
    except ObligatoryAbstentionError as err:
        raise SessionError(str(err)) from None


BALLOT_ID_LIMIT = 64
"""Characters a client's ballot id may have."""


def _cast(state: SessionState, actor: str, data: Mapping[str, Any]) -> dict[str, Any]:
    named = data.get("seat")
    if named is not None and str(named).casefold() != actor.casefold():
        other = _name(state, named) if named in state.seats else repr(named)
        raise SessionError(
            f"seat: this link casts the ballot of {_name(state, actor)} ({actor}) only, not of "
            f"{other}; leave the seat out, or name {actor}"
        )
    ballot_id = data.get("ballot_id")
    if not isinstance(ballot_id, str) or not ballot_id:
        raise SessionError("ballot_id: give each ballot an id (text), so that a retry counts once")
    if len(ballot_id) > BALLOT_ID_LIMIT:
        raise SessionError(
            f"ballot_id: at most {BALLOT_ID_LIMIT} characters (this one has {len(ballot_id)})"
        )
    # A ballot id belongs to one vote of one delegation. A retry is recognised first, even
    # after the close (it was counted, so it is answered as such), as long as no other vote
    # is asked for: the one open now, or the one the ballot names.
    counted = next((v for v in state.votes if ballot_id in v.ballot_ids), None)
    if counted is not None:
        if counted.ballot_ids[ballot_id] != actor:
            raise SessionError("ballot_id: already used for another ballot; use a new id")
        asked = data.get("vote")
        if asked is None and state.open_vote is not None:
            asked = state.open_vote.number
        if asked is None or (type(asked) is int and asked == counted.number):
            recorded = counted.ballots.get(actor)
            sent = data.get("cast")
            corrected = any(
                c.get("vote") == counted.number and c.get("seat") == actor
                for c in state.corrections
            )
            if recorded and sent is not None and str(sent) != recorded.value and not corrected:
                raise SessionError(
                    f"ballot_id: this ballot was counted on vote {counted.number} as "
                    f"{recorded.value}; a retry sends the same vote (the chair can record a "
                    "correction)"
                )
            raise DuplicateBallot(actor, counted.number)
        raise SessionError(
            f"ballot_id: already used for this delegation's ballot on vote {counted.number}, "
            f"where it was counted; use a new id for vote {asked}"
        )
    vote = state.open_vote
    if vote is None:
        raise SessionError("no vote is open")
    if data.get("vote") is not None and data.get("vote") != vote.number:
        raise SessionError(f"vote {data.get('vote')} is closed; vote {vote.number} is open")
    if actor in vote.ballots:
        raise SessionError(
            f"{_name(state, actor)} has already voted on vote {vote.number}; "
            "the chair can record a correction"
        )
    try:
        cast = Cast(str(data.get("cast")))
    except ValueError:
        raise SessionError("cast: expected yes, no or abstain") from None
    if cast not in (Cast.YES, Cast.NO, Cast.ABSTAIN):
        raise SessionError("cast: a delegation votes yes, no or abstain")
    if state.presence.get(actor) is Presence.ABSENT:
        raise SessionError(f"{_name(state, actor)} is recorded absent at the roll call")
    _must_abstain(state, vote, actor, cast)
    return {"vote": vote.number, "seat": actor, "cast": cast.value, "ballot_id": ballot_id}


class DuplicateBallot(SessionError):
    """A retried ballot: already counted, so nothing more to do."""

    def __init__(self, seat: str, vote: int) -> None:
        super().__init__(f"this ballot was already counted, on vote {vote}")
        self.seat = seat
        self.vote = vote


def _close_vote(state: SessionState, _: str, __: Mapping[str, Any]) -> dict[str, Any]:
    vote = state.open_vote
    if vote is None:
        raise SessionError("no vote is open")
    return {"vote": vote.number}


def _correct(state: SessionState, _: str, data: Mapping[str, Any]) -> dict[str, Any]:
    number = data.get("vote")
    if (
        isinstance(number, bool)
        or not isinstance(number, int)
        or not 1 <= number <= len(state.votes)
    ):
        raise SessionError("vote: the number of a vote taken in this session")
    if not state.votes[number - 1].closed:
        raise SessionError("a correction is for a closed vote; the delegation votes itself")
    seat = _seat(state, data.get("seat"))
    try:
        cast = Cast(str(data.get("cast")))
    except ValueError:
        raise SessionError("cast: yes, no, abstain, absent or not_participating") from None
    reason = str(data.get("reason", "")).strip()[:500]
    if not reason:
        raise SessionError("reason: a correction says why it is made")
    _must_abstain(state, state.votes[number - 1], seat, cast)
    previous = state.votes[number - 1].ballots.get(seat)
    return {
        "vote": number,
        "seat": seat,
        "cast": cast.value,
        "reason": reason,
        "previous": None if previous is None else previous.value,
    }


def _propose_statement(state: SessionState, _: str, data: Mapping[str, Any]) -> dict[str, Any]:
    if state.open_statement is not None:
        raise SessionError("a statement is already under silence procedure")
    try:
        kind = ConsensusKind(str(data.get("kind", "presidential_statement")))
    except ValueError:
        raise SessionError("kind: presidential_statement or press_statement") from None
    if kind is ConsensusKind.WITHOUT_VOTE:
        raise SessionError("kind: presidential_statement or press_statement")
    text = str(data.get("text", "")).strip()[:5000]
    if not text:
        raise SessionError("text: the statement's text")
    deadline = None
    minutes = data.get("minutes")
    if minutes not in (None, "", 0, "0"):
        try:
            span = float(minutes)
        except (TypeError, ValueError):
            span = -1
        if isinstance(minutes, bool) or not 0 < span <= 7 * 24 * 60:
            raise SessionError("minutes: how long silence runs, up to a week (10080), or none")
        deadline = (_now(data) + dt.timedelta(minutes=span)).isoformat(timespec="seconds")
    return {
        "number": len(state.statements) + 1,
        "kind": kind.value,
        "text": text,
        "deadline": deadline,
    }


def _now(data: Mapping[str, Any]) -> dt.datetime:
    """The server's clock, stamped on the command as ``at``."""
    try:
        return dt.datetime.fromisoformat(str(data["at"]))
    except (KeyError, ValueError):
        raise SessionError("at: the server's time is missing") from None


def _past(deadline: str | None, data: Mapping[str, Any]) -> bool:
    return deadline is not None and _now(data) >= dt.datetime.fromisoformat(deadline)


def _break_silence(state: SessionState, actor: str, data: Mapping[str, Any]) -> dict[str, Any]:
    statement = state.open_statement
    if statement is None:
        raise SessionError("no statement is under silence procedure")
    if actor in statement.objections:
        raise SessionError(f"{_name(state, actor)} has already broken silence")
    if _past(statement.deadline, data):
        raise SessionError(f"silence ended at {statement.deadline}; it can no longer be broken")
    return {"statement": statement.number, "seat": actor}


def _end_silence(state: SessionState, _: str, data: Mapping[str, Any]) -> dict[str, Any]:
    statement = state.open_statement
    if statement is None:
        raise SessionError("no statement is under silence procedure")
    if statement.deadline and not statement.objections and not _past(statement.deadline, data):
        raise SessionError(
            f"silence runs until {statement.deadline}: it ends then, or once a delegation breaks it"
        )
    return {"statement": statement.number}


def _joint_statement(state: SessionState, _: str, data: Mapping[str, Any]) -> dict[str, Any]:
    signatories = data.get("signatories")
    if not isinstance(signatories, list) or not signatories:
        raise SessionError("signatories: the delegations that sign")
    seats = [_seat(state, s) for s in signatories]
    if len(set(seats)) != len(seats):
        raise SessionError("signatories: a delegation is named twice")
    text = str(data.get("text", "")).strip()[:5000]
    if not text:
        raise SessionError("text: the joint statement's text")
    return {"number": len(state.joint_statements) + 1, "signatories": seats, "text": text}


def _add_speaker(state: SessionState, _: str, data: Mapping[str, Any]) -> dict[str, Any]:
    return {"seat": _seat(state, data.get("seat"))}


def _speaking_time(_: SessionState, __: str, data: Mapping[str, Any]) -> dict[str, Any]:
    seconds = data.get("seconds")
    if isinstance(seconds, str) and seconds.strip().isdecimal() and len(seconds.strip()) <= 4:
        seconds = int(seconds.strip())
    if isinstance(seconds, bool) or not isinstance(seconds, int) or not 0 <= seconds <= 3600:
        raise SessionError("seconds: each speaker's time, 0 (no limit) to 3600")
    return {"seconds": seconds}


def _end_session(state: SessionState, _: str, __: Mapping[str, Any]) -> dict[str, Any]:
    if state.open_vote is not None:
        raise SessionError(f"vote {state.open_vote.number} is still open; close it first")
    if state.open_statement is not None:
        raise SessionError("a statement is under silence procedure; end it first")
    return {"votes": len(state.votes)}


def _next_speaker(state: SessionState, _: str, data: Mapping[str, Any]) -> dict[str, Any]:
    if not state.speakers:
        raise SessionError("the speakers list is empty")
    return {"seat": state.speakers[0], "at": str(data.get("at", ""))[:40]}


_COMMANDS: dict[str, tuple[str, Any]] = {
    "roll_call": (CHAIR, _roll_call),
    "roll_call_all": (CHAIR, _roll_call_all),
    "open_vote": (CHAIR, _open_vote),
    "close_vote": (CHAIR, _close_vote),
    "correct": (CHAIR, _correct),
    "propose_statement": (CHAIR, _propose_statement),
    "end_silence": (CHAIR, _end_silence),
    "joint_statement": (CHAIR, _joint_statement),
    "add_speaker": (CHAIR, _add_speaker),
    "next_speaker": (CHAIR, _next_speaker),
    "speaking_time": (CHAIR, _speaking_time),
    "end_session": (CHAIR, _end_session),
    "cast": ("delegation", _cast),
    "break_silence": ("delegation", _break_silence),
}


def _seat(state: SessionState, value: Any) -> str:
    if not isinstance(value, str) or value not in state.seats:
        raise SessionError(f"seat: one of {', '.join(state.seats)}")
    return value


def _name(state: SessionState, seat: str) -> str:
    member = state.council.member(seat)
    return member.name if member is not None else seat


# -- events: folded into the state ------------------------------------------------------


def apply(state: SessionState, event: Event) -> SessionState:
    """The state after ``event`` (events come from ``command``, so they are valid)."""
    if event.seq != state.last_seq + 1:
        raise SessionError(f"event {event.seq} out of order after {state.last_seq}")
    d = event.data
    state = replace(state, last_seq=event.seq)
    match event.kind:
        case "roll_call":
            return replace(state, presence={**state.presence, d["seat"]: Presence(d["presence"])})
        case "roll_call_all":
            everyone = dict.fromkeys(d["seats"], Presence(d["presence"]))
            return replace(state, presence={**state.presence, **everyone})
        case "open_vote":
            vote = VoteState(
                d["number"],
                QuestionKind(d["kind"]),
                Subject[d["subject"].upper()],
                d["title"],
                draft=d.get("draft"),
                chapter=Chapter(d["chapter"]) if d.get("chapter") else None,
                parties=tuple(d.get("parties", ())),
            )
            return replace(state, votes=(*state.votes, vote))
        case "cast":
            vote = state.votes[-1]
            vote = replace(
                vote,
                ballots={**vote.ballots, d["seat"]: Cast(d["cast"])},
                ballot_ids={**vote.ballot_ids, d["ballot_id"]: d["seat"]},
            )
            return replace(state, votes=(*state.votes[:-1], vote))
        case "close_vote":
            vote = state.votes[-1]
            ballots = _final_ballots(state, vote.ballots)
            decision = _decide(state, vote, ballots)
            vote = replace(vote, ballots=ballots, closed=True, decision=decision)
            return replace(state, votes=(*state.votes[:-1], vote))
        case "correct":
            index = d["vote"] - 1
            vote = state.votes[index]
            ballots = {**vote.ballots, d["seat"]: Cast(d["cast"])}
            decision = vote.decision
            if vote.closed:
                decision = _decide(state, vote, ballots)
            vote = replace(vote, ballots=ballots, decision=decision)
            votes = (*state.votes[:index], vote, *state.votes[index + 1 :])
            return replace(state, votes=votes, corrections=(*state.corrections, dict(d)))
        case "propose_statement":
            statement = StatementState(
                d["number"], ConsensusKind(d["kind"]), d["text"], deadline=d.get("deadline")
            )
            return replace(state, statements=(*state.statements, statement))
        case "break_silence":
            statement = state.statements[-1]
            statement = replace(statement, objections=(*statement.objections, d["seat"]))
            return replace(state, statements=(*state.statements[:-1], statement))
        case "end_silence":
            statement = state.statements[-1]
            decision = decide_consensus(state.council, statement.kind, statement.objections)
            statement = replace(statement, ended=True, decision=decision)
            return replace(state, statements=(*state.statements[:-1], statement))
        case "joint_statement":
            joint = JointStatement(d["number"], d["text"], tuple(d["signatories"]))
            return replace(state, joint_statements=(*state.joint_statements, joint))
        case "add_speaker":
            return replace(state, speakers=(*state.speakers, d["seat"]))
        case "next_speaker":
            return replace(
                state, speakers=state.speakers[1:], speaking=(d["seat"], d.get("at", ""))
            )
        case "speaking_time":
            return replace(state, speaking_limit=d["seconds"] or None)
        case "end_session":
            return replace(state, ended=True)
    raise SessionError(f"unknown event kind {event.kind!r}")


def amendments_to(state: SessionState, vote: VoteState) -> list[VoteState]:
    """The amendments to this draft put to the vote before it."""
    if vote.subject is not Subject.DRAFT_RESOLUTION or vote.draft is None:
        return []
    return [
        v
        for v in state.votes[: vote.number - 1]
        if v.subject is Subject.AMENDMENT and v.draft == vote.draft
    ]


def _decide(state: SessionState, vote: VoteState, ballots: Mapping[str, Cast]) -> Decision:
    decision = decide(state.council, vote.question(), ballots)
    if amendments_to(state, vote):
        decision = replace(decision, citations=(*decision.citations, AMENDMENT_ORDER))
    return decision


def _final_ballots(state: SessionState, ballots: Mapping[str, Cast]) -> dict[str, Cast]:
    """At the close, seats that did not vote are absent (if so recorded at the roll call)
    or not participating."""
    final = dict(ballots)
    for seat in state.seats:
        if seat not in final:
            absent = state.presence.get(seat) is Presence.ABSENT
            final[seat] = Cast.ABSENT if absent else Cast.NOT_PARTICIPATING
    return final


def replay(state: SessionState, events: Iterable[Event]) -> SessionState:
    for event in events:
        state = apply(state, event)
    return state


def _vote_view(
    state: SessionState, vote: VoteState, *, for_chair: bool, seat: str | None = None
) -> dict[str, Any]:
    """A vote as a screen sees it. While it is open, only the chair sees who has voted
    (with the counts, that would tell everyone who voted what); a delegation sees whether
    it has itself."""
    council = state.council
    tally = state.tally(vote)
    entry: dict[str, Any] = {
        "number": vote.number,
        "kind": vote.kind.value,
        "subject": vote.subject.name.lower(),
        "title": vote.title,
        "closed": vote.closed,
        "tally": tally,
        "needed": council.threshold,
        "line": f"{council.threshold} needed — {tally['yes']} so far",
        "permanent_no": [m.name for m in council.permanent if vote.ballots.get(m.key) is Cast.NO],
        "voted": sorted(vote.ballots) if for_chair or vote.closed else None,
        "you_voted": None if seat is None else seat in vote.ballots,
        "your_vote": None if seat is None or seat not in vote.ballots else vote.ballots[seat].value,
        "draft": vote.draft,
        "chapter": None if vote.chapter is None else vote.chapter.value,
        "parties": [_name(state, k) for k in vote.parties],
        "amendments": [
            {
                "number": a.number,
                "title": a.title,
                "adopted": None if a.decision is None else a.decision.is_adopted,
            }
            for a in amendments_to(state, vote)
        ],
    }
    if vote.decision is not None:
        entry["decision"] = vote.decision.to_dict()
    if for_chair or vote.closed:
        entry["ballots"] = {k: v.value for k, v in vote.ballots.items()}
    return entry


def open_tally(state: SessionState) -> dict[str, Any] | None:
    """The open vote as every screen but the chair's sees it, as of the last event: sent
    with each batch of ballots, so that screens need not ask for the whole view."""
    vote = state.open_vote
    if vote is None:
        return None
    return {"seq": state.last_seq, "vote": _vote_view(state, vote, for_chair=False)}


def view(
    state: SessionState, *, for_chair: bool = False, seat: str | None = None
) -> dict[str, Any]:
    """What the screens show: members, presence, the votes with their live tally against
    the threshold, statements, joint statements, the speakers list."""
    council = state.council
    votes = [_vote_view(state, vote, for_chair=for_chair, seat=seat) for vote in state.votes]
    return {
        "last_seq": state.last_seq,
        "ended": state.ended,
        "date": council.day.isoformat(),
        "threshold": council.threshold,
        "president": None if council.president is None else council.president.name,
        "members": [
            {"key": m.key, "name": m.name, "permanent": m.permanent} for m in council.members
        ],
        "presence": {k: v.value for k, v in state.presence.items()},
        "votes": votes,
        "statements": [
            {
                "number": s.number,
                "kind": s.kind.value,
                "text": s.text,
                "ended": s.ended,
                "deadline": s.deadline,
                "objections": [_name(state, k) for k in s.objections]
                if s.ended or for_chair
                else len(s.objections),
                "decision": None if s.decision is None else s.decision.to_dict(),
            }
            for s in state.statements
        ],
        "joint_statements": [
            {
                "number": j.number,
                "text": j.text,
                "council_status": False,
                "signatories": [_name(state, k) for k in j.signatories],
            }
            for j in state.joint_statements
        ],
        "speakers": [_name(state, k) for k in state.speakers],
        "speaking_limit": state.speaking_limit,
        "speaking": None
        if state.speaking is None
        else {"name": _name(state, state.speaking[0]), "since": state.speaking[1]},
        "corrections": list(state.corrections),
    }
