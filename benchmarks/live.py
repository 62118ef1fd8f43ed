"""Prints a table: live sessions under load, on loopback only.

N screens connect at once to one session (a reconnect storm: each receives the log so far)
and watch it; a driver casts ballots (one vote after another, each seat once per vote) at
a target rate, the chair and the fifteen delegations over their own WebSockets as the
pages do. Measured: how long the N screens take to connect, ballots per second achieved,
latency from a ballot's cast to its arrival on every screen (p50, p99), whether every
screen received every ballot exactly once, the server's memory and CPU.

The screens run in a process of their own and the driver in another, so that neither
slows the other's clock; each screen is a bare asyncio protocol that reads frames, so
that the load client spends its time receiving, not in a client library.

Run: .venv/bin/python benchmarks/live.py --clients 100 1000 3000 3000 5000 \
         --rate 200 200 50 200 50 --seconds 10

`--check` runs the live check instead: the meeting of 26 May 2022 (S/2022/431: 13 in
favour, China and Russia against, not adopted, vetoed) with fifteen delegations voting at
once against a real `unsc serve` process, killed with SIGKILL mid-vote and restarted, and
every abuse attempt the check knows, each refused with an error that says why. It prints
one row per attempt and exits 1 if any row fails (tests/web/test_live_fault.py runs it).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import multiprocessing as mp
import os
import resource
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx
import uvloop
import websockets
from rich.console import Console
from rich.table import Table
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect as ws_connect

from unsc.service.database import open_database

ROOT = Path(__file__).resolve().parents[1]
UNSC = str(ROOT / ".venv/bin/unsc")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def raise_file_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


# -- the screens ---------------------------------------------------------------------


class Screen(asyncio.Protocol):
    """One watching screen: a WebSocket handshake, then server frames (never masked) read
    into a list of (payload, arrival time)."""

    def __init__(self, request: bytes, ready: asyncio.Future[None]) -> None:
        self.request = request
        self.ready = ready
        self.buffer = b""
        self.upgraded = False
        self.frames: list[tuple[bytes, float]] = []

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        transport.write(self.request)  # type: ignore[attr-defined]

    def data_received(self, data: bytes) -> None:
        now = time.time()
        buffer = self.buffer + data if self.buffer else data
        if not self.upgraded:
            head, sep, rest = buffer.partition(b"\r\n\r\n")
            if not sep:
                self.buffer = buffer
                return
            if not head.startswith(b"HTTP/1.1 101"):
                self.ready.set_exception(RuntimeError(head.decode(errors="replace")))
                return
            self.upgraded = True
            buffer = rest
        while len(buffer) >= 2:
            size = buffer[1] & 0x7F
            start = 2
            if size == 126:
                if len(buffer) < 4:
                    break
                size, start = int.from_bytes(buffer[2:4], "big"), 4
            elif size == 127:
                if len(buffer) < 10:
                    break
                size, start = int.from_bytes(buffer[2:10], "big"), 10
            if len(buffer) < start + size:
                break
            if buffer[0] == 0x81:  # a whole text frame
                self.frames.append((buffer[start : start + size], now))
                if not self.ready.done():  # connected: the backlog has come
                    self.ready.set_result(None)
            buffer = buffer[start + size :]
        self.buffer = buffer


async def watch(host: str, port: int, path: str, clients: int, pipe: Connection) -> None:
    loop = asyncio.get_running_loop()
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
    ).encode()
    screens: list[Screen] = []
    begin = time.perf_counter()

    async def connect() -> None:
        ready: asyncio.Future[None] = loop.create_future()
        screen = Screen(request, ready)
        await loop.create_connection(lambda: screen, host, port)
        await ready
        screens.append(screen)

    await asyncio.gather(*(connect() for _ in range(clients)))
    pipe.send(time.perf_counter() - begin)
    while not pipe.poll():
        await asyncio.sleep(0.05)
    sent: dict[str, float] = pipe.recv()
    pipe.send(summarise(screens, sent))


def summarise(screens: list[Screen], sent: dict[str, float]) -> dict[str, float]:
    parsed: dict[bytes, list[str]] = {}
    latencies: list[float] = []
    missing = duplicates = 0
    for screen in screens:
        arrived: dict[str, float] = {}
        for payload, at in screen.frames:
            ballots = parsed.get(payload)
            if ballots is None:
                body = json.loads(payload)
                ballots = parsed[payload] = [
                    e["data"]["ballot_id"] for e in body.get("events", []) if e["kind"] == "cast"
                ]
            for ballot in ballots:
                if ballot in arrived:
                    duplicates += 1
                arrived[ballot] = at
        for ballot, at in sent.items():
            if ballot in arrived:
                latencies.append((arrived[ballot] - at) * 1000)
            else:
                missing += 1
    latencies.sort()
    return {
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p99": latencies[int(len(latencies) * 0.99)] if latencies else float("nan"),
        "missing": missing,
        "duplicates": duplicates,
    }


def screens_main(host: str, port: int, path: str, clients: int, pipe: Connection) -> None:
    raise_file_limit()
    uvloop.run(watch(host, port, path, clients, pipe))


# -- the driver ----------------------------------------------------------------------


async def drive(
    base: str, sid: str, chair: str, seats: list[tuple[str, str]], rate: float, seconds: float
) -> tuple[dict[str, float], float]:
    """Votes one after another; each delegation casts at its time without waiting for the
    previous one's answer, as fifteen phones would. Returns when each ballot was sent."""
    base_ws = base.replace("http", "ws") + f"/api/sessions/{sid}/ws?token="
    sockets = {
        token: await websockets.connect(base_ws + token, max_queue=None)
        for token in [chair, *(t for _, t in seats)]
    }
    locks = {token: asyncio.Lock() for token in sockets}

    async def command(token: str, name: str, **data: object) -> None:
        ws = sockets[token]
        async with locks[token]:
            await ws.send(json.dumps({"command": name, "data": data}))
            while True:
                body = json.loads(await ws.recv())
                if "error" in body:
                    raise RuntimeError(body["error"])
                if "ack" in body:
                    return

    sent: dict[str, float] = {}
    interval = 1 / rate
    vote = 0
    begin = time.perf_counter()
    deadline = begin + seconds
    next_at = begin
    while time.perf_counter() < deadline:
        vote += 1
        await command(chair, "open_vote", title=f"Draft {vote}")
        casts = []
        for seat, token in seats:
            ballot = f"{vote}-{seat}"
            delay = next_at - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            sent[ballot] = time.time()
            casts.append(asyncio.create_task(command(token, "cast", cast="yes", ballot_id=ballot)))
            next_at += interval
        await asyncio.gather(*casts)
        await command(chair, "close_vote")
    elapsed = time.perf_counter() - begin
    for ws in sockets.values():
        await ws.close()
    return sent, len(sent) / elapsed


