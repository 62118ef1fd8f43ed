"""How the Council's members voted with each other in the General Assembly: the bundled roll
calls (checked against their SOURCE.yaml), every Council member matched to its rows, and
figures computed again here from the raw CSV with plain Python."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import json
from collections.abc import Iterator
from importlib import resources

import pytest

from unsc.analysis.assembly import LAST_ROLL_CALL, AssemblyVotes, match
from unsc.core.errors import UnscError
from unsc.law.loader import parse_yaml
from unsc.service.assembly import assembly_view, assembly_votes, council_matches, issue_code
from unsc.service.record import bundled_law

DATA = resources.files("unsc.data.unga")


def _roll_calls() -> dict[int, str]:
    with DATA.joinpath("un_roll_calls.csv").open(encoding="utf-8", newline="") as f:
        return {int(r["rcid"]): r["date"] for r in csv.DictReader(f)}


def _votes() -> Iterator[dict[str, str]]:
    with gzip.open(str(DATA.joinpath("un_votes.csv.gz")), "rt", encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def _agreement(a: str, b: str, first: str, last: str, issue: str = "") -> tuple[int, int]:
    """Roll calls from ``first`` to ``last`` in which the countries named ``a`` and ``b``
    (the data's names) both voted, and those in which they voted alike: plain Python."""
    dates = _roll_calls()
    wanted = {r for r, d in dates.items() if first <= d <= last}
    if issue:
        with DATA.joinpath("un_roll_call_issues.csv").open(encoding="utf-8") as f:
            wanted &= {int(r["rcid"]) for r in csv.DictReader(f) if r["short_name"] == issue}
    cast: dict[str, dict[int, str]] = {a: {}, b: {}}
    for row in _votes():
        if row["country"] in cast and int(row["rcid"]) in wanted:
            cast[row["country"]][int(row["rcid"])] = row["vote"]
    both = cast[a].keys() & cast[b].keys()
    return len(both), sum(cast[a][r] == cast[b][r] for r in both)


def _pair(view_a: str, view_b: str, **period: dt.date) -> tuple[int, int]:
    view = assembly_view(**period)
    found = [p for p in view.agreement if {p.a, p.b} == {view_a, view_b}]
    assert len(found) == 1, f"{view_a}-{view_b} not in the view"
    return found[0].together, found[0].same


def test_the_bundled_files_are_the_ones_source_yaml_describes() -> None:
    source = parse_yaml(DATA.joinpath("SOURCE.yaml").read_text(encoding="utf-8"))
    assert source["commit"] == "7eb7034314ff79c49c9e0785fcd9d216fa04cf14"
    for entry in source["files"]:
        data = DATA.joinpath(entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["file"]
    votes = assembly_votes()
    assert (len(votes.rcid), int((votes.casts > 0).sum())) == (6203, 870109)
    assert str(votes.dates.max()) == LAST_ROLL_CALL.isoformat() == "2020-01-14"


def test_every_state_that_sat_on_the_council_while_the_data_run_is_matched() -> None:
    matches = council_matches()
    unmatched = {k: m.note for k, m in matches.items() if not m.is_matched}
    assert unmatched == {}
    assert len(matches) == 134


def test_each_council_term_has_the_member_s_own_assembly_votes_while_it_sat() -> None:
    """Every elected term of 1946 to 2019: the rows matched to the member hold votes in the
    General Assembly while it sat (its term's years)."""
    law, votes = bundled_law(), assembly_votes()
    matches = council_matches(law)
    years = votes.dates.astype("datetime64[Y]").astype(int) + 1970
    empty = []
    for term in law.terms:
        if term.start > LAST_ROLL_CALL:
            continue
        column = votes.column(matches[term.key].windows)
        sat = (years >= term.start.year) & (years <= term.end.year)
        if not (column[sat] > 0).any():
            empty.append(f"{term.key} {term.start.year}-{term.end.year}")
    # Czechoslovakia sat for 1964 only (the term split with Malaysia), a year in which the
    # data hold no roll call at all: the nineteenth session went on without votes while
    # the Members disputed Article 19.
    assert empty == ["CSK 1964-1964"]
    assert not (years == 1964).any()


def test_names_the_data_share_or_change_are_split_by_date() -> None:
    countries = assembly_votes().country_codes
    assert countries["Namibia"] == "NA"  # a code, not a missing value
    assert match("NAM", countries).windows[0].country == "Namibia"
    ussr, russia = match("SUN", countries), match("RUS", countries)
    assert ussr.windows[0].country == russia.windows[0].country == "Russia"
    assert ussr.windows[0].end == dt.date(1991, 12, 23)
    assert russia.windows[0].start == dt.date(1991, 12, 24)
    germany = match("DEU", countries)
    assert [w.country for w in germany.windows] == ["Federal Republic of Germany", "Germany"]
    assert "3 October 1990" in germany.note
    assert match("TWN", countries).windows[0].country == "Taiwan"
    assert match("DDR", countries).windows[0].country == "German Democratic Republic"
    assert match("CSK", countries).windows[0].country == "Czechoslovakia"
    assert not match("XKX", countries).is_matched


def test_the_us_and_the_uk_in_2019_as_the_raw_csv_gives_them() -> None:
    expected = _agreement("United States", "United Kingdom", "2019-01-01", "2019-12-31")
    assert expected == (90, 48)
    assert _pair("USA", "GBR", start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31)) == expected


def test_the_us_and_the_ussr_in_1960_read_from_the_data_s_russia() -> None:
    expected = _agreement("United States", "Russia", "1960-01-01", "1960-12-31")
    assert expected[0] > 0
    assert _pair("USA", "SUN", start=dt.date(1960, 1, 1), end=dt.date(1960, 12, 31)) == expected


def test_an_issue_keeps_only_its_roll_calls() -> None:
    expected = _agreement("United States", "France", "2010-01-01", "2011-12-31", issue="hr")
    view = assembly_view(start=dt.date(2010, 1, 1), end=dt.date(2011, 12, 31), issue="Human rights")
    assert view.issue == "hr"
    pair = next(p for p in view.agreement if {p.a, p.b} == {"USA", "FRA"})
    assert (pair.together, pair.same) == expected


def test_the_permanent_seats_per_year_follow_their_holders() -> None:
    view = assembly_view(start=dt.date(1971, 1, 1), end=dt.date(1972, 12, 31))
    years = {y.year: {(p.a, p.b): p for p in y.pairs} for y in view.permanent_by_year}
    china_us = _agreement("Taiwan", "United States", "1971-01-01", "1971-10-24")
    prc_us = _agreement("China", "United States", "1971-10-25", "1971-12-31")
    pair = years[1971]["China", "United States"]
    assert (pair.together, pair.same) == (china_us[0] + prc_us[0], china_us[1] + prc_us[1])


def test_a_period_after_the_data_says_so_in_words() -> None:
    view = assembly_view(start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31))
    assert view.roll_calls == 0 and view.agreement == ()
    assert "stop on 2020-01-14" in view.note and "2022-01-01" in view.note
    assert {m.key for m in view.members} >= {"USA", "ALB", "BRA"}
    partial = assembly_view(start=dt.date(2019, 6, 1), end=dt.date(2021, 12, 31))
    assert "the figures cover 2019-06-01 to 2020-01-14" in partial.note
    assert "absences" in partial.definitions
    assert assembly_view(start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31)).note == ""


