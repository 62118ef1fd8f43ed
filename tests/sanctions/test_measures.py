"""The 1718 regime as measures: what was in force on a date, with the paragraphs that made
it so; what changed; what the vetoed drafts would have changed."""

from __future__ import annotations

import csv
import datetime as dt
import json
from importlib import resources

import pytest
from typer.testing import CliRunner

from unsc.cli import app
from unsc.core.errors import LawDataError
from unsc.core.measures import Limit, Measure, PeriodKind, Phase, RegimeError, in_force
from unsc.law.regimes import build_regime, load_regime, regime_ids
from unsc.service import sanctions

D = dt.date


def measure(regime: str, day: dt.date, key: str, draft: str | None = None) -> Measure | None:
    r = load_regime(regime)
    found = {m.id: m for m in in_force(r, day, r.draft(draft) if draft else ())}
    return found.get(key)


def test_the_refined_petroleum_cap_moves_from_2375_to_2397() -> None:
    before = measure("1718", D(2017, 12, 1), "refined-petroleum-cap")
    after = measure("1718", D(2018, 1, 1), "refined-petroleum-cap")
    assert before is not None and after is not None
    phase = before.phase_on(D(2017, 12, 1))
    assert phase is not None and phase.limits == (Limit(500_000, "barrels"),)
    assert phase.period_on(D(2017, 12, 1)) is not None
    period = phase.period_on(D(2017, 12, 1))
    assert period is not None and (period.start, period.end) == (D(2017, 10, 1), D(2017, 12, 31))
    phase = after.phase_on(D(2018, 1, 1))
    assert phase is not None and phase.limits == (Limit(500_000, "barrels"),)
    assert phase.kind is PeriodKind.CALENDAR_YEAR
    refs = [c.ref for c in after.citations]
    assert refs == ["S/RES/2375 (2017), OP14", "S/RES/2397 (2017), OP5"]
    # The 2,000,000-barrel year that 2375 set for 2018 never applied: 2397 replaced it.
    assert all(p.limits != (Limit(2_000_000, "barrels"),) for p in after.phases)


def test_the_crude_cap_appears_on_22_december_2017() -> None:
    assert measure("1718", D(2017, 12, 21), "crude-oil-cap") is None
    assert measure("1718", D(2017, 12, 21), "crude-oil-freeze") is not None
    crude = measure("1718", D(2017, 12, 22), "crude-oil-cap")
    assert crude is not None and [c.ref for c in crude.citations] == ["S/RES/2397 (2017), OP4"]
    assert measure("1718", D(2017, 12, 22), "crude-oil-freeze") is None
    phase = crude.phase_on(D(2018, 12, 21))
    assert phase is not None
    assert phase.limits == (Limit(4_000_000, "barrels"), Limit(525_000, "tonnes"))
    # Twelve months counted from 22 December 2017, not calendar years.
    period = phase.period_on(D(2018, 12, 21))
    assert period is not None and (period.start, period.end) == (D(2017, 12, 22), D(2018, 12, 21))
    period = phase.period_on(D(2018, 12, 22))
    assert period is not None and period.start == D(2018, 12, 22)


def test_the_panel_of_experts_lapses_on_30_april_2024_after_the_veto() -> None:
    panel = measure("1718", D(2024, 4, 30), "panel-of-experts")
    assert panel is not None and panel.until == D(2024, 4, 30)
    assert panel.changes[0].where == "S/RES/1874 (2009), OP26"
    assert panel.changes[-1].resolution == "S/RES/2680 (2023)"
    assert measure("1718", D(2024, 5, 1), "panel-of-experts") is None
    # Had S/2024/255 been adopted, the Panel would have run to 30 April 2025.
    renewed = measure("1718", D(2024, 5, 1), "panel-of-experts", draft="S/2024/255")
    assert renewed is not None and renewed.until == D(2025, 4, 30)


