"""Live screens served by uvicorn: each batch written straight to every socket, in order,
once; a screen that stops reading is cut off and resumes where it stopped."""

from __future__ import annotations

import base64
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from unsc.service.database import open_database
from unsc.web.app import Settings, create_app
from unsc.web.screens import DirectScreen

LIMIT = 4096


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, FastAPI]]:
    """The app under uvicorn in a thread; a screen may hold only 4 KiB unsent."""
    url = f"sqlite:///{tmp_path_factory.mktemp('screens') / 'unsc.sqlite3'}"
    open_database(url).engine.dispose()
    app = create_app(Settings(url, unsent_limit=LIMIT))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", ws="auto")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"127.0.0.1:{port}", app
    server.should_exit = True
    thread.join(timeout=10)


def create(address: str) -> dict[str, Any]:
    response = httpx.post(f"http://{address}/api/sessions", json={"date": "2022-05-26"})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def command(address: str, sid: str, token: str, name: str, **data: Any) -> dict[str, Any]:
    response = httpx.post(
        f"http://{address}/api/sessions/{sid}/commands",
        json={"command": name, "data": data},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def received(ws: Any, until: int) -> list[dict[str, Any]]:
    """Events from a socket until the one numbered ``until``."""
    events: list[dict[str, Any]] = []
    while not events or events[-1]["seq"] < until:
        events += json.loads(ws.recv(timeout=10))["events"]
    return events


def test_every_screen_gets_each_event_once_and_in_order(served: tuple[str, FastAPI]) -> None:
    address, app = served
    s = create(address)
    sid, chair = s["id"], s["chair_token"]
    seats = {d["seat"]: d["token"] for d in s["delegations"]}
    projector = s["projector_url"].split("#")[1]
    base = f"ws://{address}/api/sessions/{sid}/ws?token="
    with connect(base + projector) as early, connect(base + chair) as console:
        screens = app.state.live.screens(sid)
        assert len(screens) == 2 and all(isinstance(p, DirectScreen) for p in screens)
        command(address, sid, chair, "open_vote", title="S/2022/431")
        for seat in ("USA", "GBR", "FRA"):
            command(address, sid, seats[seat], "cast", cast="yes", ballot_id=f"b-{seat}")
        # A screen that joins late gets the backlog after `since`, then what follows.
        with connect(base + projector + "&since=2") as late:
            for seat in ("CHN", "RUS"):
                command(address, sid, seats[seat], "cast", cast="no", ballot_id=f"b-{seat}")
            last = command(address, sid, chair, "close_vote")["event"]["seq"]
            assert last == 7
            assert [e["seq"] for e in received(early, last)] == list(range(1, 8))
            assert [e["seq"] for e in received(late, last)] == list(range(3, 8))
            chair_sees = received(console, last)
    assert [e["seq"] for e in chair_sees] == list(range(1, 8))
    # The chair sees who cast what; other screens only that a ballot came in.
    assert chair_sees[5]["data"]["seat"] == "RUS" and chair_sees[5]["data"]["cast"] == "no"
    deadline = time.monotonic() + 5
    while app.state.live.screens(sid) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert app.state.live.screens(sid) == [], "closed screens are forgotten"


def handshake(address: str, path: str) -> socket.socket:
    """A WebSocket opened by hand, with a small receive buffer, that then stops reading."""
    host, port = address.split(":")
    raw = socket.socket()
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.connect((host, int(port)))
    key = base64.b64encode(os.urandom(16)).decode()
    raw.sendall(
        f"GET {path} HTTP/1.1\r\nHost: {address}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
    )
    head = b""
    while b"\r\n\r\n" not in head:
        head += raw.recv(1)
    assert head.startswith(b"HTTP/1.1 101"), head
    return raw


def test_a_screen_that_stops_reading_is_cut_off_and_resumes(
    served: tuple[str, FastAPI],
) -> None:
    address, app = served
    s = create(address)
    sid, chair = s["id"], s["chair_token"]
    projector = s["projector_url"].split("#")[1]
    path = f"/api/sessions/{sid}/ws?token={projector}"
    stalled = handshake(address, path)
    # The kernel's own buffers would hold megabytes first: keep the server's small.
    (screen,) = app.state.live.screens(sid)
    server_side = screen.protocol.transport.get_extra_info("socket")
    server_side.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    with connect(f"ws://{address}{path}") as healthy:
        assert len(app.state.live.screens(sid)) == 2
        last = 0
        for n in range(400):
            command(address, sid, chair, "open_vote", title=f"Draft {n} " + "x" * 150)
            last = command(address, sid, chair, "close_vote")["event"]["seq"]
            if len(app.state.live.screens(sid)) == 1:
                break
        # The stalled screen was dropped; the reading one stays and misses nothing.
        assert len(app.state.live.screens(sid)) == 1, f"not cut off after {n + 1} rounds"
        assert [e["seq"] for e in received(healthy, last)] == list(range(1, last + 1))
    # What reached the stalled screen before the cut is a prefix of the log...
    stalled.settimeout(5)
    data = b""
    try:
        while chunk := stalled.recv(65536):
            data += chunk
    except (ConnectionResetError, TimeoutError):
        pass
    stalled.close()
    seqs: list[int] = []
    while len(data) >= 2 and data[0] == 0x81:
        size, start = data[1] & 0x7F, 2
        if size == 126:
            size, start = int.from_bytes(data[2:4], "big"), 4
        if len(data) < start + size:
            break  # cut mid-frame
        seqs += [e["seq"] for e in json.loads(data[start : start + size])["events"]]
        data = data[start + size :]
    assert seqs == list(range(1, len(seqs) + 1))
    assert len(seqs) < last
    # ...and reconnecting from the last one it read brings the rest, once.
    with connect(f"ws://{address}{path}&since={len(seqs)}") as resumed:
        rest = [e["seq"] for e in received(resumed, last)]
    assert rest == list(range(len(seqs) + 1, last + 1))


def test_a_reissued_link_stops_its_open_screens_at_once(served: tuple[str, FastAPI]) -> None:
    address, app = served
    s = create(address)
    sid, chair = s["id"], s["chair_token"]
    old = next(d["token"] for d in s["delegations"] if d["seat"] == "IND")
    base = f"ws://{address}/api/sessions/{sid}/ws?token="
    with connect(base + old) as phone, connect(base + chair) as console:
        assert len(app.state.live.screens(sid)) == 2
        answer = httpx.post(
            f"http://{address}/api/sessions/{sid}/delegations/IND/reissue",
            headers={"Authorization": f"Bearer {chair}"},
        )
        assert answer.status_code == 200
        with pytest.raises(ConnectionClosed):
            phone.recv(timeout=5)  # cut: it receives nothing more
        assert len(app.state.live.screens(sid)) == 1
        command(address, sid, chair, "open_vote", title="S/2022/431")
        assert received(console, 1)[0]["kind"] == "open_vote"
