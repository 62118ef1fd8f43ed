"""What-if replay of the record under rules the Charter does not have, on both databases."""

from __future__ import annotations

import datetime as dt

import pytest

from unsc.analysis.whatif import RuleError, RuleKind, decide_under, parse_rule
from unsc.core.errors import UnknownMemberError, UnscError
from unsc.core.types import Cast, Question, QuestionKind
from unsc.record import queries
from unsc.service.database import Database
from unsc.service.record import bundled_law
from unsc.service.whatif import NO_CASTS, WITHOUT_VOTE, WhatIfView, whatif_view


def _changed(view: WhatIfView) -> dict[str, tuple[str, str]]:
    return {v.symbol: (v.recorded, v.whatif) for v in view.votes}


# -- the rules, on ballots of real days ------------------------------------------


def _ballot(day: dt.date, **casts: Cast) -> dict[str, Cast]:
    council = bundled_law().on(day)
    return {m.key: casts.get(m.key, Cast.YES) for m in council.members}


def test_procedural_votes_have_no_veto_under_any_rule_but_a_threshold_applies() -> None:
    day = dt.date(2022, 5, 26)
    council = bundled_law().on(day)
    casts = _ballot(day, RUS=Cast.NO, CHN=Cast.NO, USA=Cast.ABSTAIN, FRA=Cast.NO, GBR=Cast.NO)
    question = Question(kind=QuestionKind.PROCEDURAL)
    for text in ("no-veto", "abstention-veto", "two-vetoes", "veto-for=Albania"):
        result = decide_under(parse_rule(text), council, question, casts)
        assert result.charter.is_adopted and result.whatif.is_adopted and not result.is_changed
    result = decide_under(parse_rule("threshold=12"), council, question, casts)
    assert result.charter.is_adopted and not result.whatif.is_adopted
    assert "12 affirmative votes are required under this rule instead of 9" in " ".join(
        result.whatif.details
    )


def test_unknown_rules_and_bad_numbers_say_what_to_write() -> None:
    with pytest.raises(RuleError, match="no-veto, abstention-veto, two-vetoes"):
        parse_rule("veto")
    with pytest.raises(RuleError, match="from 1 to 15"):
        parse_rule("threshold=16")
    with pytest.raises(RuleError, match="from 1 to 15"):
        parse_rule("threshold=nine")
    with pytest.raises(RuleError, match="veto-for=STATE"):
        parse_rule("veto-for=")
    with pytest.raises(RuleError, match="takes no value"):
        parse_rule("no-veto=1")
    assert parse_rule(" Threshold = 10 ").threshold == 10
    assert parse_rule("veto-for=Japan").kind is RuleKind.VETO_FOR


# -- the whole record ------------------------------------------------------------


def test_no_veto_adopts_s_2022_431_and_every_vetoed_draft(record: Database) -> None:
    view = whatif_view(record, "no-veto")
    changed = _changed(view)
    assert changed["S/2022/431"] == ("vetoed", "adopted")
    with record.sessions() as s:
        vetoed = queries.list_votes(
            s, queries.VoteFilter(outcome="vetoed"), limit=10_000, offset=0
        ).items
    # A veto needs the votes: every vetoed draft had the threshold (9 since 1966) or more.
    assert all(v.yes is not None and v.threshold and v.yes >= v.threshold for v in vetoed)
    assert {v.id for v in view.votes} == {v.id for v in vetoed}
    assert all(v.whatif == "adopted" for v in view.votes)
    why = next(v for v in view.votes if v.symbol == "S/2022/431")
    assert why.why.startswith("The draft resolution has been adopted.")
    assert "People's Republic of China and Russian Federation is not a veto" in why.why
    assert why.recorded_why.startswith("The draft resolution has not been adopted, owing to")
    assert (view.total, view.changed) == (3174, 271)


def test_two_vetoes_adopts_s_2024_255_but_not_s_2022_431(record: Database) -> None:
    view = whatif_view(record, "two-vetoes")
    changed = _changed(view)
    assert changed["S/2024/255"] == ("vetoed", "adopted")
    assert "S/2022/431" not in changed