def test_the_vetoed_draft_of_26_may_2022_as_an_overlay() -> None:
    view = sanctions.changes("1718", D(2022, 5, 26), D(2022, 5, 26), draft="S/2022/431")
    changed = {c["after"]["id"]: c for c in view["changed"]}
    crude, refined = changed["crude-oil-cap"], changed["refined-petroleum-cap"]
    assert crude["before"]["limits"][0] == {"amount": 4_000_000, "unit": "barrels"}
    assert crude["after"]["limits"][0] == {"amount": 3_000_000, "unit": "barrels"}
    assert refined["before"]["limits"] == [{"amount": 500_000, "unit": "barrels"}]
    assert refined["after"]["limits"] == [{"amount": 375_000, "unit": "barrels"}]
    added = {m["id"] for m in view["added"]}
    assert {"mineral-fuels-watches-export-ban", "tobacco-supply-ban"} <= added
    assert "designations-s-2022-431" in added
    assert not view["removed"]
    # Without the draft, nothing changes on that day.
    plain = sanctions.changes("1718", D(2022, 5, 26), D(2022, 5, 26))
    assert plain["added"] == plain["removed"] == plain["changed"] == []


def test_every_change_has_a_source_and_its_adoption_date_agrees_with_the_record() -> None:
    adopted: dict[str, str] = {}
    text = resources.files("unsc.data.sciencespo").joinpath("unsc_votes_1946_2025.csv")
    with text.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            number = row["Resolution number"].strip()
            if number.isdigit():
                adopted[number] = row["Date"]
    for regime_id in regime_ids():
        regime = load_regime(regime_id)
        for change in regime.changes:
            assert change.sources and change.citations, change
            number = change.resolution.removeprefix("S/RES/").split(" ")[0]
            assert adopted[number] == change.adopted.isoformat(), change.resolution
            assert change.effective >= change.adopted or change.phases, change


def test_period_kinds_count_right() -> None:
    year = Phase(PeriodKind.CALENDAR_YEAR, D(2018, 1, 1), (Limit(1, "barrels"),))
    assert year.period_on(D(2017, 12, 31)) is None
    period = year.period_on(D(2020, 2, 29))
    assert period is not None and (period.start, period.end) == (D(2020, 1, 1), D(2020, 12, 31))
    leap = Phase(PeriodKind.TWELVE_MONTHS, D(2016, 2, 29), (Limit(1, "barrels"),))
    period = leap.period_on(D(2017, 3, 1))
    assert period is not None and (period.start, period.end) == (D(2017, 2, 28), D(2018, 2, 27))


def test_the_model_fits_another_regime() -> None:
    ids = {m.id for m in in_force(load_regime("1267"), D(2024, 1, 1))}
    assert {"asset-freeze", "travel-ban", "arms-embargo", "ombudsperson"} <= ids
    assert "ombudsperson" not in {m.id for m in in_force(load_regime("1267"), D(2009, 1, 1))}


def test_bad_regime_data_and_questions_get_clear_errors() -> None:
    with pytest.raises(RegimeError, match="regime: one of 1267, 1718"):
        load_regime("9999")
    with pytest.raises(RegimeError, match="no draft 'S/2099/1' in regime 1718; known: S/2022/431"):
        load_regime("1718").draft("S/2099/1")
    bad = {"id": "x", "name": "x", "list_type": "x", "changes": [{"measure": "m"}]}
    with pytest.raises(LawDataError, match=r"x.yaml: missing field 'kind'"):
        build_regime(bad, "x.yaml")
    change = {"measure": "m", "kind": "cap", "action": "add", "resolution": "S/RES/1 (1946)"}
    with pytest.raises(LawDataError, match=r"changes\[0\] \(m\): every change needs a source"):
        build_regime({**bad, "changes": [change]}, "x.yaml")
    with pytest.raises(LawDataError, match=r"changes\[0\]\.kind: one of arms_embargo"):
        build_regime({**bad, "changes": [{**change, "kind": "sanction"}]}, "x.yaml")


