"""/api/votes, /api/resolutions and /api/search answered from the read model, on a light
path.

The routes in ``unsc.web.api`` declare these endpoints (their parameters, their checks,
the OpenAPI spec) and answer every request. In front of them, ``ListAnswers`` answers the
plain ones itself: a GET whose parameters are all known, given once, and well formed in
the strictest sense (digits for numbers, YYYY-MM-DD for dates, one of the listed words for
a choice). It asks the same read model the same question and writes the same bytes, but
skips FastAPI's routing and parameter parsing, which took half of each answer's time under
load (cProfile, 50 clients). Anything else (an unknown, repeated or empty parameter, a
value FastAPI might read otherwise, any error) goes on to the routes, which answer it as
before.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from unsc.core.errors import UnscError
from unsc.service.search import KINDS as SEARCH_KINDS
from unsc.web.api import page_body, read_model, resolution_filter, search_answer, vote_filter

__all__ = ["ListAnswers"]


# What the light path takes: each parameter and the strictest form of its value.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LIMIT = re.compile(r"[1-9]\d{0,3}")
_OFFSET = re.compile(r"0|[1-9]\d{0,6}")


def _text(most: int) -> Callable[[str], str | None]:
    return lambda value: value if len(value) <= most else None


def _choice(*words: str) -> Callable[[str], str | None]:
    return lambda value: value if value in words else None


def _date(value: str) -> dt.date | None:
    if not _DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _limit(value: str) -> int | None:
    return int(value) if _LIMIT.fullmatch(value) and int(value) <= 1000 else None


def _offset(value: str) -> int | None:
    return int(value) if _OFFSET.fullmatch(value) and int(value) <= 1_000_000 else None


def _bool(value: str) -> bool | None:
    return {"true": True, "false": False}.get(value)


VOTE_PARAMETERS: Mapping[str, Callable[[str], Any]] = {
    "symbol": _text(60),
    "from": _date,
    "to": _date,
    "outcome": _choice("adopted", "not_adopted", "vetoed", "insufficient_votes"),
    "member": _text(80),
    "q": _text(200),
    "simulations": _choice("exclude", "include", "only"),
    "voted": _choice("yes", "no", "abstain"),
    "vetoed_by": _text(80),
    "subject": _text(200),
    "limit": _limit,
    "offset": _offset,
}
RESOLUTION_PARAMETERS: Mapping[str, Callable[[str], Any]] = {
    "from": _date,
    "to": _date,
    "subject": _text(200),
    "chapter_vii": _bool,
    "q": _text(200),
    "limit": _limit,
    "offset": _offset,
}


SEARCH_PARAMETERS: Mapping[str, Callable[[str], Any]] = {
    "q": _text(200),
    "kind": _choice(*SEARCH_KINDS),
    "from": _date,
    "to": _date,
    "limit": lambda value: int(value) if _LIMIT.fullmatch(value) and int(value) <= 100 else None,
    "offset": lambda value: (
        int(value) if _OFFSET.fullmatch(value) and int(value) <= 10_000 else None
    ),
}


def _parameters(scope: Scope, known: Mapping[str, Callable[[str], Any]]) -> dict[str, Any] | None:
    """The parameters as the light path reads them, or ``None`` to leave it to the route.
    The query string is split as Starlette splits it."""
    pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    out: dict[str, Any] = {}
    for name, raw in pairs:
        read = known.get(name)
        if read is None or name in out or raw == "":
            return None
        value = read(raw)
        if value is None:
            return None
        out[name] = value
    return out


async def _votes(scope: Scope) -> bytes | None:
    p = _parameters(scope, VOTE_PARAMETERS)
    if p is None:
        return None
    try:
        f = vote_filter(
            p.get("symbol"),
            p.get("from"),
            p.get("to"),
            p.get("outcome"),
            p.get("member"),
            p.get("q"),
            p.get("simulations", "exclude"),
            p.get("voted"),
            p.get("vetoed_by"),
            p.get("subject"),
        )
    except UnscError:
        return None
    model = await read_model(scope["app"])
    return page_body(model.votes(f, limit=p.get("limit", 50), offset=p.get("offset", 0)))


async def _resolutions(scope: Scope) -> bytes | None:
    p = _parameters(scope, RESOLUTION_PARAMETERS)
    if p is None:
        return None
    try:
        f = resolution_filter(
            p.get("from"), p.get("to"), p.get("subject"), p.get("chapter_vii"), p.get("q")
        )
    except UnscError:
        return None
    model = await read_model(scope["app"])
    return page_body(model.resolutions(f, limit=p.get("limit", 50), offset=p.get("offset", 0)))


async def _search(scope: Scope) -> bytes | None:
    p = _parameters(scope, SEARCH_PARAMETERS)
    if p is None or "q" not in p:
        return None
    try:
        return await search_answer(
            scope["app"],
            p["q"],
            (p["kind"],) if "kind" in p else (),
            p.get("from"),
            p.get("to"),
            limit=p.get("limit", 20),
            offset=p.get("offset", 0),
        )
    except UnscError:
        return None


PATHS: Mapping[str, Callable[[Scope], Awaitable[bytes | None]]] = {
    "/api/votes": _votes,
    "/api/resolutions": _resolutions,
    "/api/search": _search,
}


class ListAnswers:
    """Pure ASGI, in front of the routes: answers the plain GETs of /api/votes,
    /api/resolutions and /api/search from the read model; everything else goes on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        answer = (
            PATHS.get(scope["path"])
            if scope["type"] == "http" and scope["method"] == "GET"
            else None
        )
        body = None if answer is None else await answer(scope)
        if body is None:
            await self.app(scope, receive, send)
            return
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-length", str(len(body)).encode()),
                    (b"content-type", b"application/json"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