def measure(url: str, clients: int, rate: float, seconds: float) -> dict[str, Any]:
    port = free_port()
    server = subprocess.Popen(
        [UNSC, "serve", "--port", str(port), "--db", url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/api/council", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        created = httpx.post(base + "/api/sessions", json={"date": "2022-05-26"}).json()
        sid, chair = created["id"], created["chair_token"]
        projector = created["projector_url"].split("#")[1]
        seats = [(d["seat"], d["token"]) for d in created["delegations"]]
        for name in ("open_vote", "close_vote"):  # a backlog for each screen to receive
            httpx.post(
                f"{base}/api/sessions/{sid}/commands",
                json={"command": name, "data": {"title": "Adoption of the agenda"}},
                headers={"Authorization": f"Bearer {chair}"},
            ).raise_for_status()
        ours, theirs = mp.Pipe()
        watcher = mp.get_context("spawn").Process(
            target=screens_main,
            args=("127.0.0.1", port, f"/api/sessions/{sid}/ws?token={projector}", clients, theirs),
        )
        watcher.start()
        if not ours.poll(120):
            raise RuntimeError("the screens did not connect within 120 s")
        connect = float(ours.recv())
        cpu_before = cpu_seconds(server.pid)
        sent, achieved = uvloop.run(drive(base, sid, chair, seats, rate, seconds))
        time.sleep(2)  # let the last updates arrive
        cpu = (cpu_seconds(server.pid) - cpu_before) / (seconds + 2)
        memory = rss_mib(server.pid)
        ours.send(sent)
        summary = ours.recv()
        watcher.join(timeout=60)
    finally:
        server.terminate()
        server.wait(timeout=20)
    return {
        **summary,
        "connect": connect,
        "ballots": len(sent),
        "rate": achieved,
        "memory": memory,
        "cpu": cpu,
    }


# -- the live check: the 26 May 2022 meeting, kill -9, every abuse attempt ---------------

NO = ("CHN", "RUS")
VETOED_BY = ["People's Republic of China", "Russian Federation"]


@dataclass
class Served:
    """``unsc serve`` in a process of its own, its standard error kept in a file."""

    url: str
    port: int
    log: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with self.log.open("ab") as err:
            self.process = subprocess.Popen(
                [UNSC, "serve", "--port", str(self.port), "--db", self.url],
                stdout=subprocess.DEVNULL,
                stderr=err,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(self.base + "/api/council", timeout=1)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("the server did not start within 60 s")

    def kill_9(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


@dataclass
class Row:
    attempt: str
    expected: str
    observed: str
    ok: bool


class Meeting:
    """One session on a served app, spoken to as the pages and phones do."""

    def __init__(self, served: Served, created: dict[str, Any]) -> None:
        self.served = served
        self.id: str = created["id"]
        self.chair: str = created["chair_token"]
        self.projector: str = created["projector_url"].split("#")[1]
        self.seats: dict[str, str] = {d["seat"]: d["token"] for d in created["delegations"]}

    def command(self, token: str, name: str, **data: Any) -> httpx.Response:
        return httpx.post(
            f"{self.served.base}/api/sessions/{self.id}/commands",
            json={"command": name, "data": data},
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )

    def view(self, token: str | None = None) -> dict[str, Any]:
        answer: dict[str, Any] = httpx.get(
            f"{self.served.base}/api/sessions/{self.id}",
            params={"token": token or self.chair},
            timeout=10,
        ).json()
        return answer

    def ws(self, token: str, since: int | None = None, **options: Any) -> Any:
        url = f"ws://127.0.0.1:{self.served.port}/api/sessions/{self.id}/ws?token={token}"
        return ws_connect(url if since is None else f"{url}&since={since}", **options)

    def long_poll(self, token: str, since: int, wait: float) -> tuple[threading.Thread, list[Any]]:
        """A long poll in a thread: its answer (or error) and when it came."""
        answers: list[Any] = []

        def run() -> None:
            try:
                r = httpx.get(
                    f"{self.served.base}/api/sessions/{self.id}/events",
                    params={"token": token, "since": since, "wait": wait},
                    timeout=wait + 10,
                )
                answers.append((time.monotonic(), r.status_code, r.json()))
            except httpx.HTTPError as error:
                answers.append((time.monotonic(), 0, {"error": repr(error)}))

        thread = threading.Thread(target=run)
        thread.start()
        return thread, answers


def next_events(ws: Any, timeout: float = 5) -> list[dict[str, Any]]:
    """The events of the next batch a screen receives (skipping command answers)."""
    deadline = time.monotonic() + timeout
    while True:
        body = json.loads(ws.recv(timeout=max(0.01, deadline - time.monotonic())))
        if "events" in body:
            events: list[dict[str, Any]] = body["events"]
            return events


def answer_of(ws: Any, timeout: float = 5) -> dict[str, Any]:
    """The next answer to a command on a socket (skipping pushed events)."""
    deadline = time.monotonic() + timeout
    while True:
        body: dict[str, Any] = json.loads(ws.recv(timeout=max(0.01, deadline - time.monotonic())))
        if "events" not in body:
            return body


def safely(read: Any, *args: Any) -> Any:
    """What a read returns, or what went wrong (a timeout, a closed socket) as an error."""
    try:
        return read(*args)
    except (TimeoutError, ConnectionClosed, OSError) as error:
        return {"error": f"{type(error).__name__}: {error}"} if read is answer_of else []


def check(url: str) -> list[Row]:
    """The live check on the database at ``url`` (built already): one row per attempt."""
    rows: list[Row] = []

    def row(attempt: str, expected: str, observed: str, ok: bool) -> None:
        rows.append(Row(attempt, expected, observed, ok))

    log = Path(tempfile.mkdtemp(prefix="unsc-live-check-")) / "server.log"
    served = Served(url, free_port(), log)
    served.start()
    try:
        created = httpx.post(served.base + "/api/sessions", json={"date": "2022-05-26"}).json()
        meeting = Meeting(served, created)
        row(
            "the Council of 26 May 2022",
            "15 delegations, one link each",
            f"{len(meeting.seats)} delegations",
            len(meeting.seats) == 15,
        )
        _before_the_kill(meeting, row)
        acknowledged = _kill_9_mid_vote(meeting, row)
        _after_the_restart(meeting, acknowledged, row)
    finally:
        served.stop()
    text = log.read_text(errors="replace")
    row(
        "the server's log",
        "no traceback",
        "a traceback" if "Traceback" in text else f"{len(text.splitlines())} lines, no traceback",
        "Traceback" not in text,
    )
    return rows


def _before_the_kill(meeting: Meeting, row: Any) -> None:
    chair, seats = meeting.chair, meeting.seats
    # (a) A fresh session: a screen says it has seen event 999,999,999 before anything is
    # pushed; the next event must still reach every screen.
    with meeting.ws(meeting.projector, since=999_999_999) as beyond, meeting.ws(chair) as console:
        opened = meeting.command(
            chair, "open_vote", title="Adoption of the agenda", kind="procedural"
        )
        got = [e["seq"] for e in safely(next_events, beyond)] if opened.is_success else []
        seen = [e["seq"] for e in safely(next_events, console)] if opened.is_success else []
        row(
            "screen resumes with since=999999999 on a fresh session",
            "it and every other screen get event 1",
            f"since-beyond screen got {got}, chair's screen got {seen}",
            got == [1] and seen == [1],
        )
    for seat, token in seats.items():
        meeting.command(token, "cast", cast="yes", ballot_id=f"agenda-{seat}")
    closed = meeting.command(chair, "close_vote")
    decision = meeting.view()["votes"][0].get("decision", {})
    row(
        "vote 1: adoption of the agenda (procedural), 15 in favour",
        "adopted",
        f"{closed.status_code}, {decision.get('outcome')}",
        decision.get("outcome") == "adopted",
    )
    meeting.command(chair, "open_vote", title="S/2022/431", draft="S/2022/431")
    # (b) Brazil's link naming the United States' seat, by POST and over the socket.
    posted = meeting.command(seats["BRA"], "cast", cast="yes", ballot_id="bra-as-usa", seat="USA")
    with meeting.ws(seats["BRA"]) as phone:
        ballot = {"cast": "no", "ballot_id": "bra-as-usa-ws", "seat": "USA"}
        phone.send(json.dumps({"command": "cast", "data": ballot}))
        over_ws = safely(answer_of, phone)
    ballots = meeting.view()["votes"][1].get("ballots", {})
    error = posted.json().get("error", "")
    row(
        "Brazil's token casts with seat USA (POST, WebSocket)",
        "refused naming Brazil; nothing recorded",
        f"POST {posted.status_code}: {error[:60]}…; WS: {str(over_ws.get('error'))[:30]}…; "
        f"ballots {ballots}",
        posted.status_code == 409
        and "Brazil" in error
        and "Brazil" in str(over_ws.get("error"))
        and ballots == {},
    )
    # (d) A ballot id longer than the limit.
    long_id = meeting.command(seats["FRA"], "cast", cast="yes", ballot_id="f" * 65)
    row(
        "ballot id of 65 characters",
        "refused, not cut to 64",
        f"{long_id.status_code}: {long_id.json().get('error', long_id.json())}",
        long_id.status_code == 409 and not meeting.view()["votes"][1].get("ballots"),
    )
    # (e) Binary frames, long commands, a 16 MiB frame.
    with meeting.ws(chair, max_size=None) as ws:
        ws.send(json.dumps({"command": "add_speaker", "data": {"seat": "USA"}}).encode())
        binary = safely(answer_of, ws)
        try:
            ws.send(json.dumps({"command": "add_speaker", "data": {"seat": "USA"}}))
            still = safely(answer_of, ws)
        except ConnectionClosed as closed:
            still = {"error": f"closed ({closed})"}
    with meeting.ws(chair, max_size=None) as ws:
        ws.send(json.dumps({"command": "add_speaker", "data": {"seat": "x" * 70_000}}))
        long = safely(answer_of, ws)
    row(
        "binary WebSocket frame",
        "an error, the socket stays open",
        f"{str(binary.get('error'))[:50]}…; then {'ack' if still.get('ack') else still}",
        "binary" in str(binary.get("error")) and still.get("ack") is True,
    )
    row(
        "a 70,000-character command",
        "refused before parsing (64 KiB)",
        str(long.get("error"))[:70],
        "64 KiB" in str(long.get("error")),
    )
    code = oversized_frame(meeting)
    alive = meeting.served.alive() and meeting.view()["last_seq"] > 0
    row(
        "a 16 MiB frame",
        "closed with 1009 before it is read whole; the server carries on",
        f"closed with {code}; server {'up' if alive else 'down'}",
        code == 1009 and alive,
    )


def oversized_frame(meeting: Meeting) -> int | None:
    """Announce a 16 MiB text frame and send its first bytes: the close code the server
    answers with, before the rest is sent (None if it answers nothing)."""
    raw = socket.create_connection(("127.0.0.1", meeting.served.port), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    path = f"/api/sessions/{meeting.id}/ws?token={meeting.chair}"
    raw.sendall(
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
        "Sec-WebSocket-Version: 13\r\n\r\n".encode()
    )
    data = b""
    while b"\r\n\r\n" not in data:
        data += raw.recv(4096)
    data = data.split(b"\r\n\r\n", 1)[1]
    size = 16 * 1024 * 1024
    mask = os.urandom(4)
    head = bytes([0x81, 0x80 | 127]) + size.to_bytes(8, "big") + mask
    raw.sendall(head + bytes(b ^ mask[i % 4] for i, b in enumerate(b"{" + b" " * 4095)))
    code = None
    try:
        while True:
            while len(data) >= 2 and data[0] != 0x88:  # skip the backlog's frames
                length, start = data[1] & 0x7F, 2
                if length == 126:
                    length, start = int.from_bytes(data[2:4], "big"), 4
                if len(data) < start + length:
                    break
                data = data[start + length :]
            if len(data) >= 4 and data[0] == 0x88:
                code = int.from_bytes(data[2:4], "big")
                break
            chunk = raw.recv(65536)
            if not chunk:
                break
            data += chunk
    except (TimeoutError, ConnectionResetError):
        pass
    raw.close()
    return code


def _kill_9_mid_vote(meeting: Meeting, row: Any) -> dict[str, str]:
    acknowledged: dict[str, str] = {}
    lock = threading.Lock()
    half = threading.Event()

    def delegation(seat: str, token: str) -> None:
        cast = "no" if seat in NO else "yes"
        try:
            answer = meeting.command(token, "cast", cast=cast, ballot_id=f"431-{seat}")
        except httpx.HTTPError:
            return  # not acknowledged: the phone keeps it queued
        if answer.status_code == 200:
            with lock:
                acknowledged[seat] = cast
                if len(acknowledged) >= 7:
                    half.set()

    threads = [threading.Thread(target=delegation, args=item) for item in meeting.seats.items()]
    for thread in threads:
        thread.start()
    half.wait(timeout=30)
    meeting.served.kill_9()
    for thread in threads:
        thread.join(timeout=30)
    row(
        "kill -9 while 15 delegations vote on S/2022/431",
        "the server dies mid-vote",
        f"{len(acknowledged)} ballots acknowledged before the kill",
        7 <= len(acknowledged) <= 15,
    )
    meeting.served.start()
    return acknowledged


def _after_the_restart(meeting: Meeting, acknowledged: dict[str, str], row: Any) -> None:
    with ExitStack() as stack:
        _reissue_and_close(meeting, acknowledged, row, stack)


def _reissue_and_close(
    meeting: Meeting, acknowledged: dict[str, str], row: Any, stack: ExitStack
) -> None:
    chair, seats = meeting.chair, meeting.seats
    # (a) After the restart nothing has been pushed for the session: a screen resumes from
    # beyond the log, another from where it stood.
    last = meeting.view()["last_seq"]
    beyond = stack.enter_context(meeting.ws(meeting.projector, since=999_999_999))
    console = stack.enter_context(meeting.ws(chair, since=last))
    # (c) The old link's long poll is open when the chair reissues it; so is its socket.
    old = seats["IND"]
    poll, polled = meeting.long_poll(old, since=last, wait=20)
    old_socket = stack.enter_context(meeting.ws(old, since=last))
    time.sleep(0.5)
    at = time.monotonic()
    reissued = httpx.post(
        f"{meeting.served.base}/api/sessions/{meeting.id}/delegations/IND/reissue",
        headers={"Authorization": f"Bearer {chair}"},
        timeout=10,
    )
    seats["IND"] = reissued.json()["token"]
    poll.join(timeout=10)
    socket_code = None
    try:
        old_socket.recv(timeout=5)
    except ConnectionClosed as closed:
        socket_code = closed.rcvd.code if closed.rcvd is not None else 1006
    except TimeoutError:
        pass
    ended = polled[0] if polled else None
    row(
        "long poll and socket of a link, open when it is reissued",
        "both end at once (403 revoked; socket closed)",
        "poll still open"
        if ended is None
        else f"poll {ended[1]}, {ended[0] - at:.2f} s after the reissue was sent; "
        f"socket closed ({socket_code})",
        ended is not None and ended[1] == 403 and ended[0] - at < 2 and socket_code is not None,
    )
    # Every phone sends what it has queued; some resend what was answered.
    duplicates = resent = 0
    for seat, token in seats.items():
        cast = "no" if seat in NO else "yes"
        answer = meeting.command(token, "cast", cast=cast, ballot_id=f"431-{seat}")
        resent += answer.status_code == 200
        duplicates += answer.json().get("duplicate") is True and seat in acknowledged
    ballots = meeting.view()["votes"][1]["ballots"]
    expected = {s: ("no" if s in NO else "yes") for s in seats}
    row(
        "every phone resends after the restart",
        "each acknowledged ballot counted once, every ballot counted",
        f"{resent} answered, {duplicates} recognised as retries; {len(ballots)} ballots",
        resent == 15 and duplicates == len(acknowledged) and ballots == expected,
    )
    # (d) A ballot id of vote 1 used again on vote 2.
    reused = meeting.command(seats["FRA"], "cast", cast="yes", ballot_id="agenda-FRA")
    row(
        "France reuses its vote-1 ballot id on vote 2",
        "refused, naming vote 1",
        f"{reused.status_code}: {reused.json().get('error', reused.json())}",
        reused.status_code == 409 and "vote 1" in reused.json().get("error", ""),
    )
    # The chair closes the vote: every screen hears it, the since-beyond one too.
    closed = meeting.command(chair, "close_vote")
    seq = closed.json()["event"]["seq"] if closed.is_success else None
    heard: list[list[int]] = []
    for screen in (beyond, console):
        got: list[int] = []
        try:
            while seq is not None and (not got or got[-1] < seq):
                got += [e["seq"] for e in next_events(screen)]
        except (TimeoutError, ConnectionClosed):
            pass
        heard.append(got)
    row(
        "chair closes the vote after the restart",
        "every screen receives the close",
        f"event {seq}: the since-beyond screen got {len(heard[0])} events, to "
        f"{heard[0][-1:]}; the chair's, to {heard[1][-1:]}",
        seq is not None and all(h and h[-1] == seq for h in heard),
    )
    vote = meeting.view(seats["FRA"])["votes"][1]
    decision = vote.get("decision", {})
    tally = vote["tally"]
    row(
        "S/2022/431",
        "13 in favour, 2 against; not adopted, vetoed by China and Russia",
        f"{tally['yes']}-{tally['no']}-{tally['abstain']}: {decision.get('outcome')}, "
        f"vetoed by {', '.join(decision.get('vetoed_by', []))}",
        (tally["yes"], tally["no"]) == (13, 2)
        and decision.get("outcome") == "not_adopted"
        and decision.get("vetoed_by") == VETOED_BY,
    )
    events = httpx.get(
        f"{meeting.served.base}/api/sessions/{meeting.id}/events",
        params={"token": chair},
        timeout=10,
    ).json()["events"]
    casts = [e["data"]["seat"] for e in events if e["kind"] == "cast" and e["data"]["vote"] == 2]
    row(
        "the log after the kill",
        "one cast event per delegation on S/2022/431",
        f"{len(casts)} cast events, {len(set(casts))} delegations",
        sorted(casts) == sorted(seats),
    )


def print_check(rows: list[Row]) -> None:
    table = Table(title="Live check: 26 May 2022 (S/2022/431), kill -9, every abuse attempt")
    for column in ("attempt", "expected", "observed", "pass"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(r.attempt, r.expected, r.observed, "yes" if r.ok else "[red]NO[/]")
    Console(width=160).print(table)
    Console().print(f"{sum(r.ok for r in rows)} of {len(rows)} passed.")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--rate", type=float, nargs="+", default=[200])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--check", action="store_true", help="run the live check instead")
    args = parser.parse_args()
    raise_file_limit()
    tmp = Path(tempfile.mkdtemp(prefix="unsc-live-"))
    url = f"sqlite:///{tmp / 'unsc.sqlite3'}"
    open_database(url).engine.dispose()
    if args.check:
        rows = check(url)
        print_check(rows)
        raise SystemExit(0 if all(r.ok for r in rows) else 1)
    table = Table(
        title="Live sessions: one worker, SQLite (synchronous=FULL), loopback, "
        f"{args.seconds:.0f} s per row"
    )
    for column in (
        "clients",
        "connect s",
        "target/s",
        "ballots",
        "ballots/s",
        "p50 ms",
        "p99 ms",
        "missing",
        "twice",
        "server MiB",
        "server CPU",
    ):
        table.add_column(column, justify="right")
    rates = args.rate if len(args.rate) == len(args.clients) else args.rate[:1] * len(args.clients)
    for clients, rate in zip(args.clients, rates, strict=True):
        r = measure(url, clients, rate, args.seconds)
        table.add_row(
            str(clients),
            f"{r['connect']:.2f}",
            f"{rate:.0f}",
            f"{r['ballots']:.0f}",
            f"{r['rate']:.0f}",
            f"{r['p50']:.1f}",
            f"{r['p99']:.1f}",
            f"{r['missing']:.0f}",
            f"{r['duplicates']:.0f}",
            f"{r['memory']:.0f}",
            f"{r['cpu']:.0%}",
        )
    Console(width=130).print(table)
    Console().print(f"{os.cpu_count()} cores; server, screens and driver on this machine.")


if __name__ == "__main__":
    main()
