"""``unsc power``: the Council on a date or any weighted game, exact or as floats, and errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from unsc.cli import app

runner = CliRunner()


def test_the_council_of_26_may_2022_as_json() -> None:
    result = runner.invoke(app, ["power", "--on", "2022-05-26", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    china, albania = body["members"][0], body["members"][5]
    assert {"name", "iso3", "permanent"} <= china.keys()
    assert china["shapley_shubik"] == {"exact": "421/2145", "value": 421 / 2145}
    assert albania["banzhaf"]["exact"] == "21/4096"
    assert china["coleman_prevent"]["exact"] == "1"  # a veto member prevents every decision


def test_a_weighted_game_with_names_one_index() -> None:
    result = runner.invoke(
        app,
        [
            "power",
            "--weights",
            "50,49,1",
            "--quota",
            "51",
            "--names",
            "A,B,C",
            "--index",
            "shapley_shubik",
            "--index",
            "banzhaf",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert [m["name"] for m in body["members"]] == ["A", "B", "C"]
    assert [m["shapley_shubik"]["exact"] for m in body["members"]] == ["2/3", "1/6", "1/6"]
    assert body["indices"] == ["shapley_shubik", "banzhaf"]


def test_the_table_in_floats() -> None:
    result = runner.invoke(
        app,
        [
            "power",
            "--weights",
            "7,7,7,7,7,1,1,1,1,1,1,1,1,1,1",
            "--quota",
            "39",
            "--float",
            "--index",
            "shapley_shubik",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "0.196270" in result.stdout and "0.001865" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--weights", "2,x", "--quota", "2"], "give whole numbers separated by commas"),
        (["--weights", "2,1", "--quota", "9"], "quota 9 is out of range"),
        (["--weights", "2,1"], "--weights needs --quota"),
        (["--weights", "2,1", "--quota", "2", "--names", "A"], "1 names for 2 weights"),
        (["--quota", "2"], "go with --weights"),
        (["--index", "gini"], "unknown index 'gini'"),
        (["--on", "2040-01-01"], "power needs every member"),
        (["--on", "2022-02-30"], "not a real date"),
    ],
)
def test_errors_say_what_to_fix(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["power", *args])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output
