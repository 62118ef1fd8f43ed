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
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import multiprocessing as mp
import os
import resource
import socket
import statistics
import subprocess
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx
import uvloop
import websockets
from rich.console import Console
from rich.table import Table

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--rate", type=float, nargs="+", default=[200])
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    raise_file_limit()
    tmp = Path(tempfile.mkdtemp(prefix="unsc-live-"))
    url = f"sqlite:///{tmp / 'unsc.sqlite3'}"
    open_database(url).engine.dispose()
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
