"""Live sessions through the API and WebSockets: the meeting, its integrity, its security."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from unsc.web.app import Settings, create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path_factory.mktemp('live') / 'unsc.sqlite3'}"
    with TestClient(create_app(Settings(url))) as c:
        yield c


def new_session(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post("/api/sessions", json={"date": "2022-05-26", **body})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def command(client: TestClient, sid: str, token: str, name: str, **data: Any) -> Any:
    return client.post(
        f"/api/sessions/{sid}/commands",
        json={"command": name, "data": data},
        headers={"Authorization": f"Bearer {token}"},
    )


def test_the_26_may_2022_meeting_through_the_api(client: TestClient) -> None:
    s = new_session(client)
    sid, chair = s["id"], s["chair_token"]
    seats = {d["seat"]: d["token"] for d in s["delegations"]}
    assert len(seats) == 15 and s["projector_url"].startswith(f"/live/{sid}/projector#")

    for title, kind in (("Meeting in public", "procedural"), ("S/2022/431", "substantive")):
        assert command(client, sid, chair, "open_vote", title=title, kind=kind).status_code == 200
        for seat, token in seats.items():
            cast = "no" if seat in ("CHN", "RUS") else "yes"
            assert (
                command(
                    client, sid, token, "cast", cast=cast, ballot_id=f"{seat}-{title}"
                ).status_code
                == 200
            )
        assert command(client, sid, chair, "close_vote").status_code == 200

    view = client.get(f"/api/sessions/{sid}", params={"token": seats["FRA"]}).json()
    public, draft = view["votes"]
    assert public["decision"]["outcome"] == "adopted"
    assert draft["decision"]["vetoed_by"] == ["People's Republic of China", "Russian Federation"]
    assert draft["line"] == "9 needed — 13 so far"
    assert view["president"] == "United States"  # May 2022


def test_a_delegation_cannot_act_for_another_or_as_the_chair(client: TestClient) -> None:
    s = new_session(client)
    sid, chair = s["id"], s["chair_token"]
    seats = {d["seat"]: d["token"] for d in s["delegations"]}
    assert command(client, sid, seats["FRA"], "open_vote", title="x").status_code == 409
    command(client, sid, chair, "open_vote", title="x")
    # A ballot is always the token's own seat's: naming another seat is refused, and
    # nothing is recorded.
    other = command(client, sid, seats["FRA"], "cast", cast="yes", ballot_id="f1", seat="RUS")
    assert other.status_code == 409 and "France (FRA) only" in other.json()["error"]
    assert "Russian Federation" in other.json()["error"]
    command(client, sid, seats["FRA"], "cast", cast="yes", ballot_id="f1")
    chair_view = client.get(f"/api/sessions/{sid}", params={"token": chair}).json()
    assert chair_view["votes"][0]["ballots"] == {"FRA": "yes"}
    # A delegation does not see the ballots of an open vote (the chair's data).
    seat_view = client.get(f"/api/sessions/{sid}", params={"token": seats["GBR"]}).json()
    assert "ballots" not in seat_view["votes"][0] and seat_view["you"]["seat"] == "GBR"
    assert command(client, sid, seats["FRA"], "close_vote").status_code == 409
    # A token of one session is worth nothing in another.
    other = new_session(client)
    assert (
        command(client, other["id"], seats["FRA"], "cast", cast="yes", ballot_id="x").status_code
        == 403
    )


def test_a_revoked_link_stops_at_once(client: TestClient) -> None:
    s = new_session(client)
    sid, chair = s["id"], s["chair_token"]
    old = next(d["token"] for d in s["delegations"] if d["seat"] == "IND")
    new = client.post(
        f"/api/sessions/{sid}/delegations/IND/reissue", headers={"Authorization": f"Bearer {chair}"}
    ).json()["token"]
    command(client, sid, chair, "open_vote", title="x")
    refused = command(client, sid, old, "cast", cast="yes", ballot_id="i1")
    assert refused.status_code == 403 and "revoked" in refused.json()["error"]
    assert command(client, sid, new, "cast", cast="yes", ballot_id="i2").status_code == 200
    assert (
        client.post(
            f"/api/sessions/{sid}/delegations/IND/reissue",
            headers={"Authorization": f"Bearer {new}"},
        ).status_code
        == 403
    )


def test_a_retried_ballot_counts_once_and_a_late_one_is_refused(client: TestClient) -> None:
    s = new_session(client)
    sid, chair = s["id"], s["chair_token"]
    token = next(d["token"] for d in s["delegations"] if d["seat"] == "MEX")
    command(client, sid, chair, "open_vote", title="x")
    first = command(client, sid, token, "cast", cast="no", ballot_id="m1").json()
    again = command(client, sid, token, "cast", cast="no", ballot_id="m1").json()
    assert first["duplicate"] is False
    assert again == {"accepted": True, "duplicate": True, "vote": 1}
    assert command(client, sid, token, "cast", cast="yes", ballot_id="m2").status_code == 409
    command(client, sid, chair, "close_vote")
    assert command(client, sid, token, "cast", cast="yes", ballot_id="m3").status_code == 409
    view = client.get(f"/api/sessions/{sid}", params={"token": chair}).json()
    assert view["votes"][0]["tally"]["no"] == 1


def test_malformed_messages_get_an_error_and_change_nothing(client: TestClient) -> None:
    s = new_session(client)
    sid, chair = s["id"], s["chair_token"]
    token = s["delegations"][0]["token"]
    before = client.get(f"/api/sessions/{sid}", params={"token": chair}).json()["last_seq"]
    assert command(client, sid, chair, "launch_missiles").status_code == 409
    assert command(client, sid, chair, "open_vote").status_code == 409  # no title
    assert (
        client.post(
            f"/api/sessions/{sid}/commands",
            json=["x"],
            headers={"Authorization": f"Bearer {chair}"},
        ).status_code
        == 422
    )
    assert client.get(f"/api/sessions/{sid}").status_code == 403
    with client.websocket_connect(f"/api/sessions/{sid}/ws?token={token}") as ws:
        ws.send_text("{not json")
        assert ws.receive_json() == {"error": "not valid JSON"}
        ws.send_json({"command": 3})
        assert "expected" in ws.receive_json()["error"]
    after = client.get(f"/api/sessions/{sid}", params={"token": chair}).json()["last_seq"]
    assert after == before


def test_a_screen_that_reconnects_receives_what_it_missed(client: TestClient) -> None:
    s = new_session(client)
    sid, chair = s["id"], s["chair_token"]
    projector = s["projector_url"].split("#")[1]
    command(client, sid, chair, "open_vote", title="first")
    command(client, sid, chair, "close_vote")
    with client.websocket_connect(f"/api/sessions/{sid}/ws?token={projector}&since=1") as ws:
        [missed] = ws.receive_json()["events"]
        assert missed["seq"] == 2 and missed["kind"] == "close_vote"
        command(client, sid, chair, "open_vote", title="second")
        assert [e["seq"] for e in ws.receive_json()["events"]] == [3]
        ws.send_json({"command": "close_vote"})
        assert "watch" in ws.receive_json()["error"]
    polled = client.get(f"/api/sessions/{sid}/events", params={"since": 1, "token": projector})
    assert [e["seq"] for e in polled.json()["events"]] == [2, 3]


def test_a_custom_roster(client: TestClient) -> None:
    roster = [{"name": "Atlantis", "permanent": True}] + [{"name": f"State {i}"} for i in range(6)]
    s = new_session(client, roster=roster)
    view = client.get(f"/api/sessions/{s['id']}", params={"token": s["chair_token"]}).json()
    assert view["threshold"] == 5 and view["members"][0]["name"] == "Atlantis"


def test_a_finished_session_goes_into_the_record_as_a_simulation(client: TestClient) -> None:
    s = new_session(client)
    sid, chair = s["id"], s["chair_token"]
    seats = {d["seat"]: d["token"] for d in s["delegations"]}
    command(client, sid, chair, "open_vote", title="S/2022/431 (simulated)")
    for seat, token in seats.items():
        command(
            client,
            sid,
            token,
            "cast",
            cast="no" if seat in ("CHN", "RUS") else "yes",
            ballot_id=f"{seat}-sim",
        )
    command(client, sid, chair, "close_vote")
    assert (
        client.get("/api/votes", params={"q": "simulated", "simulations": "only"}).json()["total"]
        == 0
    )  # asked (and cached) before the end
    assert command(client, sid, chair, "end_session").status_code == 200
    assert command(client, sid, chair, "open_vote", title="after").status_code == 409
    real = client.get("/api/votes", params={"q": "simulated"}).json()
    assert real["total"] == 0  # the real Council's record is kept apart
    sim = client.get("/api/votes", params={"q": "simulated", "simulations": "only"}).json()
    assert sim["total"] == 1 and sim["items"][0]["id"] > 1_000_000
    vote = client.get(f"/api/votes/{sim['items'][0]['id']}").json()
    assert vote["vetoed_by"] == ["People's Republic of China", "Russian Federation"]
    assert len(vote["casts"]) == 15 and vote["source"]["id"] == "live"
    vetoes = client.get("/api/vetoes", params={"member": "China"}).json()
    assert vetoes["total"] == 20  # simulated vetoes are not the Council's


def test_ballot_ids_belong_to_their_delegation(client: TestClient) -> None:
    s = new_session(client)
    sid, chair = s["id"], s["chair_token"]
    seats = {d["seat"]: d["token"] for d in s["delegations"]}
    command(client, sid, chair, "open_vote", title="x")
    assert (
        command(client, sid, seats["FRA"], "cast", cast="yes", ballot_id="same").json()["duplicate"]
        is False
    )
    taken = command(client, sid, seats["GBR"], "cast", cast="no", ballot_id="same")
    assert taken.status_code == 409 and "already used" in taken.json()["error"]
    command(client, sid, chair, "close_vote")
    # A retry after the close is recognised, not refused: the ballot was counted.
    retry = command(client, sid, seats["FRA"], "cast", cast="yes", ballot_id="same")
    assert retry.json() == {"accepted": True, "duplicate": True, "vote": 1}
    command(client, sid, chair, "open_vote", title="y")
    again = command(client, sid, seats["FRA"], "cast", cast="yes", ballot_id="same")
    assert again.status_code == 409  # an id is for one ballot on one vote only
    assert "on vote 1" in again.json()["error"]
    view = client.get(f"/api/sessions/{sid}", params={"token": chair}).json()
    assert view["votes"][0]["ballots"]["FRA"] == "yes" and "FRA" not in view["votes"][1].get(
        "ballots", {}
    )


def test_the_chair_corrects_only_closed_votes_and_the_trace_keeps_the_old_vote(
    client: TestClient,
) -> None:
    s = new_session(client)
    sid, chair = s["id"], s["chair_token"]
    usa = next(d["token"] for d in s["delegations"] if d["seat"] == "USA")
    command(client, sid, chair, "open_vote", title="x")
    early = command(client, sid, chair, "correct", vote=1, seat="USA", cast="no", reason="r")
    assert early.status_code == 409 and "closed vote" in early.json()["error"]
    assert command(client, sid, usa, "cast", cast="yes", ballot_id="u").status_code == 200
    command(client, sid, chair, "close_vote")
    assert (
        command(
            client, sid, chair, "correct", vote=True, seat="USA", cast="no", reason="r"
        ).status_code
        == 409
    )
    fixed = command(
        client,
        sid,
        chair,
        "correct",
        vote=1,
        seat="USA",
        cast="no",
        reason="the delegate pressed the wrong button",
    ).json()
    assert fixed["event"]["data"]["previous"] == "yes"


def test_other_screens_do_not_see_who_voted_what_while_the_vote_is_open(
    client: TestClient,
) -> None:
    s = new_session(client)
    sid, chair = s["id"], s["chair_token"]
    mex = next(d["token"] for d in s["delegations"] if d["seat"] == "MEX")
    fra = next(d["token"] for d in s["delegations"] if d["seat"] == "FRA")
    command(client, sid, chair, "open_vote", title="x")
    command(client, sid, fra, "cast", cast="no", ballot_id="f")
    seen = client.get(f"/api/sessions/{sid}/events", params={"token": mex}).json()["events"]
    cast = next(e for e in seen if e["kind"] == "cast")
    assert cast["actor"] == "delegation" and set(cast["data"]) == {"vote", "ballot_id"}
    with client.websocket_connect(f"/api/sessions/{sid}/ws?token={mex}") as ws:
        assert "FRA" not in json.dumps(ws.receive_json())
    full = client.get(f"/api/sessions/{sid}/events", params={"token": chair}).json()["events"]
    assert next(e for e in full if e["kind"] == "cast")["data"]["seat"] == "FRA"


def test_a_revoked_link_stops_even_on_an_open_socket(client: TestClient) -> None:
    s = new_session(client)
    sid, chair = s["id"], s["chair_token"]
    old = next(d["token"] for d in s["delegations"] if d["seat"] == "ALB")
    command(client, sid, chair, "open_vote", title="x")
    assert client.get(f"/api/sessions/{sid}", params={"token": old}).status_code == 200
    with client.websocket_connect(f"/api/sessions/{sid}/ws?token={old}") as ws:
        assert ws.receive_json()["events"][0]["kind"] == "open_vote"  # the backlog
        client.post(
            f"/api/sessions/{sid}/delegations/ALB/reissue",
            headers={"Authorization": f"Bearer {chair}"},
        )
        assert client.get(f"/api/sessions/{sid}", params={"token": old}).status_code == 403
        ws.send_json({"command": "cast", "data": {"cast": "yes", "ballot_id": "a"}})
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
        assert closed.value.code == 4403
    view = client.get(f"/api/sessions/{sid}", params={"token": chair}).json()
    assert view["votes"][0]["tally"]["yes"] == 0


def test_rosters_with_colliding_names_and_oversized_messages(client: TestClient) -> None:
    roster = [
        {"name": n}
        for n in (
            "United Kingdom",
            "UNITE2",
            "United States",
            "United Kingdom of X",
            "United Nations",
        )
    ]
    s = new_session(client, roster=roster)
    view = client.get(f"/api/sessions/{s['id']}", params={"token": s["chair_token"]}).json()
    assert len({m["key"] for m in view["members"]}) == 5
    with client.websocket_connect(f"/api/sessions/{s['id']}/ws?token={s['chair_token']}") as ws:
        ws.send_text('{"command": "open_vote", "data": {"n": ' + "9" * 5000 + "}}")
        assert "error" in ws.receive_json()
        ws.send_json({"command": "open_vote", "data": {"title": "still here"}})
        assert ws.receive_json()["ack"] is True


def test_only_a_custom_roster_sets_its_own_threshold(client: TestClient) -> None:
    refused = client.post("/api/sessions", json={"date": "2022-05-26", "threshold": 3})
    assert refused.status_code == 409 and "threshold" in refused.json()["error"]
