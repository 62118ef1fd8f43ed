"""The command line as a user drives it: JSON shapes, exit codes, errors without tracebacks."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from unsc.cli import app

runner = CliRunner()


def run_json(*args: str, stdin: str | None = None) -> tuple[int, list[dict[str, object]]]:
    result = runner.invoke(app, [*args, "--json"], input=stdin)
    assert "Traceback" not in result.output
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines() if line]


def test_council_json_has_the_documented_shape() -> None:
    code, [view] = run_json("council", "--on", "2022-05-26")
    assert code == 0
    assert set(view) >= {"date", "threshold", "members", "president"}
    assert view["threshold"] == 9 and len(view["members"]) == 15  # type: ignore[arg-type]
    member = view["members"][0]  # type: ignore[index]
    assert set(member) == {"name", "iso3", "permanent", "term_start", "term_end"}
    assert view["president"] == {"name": "United States", "iso3": "USA"}


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
    assert "no vote for" in errors[6]
    assert results[7]["outcome"] == "adopted"


def test_errors_in_text_mode_go_to_stderr_without_a_traceback() -> None:
    result = runner.invoke(app, ["council", "--on", "26/05/2022"])
    assert result.exit_code == 2
    assert "expected a date as YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.output


def test_replay_json_summary() -> None:
    code, [report] = run_json("replay")
    assert code == 0
    assert (report["total"], report["reproduced"], report["mismatches"]) == (3203, 3203, [])
    assert report["annotated"] > 0 and report["annotations"]
    assert report["source"]["licence"] == "CC BY 4.0"  # type: ignore[index]


def test_replay_table_lists_annotations() -> None:
    result = runner.invoke(app, ["replay"])
    assert result.exit_code == 0
    assert "reproduced" in result.stdout and "procedural" in result.stdout
