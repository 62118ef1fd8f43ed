"""Live sessions over HTTP and WebSocket: create, watch, vote, resume."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import ipaddress
import json
from collections.abc import Mapping
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import (
    APIRouter,
    Body,
    Form,
    Header,
    Query,
    Request,
    WebSocket,
    WebSocketDisconnect,
)
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.websockets import WebSocketDisconnected

from unsc.core.errors import UnscError
from unsc.service.live import (
    CUT,
    AccessError,
    Actor,
    Batch,
    LiveHub,
    Push,
    batch_of,
    public,
)
from unsc.service.record import bundled_law, today
from unsc.service.spreadsheet import safe_cell
from unsc.sessions import machine
from unsc.sessions.roster import RosterSeat
from unsc.web.power import FloatQuery, IndexQuery
from unsc.web.qr import qr_svg
from unsc.web.screens import UNSENT_LIMIT, DirectScreen, direct_protocol

router = APIRouter(prefix="/api/sessions", tags=["live sessions"])

MESSAGE_LIMIT = 64 * 1024
"""Characters a command sent over the WebSocket may have; a longer one is refused unread."""
FRAME_LIMIT = 1024 * 1024
"""Bytes of a WebSocket message the server reads at all (``unsc serve``): a larger one closes
the socket with code 1009, before it is buffered whole."""
BINARY_REFUSED = (
    "binary frames are not accepted: send each command as a JSON text frame, "
    '{"command": "...", "data": {...}}'
)


def public_base(url: str) -> str:
    """The address phones use to reach this server, checked: ``http(s)://host[:port][/path]``,
    without a trailing slash."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnscError(
            f"expected the address phones use, such as http://192.168.1.20:8000 (got {url!r})"
        )
    if parts.query or parts.fragment:
        raise UnscError(f"the address takes no ?query or #fragment (got {url!r})")
    try:
        parts.port  # noqa: B018 (a port that is not a number raises here)
    except ValueError:
        raise UnscError(f"the port is not a number from 1 to 65535 (got {url!r})") from None
    return text.rstrip("/")


