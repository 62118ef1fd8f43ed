"""The command line as a user drives it: JSON shapes, exit codes, errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner, Result

from unsc.cli import app

runner = CliRunner()


def no_crash(result: Result) -> bool:
    """The command ended by itself (a value or a typer.Exit), not by an uncaught exception."""
    return result.exception is None or isinstance(result.exception, SystemExit)


def run_json(*args: str, stdin: str | None = None) -> tuple[int, list[dict[str, object]]]:
    result = runner.invoke(app, [*args, "--json"], input=stdin)
    assert no_crash(result), result.exception
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines() if line]


def test_council_json_has_the_documented_shape() -> None:
    code, [view] = run_json("council", "--on", "2022-05-26")
    assert code == 0
    assert set(view) >= {"date", "threshold", "members", "president"}
    assert view["threshold"] == 9 and len(view["members"]) == 15  # type: ignore[arg-type]
    member = view["members"][0]  # type: ignore[index]
    assert set(member) == {"name", "iso3", "permanent", "term_start", "term_end", "source"}
    assert member["source"]["ref"] == "A/RES/2758 (XXVI), 25 October 1971"  # type: ignore[index]
    assert view["president"] == {"name": "United States", "iso3": "USA", "basis": "rule 18"}
    assert (view["unknown_seats"], view["note"]) == (0, None)


def test_council_names_the_china_seat_as_it_was_named() -> None:
    _, [before] = run_json("council", "--on", "1971-10-24")
    _, [after] = run_json("council", "--on", "1971-10-25")
    names_before = {m["name"] for m in before["members"]}  # type: ignore[attr-defined]
    names_after = {m["name"] for m in after["members"]}  # type: ignore[attr-defined]
    assert "Republic of China" in names_before and "People's Republic of China" in names_after
    assert "Union of Soviet Socialist Republics" in names_after


def test_decide_reads_json_lines_and_answers_one_line_each() -> None:
    ballots = "\n".join(
        [
            '{"date": "2022-05-26", "kind": "substantive", '
            '"votes": {"China": "no", "Russia": "no"}, "others": "yes"}',
            '{"date": "2022-05-26", "kind": "procedural", '
            '"votes": {"CHN": "no", "RUS": "no"}, "others": "yes"}',
        ]
    )
    code, results = run_json("decide", stdin=ballots)
    assert code == 0
    veto, procedural = results
    assert veto["outcome"] == "not_adopted" and veto["reason"] == "veto"
    assert veto["vetoed_by"] == ["People's Republic of China", "Russian Federation"]
    assert veto["ga_debate_deadline"] == "2022-06-09"
    assert procedural["outcome"] == "adopted" and procedural["vetoed_by"] == []
    for result in results:
        assert {
            "outcome",
            "reason",
            "vetoed_by",
            "objected_by",
            "yes",
            "no",
            "abstain",
            "threshold",
            "explanation",
            "citations",
        } <= set(result)


def test_members_are_named_by_common_name_un_name_iso_code_or_record_column() -> None:
    for name in ("Russia", "Russian Federation", "rus", "RUSSIAN FEDERATION/USSR"):
        ballot = json.dumps({"date": "2022-05-26", "votes": {name: "no"}, "others": "yes"})
        _, [result] = run_json("decide", stdin=ballot)
        assert result["vetoed_by"] == ["Russian Federation"], name


def test_bad_lines_get_an_error_on_their_line_and_a_non_zero_exit() -> None:
    ballots = "\n".join(
        [
            '{"date": "2022-05-26", "votes": {"Chinaa": "no"}, "others": "yes"}',
            '{"date": "1960-05-26", "votes": {"Russia": "no"}, "others": "yes"}',
            '{"date": "1945-12-01", "others": "yes"}',
            '{"date": "1960-06-23", "chapter": "VI", "parties_to_dispute": ["Argentina"], '
            '"votes": {"Argentina": "yes"}, "others": "yes"}',
            '{"date": "2022-05-26", "votes": {"China": "maybe"}, "others": "yes"}',
            "{not json",
            '{"date": "2022-05-26", "votes": {"China": "no"}}',
            '{"date": "2022-05-26", "others": "yes"}',
        ]
    )
    code, results = run_json("decide", stdin=ballots)
    assert code == 1
    errors = [r.get("error", "") for r in results]
    assert "Did you mean: China" in errors[0]
    assert "not a member" in errors[1] and "Union of Soviet Socialist Republics" in errors[1]
    assert "first meeting" in errors[2]
    assert "Art. 27(3)" in errors[3]
    assert "line 5" in errors[4] and "votes.China" in errors[4] and "maybe" in errors[4]
    assert "line 6" in errors[5] and "not valid JSON" in errors[5]
    assert "no vote given for France" in errors[6]
    assert results[7]["outcome"] == "adopted"


def test_errors_in_text_mode_go_to_stderr_without_a_traceback() -> None:
    for bad in ("26/05/2022", "20220526", "2022-W21-4", "2022-02-30"):
        result = runner.invoke(app, ["council", "--on", bad])
        assert result.exit_code == 2 and no_crash(result), bad
        assert "--on" in result.stderr and bad in result.stderr


def test_replay_json_summary() -> None:
    code, [report] = run_json("replay")
    assert code == 0
    assert (report["total"], report["reproduced"], report["mismatches"]) == (3217, 3217, [])
    assert report["annotated"] > 0 and report["annotations"]
    assert report["source"]["licence"] == "CC BY 4.0"  # type: ignore[index]


def test_replay_table_lists_annotations() -> None:
    result = runner.invoke(app, ["replay"])
    assert result.exit_code == 0
    assert "reproduced" in result.stdout and "procedural" in result.stdout


def decide_lines(*lines: str) -> list[dict[str, object]]:
    code, results = run_json("decide", stdin="\n".join(lines))
    assert code == (1 if any("error" in r for r in results) else 0)
    return results


def test_a_key_given_twice_is_an_error_not_a_silent_overwrite() -> None:
    [result] = decide_lines(
        '{"date": "2022-05-26", "votes": {"China": "no", "China": "yes"}, "others": "yes"}'
    )
    assert "'China' is given twice" in str(result["error"])
    [result] = decide_lines(
        '{"date": "2022-05-26", "votes": {"China": "no", "CHN": "yes"}, "others": "yes"}'
    )
    assert "given a vote twice" in str(result["error"])


def test_dates_must_be_written_yyyy_mm_dd() -> None:
    for date in ('"20220526"', "20220526", '"2022-W21-4"', '"2022-5-26"', '"2022-02-30"'):
        [result] = decide_lines(f'{{"date": {date}, "others": "yes"}}')
        assert "field 'date'" in str(result["error"]), date


def test_deeply_nested_json_is_refused_without_a_crash() -> None:
    [result] = decide_lines("[" * 100_000)
    assert "nested too deeply" in str(result["error"]) or "not valid JSON" in str(result["error"])


def test_kind_and_subject_are_read_in_any_case() -> None:
    results = decide_lines(
        '{"date": "2022-05-26", "kind": "Substantive", "votes": {"China": "no"}, "others": "yes"}',
        '{"date": "2022-05-26", "kind": "PRESS_STATEMENT", "objections": []}',
        '{"date": "2022-05-26", "subject": "Draft Resolution", "others": "yes"}',
    )
    assert [r["outcome"] for r in results] == ["not_adopted", "adopted", "adopted"]


def test_statements_refuse_vote_fields_and_keep_their_symbol() -> None:
    bad, good = decide_lines(
        '{"date": "2022-05-26", "kind": "press_statement", "ess_seized": true}',
        '{"date": "2022-05-26", "kind": "presidential_statement", "symbol": "S/PRST/2022/1"}',
    )
    assert "field 'ess_seized'" in str(bad["error"])
    assert good["symbol"] == "S/PRST/2022/1" and good["outcome"] == "adopted"


def test_an_objection_named_twice_is_an_error() -> None:
    [result] = decide_lines(
        '{"date": "2022-05-26", "kind": "press_statement", '
        '"objections": ["China", "People\'s Republic of China"]}'
    )
    assert "already listed" in str(result["error"])


def test_symbol_must_be_text_and_parties_need_a_chapter() -> None:
    symbol, parties = decide_lines(
        '{"date": "2022-05-26", "symbol": {"a": 1}, "others": "yes"}',
        '{"date": "2022-05-26", "parties_to_dispute": ["India"], "others": "yes"}',
    )
    assert "field 'symbol'" in str(symbol["error"])
    assert "give 'chapter'" in str(parties["error"])


def test_party_note_gives_the_party_vote_and_only_where_art_27_3_applies() -> None:
    substantive, preliminary = decide_lines(
        '{"date": "2022-05-26", "chapter": "VI", "parties_to_dispute": ["Albania"], '
        '"votes": {"Albania": "absent"}, "others": "yes"}',
        '{"date": "2022-05-26", "kind": "preliminary", "chapter": "VI", '
        '"parties_to_dispute": ["Albania"], "others": "yes"}',
    )
    assert any("Albania (absent)" in d for d in substantive["details"])  # type: ignore[union-attr]
    assert not any("Party to the dispute" in d for d in preliminary["details"])  # type: ignore[union-attr]


HEAVY = ("sqlalchemy", "numpy", "fastapi", "rapidfuzz", "uvicorn", "alembic", "yaml")
"""What the quick commands must not load: the database, the web app, the screener, and
(once the law is cached) the YAML parser. Their speed is measured in benchmarks/startup.py."""


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["--help"], None),
        (["council", "--on", "2022-05-26"], None),
        (["decide", "--json"], '{"date": "2022-05-26", "others": "yes"}\n'),
        (["sanctions", "--help"], None),
        (["screen", "--help"], None),
    ],
)
def test_quick_commands_load_nothing_heavy(args: list[str], stdin: str | None) -> None:
    code = (
        "import sys, atexit\n"
        "atexit.register(lambda: sys.stderr.write('\\nLOADED ' + ' '.join(sorted(sys.modules))))\n"
        "from unsc.cli import main\n"
        f"sys.argv = ['unsc', *{args!r}]\n"
        "main()\n"
    )
    warm = "from unsc.service.record import bundled_law; bundled_law()"  # fills the law cache
    subprocess.run([sys.executable, "-c", warm], check=True)
    run = subprocess.run(
        [sys.executable, "-c", code], input=stdin, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    loaded = set(run.stderr.rsplit("LOADED ", 1)[1].split())
    assert sorted(m for m in loaded if m.split(".")[0] in HEAVY) == []


def test_the_screen_help_states_the_alert_threshold_in_use() -> None:
    from unsc.sanctions.screening import DEFAULT_THRESHOLD

    result = runner.invoke(app, ["screen", "--help"])
    assert f"default: {DEFAULT_THRESHOLD:g}" in result.stdout
