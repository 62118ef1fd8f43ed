"""Live sessions on the server: tokens, one writer per session, a durable log, fan-out.

Every command is checked against the session's state, written to the log (and, for a
ballot, to the one-ballot-per-seat table) in one transaction, and only then applied and
pushed to the screens. A restart rebuilds every state from the log.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import logging
import secrets
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from unsc.core.errors import UnscError
from unsc.core.law import CouncilOn
from unsc.record import models as m
from unsc.service.database import Database
from unsc.service.record import bundled_law
from unsc.sessions import machine
from unsc.sessions.roster import RosterSeat, custom_council

log = logging.getLogger(__name__)

PROJECTOR = "projector"
CLOCKED = frozenset({"next_speaker", "propose_statement", "break_silence", "end_silence"})
"""Commands stamped with the server's time."""


class AccessError(UnscError):
    """A token that is unknown, revoked, or not allowed to do what it asks."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> str:
    return secrets.token_urlsafe(24)


@dataclass(frozen=True, slots=True)
class Actor:
    session_id: str
    role: str
    seat: str | None

    @property
    def name(self) -> str:
        """The actor as the state machine knows it: 'chair' or a seat key."""
        return machine.CHAIR if self.role == machine.CHAIR else (self.seat or PROJECTOR)


@dataclass(frozen=True, slots=True)
class About:
    title: str
    """The meeting's own name, as the chair gave it."""
    custom: bool
    """A custom roster (a Model UN committee), not the real Council on a date."""


@dataclass(frozen=True, slots=True)
class Created:
    session_id: str
    chair_token: str
    projector_token: str
    delegations: tuple[tuple[str, str, str], ...]
    """(seat key, name, token) per delegation."""


def public(event: machine.Event) -> dict[str, Any]:
    """An event as screens other than the chair's see it: who voted what stays out of the
    stream (the closed vote's view shows every ballot)."""
    if event.kind != "cast":
        return event.to_dict()
    return {
        "seq": event.seq,
        "kind": "cast",
        "actor": "delegation",
        "data": {"vote": event.data["vote"], "ballot_id": event.data["ballot_id"]},
    }


@dataclass(frozen=True, slots=True)
class Batch:
    """Events pushed together, serialised once for the chair and once for other screens."""

    first_seq: int
    last_seq: int
    events: tuple[machine.Event, ...]
    text: str
    """``{"events": [...]}`` as JSON, in full (the chair's)."""
    public_text: str
    """The same with each ballot's seat and vote left out."""
    tally: Mapping[str, Any] | None = None
    """The open vote after these events (``machine.open_tally``), when there is one."""
    frames: dict[str, bytes] = field(default_factory=dict, compare=False)
    """Encoded once per role by whoever sends it (a WebSocket frame, for instance)."""

    def for_role(self, role: str) -> str:
        return self.text if role == machine.CHAIR else self.public_text

    def after(self, seq: int) -> Batch:
        """The batch without the events a screen already has (up to ``seq``)."""
        if self.first_seq > seq:
            return self
        return batch_of([e for e in self.events if e.seq > seq], self.tally)


Push = Callable[[Batch], bool]
"""Hands a batch to one screen, without waiting; False when the screen cannot keep up."""

CUT = Batch(0, 0, (), "", "")
"""Put in a queued screen's queue when its link is reissued: stop, the link is revoked."""


class QueuedScreen:
    """A screen's bounded queue of batches, with ``cut`` for a reissue."""

    __slots__ = ("queue",)

    def __init__(self, size: int) -> None:
        self.queue: asyncio.Queue[Batch] = asyncio.Queue(maxsize=size)

    @classmethod
    def subscribe(
        cls, hub: LiveHub, session_id: str, seat: str | None
    ) -> tuple[asyncio.Queue[Batch], Push]:
        screen = cls(hub.queue_size)
        return screen.queue, hub.subscribe(session_id, screen, seat)

    def __call__(self, batch: Batch) -> bool:
        try:
            self.queue.put_nowait(batch)
        except asyncio.QueueFull:
            return False
        return True

    def cut(self) -> None:
        """The link was reissued: whatever waits on the queue gets ``CUT`` next."""
        while not self.queue.empty():
            self.queue.get_nowait()
        self.queue.put_nowait(CUT)


