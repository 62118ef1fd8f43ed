"""DPRK events: the shipped nk-missile-tests data, checked against the CNS original."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from unsc.importers.dprk import bundled_launches, bundled_record, parse_launches
from unsc.importers.textfiles import RowError

CNS = (
    Path(__file__).resolve().parents[3] / "shared/data/dprk-missile-tests/"
    "cns_north_korea_missile_test_database_2023-04.csv"
)


def test_the_shipped_tests_as_the_fact_sheet_counts_them() -> None:
    launches = bundled_launches()
    assert len(launches) == 339
    in_2022 = [x for x in launches if x.date.year == 2022]
    assert len(in_2022) == 69 and len({x.date for x in in_2022}) == 34
    to_veto = [x for x in in_2022 if x.date <= dt.date(2022, 5, 26)]
    assert len(to_veto) == 23 and len({x.date for x in to_veto}) == 15
    hwasong_15 = next(x for x in launches if x.date == dt.date(2017, 11, 28))
    assert (hwasong_15.name, hwasong_15.missile_type, hwasong_15.apogee_km) == (
        "Hwasong-15",
        "ICBM",
        4475.0,
    )
    assert hwasong_15.date_korea == dt.date(2017, 11, 29)  # 18:18 UTC is the next day in Seoul


@pytest.mark.skipif(not CNS.exists(), reason="the CNS original is read from ../shared")
def test_every_day_of_the_cns_database_has_the_same_number_of_missiles() -> None:
    """The CNS file (no licence: used here only as a check) against the shipped copy: the
    only difference is the first launch of 2022, dated 5 January (local) by CNS and
    4 January 23:10 UTC by the shipped data (domain fact sheet, date conventions)."""
    cns: Counter[dt.date] = Counter()
    with CNS.open(encoding="cp1252", newline="") as handle:
        for row in csv.DictReader(handle):
            try:
                cns[dt.datetime.strptime(row["Date"].strip(), "%d-%b-%y").date()] += 1
            except ValueError:
                continue  # month-only dates of the 1980s and 1990s
    shipped = Counter(
        x.date
        for x in bundled_launches()
        if x.precision == "day" and x.date <= dt.date(2023, 4, 12)
    )
    differing = {
        day: (cns[day], shipped[day])
        for day in cns.keys() | shipped.keys()
        if cns[day] != shipped[day]
    }
    assert differing == {dt.date(2022, 1, 5): (1, 0), dt.date(2022, 1, 4): (0, 1)}
    assert sum(cns.values()) == sum(shipped.values()) == 237


def test_a_bad_test_row_names_the_row_and_field() -> None:
    missiles = {"scud-b": {"name": "Scud-B", "type": "SRBM"}}
    tests = {
        "timeBins": [
            {
                "year": 1984,
                "data": [
                    {"date": "1984-04-09", "time": "unknown", "missile": "scud-b"},
                    {"date": "1984-13-09", "time": "unknown", "missile": "scud-b"},
                ],
            }
        ]
    }
    with pytest.raises(RowError, match=r"line 2, field 'date'"):
        parse_launches(tests, missiles, {})
    tests["timeBins"][0]["data"][1] = {
        "date": "1984-04-10",
        "time": "25:99 (UTC)",
        "missile": "scud-b",
    }
    with pytest.raises(RowError, match=r"field 'time'"):
        parse_launches(tests, missiles, {})


def test_the_fact_sheet_record_lists_ten_sanctions_resolutions() -> None:
    record = bundled_record()
    assert record["sanctions_resolutions"]["numbers"] == [
        1718,
        1874,
        2087,
        2094,
        2270,
        2321,
        2356,
        2371,
        2375,
        2397,
    ]
    assert len(record["nuclear_tests"]) == 6
    joint = [s for s in record["statements"] if s["kind"] == "joint_statement"]
    assert next(s for s in joint if str(s["date"]) == "2022-03-07")["signatories"].__len__() == 11