def is_loopback(base: str) -> bool:
    """True when phones cannot reach ``base``: this machine's own address (127.0.0.1,
    localhost, ::1) or no address at all (0.0.0.0)."""
    host = (urlsplit(base).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def too_long(message: str) -> str:
    return (
        f"a command is at most {MESSAGE_LIMIT // 1024} KiB ({MESSAGE_LIMIT} characters); "
        f"this one has {len(message)}: shorten it"
    )


class RosterSeatIn(BaseModel):
    name: str = Field(min_length=1, max_length=80)
    permanent: bool = False


class SessionIn(BaseModel):
    title: str = Field(
        default="Security Council", max_length=200, description="The meeting's own name"
    )
    date: dt.date | None = Field(default=None, description="The real Council on this day")
    roster: list[RosterSeatIn] | None = Field(
        default=None, max_length=60, description="A custom roster instead of the real Council"
    )
    threshold: int | None = Field(default=None, ge=1, le=60)


class DelegationOut(BaseModel):
    seat: str
    name: str
    token: str
    url: str


class SessionOut(BaseModel):
    id: str
    chair_token: str
    chair_url: str
    projector_url: str
    delegations: list[DelegationOut]


class CommandIn(BaseModel):
    command: str = Field(max_length=40, description="e.g. open_vote, cast, close_vote")
    data: dict[str, Any] = Field(default_factory=dict)


def hub(request: Request) -> LiveHub:
    live: LiveHub = request.app.state.live
    return live


def bearer(authorization: str | None, token: str | None) -> str | None:
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return token


@router.post("", response_model=SessionOut, status_code=201)
def create(request: Request, body: Annotated[SessionIn, Body()]) -> dict[str, Any]:
    """Create a session: the real Council on a date (today by default) or a custom roster.
    Answers the chair's, the projector's and each delegation's secret links."""
    roster = None if not body.roster else [RosterSeat(r.name, r.permanent) for r in body.roster]
    if roster is None and body.threshold is not None:
        raise machine.SessionError(
            "threshold: only a custom roster sets its own; the real Council's is the Charter's"
        )
    created = hub(request).create(body.title, body.date or today(), roster, body.threshold)
    base = f"/live/{created.session_id}"
    return {
        "id": created.session_id,
        "chair_token": created.chair_token,
        "chair_url": f"{base}/chair#{created.chair_token}",
        "projector_url": f"{base}/projector#{created.projector_token}",
        "delegations": [
            {"seat": seat, "name": name, "token": token, "url": f"{base}/delegate#{token}"}
            for seat, name, token in created.delegations
        ],
    }


def _actor(
    request: Request, session_id: str, authorization: str | None, token: str | None
) -> Actor:
    return hub(request).authenticate(session_id, bearer(authorization, token))


@router.get("/{session_id}")
def state(
    request: Request,
    session_id: str,
    authorization: Annotated[str | None, Header()] = None,
    token: Annotated[str | None, Query(max_length=100)] = None,
) -> dict[str, Any]:
    """What this link's screen shows (the chair sees each ballot as it comes in)."""
    actor = _actor(request, session_id, authorization, token)
    view = machine.view(
        hub(request).state(session_id),
        for_chair=actor.role == machine.CHAIR,
        seat=actor.seat if actor.role == "delegation" else None,
    )
    about = hub(request).about(session_id)
    return {
        **view,
        "title": about.title,
        "custom": about.custom,
        "you": {"role": actor.role, "seat": actor.seat},
    }


@router.get("/{session_id}/power")
def session_power(
    request: Request,
    session_id: str,
    authorization: Annotated[str | None, Header()] = None,
    token: Annotated[str | None, Query(max_length=100)] = None,
    index: IndexQuery = None,
    as_float: FloatQuery = False,
) -> dict[str, Any]:
    """Each seat's voting power in the council this session sits as (its roster and its
    threshold, or the real Council), as ``GET /api/power`` gives it; any of its links."""
    from unsc.service.power import power_view

    _actor(request, session_id, authorization, token)
    live = hub(request)
    council = live.state(session_id).council
    return power_view(
        session=(live.about(session_id).title, council), indices=index or (), as_float=as_float
    )


@router.post("/{session_id}/commands")
async def submit(
    request: Request,
    session_id: str,
    body: CommandIn,
    authorization: Annotated[str | None, Header()] = None,
    token: Annotated[str | None, Query(max_length=100)] = None,
) -> JSONResponse:
    """Submit a command. Chair: roll_call {seat, presence}; roll_call_all {presence} (every
    seat at once, then the exceptions); open_vote {title, kind, subject, draft, chapter,
    parties}; close_vote; correct {vote, seat, cast, reason};
    propose_statement {kind, text}; end_silence; joint_statement {signatories, text};
    add_speaker {seat}; next_speaker; speaking_time {seconds}; end_session. Delegation:
    cast {cast, ballot_id}; break_silence. A ballot needs a client `ballot_id`; a retry
    counts once."""
    actor = _actor(request, session_id, authorization, token)
    event, duplicate = await hub(request).submit(actor, body.command, body.data)
    _record_changed(request.app, event)
    if duplicate is not None:
        return JSONResponse({"accepted": True, "duplicate": True, "vote": duplicate})
    assert event is not None
    return JSONResponse({"accepted": True, "duplicate": False, "event": event.to_dict()})


@router.post("/{session_id}/delegations/{seat}/reissue")
def reissue(
    request: Request,
    session_id: str,
    seat: str,
    authorization: Annotated[str | None, Header()] = None,
    token: Annotated[str | None, Query(max_length=100)] = None,
) -> dict[str, str]:
    """A new link for a delegation (chair only): `url` on this server, `link` on the public
    address (`serve --public-url`), and its QR code as SVG; the old link stops working at
    once."""
    actor = _actor(request, session_id, authorization, token)
    new = hub(request).reissue(actor, seat)
    url = f"/live/{session_id}/delegate#{new}"
    link = public_of(request) + url
    return {"seat": seat, "token": new, "url": url, "link": link, "qr_svg": qr_svg(link)}


@router.get("/{session_id}/events")
async def events(
    request: Request,
    session_id: str,
    since: Annotated[int, Query(ge=0, le=10**9)] = 0,
    wait: Annotated[float, Query(ge=0, le=30)] = 0,
    authorization: Annotated[str | None, Header()] = None,
    token: Annotated[str | None, Query(max_length=100)] = None,
) -> dict[str, Any]:
    """Every event after `since` (long polling: `wait` seconds for one to come), for
    networks that drop WebSockets."""
    actor = _actor(request, session_id, authorization, token)
    live = hub(request)
    since = live.resume_from(session_id, since)
    found = live.events_since(session_id, since)
    if not found and wait:
        # A delegation's long poll ends at once when its link is reissued.
        queue, push = live.subscribe_queue(session_id, actor.seat)
        try:
            await asyncio.wait_for(queue.get(), timeout=wait)
        except TimeoutError:
            pass
        finally:
            live.unsubscribe(session_id, push)
        actor = _actor(request, session_id, authorization, token)  # revoked meanwhile?
        found = live.events_since(session_id, since)
    if actor.role == machine.CHAIR:
        return {"events": [e.to_dict() for e in found]}
    return {"events": [public(e) for e in found]}


@router.websocket("/{session_id}/ws")
async def socket(websocket: WebSocket, session_id: str, token: str = "", since: int = 0) -> None:
    """Every event after `since`, then each new one as it is logged; the socket also takes
    commands: {"command": ..., "data": {...}} answered by {"ack": ...} or {"error": ...}."""
    live: LiveHub = websocket.app.state.live
    try:
        actor = live.authenticate(session_id, token)
    except UnscError as err:
        await websocket.close(code=4403, reason=str(err)[:120])
        return
    await websocket.accept()
    since = live.resume_from(session_id, since)
    protocol = direct_protocol(websocket)
    sender: asyncio.Task[None] | None = None
    if protocol is not None:
        # No await from reading the backlog to subscribing: nothing logged in between
        # can be missed, and anything sent twice is skipped by sequence number.
        limit = getattr(websocket.app.state, "unsent_limit", UNSENT_LIMIT)
        screen = DirectScreen(protocol, actor.role, since, limit)
        backlog = live.events_since(session_id, since)
        if backlog:
            screen.send_backlog(batch_of(backlog))
        live.sent_backlog(session_id, backlog[-1].seq if backlog else since)
        push: Push = live.subscribe(session_id, screen, actor.seat)
    else:
        queue, push = live.subscribe_queue(session_id, actor.seat)
        backlog = live.events_since(session_id, since)
        live.sent_backlog(session_id, backlog[-1].seq if backlog else since)
        if backlog:
            await websocket.send_text(batch_of(backlog).for_role(actor.role))
            since = backlog[-1].seq
        sender = asyncio.create_task(
            _forward(live, session_id, websocket, queue, push, since, actor.role)
        )
    try:
        while True:
            received = await websocket.receive()
            if received["type"] == "websocket.disconnect":
                break
            message = received.get("text")
            if message is None:
                await websocket.send_text(json.dumps({"error": BINARY_REFUSED}))
                continue
            if len(message) > MESSAGE_LIMIT:  # characters: never fewer than the bytes / 4
                await websocket.send_text(json.dumps({"error": too_long(message)}))
                continue
            try:
                # Each command checks the link again: a revoked link stops at once,
                # even on a socket opened before.
                actor = live.authenticate(session_id, token)
            except UnscError as err:
                await websocket.close(code=4403, reason=str(err)[:120])
                return
            answer = await _handle(live, actor, message, websocket.app)
            await websocket.send_text(json.dumps(answer))
    except (WebSocketDisconnect, WebSocketDisconnected):
        pass  # gone, or closed meanwhile by the sender (a reissued link)
    finally:
        if sender is not None:
            sender.cancel()
        live.unsubscribe(session_id, push)


async def _forward(
    live: LiveHub,
    session_id: str,
    websocket: WebSocket,
    queue: asyncio.Queue[Batch],
    push: Push,
    since: int,
    role: str,
) -> None:
    """Send each batch once from the screen's queue; the part a backlog already sent is
    left out."""
    while True:
        batch = await queue.get()
        if batch is CUT:
            await websocket.close(code=4403, reason="this link was revoked")
            return
        if batch.last_seq <= since:
            continue
        batch = batch.after(since)
        await websocket.send_text(batch.for_role(role))
        since = batch.last_seq
        if not live.is_subscribed(session_id, push) and queue.empty():
            await websocket.close(code=4408, reason="too slow: reconnect and resume")
            return


def _record_changed(app: Any, event: machine.Event | None) -> None:
    """A finished session's votes are now in the record: cached answers are out of date."""
    if event is not None and event.kind == "end_session":
        app.state.record_generation = getattr(app.state, "record_generation", 0) + 1


async def _handle(live: LiveHub, actor: Actor, message: str, app: Any) -> dict[str, Any]:
    try:
        body = json.loads(message)
        if not isinstance(body, dict) or not isinstance(body.get("command"), str):
            raise UnscError('expected {"command": "...", "data": {...}}')
        data = body.get("data") or {}
        if not isinstance(data, dict):
            raise UnscError("data: expected an object")
        event, duplicate = await live.submit(actor, body["command"], data)
        _record_changed(app, event)
    except json.JSONDecodeError:
        return {"error": "not valid JSON"}
    except (UnscError, RecursionError) as err:
        return {"error": str(err)}
    except ValueError:  # e.g. an integer too long to read
        return {"error": "not a command this server can read"}
    return {
        "ack": True,
        "duplicate": duplicate is not None,
        **({} if duplicate is None else {"vote": duplicate}),
        "seq": None if event is None else event.seq,
        "ballot_id": (data.get("ballot_id") if isinstance(data, dict) else None),
    }


def access_error(_: Request, exc: AccessError) -> JSONResponse:
    return JSONResponse(status_code=403, content={"error": str(exc)})


def session_error(_: Request, exc: machine.SessionError) -> JSONResponse:
    return JSONResponse(status_code=409, content={"error": str(exc)})


# -- the pages: set-up, links, and the three screens ---------------------------------------

pages = APIRouter(include_in_schema=False)


def public_of(request: Request) -> str:
    """The address links are built on: ``serve --public-url``, else the one this request
    came to."""
    configured: str | None = getattr(request.app.state, "public_url", None)
    return configured or str(request.base_url).rstrip("/")


def _page(request: Request, template: str, title: str, **context: Any) -> Response:
    from unsc.web.pages import templates

    return templates.TemplateResponse(
        request,
        template,
        {"title": title, "tables": {}, "links": {}, "sources": [], **context},
    )


def _new_form(request: Request, error: str | None = None, **values: str) -> Response:
    address = values.get("public_url") or public_of(request)
    known_until = bundled_law().known_until
    response = _page(
        request,
        "live_new.html",
        "Run a live session",
        today=min(today(), known_until).isoformat(),
        known_until=known_until.isoformat() if today() > known_until else None,
        address=address,
        loopback=is_loopback(address),
        error=error,
        values=values,
    )
    if error is not None:
        response.status_code = 422
    return response


@pages.get("/live", response_class=HTMLResponse)
def live_new(request: Request) -> Response:
    return _new_form(request)


@pages.post("/live", response_class=HTMLResponse)
def live_create(
    request: Request,
    title: Annotated[str, Form(max_length=200)] = "Security Council",
    date: Annotated[str, Form(max_length=20)] = "",
    roster: Annotated[str, Form(max_length=10_000)] = "",
    threshold: Annotated[str, Form(max_length=10)] = "",
    public_url: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    """Create a session from the form, and show its links once: a sheet of cards (one per
    delegation, with its QR code) to print, and the links as a CSV file. A plain function:
    its database work runs off the event loop."""
    values = {
        "title": title,
        "date": date,
        "roster": roster,
        "threshold": threshold,
        "public_url": public_url,
    }
    lines = [line.strip() for line in roster.splitlines() if line.strip()]
    seats = [RosterSeat(line.lstrip("*").strip(), line.startswith("*")) for line in lines]
    try:
        base = public_base(public_url) if public_url.strip() else public_of(request)
        try:
            day = dt.date.fromisoformat(date) if date else today()
        except ValueError:
            raise UnscError(f"date: expected YYYY-MM-DD, such as 2022-05-26 ({date!r})") from None
        needed = None
        if threshold.strip():
            if not threshold.strip().isdecimal():
                raise UnscError(f"threshold: a number of votes, such as 9 (got {threshold!r})")
            if not seats:
                raise UnscError(
                    "threshold: only a custom roster sets its own; the real Council's is the "
                    "Charter's (nine of fifteen)"
                )
            needed = int(threshold)
        created = hub(request).create(title or "Security Council", day, seats or None, needed)
    except UnscError as err:
        return _new_form(request, str(err), **values)
    sheet = links_sheet(base, created)
    return _page(
        request,
        "live_links.html",
        f"{title or 'Security Council'}: the links",
        address=base,
        loopback=is_loopback(base),
        csv_href="data:text/csv;charset=utf-8," + quote(links_csv(sheet)),
        csv_name=f"links-{created.session_id}.csv",
        **sheet,
    )


def links_sheet(base: str, created: Any) -> dict[str, Any]:
    """Every link of a new session on ``base``, a delegation's with its QR code."""
    root = f"{base}/live/{created.session_id}"
    return {
        "chair_url": f"{root}/chair#{created.chair_token}",
        "projector_url": f"{root}/projector#{created.projector_token}",
        "delegations": [
            {"seat": seat, "name": name, "url": f"{root}/delegate#{token}"}
            | {"qr": qr_svg(f"{root}/delegate#{token}")}
            for seat, name, token in created.delegations
        ],
    }


def links_csv(sheet: Mapping[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["role", "seat", "delegation", "link"])
    writer.writerow(["chair", "", "", sheet["chair_url"]])
    writer.writerow(["projector", "", "", sheet["projector_url"]])
    for d in sheet["delegations"]:
        writer.writerow(["delegation", *(safe_cell(v) for v in (d["seat"], d["name"])), d["url"]])
    return out.getvalue()


ROOMS = {"chair": "chair", "delegate": "delegation", "projector": "projector"}
ROOM_TITLES = {
    "chair": "Chair's console",
    "delegation": "Your delegation's vote",
    "projector": "The Council votes",
}


@pages.get("/live/{session_id}/{role}", response_class=HTMLResponse)
def live_room(request: Request, session_id: str, role: str) -> Response:
    """The chair's console, a delegation's ballot, or the projector: the secret token is in
    the address's fragment, which the browser never sends to the server."""
    from unsc.web.pages import not_found

    if role not in ROOMS:
        return not_found(request, "Use the chair's, a delegation's or the projector's link.")
    try:
        about = hub(request).about(session_id)
    except AccessError:
        return not_found(request, "No such live session: check the link the chair gave you.")
    title = ROOM_TITLES[ROOMS[role]]
    return _page(
        request,
        "live_room.html",
        title if about.title == "Security Council" else f"{title}: {about.title}",
        session_id=session_id,
        role=ROOMS[role],
    )
