"""The bundled reform proposals: each figure stands in the text quoted, and bad input is refused."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from unsc.core.errors import LawDataError
from unsc.core.reform import ReformError, council, number_in_words
from unsc.service.reform import load_reforms, parse_reforms, reform_council, reform_list

BUNDLED = [r for r in load_reforms() if r.bundled]


def _text() -> str:
    return resources.files("unsc.data.reforms").joinpath("reforms.yaml").read_text("utf-8")


def test_the_three_2005_drafts_are_listed_each_with_its_symbol_and_what_was_read() -> None:
    by_key = {r.key: r for r in load_reforms()}
    assert {k: by_key[k].symbol for k in ("g4", "uniting-for-consensus", "african-union")} == {
        "g4": "A/59/L.64",
        "uniting-for-consensus": "A/59/L.68",
        "african-union": "A/59/L.67",
    }
    for r in load_reforms():
        assert r.official_url == f"https://undocs.org/en/{r.symbol}"
        assert r.read and all(
            x.url.startswith("https://") and x.read_on.year >= 2026 for x in r.read
        )
        if not r.bundled:
            assert r.why_not_bundled and "not read" in r.why_not_bundled
            assert not r.categories and r.seats is None  # no figure from anywhere else
    assert by_key["g4"].date is not None and by_key["g4"].date.isoformat() == "2005-07-06"


@pytest.mark.parametrize("reform", BUNDLED, ids=lambda r: r.key)
def test_each_figure_is_the_one_in_the_quoted_paragraph(reform) -> None:  # type: ignore[no-untyped-def]
    text = reform.quote("art23_1").text
    seats = re.search(r"shall consist of ([a-z-]+) Members", text)
    elected = re.search(r"shall elect ([a-z-]+) other members", text)
    assert seats and elected, text
    assert number_in_words(seats.group(1)) == reform.seats == 25
    by_name = {c.name: c for c in reform.categories}
    assert number_in_words(elected.group(1)) == len(by_name["non-permanent"].seat_names) == 20
    named = text.split("Members of the United Nations.")[1].split("shall be permanent members")[0]
    permanent = by_name["permanent"].holders
    assert len(permanent) == 5 and all(name in named for name in permanent)
    assert by_name["permanent"].veto and not by_name["non-permanent"].veto


def test_drifted_data_is_refused_with_the_figure_and_the_quote() -> None:
    with pytest.raises(LawDataError, match="the categories hold 25 seats, not 26"):
        parse_reforms(_text().replace("seats: 25", "seats: 26", 1))
    with pytest.raises(LawDataError, match="21 non-permanent seats are not in art23_1"):
        parse_reforms(
            _text().replace("count: 20", "count: 21", 1).replace("seats: 25", "seats: 26")
        )
    with pytest.raises(LawDataError, match="'Republic of France' is not in the quoted art23_1"):
        parse_reforms(_text().replace("- France\n", "- Republic of France\n", 1))


def test_votes_needed_is_an_option_and_its_default_says_it_is_an_assumption() -> None:
    ufc = reform_council("uniting-for-consensus")
    assert ufc.votes_needed == 15 and not ufc.given
    (option,) = ufc.reform.options
    assert option.key == "votes_needed" and "assumption, not the draft's" in option.why
    assert reform_council("Uniting-for-Consensus", ["votes_needed=14"]).votes_needed == 14
    assert len(ufc.seats) == 25 and ufc.veto == ufc.seats[:5]


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("g5", [], "unknown reform 'g5': give one of uniting-for-consensus"),
        ("g4", [], "g4 (A/59/L.64) is not bundled: its operative paragraphs"),
        ("african-union", [], "A/59/L.67) is not bundled: no copy of A/59/L.67's text"),
        ("uniting-for-consensus", ["seats=30"], "has no option 'seats'; its options: votes_needed"),
        ("uniting-for-consensus", ["votes_needed=x"], "votes_needed='x': give a whole number"),
        ("uniting-for-consensus", ["votes_needed=26"], "give a number from 1 to 25"),
        ("uniting-for-consensus", ["votes_needed"], "give KEY=VALUE"),
    ],
)
def test_errors_say_what_to_give(name: str, options: list[str], message: str) -> None:
    with pytest.raises(ReformError, match=re.escape(message)):
        reform_council(name, options)


def test_a_mapping_of_options_and_the_list() -> None:
    (ufc,) = BUNDLED
    assert council(ufc, {"votes_needed": "13"}).votes_needed == 13
    assert [r["bundled"] for r in reform_list()] == [True, False, False]


def test_numbers_in_words() -> None:
    assert [number_in_words(w) for w in ("nine", "Fifteen", "twenty", "twenty-five")] == [
        9,
        15,
        20,
        25,
    ]
    with pytest.raises(ValueError, match="not a number"):
        number_in_words("twenty-ten")
