"""Abstention-aware power at the edges: ``unsc power`` and ``GET /api/power``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from unsc.cli import app
from unsc.service.database import open_database
from unsc.web.app import Settings, create_app

runner = CliRunner()


def test_the_council_gives_both_models_side_by_side() -> None:
    result = runner.invoke(app, ["power", "--on", "2022-05-26", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["indices"][-2:] == ["ternary_shapley_shubik", "ternary_banzhaf"]
    china, albania = body["members"][0], body["members"][5]
    assert china["shapley_shubik"]["exact"] == "421/2145"
    assert china["ternary_shapley_shubik"]["exact"] == "118525786/725416965"
    assert albania["ternary_shapley_shubik"]["exact"] == "26557607/1450833930"
    assert albania["abstain_vs_no"]["exact"] == "0"  # an elected member's abstention is a no
    assert china["abstain_vs_no"]["exact"] == "12820/1594323"
    assert "its abstention does not" in body["ternary"]["rule"]
    assert "Felsenthal and Machover (1997)" in body["definitions"]["ternary_banzhaf"]


def test_the_table_says_what_the_abstain_columns_are() -> None:
    result = runner.invoke(app, ["power", "--on", "1950-06-27"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "S–S, abstain" in result.stdout
    assert "7654357/45467730" in result.stdout  # a permanent member of the 11, with abstention
    assert "a veto member's no blocks a decision, its abstention does not" in result.stdout


def test_a_council_where_abstention_vetoes(tmp_path: Path) -> None:
    rules = tmp_path / "council.yaml"
    rules.write_text(
        "seats: 15\nvotes_needed: 9\nveto: [Seat 1, Seat 2, Seat 3, Seat 4, Seat 5]\n"
        "abstention_vetoes: true\n"
    )
    result = runner.invoke(app, ["power", "--rules", str(rules), "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    first, last = body["members"][0], body["members"][-1]
    # abstaining is then voting no for everyone: the roll-call pivot is the index itself
    assert first["ternary_shapley_shubik"]["exact"] == first["shapley_shubik"]["exact"]
    assert last["ternary_shapley_shubik"]["exact"] == "4/2145"
    assert "abstention blocks a decision as its no does" in body["ternary"]["rule"]


def test_a_weighted_game_has_no_abstention_to_count() -> None:
    base = ["power", "--weights", "2,1,1", "--quota", "3"]
    result = runner.invoke(app, [*base, "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert "ternary_shapley_shubik" not in body["indices"]
    assert "ternary" not in body
    result = runner.invoke(app, [*base, "--index", "ternary_banzhaf"])
    assert result.exit_code != 0
    assert "ternary_banzhaf needs a council" in result.output
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path_factory.mktemp('ternary') / 'unsc.sqlite3'}"
    open_database(url).engine.dispose()
    with TestClient(create_app(Settings(url))) as c:
        yield c


def test_the_api_gives_one_ternary_index_as_asked(client: TestClient) -> None:
    response = client.get(
        "/api/power", params={"on": "2022-05-26", "index": "ternary_shapley_shubik"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["indices"] == ["ternary_shapley_shubik"]
    assert body["members"][5]["ternary_shapley_shubik"]["exact"] == "26557607/1450833930"
    assert body["members"][5]["shapley_shubik"] is None
    assert body["ternary"]["passes"]["exact"] == "48932/4782969"
    assert "ternary_banzhaf" in client.get("/openapi.json").text
