"""An in-process cache of API answers: the record changes only when it is rebuilt, so the
same question gets the same bytes. Pure ASGI, so a hit costs no routing and no query."""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from unsc.service.clock import today

CACHED_PREFIX = "/api/"
NEVER = ("/api/decide", "/api/sessions", "/api/export")
"""Answers that depend on who asks or change as a meeting goes on, and the exports,
streamed as they are read (the largest is 31 MB: never held whole)."""
READ_MODEL = ("/api/votes", "/api/resolutions", "/api/search")
"""Lists answered from the read model (``unsc.service.read_model``), which keeps each
question's rows and each row's JSON already: keeping every page again here cost more
than it saved (server CPU per request, every request a different page: /api/votes 139 ->
100-102 us, /api/resolutions 186 -> 89-94 us; benchmarks/api_vs_datasette.py)."""


class ResponseCache:
    """Caches successful GET responses under /api/ by path and (sorted) query, least recently
    used first out, for ``ttl`` seconds, within a budget of bytes."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_bytes: int = 64 * 2**20,
        max_item_bytes: int = 2**20,
        ttl: float = 300.0,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_item_bytes = max_item_bytes
        self.ttl = ttl
        self._entries: OrderedDict[bytes, tuple[float, int, list[Message]]] = OrderedDict()
        self._bytes = 0
        self.hits = 0
        self.misses = 0

    def clear(self) -> None:
        self._entries.clear()
        self._bytes = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope.get("method") != "GET"
            or not path.startswith(CACHED_PREFIX)
            or path.startswith(NEVER)
            or path in READ_MODEL
        ):
            await self.app(scope, receive, send)
            return
        query = b"&".join(sorted(scope.get("query_string", b"").split(b"&")))
        # The record's generation changes when a live session adds its votes: answers
        # given before are then out of date, and no longer found.
        app = scope.get("app")
        generation = getattr(getattr(app, "state", None), "record_generation", 0)
        # "today" is part of the question wherever a date is omitted.
        day = today().isoformat().encode()
        key = str(generation).encode() + b":" + day + b":" + path.encode() + b"?" + query
        now = time.monotonic()
        entry = self._entries.get(key)
        if entry is not None and now - entry[0] < self.ttl:
            self._entries.move_to_end(key)
            self.hits += 1
            for message in entry[2]:
                await send(_marked(message, b"hit"))
            return
        self.misses += 1
        messages: list[Message] = []

        async def capture(message: Message) -> None:
            messages.append(message)
            await send(_marked(message, b"miss"))

        await self.app(scope, receive, capture)
        start = messages[0] if messages else None
        size = sum(len(m.get("body", b"")) for m in messages)
        if start is None or start.get("status") != 200 or size > self.max_item_bytes:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= old[1]
        self._entries[key] = (now, size, messages)
        self._bytes += size
        while self._bytes > self.max_bytes and self._entries:
            _, (_, dropped, _) = self._entries.popitem(last=False)
            self._bytes -= dropped


def _marked(message: Message, state: bytes) -> Message:
    if message["type"] != "http.response.start":
        return message
    headers: list[Any] = [*message.get("headers", []), (b"x-unsc-cache", state)]
    return {**message, "headers": headers}
