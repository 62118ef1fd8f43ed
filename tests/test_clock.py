"""'Today' after the last known election: one clock, and a Council that says what it does
not know (CLI, API and the home page), on 2 January 2027 and 1 June 2031."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unsc.cli import app
from unsc.service.clock import ENV, ClockError, fixed_today, today

JAN_2027 = dt.date(2027, 1, 2)
JUNE_2031 = dt.date(2031, 6, 1)
ELECTED_2026 = {"AUT", "KGZ", "PRT", "TTO", "ZWE"}
P5 = {"CHN", "FRA", "RUS", "GBR", "USA"}
UNSC = str(Path(sys.executable).parent / "unsc")


def test_one_clock_fixed_in_a_block_and_by_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with fixed_today(JAN_2027):
        assert today() == JAN_2027
    monkeypatch.setenv(ENV, "2031-06-01")
    assert today() == JUNE_2031
    monkeypatch.setenv(ENV, "June 2031")
    with pytest.raises(ClockError, match="give YYYY-MM-DD"):
        today()


def council_today(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(app, ["council", *args, "--json"])
    assert result.exit_code == 0, result.output
    view: dict[str, object] = json.loads(result.stdout)
    return view


def iso_codes(view: dict[str, object]) -> set[str]:
    return {m["iso3"] for m in view["members"]}  # type: ignore[attr-defined,index]


def test_the_council_on_2_january_2027_is_whole_and_sourced() -> None:
    with fixed_today(JAN_2027):
        view = council_today()
    assert view["date"] == "2027-01-02" and view["unknown_seats"] == 0
    assert iso_codes(view) == P5 | ELECTED_2026 | {"BHR", "COL", "COD", "LVA", "LBR"}
    elected_2026 = [m for m in view["members"] if m["iso3"] in ELECTED_2026]  # type: ignore[attr-defined]
    assert {m["source"]["ref"] for m in elected_2026} == {
        "General Assembly, 80th session, 86th plenary meeting, 3 June 2026 "
        "(election of five non-permanent members; webcast transcript)"
    }


def test_the_council_on_1_june_2031_names_its_unknown_seats() -> None:
    with fixed_today(JUNE_2031):
        view = council_today()
    assert view["date"] == "2031-06-01"
    assert iso_codes(view) == P5
    assert view["unknown_seats"] == 10
    assert "10 of the 15 seats are not in the bundled data" in str(view["note"])
    assert "known members only" in view["president"]["basis"]  # type: ignore[index]


def test_the_table_lists_unknown_seats_and_says_why() -> None:
    result = CliRunner().invoke(app, ["council", "--on", "2028-06-01"])
    assert result.exit_code == 0
    assert result.stdout.count("unknown") == 5 and "Zimbabwe" in result.stdout
    assert "5 of the 15 seats are not in the bundled data" in result.stderr


def test_a_decision_on_an_incomplete_council_is_refused_with_what_to_do() -> None:
    ballot = '{"date": "2029-05-26", "votes": {"China": "no"}, "others": "yes"}'
    result = CliRunner().invoke(app, ["decide", "--json"], input=ballot)
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert "10 elected seats not in the bundled data" in error and "earlier date" in error


def test_unsc_today_reaches_a_command_in_another_process() -> None:
    env = {**os.environ, ENV: "2031-06-01"}
    done = subprocess.run(
        [UNSC, "council", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["unknown_seats"] == 10
    env[ENV] = "soon"
    bad = subprocess.run(
        [UNSC, "council"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert bad.returncode == 2 and "UNSC_TODAY='soon' is not a date" in bad.stderr
    assert "Traceback" not in bad.stderr
