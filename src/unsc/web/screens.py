"""How a batch of live events reaches a WebSocket screen.

Under uvicorn's WebSocket protocol (the websockets library, sans-I/O) a batch is encoded
as a frame once per role and the same bytes are written straight to every screen's
transport: no task, no queue and no await per screen, so a broadcast to thousands of
screens is one short loop. A screen whose unsent bytes pass a limit is cut off at once
(its phone reconnects and resumes from its last sequence number): a slow phone cannot
grow the server's memory. Under any other server, each screen has a bounded queue and a
task that sends from it.
"""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.frames import Frame, Opcode

from unsc.service.live import Batch
from unsc.sessions import machine

UNSENT_LIMIT = 256 * 1024
"""Bytes a screen may have waiting to be sent before it is cut off."""
SERVER_SEND = "unsc.server_send"


class KeepServerSend:
    """ASGI middleware, outermost: a WebSocket's scope keeps the server's own ``send``
    (the middleware within wraps it)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            scope[SERVER_SEND] = send
        await self.app(scope, receive, send)


def frame(batch: Batch, role: str) -> bytes:
    """The batch as this role sees it, as one unmasked text frame (RFC 6455 §5.2); encoded
    once per role and kept on the batch."""
    key = machine.CHAIR if role == machine.CHAIR else "public"
    encoded = batch.frames.get(key)
    if encoded is None:
        payload = batch.for_role(role).encode()
        encoded = batch.frames[key] = Frame(Opcode.TEXT, payload).serialize(mask=False)
    return encoded


def direct_protocol(websocket: WebSocket) -> WebSocketsSansIOProtocol | None:
    """uvicorn's protocol object behind this socket, when uvicorn serves the app."""
    send: Any = websocket.scope.get(SERVER_SEND)
    protocol = getattr(send, "__self__", None)
    return protocol if isinstance(protocol, WebSocketsSansIOProtocol) else None


class DirectScreen:
    """Writes each batch's frame to one socket's transport; remembers what it has sent."""

    __slots__ = ("allowance", "limit", "protocol", "role", "since")

    def __init__(
        self, protocol: WebSocketsSansIOProtocol, role: str, since: int, limit: int
    ) -> None:
        self.protocol = protocol
        self.role = role
        self.since = since
        self.limit = limit
        self.allowance = 0
        """Bytes of a backlog still unsent: a long backlog on a slow link is no reason to
        cut the screen off, as long as it drains."""

    def __call__(self, batch: Batch) -> bool:
        protocol = self.protocol
        if protocol.close_sent or protocol.disconnected:
            return False
        if batch.last_seq <= self.since:
            return True
        batch = batch.after(self.since)
        transport: asyncio.Transport = protocol.transport
        if transport.is_closing():
            return False
        unsent = transport.get_write_buffer_size()
        self.allowance = min(self.allowance, unsent)
        if unsent > self.limit + self.allowance:
            # Cut off: the phone sees the connection drop, reconnects and resumes.
            transport.abort()
            return False
        transport.write(frame(batch, self.role))
        self.since = batch.last_seq
        return True

    def cut(self) -> None:
        """Close the connection now (its link was revoked)."""
        self.protocol.transport.abort()

    def send_backlog(self, batch: Batch) -> None:
        """The log so far, written whole however long it is; allowed to drain."""
        encoded = frame(batch, self.role)
        self.protocol.transport.write(encoded)
        self.allowance = len(encoded)
        self.since = batch.last_seq