def batch_of(events: Sequence[machine.Event], tally: Mapping[str, Any] | None = None) -> Batch:
    extra = {} if tally is None else {"tally": tally}
    return Batch(
        events[0].seq,
        events[-1].seq,
        tuple(events),
        json.dumps({"events": [e.to_dict() for e in events], **extra}),
        json.dumps({"events": [public(e) for e in events], **extra}),
        tally,
    )


class LiveHub:
    """All live sessions of this process: cached states, writers, subscribers.

    New events are pushed in batches: at most one message per ``interval`` seconds per
    session, serialised once for all its screens. A screen that cannot keep up is
    dropped; it reconnects and resumes from its last sequence number."""

    def __init__(
        self,
        database: Database,
        *,
        interval: float = 0.02,
        queue_size: int = 256,
        max_cached: int = 1000,
    ) -> None:
        self.database = database
        self.is_postgresql = database.engine.dialect.name == "postgresql"
        self.interval = interval
        self.queue_size = queue_size
        """Batches a queued screen (long polling, a test client) may hold unsent."""
        self.max_cached = max_cached
        """Sessions kept in memory with nobody watching them."""
        self._states: dict[str, machine.SessionState] = {}
        self._logs: dict[str, list[machine.Event]] = {}
        """Per cached state, the events it was built from: the log's copy in memory."""
        self._locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._subscribers: dict[str, set[Push]] = defaultdict(set)
        self._pending: dict[str, list[machine.Event]] = defaultdict(list)
        self._flushing: set[str] = set()
        self._published: dict[str, int] = {}
        """Per session, the last sequence number this worker has pushed to its screens."""
        self._actors: dict[str, Actor] = {}
        """Token hash -> actor, for valid tokens (one process only)."""
        self._owners: dict[Push, tuple[str, str]] = {}
        """A delegation's screens: push -> (session, seat), to cut them at a reissue."""
        self._about: dict[str, About] = {}
        """Per session: its name and whether it sits as a custom roster."""

    # -- setting up ------------------------------------------------------------------

    def create(
        self,
        title: str,
        day: dt.date,
        roster: Sequence[RosterSeat] | None = None,
        threshold: int | None = None,
    ) -> Created:
        council = self._council(day, roster, threshold)
        session_id = secrets.token_hex(8)
        chair, projector = _new_token(), _new_token()
        delegations = tuple((mm.key, mm.name, _new_token()) for mm in council.members)
        with self.database.sessions() as s, s.begin():
            s.add(
                m.LiveSession(
                    id=session_id,
                    title=title[:200] or "Security Council",
                    date=day,
                    roster=None
                    if roster is None
                    else [{"name": r.name, "permanent": r.permanent} for r in roster],
                    threshold=threshold,
                    created=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                )
            )
            s.flush()
            rows = [
                {
                    "session_id": session_id,
                    "role": machine.CHAIR,
                    "seat": None,
                    "token_hash": _hash(chair),
                    "revoked": False,
                },
                {
                    "session_id": session_id,
                    "role": PROJECTOR,
                    "seat": None,
                    "token_hash": _hash(projector),
                    "revoked": False,
                },
            ]
            rows += [
                {
                    "session_id": session_id,
                    "role": "delegation",
                    "seat": key,
                    "token_hash": _hash(token),
                    "revoked": False,
                }
                for key, _, token in delegations
            ]
            s.execute(insert(m.LiveToken), rows)
        self._states[session_id] = machine.start(council)
        self._logs[session_id] = []
        self._about[session_id] = About(title[:200] or "Security Council", roster is not None)
        return Created(session_id, chair, projector, delegations)

    def about(self, session_id: str) -> About:
        """The session's name and kind (kept once read: they never change)."""
        known = self._about.get(session_id)
        if known is None:
            with self.database.sessions() as s:
                row = s.get(m.LiveSession, session_id)
                if row is None:
                    raise AccessError(f"no session {session_id!r}")
                known = self._about[session_id] = About(row.title, row.roster is not None)
        return known

    def _council(
        self, day: dt.date, roster: Sequence[RosterSeat] | None, threshold: int | None
    ) -> CouncilOn:
        return _council(day, roster, threshold)

    def reissue(self, actor: Actor, seat: str) -> str:
        """A new token for ``seat`` (chair only); the old one stops working at once."""
        if actor.role != machine.CHAIR:
            raise AccessError("only the chair can reissue a delegation's link")
        state = self.state(actor.session_id)
        if seat not in state.seats:
            raise AccessError(f"seat: one of {', '.join(state.seats)}")
        token = _new_token()
        self._actors = {
            h: a
            for h, a in self._actors.items()
            if not (a.session_id == actor.session_id and a.seat == seat)
        }
        with self.database.sessions() as s, s.begin():
            s.execute(
                update(m.LiveToken)
                .where(
                    m.LiveToken.session_id == actor.session_id,
                    m.LiveToken.seat == seat,
                    m.LiveToken.revoked.is_(False),
                )
                .values(revoked=True)
            )
            s.execute(
                insert(m.LiveToken),
                [
                    {
                        "session_id": actor.session_id,
                        "role": "delegation",
                        "seat": seat,
                        "token_hash": _hash(token),
                        "revoked": False,
                    }
                ],
            )
        # The old link's screens stop receiving too (the phone's page then shows that the
        # link was revoked when it reconnects).
        for push, owner in list(self._owners.items()):
            if owner == (actor.session_id, seat):
                self.unsubscribe(actor.session_id, push)
                cut = getattr(push, "cut", None)
                if cut is not None:
                    cut()
        return token

    # -- who is asking -------------------------------------------------------------------

    def authenticate(self, session_id: str, token: str | None) -> Actor:
        if not token:
            raise AccessError("a token is required: use the link the chair gave you")
        digest = _hash(token)
        actor = self._actors.get(digest)
        if actor is None:
            with self.database.sessions() as s:
                row = s.scalar(select(m.LiveToken).where(m.LiveToken.token_hash == digest))
            if row is None:
                raise AccessError("this link is not valid for this session")
            if row.revoked:
                raise AccessError("this link was revoked; ask the chair for a new one")
            actor = Actor(row.session_id, row.role, row.seat)
            if not self.is_postgresql:
                # One process: a reissue here clears this cache, so a revoked link stops at
                # once. Several workers (PostgreSQL) ask the database every time.
                self._actors[digest] = actor
        if actor.session_id != session_id:
            raise AccessError("this link is not valid for this session")
        return actor

    # -- state ---------------------------------------------------------------------------

    def state(self, session_id: str) -> machine.SessionState:
        state = self._states.get(session_id)
        if state is None:
            state, self._logs[session_id] = self._load(session_id)
            self._states[session_id] = state
        return state

    def _forget(self, session_id: str) -> None:
        self._states.pop(session_id, None)
        self._logs.pop(session_id, None)

    def _load(self, session_id: str) -> tuple[machine.SessionState, list[machine.Event]]:
        with self.database.sessions() as s:
            row = s.get(m.LiveSession, session_id)
            if row is None:
                raise AccessError(f"no session {session_id!r}")
            roster = (
                None
                if row.roster is None
                else [RosterSeat(r["name"], r["permanent"]) for r in row.roster]
            )
            council = self._council(row.date, roster, row.threshold)
            events = [
                machine.Event(e.seq, e.kind, e.data, e.actor)
                for e in s.scalars(
                    select(m.LiveEvent)
                    .where(m.LiveEvent.session_id == session_id)
                    .order_by(m.LiveEvent.seq)
                )
            ]
        return machine.replay(machine.start(council), events), events

    def events_since(self, session_id: str, seq: int) -> list[machine.Event]:
        """The log after ``seq``: from memory when this worker holds the session (on
        several workers it may trail the database by the events not yet notified, which
        are pushed when they are), else from the database."""
        log = self._logs.get(session_id)
        if log is not None:
            return log[max(seq, 0) :]
        return self._logged_since(session_id, seq)

    def _logged_since(self, session_id: str, seq: int) -> list[machine.Event]:
        with self.database.sessions() as s:
            return [
                machine.Event(e.seq, e.kind, e.data, e.actor)
                for e in s.scalars(
                    select(m.LiveEvent)
                    .where(m.LiveEvent.session_id == session_id, m.LiveEvent.seq > seq)
                    .order_by(m.LiveEvent.seq)
                )
            ]

    # -- commands --------------------------------------------------------------------

    async def submit(
        self, actor: Actor, kind: str, data: Mapping[str, Any]
    ) -> tuple[machine.Event | None, int | None]:
        """Check, log, apply and publish a command. Returns (event, None), or for a retried
        ballot (None, the vote it was counted on), which changes nothing."""
        if actor.role == PROJECTOR:
            raise AccessError("the projector link can only watch")
        if kind in CLOCKED:
            # The clock is the server's (a client's "at" is overwritten): a speaker's time
            # and a silence procedure's deadline run from when the event is logged.
            data = {**data, "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
        async with self._locks[actor.session_id]:
            # Two tries: if another worker logged an event first, catch up from the log and
            # check the command again against the state as it now is.
            for attempt in (1, 2):
                state = self.state(actor.session_id)
                try:
                    kind, checked = machine.command(state, actor.name, kind, data)
                except machine.DuplicateBallot as retried:
                    return None, retried.vote
                event = machine.Event(state.last_seq + 1, kind, checked, actor.name)
                after = machine.apply(state, event)
                try:
                    self._append(actor.session_id, event, after)
                    break
                except IntegrityError:
                    self._forget(actor.session_id)
                    if attempt == 2:
                        raise machine.SessionError(
                            "the session changed meanwhile; try again"
                        ) from None
            self._states[actor.session_id] = after
            log = self._logs[actor.session_id]
            log.append(event)
            # Every event this worker has not pushed yet, in order: on several workers the
            # state may just have been reloaded with another worker's events, whose notices
            # have not come yet (they find them pushed and stop there).
            pushed = self._published.get(actor.session_id, 0)
            self._published[actor.session_id] = event.seq
            for logged in log[pushed:]:
                self._publish(actor.session_id, logged)
        return event, None

    def _publish(self, session_id: str, event: machine.Event) -> None:
        self._pending[session_id].append(event)
        if session_id not in self._flushing:
            self._flushing.add(session_id)
            asyncio.get_running_loop().call_later(self.interval, self._flush, session_id)

    def _flush(self, session_id: str) -> None:
        self._flushing.discard(session_id)
        events = self._pending.pop(session_id, [])
        if not events:
            return
        screens = self._subscribers.get(session_id)
        if not screens:
            return
        state = self._states.get(session_id)
        tally = None
        if state is not None and state.last_seq == events[-1].seq:
            tally = machine.open_tally(state)
        batch = batch_of(events, tally)
        for push in list(screens):
            if not push(batch):
                # A screen that cannot keep up is dropped; it resumes from its last
                # sequence number when it reconnects, so it misses nothing.
                screens.discard(push)

    def _append(self, session_id: str, event: machine.Event, after: machine.SessionState) -> None:
        """The event (and a ballot's row, or a finished session's votes) in one
        transaction: acknowledged means committed."""
        with self.database.sessions() as s, s.begin():
            s.execute(
                insert(m.LiveEvent),
                [
                    {
                        "session_id": session_id,
                        "seq": event.seq,
                        "kind": event.kind,
                        "data": dict(event.data),
                        "actor": event.actor,
                        "at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
                    }
                ],
            )
            if event.kind == "cast":
                d = event.data
                s.execute(
                    insert(m.LiveBallot),
                    [
                        {
                            "session_id": session_id,
                            "vote": d["vote"],
                            "seat": d["seat"],
                            "ballot_id": d["ballot_id"],
                            "cast": d["cast"],
                            "seq": event.seq,
                        }
                    ],
                )
            if event.kind == "end_session":
                _into_the_record(s, session_id, after)
            if self.is_postgresql:
                # Delivered at commit to every worker listening (LISTEN/NOTIFY).
                s.execute(
                    text("SELECT pg_notify(:channel, :payload)"),
                    {"channel": CHANNEL, "payload": f"{session_id}:{event.seq}"},
                )

    # -- fan-out ---------------------------------------------------------------------

    async def catch_up(self, session_id: str, seq: int) -> None:
        """Apply and push the events up to ``seq`` that another worker logged."""
        if self._published.get(session_id, 0) >= seq:
            return
        async with self._locks[session_id]:
            state = self._states.get(session_id)
            # A session this worker has not pushed before: its screens got the backlog when
            # they connected, so push from the notified event on.
            pushed = self._published.get(session_id, seq - 1)
            after = state.last_seq if state is not None else pushed
            for event in self._logged_since(session_id, min(after, pushed)):
                if state is not None and event.seq > state.last_seq:
                    state = machine.apply(state, event)
                    self._logs[session_id].append(event)
                if event.seq > pushed:
                    self._publish(session_id, event)
                    pushed = event.seq
            self._published[session_id] = pushed
            if state is not None:
                self._states[session_id] = state

    async def resync(self) -> None:
        """Push what the log holds beyond what this worker has pushed, for every session it
        holds or has pushed (after notices may have been missed). A held session's screens
        have what its log in memory holds."""
        for session_id, state in list(self._states.items()):
            self._published.setdefault(session_id, state.last_seq)
        for session_id in list(self._published):
            with self.database.sessions() as s:
                last = s.scalar(
                    select(func.max(m.LiveEvent.seq)).where(m.LiveEvent.session_id == session_id)
                )
            if last is not None:
                await self.catch_up(session_id, int(last))

    def resume_from(self, session_id: str, since: int) -> int:
        """Where a screen that says it has seen ``since`` resumes: never beyond the end of
        the log (a screen cannot have seen what was never logged; it gets the next event)."""
        return max(0, min(since, self._log_end(session_id)))

    def _log_end(self, session_id: str) -> int:
        """The last sequence number logged: this worker's state, or on several workers
        (whose states may trail the log by the events not yet notified) the database's."""
        last = self.state(session_id).last_seq
        if self.is_postgresql:
            with self.database.sessions() as s:
                logged = s.scalar(
                    select(func.max(m.LiveEvent.seq)).where(m.LiveEvent.session_id == session_id)
                )
            last = max(last, int(logged or 0))
        return last

    def sent_backlog(self, session_id: str, seq: int) -> None:
        """A screen has every event up to ``seq``: if this worker has pushed nothing of the
        session yet, it pushes from there on (after a lost notice too). A ``seq`` beyond the
        log never moves what this worker has published."""
        if session_id not in self._published:
            self._published[session_id] = min(seq, self._log_end(session_id))

    def subscribe(self, session_id: str, push: Push, seat: str | None = None) -> Push:
        """Every batch from now on goes to ``push`` until it refuses one (or, for a
        delegation's ``seat``, until its link is reissued)."""
        self._subscribers[session_id].add(push)
        if seat is not None:
            self._owners[push] = (session_id, seat)
        return push

    def subscribe_queue(
        self, session_id: str, seat: str | None = None
    ) -> tuple[asyncio.Queue[Batch], Push]:
        """A screen served by a task of its own (a queued socket, a long poll): batches wait
        in a bounded queue. A reissue of its delegation's link puts ``CUT`` in the queue, so
        that whoever waits on it stops at once."""
        return QueuedScreen.subscribe(self, session_id, seat)

    def unsubscribe(self, session_id: str, push: Push) -> None:
        self._owners.pop(push, None)
        screens = self._subscribers.get(session_id)
        if screens is not None:
            screens.discard(push)
            if not screens:
                del self._subscribers[session_id]
                self._evict_idle(session_id)

    def _evict_idle(self, session_id: str) -> None:
        """Sessions nobody watches leave memory when they have ended, or when more than
        ``max_cached`` are held (the oldest first); the log rebuilds them when asked."""
        state = self._states.get(session_id)
        if state is not None and state.ended:
            self._forget(session_id)
            self._published.pop(session_id, None)
        for idle in [k for k in self._states if k not in self._subscribers]:
            if len(self._states) <= self.max_cached:
                break
            self._forget(idle)
            self._published.pop(idle, None)

    def cached(self) -> set[str]:
        """The sessions whose state this worker holds in memory."""
        return set(self._states)

    def screens(self, session_id: str) -> list[Push]:
        """The screens watching this session on this worker."""
        return list(self._subscribers.get(session_id, ()))

    def is_subscribed(self, session_id: str, push: Push) -> bool:
        return push in self._subscribers.get(session_id, ())


SIMULATION_IDS = 1_000_000
"""Votes of live sessions are numbered from here, apart from the record's 1..3203."""
LIVE_SOURCE = {
    "id": "live",
    "title": "unsc live sessions (simulations, not votes of the Security Council)",
    "file": "",
    "licence": "the session's participants",
    "url": "",
    "citation": "A meeting run in unsc; its log is kept in live_events.",
    "sha256": "",
}


def _council(day: dt.date, roster: Sequence[RosterSeat] | None, threshold: int | None) -> CouncilOn:
    if roster:
        return custom_council(day, roster, threshold)
    return bundled_law().on(day).require_complete()


def session_council(database: Database, session_id: str) -> CouncilOn:
    """The council a session sits as (its roster and threshold, or the real Council)."""
    with database.sessions() as s:
        row = s.get(m.LiveSession, session_id)
        if row is None:
            raise AccessError(
                f"no session {session_id!r} in this database: give the id its chair's link "
                "shows (/live/ID/chair)"
            )
        roster = (
            None
            if row.roster is None
            else [RosterSeat(r["name"], r["permanent"]) for r in row.roster]
        )
        return _council(row.date, roster, row.threshold)


def _into_the_record(s: Session, session_id: str, state: machine.SessionState) -> None:
    """A finished session's votes, stored like the Council's, marked as a simulation."""

    row = s.get(m.LiveSession, session_id)
    title = row.title if row is not None else "live session"
    s.merge(m.Source(**LIVE_SOURCE))
    known = set(s.scalars(select(m.State.key)))
    for member in state.council.members:
        if member.key not in known:
            s.add(
                m.State(
                    key=member.key, iso3=member.iso3, name=member.name, un_name=member.state.un_name
                )
            )
    s.flush()
    next_id = max(s.scalar(select(func.max(m.Vote.id))) or 0, SIMULATION_IDS) + 1
    for vote in state.votes:
        decision = vote.decision
        if decision is None:
            continue
        counts = decision.to_dict()
        vote_id = next_id
        next_id += 1
        symbol = f"LIVE/{session_id}/{vote.number}"
        outcome = (
            "adopted"
            if decision.is_adopted
            else "vetoed"
            if decision.vetoed_by
            else "lack_of_majority"
        )
        s.add(
            m.Vote(
                id=vote_id,
                symbol=symbol,
                draft_symbol=symbol,
                resolution_symbol=None,
                resolution=None,
                meeting_symbol=None,
                date=state.council.day,
                title=f"{title}: {vote.title}",
                kind=vote.kind.value,
                recorded_outcome=outcome,
                outcome=decision.outcome.value,
                reason=None if decision.reason is None else decision.reason.value,
                yes=counts["yes"],
                no=counts["no"],
                abstain=counts["abstain"],
                absent=counts["absent"],
                not_participating=counts["not_participating"],
                threshold=decision.threshold,
                explanation=decision.explanation,
                details=list(decision.details),
                citations=counts["citations"],
                annotation=f"Simulation: live session {session_id}",
                simulation=True,
                source_id="live",
                source_row=vote.number,
            )
        )
        s.flush()
        for position, member in enumerate(state.council.members):
            cast = vote.ballots.get(member.key)
            if cast is not None:
                s.add(
                    m.Cast(
                        vote_id=vote_id,
                        state_key=member.key,
                        name=member.name,
                        permanent=member.permanent,
                        cast=cast.value,
                        position=position,
                    )
                )
        for vetoer in decision.vetoed_by:
            s.add(
                m.Veto(
                    vote_id=vote_id,
                    votes=1,
                    state_key=vetoer.key,
                    name=vetoer.name,
                    date=state.council.day,
                    draft_symbol=symbol,
                    subject=f"{title}: {vote.title}",
                    topic="simulation",
                )
            )


CHANNEL = "unsc_live"


async def listen(hub: LiveHub, dsn: str, *, retry: float = 0.5, longest: float = 10.0) -> None:
    """Fan out events logged by other workers: LISTEN on PostgreSQL, then push what the log
    holds beyond what this worker has pushed. A lost connection is opened again (waiting
    ``retry`` seconds, doubled up to ``longest``), and every session this worker serves is
    brought up to date from the log, since notices sent meanwhile are lost. Runs until
    cancelled."""
    import psycopg

    wait = retry
    first = True
    while True:
        try:
            async with await psycopg.AsyncConnection.connect(
                dsn,
                autocommit=True,
                keepalives=1,  # TCP keepalives: a connection that silently died is
                keepalives_idle=30,  # noticed within about a minute
                keepalives_interval=10,
                keepalives_count=3,
            ) as connection:
                await connection.execute(f"LISTEN {CHANNEL}")
                if not first:
                    log.warning("live: listening again on %s; catching up from the log", CHANNEL)
                    await hub.resync()
                first, wait = False, retry
                async for notice in connection.notifies():
                    session_id, _, seq = notice.payload.partition(":")
                    await hub.catch_up(session_id, int(seq))
        except Exception as error:  # the listener must outlive any one failure
            first = False
            log.warning(
                "live: the %s listener stopped (%r); retrying in %.1f s", CHANNEL, error, wait
            )
            await asyncio.sleep(wait)
            wait = min(longest, wait * 2)
