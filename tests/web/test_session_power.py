"""A live session's own council, weighed: ``GET /api/sessions/{id}/power`` and ``unsc power
--session``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from unsc.cli import app
from unsc.web.app import Settings, create_app


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("session-power") / "unsc.sqlite3"


@pytest.fixture(scope="module")
def client(database: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(f"sqlite:///{database}"))) as c:
        yield c


def new_session(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post("/api/sessions", json={"date": "2022-05-26", **body})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def test_a_model_un_committee_of_its_own(client: TestClient, database: Path) -> None:
    # one permanent seat among seven, five votes needed (three fifths, rounded up)
    roster = [{"name": "Atlantis", "permanent": True}] + [{"name": f"State {i}"} for i in range(6)]
    s = new_session(client, title="Committee", roster=roster)
    delegate = s["delegations"][3]["token"]
    response = client.get(f"/api/sessions/{s['id']}/power", params={"token": delegate})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["game"], body["session"], body["seats"], body["quota"]) == (
        "session",
        "Committee",
        7,
        5,
    )
    assert body["rule"].startswith("5 affirmative votes of 7, its permanent seat among them")
    atlantis, other = body["members"][0], body["members"][1]
    # Atlantis is in every winning coalition: it is pivotal when called fifth, sixth or
    # seventh (3/7); the other six share the rest (4/7 / 6 = 2/21)
    assert atlantis["name"] == "Atlantis" and atlantis["permanent"] is True
    assert atlantis["shapley_shubik"]["exact"] == "3/7"
    assert other["shapley_shubik"]["exact"] == "2/21"
    assert "ternary_shapley_shubik" in atlantis

    runner = CliRunner()
    result = runner.invoke(
        app, ["power", "--session", s["id"], "--db", f"sqlite:///{database}", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["members"][0]["shapley_shubik"]["exact"] == "3/7"


def test_the_real_council_of_a_session_and_its_links(client: TestClient) -> None:
    s = new_session(client)
    response = client.get(f"/api/sessions/{s['id']}/power", params={"token": s["chair_token"]})
    assert response.json()["members"][0]["shapley_shubik"]["exact"] == "421/2145"
    refused = client.get(f"/api/sessions/{s['id']}/power", params={"token": "not-a-token"})
    assert refused.status_code in (401, 403)
    assert client.get(f"/api/sessions/{s['id']}/power").status_code in (401, 403)


def test_an_unknown_session_from_the_command_line(database: Path) -> None:
    result = CliRunner().invoke(
        app, ["power", "--session", "nope", "--db", f"sqlite:///{database}"]
    )
    assert result.exit_code != 0
    assert "no session 'nope'" in result.output
    assert "Traceback" not in result.output
    result = CliRunner().invoke(app, ["power", "--db", f"sqlite:///{database}"])
    assert "--db goes with --session" in result.output
