"""Prints a table: live sessions under load, on loopback only.

N WebSocket clients watch one session; a driver casts ballots (one vote after another, each
seat once per vote) at a target rate. Measured: ballots per second achieved, latency from a
ballot's cast to its arrival on every screen (p50, p99), whether every screen received
every ballot exactly once, server memory, and how long N clients take to connect.

Run: .venv/bin/python benchmarks/live.py [--clients 200 1000] [--rate 200] [--seconds 10]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

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


async def run(base: str, clients: int, rate: float, seconds: float) -> dict[str, float]:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        created = (await http.post("/api/sessions", json={"date": "2022-05-26"})).json()
        sid, chair = created["id"], created["chair_token"]
        projector = created["projector_url"].split("#")[1]
        seats = [(d["seat"], d["token"]) for d in created["delegations"]]
        ws_url = base.replace("http", "ws") + f"/api/sessions/{sid}/ws?token={projector}"

        sent: dict[str, float] = {}
        arrivals: list[dict[str, float]] = [{} for _ in range(clients)]
        duplicates = 0
        connected = asyncio.Event()
        ready = 0

        parsed: dict[str | bytes, list[str]] = {}

        def ballots_in(raw: str | bytes) -> list[str]:
            # Every screen gets the same text: parse it once for all the simulated screens,
            # so that the load client spends its time receiving, not decoding.
            found = parsed.get(raw)
            if found is None:
                body = json.loads(raw)
                found = [
                    e["data"]["ballot_id"] for e in body.get("events", []) if e["kind"] == "cast"
                ]
                parsed[raw] = found
            return found

        async def screen(i: int) -> None:
            nonlocal ready, duplicates
            async with websockets.connect(ws_url, max_queue=None) as ws:
                ready += 1
                if ready == clients:
                    connected.set()
                async for raw in ws:
                    now = time.time()
                    for key in ballots_in(raw):
                        if key in arrivals[i]:
                            duplicates += 1
                        arrivals[i][key] = now

        start_connect = time.perf_counter()
        tasks = [asyncio.create_task(screen(i)) for i in range(clients)]
        await asyncio.wait_for(connected.wait(), timeout=120)
        connect_seconds = time.perf_counter() - start_connect

        # The chair and the delegations send their commands over their own WebSockets,
        # as the pages do; each waits for its answer.
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

        interval = 1 / rate
        vote = 0
        deadline = time.perf_counter() + seconds
        begin = time.perf_counter()
        next_at = begin
        while time.perf_counter() < deadline:
            vote += 1
            await command(chair, "open_vote", title=f"Draft {vote}")
            casts = []
            for seat, token in seats:
                # Open loop: each delegation casts at its time, without waiting for the
                # previous one's answer, as fifteen phones would.
                ballot = f"{vote}-{seat}"
                delay = next_at - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                sent[ballot] = time.time()
                casts.append(
                    asyncio.create_task(command(token, "cast", cast="yes", ballot_id=ballot))
                )
                next_at += interval
            await asyncio.gather(*casts)
            await command(chair, "close_vote")
        elapsed = time.perf_counter() - begin
        await asyncio.sleep(2)  # let the last updates arrive
        for task in tasks:
            task.cancel()
        for ws in sockets.values():
            await ws.close()
        latencies = []
        missing = 0
        for arrived in arrivals:
            for ballot, at in sent.items():
                if ballot in arrived:
                    latencies.append((arrived[ballot] - at) * 1000)
                else:
                    missing += 1
        latencies.sort()
        return {
            "ballots": len(sent),
            "rate": len(sent) / elapsed,
            "p50": statistics.median(latencies) if latencies else float("nan"),
            "p99": latencies[int(len(latencies) * 0.99)] if latencies else float("nan"),
            "missing": missing,
            "duplicates": duplicates,
            "connect": connect_seconds,
        }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="unsc-live-"))
    url = f"sqlite:///{tmp / 'unsc.sqlite3'}"
    open_database(url).engine.dispose()
    table = Table(
        title=f"Live sessions: one worker, SQLite (synchronous=FULL), loopback; "
        f"target rate {args.rate:.0f} ballots/s for {args.seconds:.0f} s"
    )
    for column in (
        "clients",
        "connect s",
        "ballots",
        "ballots/s",
        "p50 ms",
        "p99 ms",
        "missing",
        "twice",
        "server MiB",
    ):
        table.add_column(column, justify="right")
    for clients in args.clients:
        port = free_port()
        server = subprocess.Popen(
            [UNSC, "serve", "--port", str(port), "--db", url],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                httpx.get(base + "/api/council", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        try:
            # The load client runs on uvloop too: on two shared cores, a slow client would
            # be measured as a slow server.
            r = uvloop.run(run(base, clients, args.rate, args.seconds))
            memory = rss_mib(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=20)
        table.add_row(
            str(clients),
            f"{r['connect']:.2f}",
            f"{r['ballots']:.0f}",
            f"{r['rate']:.0f}",
            f"{r['p50']:.1f}",
            f"{r['p99']:.1f}",
            f"{r['missing']:.0f}",
            f"{r['duplicates']:.0f}",
            f"{memory:.0f}",
        )
    Console(width=120).print(table)
    Console().print(f"{os.cpu_count()} cores; server and clients on this machine.")


if __name__ == "__main__":
    main()