def test_bad_input_says_what_to_give() -> None:
    with pytest.raises(UnscError, match="me \\(Palestinian conflict\\)"):
        issue_code("sanctions")
    with pytest.raises(UnscError, match="swap them"):
        assembly_view(start=dt.date(2020, 1, 1), end=dt.date(2019, 1, 1))


def test_rows_that_do_not_fit_are_refused_by_name() -> None:
    ok = {
        "rcid": [1],
        "dates": [dt.date(1946, 1, 1)],
        "countries": [("Ruritania", "RR")],
        "vote_country": [0],
        "vote_index": [0],
        "issue_rcid": [],
        "issue": [],
    }
    with pytest.raises(ValueError, match="'present' is not yes, no or abstain"):
        AssemblyVotes.from_columns(**ok, vote_rcid=[1], vote=["present"])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="rcid 7 is not a roll call"):
        AssemblyVotes.from_columns(**ok, vote_rcid=[7], vote=["yes"])  # type: ignore[arg-type]


def test_the_command_gives_the_matrix_with_its_source() -> None:
    from typer.testing import CliRunner

    from unsc.cli import app

    runner = CliRunner()
    args = ["alignment", "--assembly", "--from", "2019-01-01", "--to", "2019-12-31"]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    pair = next(p for p in data["agreement"] if {p["a"], p["b"]} == {"USA", "GBR"})
    assert (pair["together"], pair["same"], pair["agreement"]) == (90, 48, 0.5333)
    assert data["roll_calls"] == 90 and len(data["members"]) == 15
    assert "hdl:1902.1/12379" in data["source"]["citation"]
    table = runner.invoke(app, args)
    assert table.exit_code == 0 and "United States" in table.stdout and "53%" in table.stdout
    later = runner.invoke(app, ["alignment", "--assembly", "--from", "2022-01-01"])
    assert later.exit_code == 0 and "stop on 2020-01-14" in later.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--assembly", "--issue", "sanctions"], "hr (Human rights)"),
        (["--issue", "hr"], "add --assembly"),
        (["--assembly", "--subject", "KOREA"], "give --issue instead"),
        (["--assembly", "--from", "2020-01-01", "--to", "2019-01-01"], "swap them"),
    ],
)
def test_the_command_refuses_bad_input_with_what_to_do(args: list[str], words: str) -> None:
    from typer.testing import CliRunner

    from unsc.cli import app

    result = CliRunner().invoke(app, ["alignment", *args])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert words in " ".join(result.output.split())
