"""Caps and ledgers: deliveries counted in the right period, converted as stated, with a
notice at each threshold once, in order, on the day it was reached."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unsc.cli import app
from unsc.core.measures import in_force
from unsc.importers.ledger import parse_ledger
from unsc.importers.textfiles import RowError
from unsc.law.regimes import load_regime
from unsc.sanctions.caps import cap_status

D = dt.date
CAPS = {"refined-petroleum-cap", "crude-oil-cap", "coal-export-cap"}
HEADER = "date,cap,supplier,quantity,unit,status,source,barrels_per_tonne\n"
LEDGER = HEADER + (
    "2017-12-15,refined,Exampleland,90000,barrels,reported,test,\n"  # the 2017 period
    "2018-02-01,refined,Exampleland,300000,barrels,reported,test,\n"  # 60 %
    "2018-03-01,refined,Otherland,80000,barrels,alleged,test,\n"  # alleged: never a notice
    "2018-04-01,refined,Exampleland,10000,tonnes,reported,test,\n"  # 7.5 bbl/t: 75 %: 75
    "2018-05-01,refined,Otherland,25000,barrels,reported,test,\n"  # 80 %
    "2018-06-01,refined,Otherland,50000,barrels,reported,test,\n"  # 90 %: 90
    "2018-12-21,crude,Exampleland,100000,barrels,reported,test,\n"
    "2018-12-22,crude,Exampleland,52500,tonnes,reported,test,\n"  # the next twelve months
)


def refined_on(day: dt.date, thresholds: tuple[float, ...] = (75, 90, 95)) -> dict[str, object]:
    measure = next(m for m in in_force(load_regime("1718"), day) if m.id == "refined-petroleum-cap")
    deliveries = parse_ledger(io.StringIO(LEDGER), "ledger.csv", CAPS)
    status = cap_status(measure, day, deliveries, thresholds)
    assert status is not None
    return status.to_dict()


def test_each_notice_once_in_order_on_the_right_day() -> None:
    cap = refined_on(D(2018, 12, 31))
    assert cap["limit"] == 500_000 and cap["unit"] == "barrels"
    assert cap["period"] == {"start": "2018-01-01", "end": "2018-12-31"}
    assert cap["delivered"] == 450_000  # 300,000 + 75,000 + 25,000 + 50,000 reported
    assert cap["reported"] == 450_000 and cap["alleged"] == 80_000
    assert (cap["reported_share"], cap["alleged_share"]) == (0.9, 0.16)
    assert cap["notices"] == [
        {"threshold": 75, "date": "2018-04-01", "delivered": 375_000},
        {"threshold": 90, "date": "2018-06-01", "delivered": 450_000},
    ]
    assert any("7.5 barrels per tonne" in c for c in cap["conversions"])  # type: ignore[attr-defined]
    # On a day in between, only what was reached by then.
    cap = refined_on(D(2018, 4, 30))
    assert [n["threshold"] for n in cap["notices"]] == [75]  # type: ignore[index]
    # One delivery crossing two thresholds raises both, in order, that day.
    cap = refined_on(D(2018, 12, 31), thresholds=(50, 55, 100))
    assert [(n["threshold"], n["date"]) for n in cap["notices"]] == [  # type: ignore[index]
        (50, "2018-02-01"),
        (55, "2018-02-01"),
    ]


def test_periods_calendar_year_against_twelve_months_from_adoption() -> None:
    regime = load_regime("1718")
    deliveries = parse_ledger(io.StringIO(LEDGER), "ledger.csv", CAPS)
    refined_2017 = next(
        m for m in in_force(regime, D(2017, 12, 31)) if m.id == "refined-petroleum-cap"
    )
    status = cap_status(refined_2017, D(2017, 12, 31), deliveries)
    assert status is not None and status.delivered == 90_000
    assert status.period.start == D(2017, 10, 1)
    crude = next(m for m in in_force(regime, D(2018, 12, 21)) if m.id == "crude-oil-cap")
    first = cap_status(crude, D(2018, 12, 21), deliveries)
    second = cap_status(crude, D(2018, 12, 22), deliveries)
    assert first is not None and first.delivered == 100_000
    assert second is not None and second.period.start == D(2018, 12, 22)
    # 52,500 tonnes at the cap's own equivalence (4,000,000 bbl = 525,000 t): 400,000 bbl.
    assert second.delivered == pytest.approx(400_000)
    assert second.alternatives[0].unit == "tonnes"


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("2018-02-30,refined,X,1,barrels,reported,t,", "date"),
        ("2018-02-01,diesel,X,1,barrels,reported,t,", "cap"),
        ("2018-02-01,refined,X,-5,barrels,reported,t,", "quantity"),
        ("2018-02-01,refined,X,lots,barrels,reported,t,", "quantity"),
        ("2018-02-01,refined,X,1,gallons,reported,t,", "unit"),
        ("2018-02-01,refined,X,1,barrels,rumoured,t,", "status"),
        ("2018-02-01,refined,X,1,barrels,reported,,", "source"),
        ("2018-02-01,refined,X,1,tonnes,reported,t,400", "barrels_per_tonne"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_read(row: str, field: str) -> None:
    text = HEADER + "2018-01-05,refined,X,1,barrels,reported,t,\n" + row + "\n"
    with pytest.raises(RowError) as caught:
        parse_ledger(io.StringIO(text), "ledger.csv", CAPS)
    assert caught.value.line == 3 and caught.value.field == field
    assert str(caught.value).startswith("ledger.csv, line 3, field")


def test_the_caps_command(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(LEDGER, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "sanctions",
            "caps",
            "--regime",
            "1718",
            "--on",
            "2018-12-31",
            "--ledger",
            str(ledger),
            "--notices",
            "75,90,95",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    caps = {c["commodity"]: c for c in json.loads(result.stdout)}
    refined = caps["Refined petroleum products"]
    assert {"commodity", "limit", "unit", "period", "citations", "delivered", "notices"} <= set(
        refined
    )
    assert [c["ref"] for c in refined["citations"]] == [
        "S/RES/2375 (2017), OP14",
        "S/RES/2397 (2017), OP5",
    ]
    assert [n["threshold"] for n in refined["notices"]] == [75, 90]  # on reported deliveries
    assert caps["Crude oil"]["limit"] == 4_000_000
    result = runner.invoke(
        app,
        [
            "sanctions",
            "caps",
            "--regime",
            "1718",
            "--on",
            "2018-12-31",
            "--ledger",
            str(ledger),
            "--reported-only",
            "--json",
        ],
    )
    refined = next(c for c in json.loads(result.stdout) if c["measure"] == "refined-petroleum-cap")
    assert refined["alleged"] == 0 and refined["delivered"] == 450_000
    result = runner.invoke(
        app,
        ["sanctions", "caps", "--regime", "1718", "--on", "2022-05-26", "--draft", "S/2022/431"],
    )
    assert "as if S/2022/431 had been adopted" in result.stdout
    assert "None recorded: no delivery in the bundled ledger, which runs from 2019" in " ".join(
        result.stdout.split()
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "2018-02-01,refined,X,1,litres,reported,t,\n", encoding="utf-8")
    result = runner.invoke(app, ["sanctions", "caps", "--regime", "1718", "--ledger", str(bad)])
    assert result.exit_code == 2 and "bad.csv, line 2, field 'unit'" in result.stderr
    result = runner.invoke(app, ["sanctions", "caps", "--regime", "1718", "--notices", "75,x"])
    assert result.exit_code == 2 and "--notices" in result.stderr


def test_the_bundled_deliveries_of_2019_and_2020() -> None:
    from unsc.service import sanctions

    deliveries = sanctions.bundled_ledger("1718")
    assert all(d.source for d in deliveries)
    caps = {c["measure"]: c for c in sanctions.caps("1718", D(2019, 12, 31), deliveries)}
    refined = caps["refined-petroleum-cap"]
    # 53,000 tonnes at the sources' own 418,000 barrels.
    assert refined["reported"] == pytest.approx((22_730 + 30_180) * 7.887)
    assert any("as row" in c for c in refined["conversions"])
    caps = {
        c["measure"]: c
        for c in sanctions.caps("1718", D(2020, 12, 31), deliveries, (75, 90, 95, 100))
    }
    refined = caps["refined-petroleum-cap"]
    assert refined["reported"] == pytest.approx(129_706)  # 17,294 t, January-August
    assert refined["alleged"] == 1_600_000
    assert refined["notices"] == []  # the states' reports reach 26 %
    reported_only = sanctions.caps(
        "1718", D(2020, 12, 31), deliveries, (75,), include_alleged=False
    )
    refined = next(c for c in reported_only if c["measure"] == "refined-petroleum-cap")
    assert refined["notices"] == [] and refined["share"] == pytest.approx(0.2594, abs=1e-3)


def test_reported_and_alleged_deliveries_are_never_added_together() -> None:
    """2020: China and Russia reported 129,706 barrels (26 % of 500,000) to the Committee;
    43 states alleged 1.6 million more (320 %). The cap did not show 1,706,094 barrels,
    341 % of the limit, as delivered."""
    from unsc.service import sanctions

    deliveries = sanctions.bundled_ledger("1718")
    caps = {c["measure"]: c for c in sanctions.caps("1718", D(2020, 12, 31), deliveries)}
    refined = caps["refined-petroleum-cap"]
    assert refined["delivered"] == refined["reported"] == pytest.approx(129_706)
    assert refined["reported_share"] == pytest.approx(0.2594, abs=1e-4)
    assert refined["alleged"] == 1_600_000 and refined["alleged_share"] == 3.2
    assert (refined["reported_deliveries"], refined["alleged_deliveries"]) == (2, 1)
    result = CliRunner().invoke(
        app, ["sanctions", "caps", "--regime", "1718", "--on", "2020-12-31"]
    )
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "1,706,094" not in text and "341" not in text
    assert "129,706" in text and "(25.9%)" in text and "1,600,000" in text and "(320.0%)" in text