def test_the_commands() -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["sanctions", "measures", "--regime", "1718", "--on", "2018-01-01", "--json"]
    )
    assert result.exit_code == 0, result.output
    view = json.loads(result.stdout)
    refined = next(m for m in view["measures"] if m["id"] == "refined-petroleum-cap")
    assert refined["paragraphs"] == ["S/RES/2375 (2017), OP14", "S/RES/2397 (2017), OP5"]
    assert refined["period"] == {"start": "2018-01-01", "end": "2018-12-31"}
    result = runner.invoke(
        app,
        [
            "sanctions",
            "diff",
            "--regime",
            "1718",
            "--from",
            "2022-05-26",
            "--to",
            "2022-05-26",
            "--draft",
            "S/2022/431",
        ],
    )
    assert result.exit_code == 0 and "→ 375,000" in result.stdout
    result = runner.invoke(
        app, ["sanctions", "diff", "--regime", "1718", "--from", "2020-01-01", "--to", "2019-01-01"]
    )
    assert result.exit_code == 2 and "swap them" in result.stderr
    result = runner.invoke(app, ["sanctions", "measures", "--regime", "1718", "--on", "2018-13-01"])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_the_ban_on_workers_abroad_outlives_its_repatriation_deadline() -> None:
    """2397 OP8 set 22 December 2019 as the deadline to send DPRK workers home; the ban
    itself goes on."""
    on = {m.id for m in in_force(load_regime("1718"), dt.date(2022, 5, 26))}
    assert "overseas-workers" in on
    view = sanctions.changes("1718", dt.date(2019, 12, 1), dt.date(2020, 1, 31))
    assert view["added"] == view["removed"] == view["changed"] == []


def test_what_ended_a_measure_is_named() -> None:
    view = sanctions.changes("1718", dt.date(2017, 1, 1), dt.date(2018, 1, 1))
    coal = next(m for m in view["removed"] if m["id"] == "coal-export-cap")
    assert (coal["ended"], coal["by"]) == ("2017-08-05", ["S/RES/2371 (2017), OP8"])
    # Renewed in between (2627, 2680), the Panel ended when its last renewal ran out.
    for since in (dt.date(2013, 4, 1), dt.date(2023, 1, 1), dt.date(2024, 1, 1)):
        view = sanctions.changes("1718", since, dt.date(2024, 6, 1))
        panel = next(m for m in view["removed"] if m["id"] == "panel-of-experts")
        assert (panel["ended"], panel["by"]) == ("2024-05-01", ["S/RES/2680 (2023), OP1"]), since


def test_citations_link_the_official_text_and_keep_where_they_were_read() -> None:
    (arms, *_) = sanctions.measures("1718", dt.date(2018, 1, 1))["measures"]
    assert arms["citations"][0]["url"] == "https://undocs.org/S/RES/1718(2006)"
    assert "https://press.un.org/en/2006/sc8853.doc.htm" in arms["read_from"]


def test_a_date_outside_the_recorded_changes_is_said_to_be() -> None:
    early = sanctions.measures("1718", dt.date(1990, 1, 1))
    assert early["measures"] == []
    assert "first measures date from 2006-10-14" in sanctions.coverage_note(early)
    late = sanctions.measures("1718", dt.date(2026, 1, 1))
    assert late["recorded"]["last"] == "2024-04-30"
    assert "recorded up to 2024-04-30" in sanctions.coverage_note(late)
    assert sanctions.coverage_note(sanctions.measures("1718", dt.date(2018, 1, 1))) == ""


def test_a_diff_credits_each_step_to_the_resolution_that_made_it() -> None:
    """2375 OP14 created the refined-petroleum cap and 2397 OP5 cut it; 2371 OP11 began the
    ban on workers abroad, 2375 OP17 and 2397 OP8 tightened it."""
    view = sanctions.changes("1718", D(2017, 1, 1), D(2018, 6, 1))
    added = {m["id"]: m for m in view["added"]}
    refined = added["refined-petroleum-cap"]
    assert refined["by"] == ["S/RES/2375 (2017), OP14"]
    (cut,) = refined["then"]
    assert cut["by"] == "S/RES/2397 (2017), OP5" and cut["action"] == "amend"
    assert {"field": "limit", "old": "2,000,000 barrels", "new": "500,000 barrels"} in cut["what"]
    workers = added["overseas-workers"]
    assert workers["by"] == ["S/RES/2371 (2017), OP11"]
    assert [s["by"] for s in workers["then"]] == [
        "S/RES/2375 (2017), OP17",
        "S/RES/2397 (2017), OP8",
    ]
    assert all(s["what"] for s in workers["then"])
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["sanctions", "diff", "--regime", "1718", "--from", "2017-01-01", "--to", "2018-06-01"],
    )
    assert result.exit_code == 0, result.output
    rows = [" ".join(line.split()) for line in result.stdout.splitlines()]

    def row(*parts: str) -> int:
        return next(i for i, r in enumerate(rows) if all(p in r for p in parts))

    row("+ added", "Refined petroleum", "S/RES/2375 (2017), OP14")
    amended = row("~ amended", "Refined petroleum", "S/RES/2397 (2017), OP5")
    assert "limit: 2,000,000 barrels → 500,000 barrels" in " ".join(
        r.strip("│ ") for r in rows[amended + 1 : amended + 4]
    ).replace(" │ ", " ")
    row("+ added", "DPRK workers abroad", "S/RES/2371 (2017), OP11")


