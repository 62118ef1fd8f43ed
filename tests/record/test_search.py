"""Search over the whole record, on SQLite and on PostgreSQL: the issue's must-shows."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unsc.core.search_query import QueryError, fts5_match, parse_query, symbol_key
from unsc.record.search import EventRow, Response, link_events
from unsc.service.database import Database
from unsc.service.search import SearchError, SearchPage, country_names, search


def symbols(page: SearchPage) -> list[str]:
    return [r.symbol for r in page.items]


def find(database: Database, q: str, kind: str, limit: int = 20) -> list[str]:
    with database.sessions() as db:
        return symbols(search(db, q, kinds=[kind], limit=limit))


@pytest.mark.parametrize("q", ["North Korea", "DPRK", "Democratic People's Republic of Korea"])
def test_the_dprk_under_any_name_finds_2270_and_the_2022_veto(record: Database, q: str) -> None:
    assert "S/RES/2270 (2016)" in find(record, q, "resolution")
    assert "S/2022/431" in find(record, q, "vote", limit=100)


def test_korea_finds_2270_whose_vote_title_is_cut_off(record: Database) -> None:
    assert "S/RES/2270 (2016)" in find(record, "Korea", "resolution", limit=100)
    assert "S/RES/2270 (2016)" in find(record, "Korea", "vote", limit=100)


def test_hwasong_finds_the_councils_responses_and_a_launch(record: Database) -> None:
    with record.sessions() as db:
        page = search(db, "Hwasong", kinds=["statement"])
    assert symbols(page)[0] == "S/PRST/2017/16"
    said = page.items[0].snippet_text
    assert "the launch of 28 August 2017 (Hwasong-12)" in said
    assert [s.text for s in page.items[0].snippet if s.marked] == ["Hwasong"] * len(
        [s for s in page.items[0].snippet if s.marked]
    )
    assert "S/PV.9048" in find(record, "Hwasong", "meeting", limit=100)
    launches = find(record, "Hwasong", "event", limit=5)
    assert launches and all(name.startswith("Hwasong") for name in launches)


@pytest.mark.parametrize(
    ("q", "kind", "first"),
    [
        ("S/PRST/2017/16", "statement", "S/PRST/2017/16"),
        ("s/prst/2017/16", "statement", "S/PRST/2017/16"),
        ("S/PV.9048", "meeting", "S/PV.9048"),
        ("PV 9048", "meeting", "S/PV.9048"),
        ("2397", "resolution", "S/RES/2397 (2017)"),
        ("resolution 2397", "resolution", "S/RES/2397 (2017)"),
        ("S/RES/2397(2017)", "resolution", "S/RES/2397 (2017)"),
        ("S/RES/2397 (2017)", "resolution", "S/RES/2397 (2017)"),
        ("S/2022/431", "vote", "S/2022/431"),
    ],
)
def test_a_symbol_in_any_spelling_puts_its_document_first(
    record: Database, q: str, kind: str, first: str
) -> None:
    with record.sessions() as db:
        page = search(db, q)
    assert page.items[0].symbol == first
    assert page.items[0].kind == kind
    assert page.items[0].exact


@pytest.mark.parametrize("q", ["2022-05-26", "26 May 2022", "May 26, 2022"])
def test_a_date_finds_that_days_meeting(record: Database, q: str) -> None:
    with record.sessions() as db:
        page = search(db, q, kinds=["meeting"], limit=50)
    assert "S/PV.9048" in symbols(page)
    assert {r.date for r in page.items} == {dt.date(2022, 5, 26)}


def test_a_month_and_a_word(record: Database) -> None:
    with record.sessions() as db:
        page = search(db, "May 2022 Korea", kinds=["meeting"], limit=50)
    assert set(symbols(page)) == {"S/PV.9030", "S/PV.9048"}


def test_groups_count_every_kind_and_filters_narrow(record: Database) -> None:
    with record.sessions() as db:
        whole = search(db, "Hwasong")
        only = search(db, "Hwasong", kinds=["event"], end=dt.date(2017, 12, 31))
    counts = {g.kind: g.total for g in whole.groups}
    assert whole.total == sum(counts.values())
    assert counts["event"] > 10
    assert only.total < counts["event"]
    assert all(r.kind == "event" and r.date and r.date.year <= 2017 for r in only.items)


@pytest.mark.parametrize(
    ("q", "kinds", "start", "end", "says"),
    [
        ("", [], None, None, "empty"),
        ("   ", [], None, None, "empty"),
        ("x" * 201, [], None, None, "200"),
        ("Korea", ["speeches"], None, None, "unknown kind"),
        ("Korea", [], dt.date(2022, 1, 2), dt.date(2022, 1, 1), "swap"),
        ("!!! ???", [], None, None, "nothing to search"),
    ],
)
def test_bad_input_says_what_to_do(
    record: Database,
    q: str,
    kinds: list[str],
    start: dt.date | None,
    end: dt.date | None,
    says: str,
) -> None:
    with record.sessions() as db, pytest.raises(SearchError, match=says):
        search(db, q, kinds=kinds, start=start, end=end)


@given(st.text(max_size=250))
@settings(max_examples=300, deadline=None)
def test_the_parser_never_raises_but_query_error(text: str) -> None:
    try:
        query = parse_query(text, country_names())
    except QueryError:
        return
    match = fts5_match(query)
    if match is None:
        return
    # Every phrase is one quoted string: outside the quotes only AND, OR and brackets.
    outside = "".join(part for i, part in enumerate(match.split('"')) if i % 2 == 0)
    assert set(outside.replace("AND", "").replace("OR", "")) <= set("() ")


_FTS_SYNTAX = st.sampled_from(['"', "*", "^", ":", "(", ")", "-", "+", "NEAR", "OR", "NOT"])


@given(st.lists(st.one_of(_FTS_SYNTAX, st.text(min_size=1, max_size=8)), min_size=1, max_size=12))
@settings(max_examples=200, deadline=None)
def test_fts5_syntax_typed_by_users_is_searched_as_text(record: Database, parts: list[str]) -> None:
    text = " ".join(parts)
    with record.sessions() as db, contextlib.suppress(SearchError):
        search(db, text, limit=3)


def test_symbol_keys_fold_spelling() -> None:
    assert symbol_key("S/RES/2397 (2017)") == symbol_key("s/res/2397(2017)") == "S/RES/2397(2017)"


def test_countries_under_every_name() -> None:
    names = country_names()
    for typed in ("North Korea", "D.P.R.K.", "Korea DPR", "DPRK"):
        group = parse_query(typed, names).groups[0]
        assert "democratic people's republic of korea" in group
        assert "dprk" in group
    assert "union of soviet socialist republics" in parse_query("Russia", names).groups[0]
    assert "russian federation" in parse_query("USSR", names).groups[0]
    assert "islamic republic of iran" in parse_query("Iran", names).groups[0]
    assert "syrian arab republic" in parse_query("Syria", names).groups[0]
    assert "united kingdom" in parse_query("UK", names).groups[0]
    assert "united states of america" in parse_query("US", names).groups[0]
    # "us" is the pronoun in running text: never searched as a word.
    assert "us" not in parse_query("US", names).groups[0]


def test_the_launch_rule() -> None:
    launch = EventRow(1, "missile_launch", dt.date(2017, 8, 28), "Hwasong-12", "IRBM")
    late = EventRow(2, "missile_launch", dt.date(2019, 5, 4), "KN-23", "SRBM")
    responses = [
        Response("meeting:S/PV.8034", dt.date(2017, 8, 29), False, "S/PV.8034"),
        Response(
            "statement:S/PRST/2017/16",
            dt.date(2017, 8, 29),
            True,
            "S/PRST/2017/16",
            ("meeting:S/PV.8034",),
        ),
        Response("resolution:S/RES/2375 (2017)", dt.date(2017, 9, 11), True, "S/RES/2375"),
        Response("resolution:S/RES/2515 (2020)", dt.date(2020, 3, 30), True, "S/RES/2515"),
    ]
    links = link_events([launch, late], responses)
    assert set(links.after) == {"meeting:S/PV.8034", "statement:S/PRST/2017/16"}
    assert 2 not in links.followed_by  # nothing within 60 days of 4 May 2019
