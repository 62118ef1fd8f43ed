"""``unsc power``: the Council on a date or any weighted game, exact or as floats, and errors."""

from __future__ import annotations

import json
from pathlib import Path

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


COUNCIL_1965 = """\
# The Council from 1966: 15 seats, 9 affirmative votes, the five permanent members' concurrence
# (Charter Art. 23(1) and Art. 27(3) as amended by A/RES/1991 A (XVIII), in force 31 August 1965)
seats: [China, France, Russia, United Kingdom, United States,
        E1, E2, E3, E4, E5, E6, E7, E8, E9, E10]
votes_needed: 9
veto: [China, France, Russia, United Kingdom, United States]
"""


def test_rules_file_gives_the_councils_figures(tmp_path: Path) -> None:
    rules = tmp_path / "council.yaml"
    rules.write_text(COUNCIL_1965)
    result = runner.invoke(app, ["power", "--rules", str(rules), "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["game"] == "rules" and body["quota"] == 9 and body["seats"] == 15
    china, e1 = body["members"][0], body["members"][5]
    assert (china["name"], china["veto"]) == ("China", True)
    assert china["shapley_shubik"]["exact"] == "421/2145"
    assert (e1["name"], e1["veto"], e1["shapley_shubik"]["exact"]) == ("E1", False, "4/2145")
    assert body["note"] is None


def test_a_model_un_committee_by_seat_count_where_abstention_vetoes(
    tmp_path: Path,
) -> None:
    rules = tmp_path / "mun.yaml"
    rules.write_text("seats: 5\nvotes_needed: 3\nveto: [Seat 1]\nabstention_vetoes: true\n")
    result = runner.invoke(app, ["power", "--rules", str(rules), "--index", "shapley_shubik"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    # 3 of 5 with Seat 1's concurrence: Seat 1 is pivotal when it comes third, fourth or
    # fifth (3/5 of the orders); the other 2/5 are shared by the four others
    assert "Seat 1" in text and "3/5" in text and "1/10" in text
    assert "an abstention is not a yes" in text and "unchanged" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("seats: [A, B]\nveto: []\n", "votes_needed: field required"),
        ("seats: [A, B]\nvotes_needed: 3\n", "votes_needed: 3 is more than the 2 seats"),
        ("seats: [A, A]\nvotes_needed: 1\n", "seats: 'A' is named twice"),
        ("seats: 3\nvotes_needed: 2\nveto: [France]\n", "veto: 'France' is not one of the seats"),
        ("seats: 0\nvotes_needed: 1\n", "seats: give at least one seat"),
        ("seats: [A]\nvotes_needed: two\n", "votes_needed: 'two': give a whole number"),
        ("seats: [A]\nvotes_needed: 1\nabstention_vetoes: maybe\n", "abstention_vetoes:"),
        ("seats: [A]\nvotes_needed: 1\nquorum: 2\n", "quorum: not a field"),
        ("seats: [A\n", "is not YAML"),
        ("- A\n", "give a mapping"),
    ],
)
def test_rules_file_errors_name_the_field(tmp_path: Path, content: str, message: str) -> None:
    rules = tmp_path / "bad.yaml"
    rules.write_text(content)
    result = runner.invoke(app, ["power", "--rules", str(rules)])
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.split())
    assert message in text and "bad.yaml" in text, text
    assert "Traceback" not in result.output


def test_rules_file_missing_or_with_other_options(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["power", "--rules", str(tmp_path / "none.yaml")])
    assert missing.exit_code == 2 and "cannot read" in " ".join(missing.output.split())
    both = runner.invoke(app, ["power", "--rules", "x.yaml", "--weights", "1,1", "--quota", "2"])
    assert (
        both.exit_code == 2
        and "give one of --on (the Council on a date), --weights" in " ".join(both.output.split())
    )


def test_reform_uniting_for_consensus_as_json_with_its_source() -> None:
    result = runner.invoke(app, ["power", "--reform", "uniting-for-consensus", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["game"] == "reform" and body["seats"] == 25 and body["quota"] == 15
    france, elected = body["members"][0], body["members"][5]
    assert (france["name"], france["category"], france["veto"]) == ("France", "permanent", True)
    assert (elected["name"], elected["category"], elected["veto"]) == (
        "Elected 1",
        "non-permanent",
        False,
    )
    assert france["shapley_shubik"]["exact"] == "332/1725"
    assert elected["shapley_shubik"]["exact"] == "13/6900"
    assert sum(m["shapley_shubik"]["value"] for m in body["members"]) == pytest.approx(1)
    reform = body["reform"]
    assert reform["symbol"] == "A/59/L.68"
    assert reform["official_url"] == "https://undocs.org/en/A/59/L.68"
    assert "shall consist of twenty-five Members" in reform["quotes"][0]["text"]
    assert reform["options"][0] | {"why": ""} == {
        "key": "votes_needed",
        "value": 15,
        "default": 15,
        "given": False,
        "why": "",
    }


def test_reform_option_changes_the_votes_needed_and_says_it_was_given() -> None:
    result = runner.invoke(
        app,
        ["power", "--reform", "uniting-for-consensus", "--reform-option", "votes_needed=14"],
    )
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert "14 affirmative votes of 25, 5 veto members among them" in said
    assert "votes_needed = 14 (given)" in said
    assert "Not read:" in said


def test_reform_list_names_each_draft_and_why_two_are_out() -> None:
    result = runner.invoke(app, ["power", "--reform", "list", "--json"])
    assert result.exit_code == 0, result.output
    reforms = {r["key"]: r for r in json.loads(result.stdout)["reforms"]}
    assert reforms["uniting-for-consensus"]["bundled"] is True
    assert reforms["g4"]["symbol"] == "A/59/L.64" and reforms["g4"]["bundled"] is False
    assert "not read" in reforms["african-union"]["why_not_bundled"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--reform", "g5"], "unknown reform 'g5': give one of uniting-for-consensus"),
        (["--reform", "g4"], "g4 (A/59/L.64) is not bundled"),
        (["--reform", "uniting-for-consensus", "--reform-option", "x=1"], "has no option 'x'"),
        (["--reform-option", "votes_needed=14"], "--reform-option goes with --reform"),
        (["--reform", "uniting-for-consensus", "--on", "2022-05-26"], "give one of --on"),
    ],
)
def test_reform_errors_say_what_to_give(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["power", *args])
    assert result.exit_code != 0
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output