FREEZE = "crude-oil-freeze"


def test_a_measure_that_came_and_went_between_the_two_days_is_in_the_diff() -> None:
    """2375 OP15 froze crude oil supplies at the previous twelve months' amount (11 September
    2017); 2397 OP4 replaced the freeze with a fixed cap (22 December 2017). From 1 January
    2017 to 1 June 2018 the freeze was in force on neither day, but it was added and ended
    in between: the diff says so, with its dates and both paragraphs."""
    view = sanctions.changes("1718", D(2017, 1, 1), D(2018, 6, 1))
    added = {m["id"]: m for m in view["added"]}
    freeze = added[FREEZE]
    assert freeze["by"] == ["S/RES/2375 (2017), OP15"] and freeze["since"] == "2017-09-11"
    assert freeze["ended"] == "2017-12-22" and freeze["ended_by"] == ["S/RES/2397 (2017), OP4"]
    assert [(s["action"], s["by"], s["effective"]) for s in freeze["then"]] == [
        ("end", "S/RES/2397 (2017), OP4", "2017-12-22")
    ]
    assert added["crude-oil-cap"]["ended"] is None and added["crude-oil-cap"]["ended_by"] == []
    assert FREEZE not in {m["id"] for m in view["removed"]}


@pytest.mark.parametrize("regime_id", ["1718", "1267"])
def test_every_measure_changed_between_the_two_days_is_accounted_for(regime_id: str) -> None:
    """Whatever a resolution did to a measure between --from and --to shows in the diff:
    added (and, if so, ended), ended, or amended."""
    regime = load_regime(regime_id)
    years = sorted({c.effective.year for c in regime.changes})
    for year in years:
        since, until = D(year, 1, 1), D(year, 12, 31)
        view = sanctions.changes(regime_id, since, until)
        shown = (
            {m["id"] for m in view["added"]}
            | {m["id"] for m in view["removed"]}
            | {c["after"]["id"] for c in view["changed"]}
        )
        touched = {c.measure for c in regime.changes if since < c.effective <= until}
        assert touched <= shown, (year, sorted(touched - shown))


def test_the_diff_command_shows_the_crude_oil_freeze_added_and_ended() -> None:
    args = ["sanctions", "diff", "--regime", "1718", "--from", "2017-01-01", "--to", "2018-06-01"]
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    freeze = next(m for m in json.loads(result.stdout)["added"] if m["id"] == FREEZE)
    assert (freeze["since"], freeze["ended"]) == ("2017-09-11", "2017-12-22")
    result = CliRunner().invoke(app, args, terminal_width=200)
    assert result.exit_code == 0, result.output
    rows = [" ".join(line.split()) for line in result.stdout.splitlines()]
    added = next(i for i, r in enumerate(rows) if "+ added" in r and "Crude oil frozen" in r)
    assert "S/RES/2375 (2017), OP15" in rows[added] and "2017-09-11" in rows[added + 1]
    ended = next(i for i, r in enumerate(rows) if "- ended" in r and "Crude oil frozen" in r)
    assert ended > added and "S/RES/2397 (2017), OP4" in rows[ended]
    assert "2017-12-22" in rows[ended + 1]


def test_the_cli_json_quotes_each_cited_paragraph() -> None:
    import json

    from typer.testing import CliRunner

    from unsc.cli import app

    args = ["sanctions", "measures", "--regime", "1718", "--on", "2018-01-01", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    cited = {
        c["ref"]: c["text"] for m in json.loads(result.stdout)["measures"] for c in m["citations"]
    }
    assert "intercontinental" in cited["S/RES/2397 (2017), OP28"]
    assert "500,000 barrels" in cited["S/RES/2397 (2017), OP5"]
