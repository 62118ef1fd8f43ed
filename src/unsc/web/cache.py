"""An in-process cache of API answers: the record changes only when it is rebuilt, so the
same question gets the same bytes. Pure ASGI, so a hit costs no routing and no query."""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHED_PREFIX = "/api/"
NEVER = frozenset({"/api/decide"})


class ResponseCache:
    """Caches successful GET responses under /api/ by path and query, LRU, for ``ttl`` s."""

    def __init__(self, app: ASGIApp, *, max_entries: int = 4096, ttl: float = 300.0) -> None:
        self.app = app
        self.max_entries = max_entries
        self.ttl = ttl
        self._entries: OrderedDict[bytes, tuple[float, list[Message]]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def clear(self) -> None:
        self._entries.clear()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope.get("method") != "GET"
            or not path.startswith(CACHED_PREFIX)
            or path in NEVER
        ):
            await self.app(scope, receive, send)
            return
        key = path.encode() + b"?" + scope.get("query_string", b"")
        now = time.monotonic()
        entry = self._entries.get(key)
        if entry is not None and now - entry[0] < self.ttl:
            self._entries.move_to_end(key)
            self.hits += 1
            for message in entry[1]:
                await send(_marked(message, b"hit"))
            return
        self.misses += 1
        messages: list[Message] = []

        async def capture(message: Message) -> None:
            messages.append(message)
            await send(_marked(message, b"miss"))

        await self.app(scope, receive, capture)
        start = messages[0] if messages else None
        if start is not None and start.get("status") == 200:
            self._entries[key] = (now, messages)
            if len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)


def _marked(message: Message, state: bytes) -> Message:
    if message["type"] != "http.response.start":
        return message
    headers: list[Any] = [*message.get("headers", []), (b"x-unsc-cache", state)]
    return {**message, "headers": headers}
