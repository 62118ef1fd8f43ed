"""The live hub's memory: sessions nobody watches leave it, and come back from the log."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

import pytest

from unsc.service.database import open_database
from unsc.service.live import Actor, Batch, LiveHub
from unsc.sessions import machine

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run in a thread of its own: the browser tests leave an event loop in this one."""
    result: list[T] = []
    thread = threading.Thread(target=lambda: result.append(asyncio.run(coroutine)))
    thread.start()
    thread.join(timeout=60)
    return result[0]


def test_idle_sessions_leave_memory_and_come_back_from_the_log(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    url = f"sqlite:///{tmp_path_factory.mktemp('hub') / 'unsc.sqlite3'}"
    hub = LiveHub(open_database(url), max_cached=2)

    async def meeting() -> tuple[str, str, dict[str, object]]:
        ended = hub.create("Ended", dt.date(2022, 5, 26))
        chair = Actor(ended.session_id, machine.CHAIR, None)
        await hub.submit(chair, "open_vote", {"title": "S/2022/431"})
        await hub.submit(
            Actor(ended.session_id, "delegation", "CHN"), "cast", {"cast": "no", "ballot_id": "c1"}
        )
        await hub.submit(chair, "close_vote", {})
        before = machine.view(hub.state(ended.session_id))
        watched = hub.create("Watched", dt.date(2022, 5, 26))
        screen = hub.subscribe(ended.session_id, lambda _: True)
        watching = hub.subscribe(watched.session_id, lambda _: True)
        await hub.submit(chair, "end_session", {})
        assert ended.session_id in hub.cached()  # still watched
        hub.unsubscribe(ended.session_id, screen)
        assert ended.session_id not in hub.cached()  # ended and unwatched
        for n in range(3):
            hub.create(f"Idle {n}", dt.date(2022, 5, 26))
        hub.unsubscribe(watched.session_id, watching)
        return ended.session_id, watched.session_id, before

    ended, watched, before = run(meeting())
    assert len(hub.cached()) <= 2
    # Rebuilt from the log, the ended session is what its screens last showed.
    after = machine.view(hub.state(ended))
    assert {**after, "last_seq": 0, "ended": False} == {**before, "last_seq": 0, "ended": False}
    assert after["ended"] is True and [e.kind for e in hub.events_since(ended, 0)] == [
        "open_vote",
        "cast",
        "close_vote",
        "end_session",
    ]
    assert hub.events_since(watched, 0) == []


def test_a_screen_that_refuses_a_batch_is_dropped(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    url = f"sqlite:///{tmp_path_factory.mktemp('hub') / 'unsc.sqlite3'}"
    hub = LiveHub(open_database(url), interval=0.001)
    created = hub.create("Session", dt.date(2022, 5, 26))
    got: list[Batch] = []

    async def go() -> None:
        hub.subscribe(created.session_id, lambda b: got.append(b) is None)
        slow = hub.subscribe(created.session_id, lambda _: False)
        chair = Actor(created.session_id, machine.CHAIR, None)
        await hub.submit(chair, "open_vote", {"title": "S/2022/431"})
        await asyncio.sleep(0.05)
        assert not hub.is_subscribed(created.session_id, slow)
        await hub.submit(
            Actor(created.session_id, "delegation", "CHN"),
            "cast",
            {"cast": "no", "ballot_id": "c1"},
        )
        await asyncio.sleep(0.05)

    run(go())
    assert [b.last_seq for b in got] == [1, 2]
    assert got[1].tally is not None and got[1].tally["vote"]["permanent_no"] == [
        "People's Republic of China"
    ]
    # Other screens learn the counts, not who has voted (with the counts, batch after
    # batch, that would tell who voted what).
    assert '"tally"' in got[1].public_text and '"voted": null' in got[1].public_text
    assert '"cast"' not in got[1].public_text.replace('"kind": "cast"', "")
    assert '"ballots"' not in got[1].public_text
    assert '"seat": "CHN", "cast": "no"' in got[1].text
