"""Two worker processes on PostgreSQL: events logged by either reach every screen, through
PostgreSQL's LISTEN/NOTIFY, in order and once."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import threading
import time
from pathlib import Path

import httpx
import websockets

from tests.postgres import create_database
from unsc.service.database import open_database

UNSC = str(Path(__file__).resolve().parents[2] / ".venv/bin/unsc")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_two_workers_fan_out_through_postgresql(pg_server: str) -> None:
    url = create_database(pg_server, f"unsc_workers_{os.getpid()}")
    open_database(url).engine.dispose()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [UNSC, "serve", "--workers", "2", "--port", str(port), "--db", url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/api/council", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        # A thread of its own: Playwright's tests may leave an event loop on this one.
        failures: list[BaseException] = []

        def run() -> None:
            try:
                asyncio.run(_meeting(base))
            except BaseException as err:
                failures.append(err)

        thread = threading.Thread(target=run)
        thread.start()
        thread.join(timeout=120)
        if failures:
            raise failures[0]
    finally:
        server.terminate()
        server.wait(timeout=20)


async def _meeting(base: str) -> None:
    workers: set[str] = set()
    async with httpx.AsyncClient(base_url=base, timeout=10) as http:
        created = (await http.post("/api/sessions", json={"date": "2022-05-26"})).json()
        sid, chair = created["id"], created["chair_token"]
        projector = created["projector_url"].split("#")[1]
        seen: list[list[int]] = [[] for _ in range(8)]

        async def screen(i: int) -> None:
            ws_url = base.replace("http", "ws") + f"/api/sessions/{sid}/ws?token={projector}"
            async with websockets.connect(ws_url) as ws:
                async for raw in ws:
                    seen[i].extend(e["seq"] for e in json.loads(raw).get("events", []))

        screens = [asyncio.create_task(screen(i)) for i in range(8)]
        await asyncio.sleep(1)

        async def command(token: str, name: str, **data: object) -> None:
            # A new connection each time, so that both workers take commands.
            async with httpx.AsyncClient(base_url=base, timeout=10) as one:
                response = await one.post(
                    f"/api/sessions/{sid}/commands",
                    json={"command": name, "data": data},
                    headers={"Authorization": f"Bearer {token}"},
                )
                assert response.status_code == 200, response.text
                workers.add(response.headers["x-unsc-worker"])

        await command(chair, "open_vote", title="S/2022/431")
        for d in created["delegations"]:
            await command(
                d["token"],
                "cast",
                cast="no" if d["seat"] in ("CHN", "RUS") else "yes",
                ballot_id=f"b-{d['seat']}",
            )
        await command(chair, "close_vote")
        await asyncio.sleep(1.5)
        for task in screens:
            task.cancel()
        final = (await http.get(f"/api/sessions/{sid}", params={"token": chair})).json()
    assert len(workers) == 2, "both workers should have taken commands"
    expected = list(range(1, 18))  # open, 15 ballots, close
    for received in seen:
        assert received == expected
    assert final["votes"][0]["decision"]["vetoed_by"] == [
        "People's Republic of China",
        "Russian Federation",
    ]


def test_a_worker_that_catches_up_while_logging_pushes_every_event_in_order(
    pg_server: str,
) -> None:
    """Worker B logs event 2; before A hears of it, A takes a command, finds the log moved
    on, reloads it and logs event 3: A's screens get 2 and then 3, not 3 alone."""
    import datetime as dt

    from unsc.service.live import Actor, LiveHub, listen
    from unsc.sessions import machine

    url = create_database(pg_server, f"unsc_catch_up_{os.getpid()}")
    open_database(url).engine.dispose()

    async def run() -> tuple[list[int], list[int]]:
        db_a, db_b = open_database(url), open_database(url)
        a, b = LiveHub(db_a), LiveHub(db_b)
        dsn = db_a.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        listeners = [asyncio.create_task(listen(a, dsn)), asyncio.create_task(listen(b, dsn))]
        await asyncio.sleep(0.5)
        sid = a.create("Session", dt.date(2022, 5, 26)).session_id
        chair = Actor(sid, machine.CHAIR, None)
        seen: list[int] = []
        a.subscribe(sid, lambda batch: seen.extend(e.seq for e in batch.events) or True)
        await a.submit(chair, "add_speaker", {"seat": "USA"})
        await asyncio.sleep(0.3)
        b.state(sid)
        await b.submit(chair, "add_speaker", {"seat": "FRA"})  # A has not heard yet
        await a.submit(chair, "add_speaker", {"seat": "GBR"})  # collides, reloads, logs 3
        await asyncio.sleep(0.5)
        for task in listeners:
            task.cancel()
        db_a.engine.dispose()
        db_b.engine.dispose()
        return seen, [e.seq for e in a.events_since(sid, 0)]

    # In a thread of its own: the browser tests leave an event loop in this one.
    result: list[tuple[list[int], list[int]]] = []
    thread = threading.Thread(target=lambda: result.append(asyncio.run(run())))
    thread.start()
    thread.join(timeout=60)
    seen, log = result[0]
    assert log == [1, 2, 3]
    assert seen == [1, 2, 3]


def test_a_lost_listener_reconnects_and_pushes_what_it_missed(pg_server: str) -> None:
    """The LISTEN connections of A (which holds the session) and C (whose projector only
    watches) are cut while B logs two events: each opens its connection again, reads the
    log, and its screens get every event, in order, once."""
    import datetime as dt

    from sqlalchemy import text

    from unsc.service.live import Actor, LiveHub, listen
    from unsc.sessions import machine

    url = create_database(pg_server, f"unsc_relisten_{os.getpid()}")
    open_database(url).engine.dispose()

    async def run() -> tuple[list[int], list[int], int]:
        dbs = [open_database(url) for _ in range(3)]
        a, b, c = (LiveHub(db) for db in dbs)
        dsn = dbs[0].engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        listeners = [asyncio.create_task(listen(hub, dsn, retry=0.5)) for hub in (a, c)]
        await asyncio.sleep(0.5)
        sid = a.create("Session", dt.date(2022, 5, 26)).session_id
        chair = Actor(sid, machine.CHAIR, None)
        seen: list[int] = []
        a.subscribe(sid, lambda batch: seen.extend(e.seq for e in batch.events) or True)
        await a.submit(chair, "add_speaker", {"seat": "USA"})
        # C serves a projector as the socket route does: the backlog, then new batches.
        watched = [e.seq for e in c.events_since(sid, 0)]
        c.sent_backlog(sid, watched[-1])
        c.subscribe(sid, lambda batch: watched.extend(e.seq for e in batch.events) or True)
        with dbs[1].engine.begin() as connection:
            cut = connection.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND query LIKE 'LISTEN%'"
                )
            ).scalar_one()
        b.state(sid)
        await b.submit(chair, "add_speaker", {"seat": "FRA"})  # A and C hear nothing of these
        await b.submit(chair, "add_speaker", {"seat": "GBR"})
        await asyncio.sleep(2.0)
        await b.submit(chair, "add_speaker", {"seat": "CHN"})  # heard again
        await asyncio.sleep(0.5)
        for task in listeners:
            task.cancel()
        for db in dbs:
            db.engine.dispose()
        return seen, watched, cut

    result: list[tuple[list[int], list[int], int]] = []
    thread = threading.Thread(target=lambda: result.append(asyncio.run(run())))
    thread.start()
    thread.join(timeout=60)
    seen, watched, cut = result[0]
    assert cut == 2
    assert seen == [1, 2, 3, 4]
    assert watched == [1, 2, 3, 4]