def test_abstention_veto_defeats_s_res_825(record: Database) -> None:
    view = whatif_view(
        record, "abstention-veto", start=dt.date(1993, 1, 1), end=dt.date(1993, 12, 31)
    )
    changed = {v.symbol: v for v in view.votes}
    assert (changed["S/RES/825 (1993)"].recorded, changed["S/RES/825 (1993)"].whatif) == (
        "adopted",
        "vetoed",
    )
    assert (
        "abstention of People's Republic of China counts as a veto"
        in changed["S/RES/825 (1993)"].why
    )
    assert all(v.date.year == 1993 for v in view.votes)


def test_threshold_counts(record: Database) -> None:
    seven = whatif_view(record, "threshold=7")
    # Seven was the threshold of the eleven-member Council: only later votes can change,
    # and only towards adoption (no vote has fewer than 7 yes and passed).
    assert all(v.date.year >= 1966 and v.whatif == "adopted" for v in seven.votes)
    ten = whatif_view(record, "threshold=10")
    assert all(v.recorded == "adopted" and v.whatif != "adopted" for v in ten.votes)
    assert (
        ten.changed == sum(y.changed for y in ten.by_year) == sum(y.now_failed for y in ten.by_year)
    )
    assert (seven.changed, ten.changed) == (3, 88)


def test_veto_for_an_elected_member_only_where_it_sat(record: Database) -> None:
    brazil = whatif_view(record, "veto-for=Brazil")
    # S/RES/1929 (2010), Iran: 12-2-1, Brazil and Turkey against.
    assert _changed(brazil) == {"S/RES/1929 (2010)": ("adopted", "vetoed")}
    assert brazil.sat_in is not None and 0 < brazil.sat_in < brazil.total
    assert "Brazil sat as an elected member" in brazil.votes[0].why
    japan = whatif_view(record, "veto-for=JPN")
    assert japan.changed == 0 and japan.sat_in and japan.sat_in > 1000
    with pytest.raises(UnknownMemberError, match="unknown member"):
        whatif_view(record, "veto-for=Atlantis")


def test_votes_without_casts_are_counted_never_invented(record: Database) -> None:
    view = whatif_view(record, "no-veto", start=dt.date(2026, 1, 1))
    assert view.not_replayed == {NO_CASTS: 1}  # S/RES/2812 (2026): 13-0-2, members unknown
    assert view.total == 13
    whole = whatif_view(record, "two-vetoes")
    assert whole.not_replayed == {WITHOUT_VOTE: 38, NO_CASTS: 5}
    assert whole.total + 38 + 5 == 3217


def test_filters_by_member_and_subject_and_a_bad_period(record: Database) -> None:
    korea = whatif_view(record, "no-veto", subject="KOREA")
    assert "S/2022/431" in _changed(korea) and korea.total < 200
    japan = whatif_view(record, "no-veto", member="Japan")
    assert japan.total == whatif_view(record, "veto-for=Japan").sat_in
    with pytest.raises(UnscError, match="swap them"):
        whatif_view(record, "no-veto", start=dt.date(2000, 1, 1), end=dt.date(1999, 1, 1))


# -- the command -----------------------------------------------------------------


def test_the_command_prints_the_documented_json(record: Database) -> None:
    import json

    from typer.testing import CliRunner

    from unsc.cli import app

    runner = CliRunner()
    args = ["whatif", "--rule", "no-veto", "--from", "2022-01-01", "--to", "2022-12-31"]
    result = runner.invoke(app, [*args, "--db", record.url, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"rule", "total", "changed", "votes", "not_replayed", "by_year"} <= set(data)
    assert data["rule"] == "no-veto" and data["changed"] == len(data["votes"])
    first = data["votes"][0]
    assert {"id", "symbol", "date", "recorded", "whatif", "why"} <= set(first)
    assert "S/2022/431" in {v["symbol"] for v in data["votes"]}
    assert data["source"]["licence"] == "CC BY 4.0"
    bad = runner.invoke(app, ["whatif", "--rule", "threshold=x", "--db", record.url])
    assert bad.exit_code == 2 and "from 1 to 15" in bad.stderr
    assert "Traceback" not in bad.output
    unknown = runner.invoke(app, ["whatif", "--rule", "veto-for=Narnia", "--db", record.url])
    assert unknown.exit_code == 2 and "unknown member 'Narnia'" in unknown.stderr
