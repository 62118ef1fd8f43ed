"""Live sessions attacked by a client of their own, against uvicorn as `unsc serve` runs it:
a screen resuming beyond the log, a ballot naming another seat, a long poll of a reissued
link, a ballot id used on two votes, binary and oversized frames. Each is refused with an
error that says what is wrong, and changes nothing."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import httpx
from websockets.sync.client import connect

from unsc.web.live import MESSAGE_LIMIT


def create(server: str) -> dict[str, Any]:
    response = httpx.post(f"{server}/api/sessions", json={"date": "2022-05-26"})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    created["seats"] = {d["seat"]: d["token"] for d in created["delegations"]}
    created["projector"] = created["projector_url"].split("#")[1]
    return created


def command(server: str, s: dict[str, Any], token: str, name: str, **data: Any) -> httpx.Response:
    return httpx.post(
        f"{server}/api/sessions/{s['id']}/commands",
        json={"command": name, "data": data},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )


def ws_url(server: str, s: dict[str, Any], token: str, since: int | None = None) -> str:
    url = f"{server.replace('http', 'ws')}/api/sessions/{s['id']}/ws?token={token}"
    return url if since is None else f"{url}&since={since}"


def events_until(ws: Any, seq: int) -> list[int]:
    seen: list[int] = []
    while not seen or seen[-1] < seq:
        body = json.loads(ws.recv(timeout=5))
        seen += [e["seq"] for e in body.get("events", [])]
    return seen


def chair_view(server: str, s: dict[str, Any]) -> dict[str, Any]:
    view: dict[str, Any] = httpx.get(
        f"{server}/api/sessions/{s['id']}", params={"token": s["chair_token"]}
    ).json()
    return view


def test_a_screen_resuming_beyond_the_log_cuts_nobody_off(server: str) -> None:
    s = create(server)
    with (
        connect(ws_url(server, s, s["projector"], since=999_999_999)) as beyond,
        connect(ws_url(server, s, s["chair_token"])) as console,
    ):
        assert command(server, s, s["chair_token"], "open_vote", title="S/2022/431").is_success
        assert events_until(console, 1) == [1]
        assert events_until(beyond, 1) == [1]  # clamped to the log's end: 0
        # A long poll from beyond the log gets the next event too.
        polled: list[Any] = []
        poll = threading.Thread(
            target=lambda: polled.append(
                httpx.get(
                    f"{server}/api/sessions/{s['id']}/events",
                    params={"token": s["projector"], "since": 999_999_999, "wait": 10},
                    timeout=15,
                ).json()
            )
        )
        poll.start()
        time.sleep(0.3)
        assert command(server, s, s["chair_token"], "close_vote").is_success
        poll.join(timeout=15)
        assert [e["seq"] for e in polled[0]["events"]] == [2]
        assert events_until(console, 2) == [2] and events_until(beyond, 2) == [2]


def test_a_ballot_naming_another_seat_is_refused(server: str) -> None:
    s = create(server)
    command(server, s, s["chair_token"], "open_vote", title="S/2022/431")
    refused = command(server, s, s["seats"]["BRA"], "cast", cast="yes", ballot_id="b1", seat="USA")
    assert refused.status_code == 409
    assert "Brazil" in refused.json()["error"] and "United States" in refused.json()["error"]
    with connect(ws_url(server, s, s["seats"]["BRA"])) as phone:
        phone.recv(timeout=5)  # the backlog
        ballot = {"cast": "no", "seat": "USA", "ballot_id": "b3"}
        phone.send(json.dumps({"command": "cast", "data": ballot}))
        answer = json.loads(phone.recv(timeout=5))
        assert "Brazil" in answer["error"]
    assert chair_view(server, s)["votes"][0]["ballots"] == {}
    own = command(server, s, s["seats"]["BRA"], "cast", cast="yes", ballot_id="b2", seat="BRA")
    assert own.is_success  # naming its own seat is allowed


def test_a_reissue_ends_the_old_links_long_poll_at_once(server: str) -> None:
    s = create(server)
    old = s["seats"]["IND"]
    answers: list[tuple[float, httpx.Response]] = []

    def poll() -> None:
        response = httpx.get(
            f"{server}/api/sessions/{s['id']}/events",
            params={"token": old, "since": 0, "wait": 20},
            timeout=30,
        )
        answers.append((time.monotonic(), response))

    thread = threading.Thread(target=poll)
    thread.start()
    time.sleep(0.5)
    reissued = httpx.post(
        f"{server}/api/sessions/{s['id']}/delegations/IND/reissue",
        headers={"Authorization": f"Bearer {s['chair_token']}"},
    )
    assert reissued.status_code == 200
    at = time.monotonic()
    thread.join(timeout=5)
    assert answers, "the old link's long poll is still open"
    ended, response = answers[0]
    assert ended - at < 2
    assert response.status_code == 403 and "revoked" in response.json()["error"]
    # The event that follows does not reach it either (there is nothing left to reach).
    command(server, s, s["chair_token"], "open_vote", title="x")


def test_a_ballot_id_belongs_to_one_vote_of_one_delegation(server: str) -> None:
    s = create(server)
    fra = s["seats"]["FRA"]
    command(server, s, s["chair_token"], "open_vote", title="first")
    assert (
        command(server, s, fra, "cast", cast="yes", ballot_id="same").json()["duplicate"] is False
    )
    command(server, s, s["chair_token"], "close_vote")
    retry = command(server, s, fra, "cast", cast="yes", ballot_id="same", vote=1)
    assert retry.json() == {"accepted": True, "duplicate": True, "vote": 1}
    command(server, s, s["chair_token"], "open_vote", title="second")
    reused = command(server, s, fra, "cast", cast="no", ballot_id="same")
    assert reused.status_code == 409
    assert "vote 1" in reused.json()["error"] and "new id" in reused.json()["error"]
    assert "FRA" not in chair_view(server, s)["votes"][1]["ballots"]
    # A late retry of the first vote's ballot, naming its vote, is still recognised.
    late = command(server, s, fra, "cast", cast="yes", ballot_id="same", vote=1)
    assert late.json() == {"accepted": True, "duplicate": True, "vote": 1}
    long_id = "x" * 65
    too_long = command(server, s, fra, "cast", cast="no", ballot_id=long_id)
    assert too_long.status_code == 409 and "64" in too_long.json()["error"]
    assert command(server, s, fra, "cast", cast="no", ballot_id="x" * 64).is_success
    assert chair_view(server, s)["votes"][1]["ballots"] == {"FRA": "no"}


def test_binary_and_oversized_frames_are_refused_before_parsing(server: str) -> None:
    s = create(server)
    with connect(ws_url(server, s, s["chair_token"]), max_size=None) as ws:
        ws.send(b'{"command": "open_vote", "data": {"title": "binary"}}')
        answer = json.loads(ws.recv(timeout=5))
        assert "binary" in answer["error"] and "text" in answer["error"]
        ws.send('{"command": "open_vote", "data": {"title": "' + "x" * MESSAGE_LIMIT + '"}}')
        answer = json.loads(ws.recv(timeout=5))
        assert f"{MESSAGE_LIMIT // 1024} KiB" in answer["error"]
        # The socket still works, and nothing was logged.
        ws.send(json.dumps({"command": "open_vote", "data": {"title": "text"}}))
        while "ack" not in (answer := json.loads(ws.recv(timeout=5))):
            pass
        assert answer["seq"] == 1
    assert [v["title"] for v in chair_view(server, s)["votes"]] == ["text"]
