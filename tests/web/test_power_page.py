"""The ``/power`` page in Chromium: the Council on a date, a game of one's own, bad input."""

from __future__ import annotations

import urllib.error
import urllib.request

from playwright.sync_api import Page, expect


def test_the_2022_council_shows_exact_fractions_and_a_chart(page: Page, server: str) -> None:
    page.goto(server + "/power?on=2022-05-26")
    expect(page.locator("h1")).to_have_text("Voting power")
    table = page.locator("#table-power")
    row = table.locator("tr", has_text="United States")
    expect(row).to_contain_text("421/2145")
    expect(row).to_contain_text("53/1024")
    expect(table.locator("tr", has_text="Albania")).to_contain_text("4/2145")
    expect(table.locator("tr", has_text="Albania")).to_contain_text("0.001865")
    charts = page.locator("figure svg.chart")
    expect(charts).to_have_count(2)  # the yes/no index, then the one with abstention
    assert "United States: 19.6%" in (charts.first.get_attribute("aria-label") or "")
    expect(page.locator("#definitions")).to_contain_text("Shapley and Shubik (1954)")
    expect(page.locator("main")).to_contain_text(
        "every permanent member among them (Charter Art. 27(3))"
    )


def test_the_council_with_abstention_beside_the_yes_no_indices(page: Page, server: str) -> None:
    page.goto(server + "/power?on=2022-05-26")
    section = page.locator("#abstention")
    expect(page.locator("#abstention-heading")).to_have_text("With abstention")
    expect(section).to_contain_text("its abstention does not")
    expect(section).to_contain_text("Namibia advisory opinion")
    row = section.locator("#table-ternary tr", has_text="Albania")
    expect(row).to_contain_text("26557607/1450833930")  # about 1.8%, not 0.19%
    expect(row).to_contain_text("5906/531441")
    us = section.locator("#table-ternary tr", has_text="United States")
    expect(us).to_contain_text("12820/1594323")  # its abstention passes where its no fails
    chart = section.locator("figure svg.chart")
    assert "Albania: 1.8%" in (chart.get_attribute("aria-label") or "")
    expect(page.locator("#definitions")).to_contain_text("Felsenthal and Machover (1997)")
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_weighted_game_of_ones_own_from_the_form(page: Page, server: str) -> None:
    page.goto(server + "/power")
    page.get_by_label("Weights").fill("2,1,1")
    page.get_by_label("Quota").fill("3")
    page.get_by_label("Names").fill("Big,Left,Right")
    page.get_by_role("button", name="Compute").click()
    row = page.locator("#table-power tr", has_text="Big")
    expect(row).to_contain_text("2/3")  # Shapley–Shubik of [3; 2, 1, 1]
    expect(page.locator("#table-power tr", has_text="Left")).to_contain_text("1/6")
    expect(page.locator("#abstention")).to_have_count(0)  # a weighted game has no abstention


def test_bad_input_is_refused_with_what_to_give_instead(server: str) -> None:
    for query, says in [
        ("on=2022-13-01", "is not a real date"),
        ("weights=2,x,1&quota=3", "whole numbers separated by commas"),
        ("weights=2,1,1&quota=9", "quota 9 is out of range"),
        ("weights=2,1,1", "give a quota"),
        ("on=2099-01-01", "give an earlier date"),
    ]:
        try:
            urllib.request.urlopen(f"{server}/power?{query}")
        except urllib.error.HTTPError as e:
            body = e.read().decode()
            assert e.code == 422, query
            assert says in body, (query, body[:2000])
            assert "Traceback" not in body
        else:
            raise AssertionError(f"/power?{query} was not refused")


def test_a_reform_picked_beside_the_date_shows_its_document_and_todays_council(
    page: Page, server: str
) -> None:
    page.goto(server + "/power")
    page.get_by_label("Reform").select_option("uniting-for-consensus")
    page.get_by_role("button", name="Compute").click()
    link = page.locator("#reform a", has_text="A/59/L.68")
    expect(link).to_have_attribute("href", "https://undocs.org/en/A/59/L.68")
    expect(page.locator("#reform blockquote").first).to_contain_text(
        "shall consist of twenty-five Members"
    )
    compare = page.locator("#table-reform-compare")
    expect(compare.locator("tr", has_text="permanent (veto)")).to_contain_text("332/1725")
    expect(compare.locator("tr", has_text="non-permanent")).to_contain_text("13/6900")
    expect(page.locator("#reform")).to_contain_text("votes_needed = 15 (by default)")
    expect(page.locator("#table-power tr", has_text="Elected 20")).to_contain_text("13/6900")
    page.get_by_label("Votes needed").fill("14")
    page.get_by_role("button", name="Compute").click()
    expect(page.locator("#reform")).to_contain_text("votes_needed = 14 (given)")


def test_a_reform_not_bundled_says_why(server: str) -> None:
    try:
        urllib.request.urlopen(f"{server}/power?reform=g4")
    except urllib.error.HTTPError as e:
        body = e.read().decode()
        assert e.code == 422 and "A/59/L.64) is not bundled" in body
    else:
        raise AssertionError("/power?reform=g4 was not refused")


def test_a_reform_has_its_abstention_aware_table_too(page: Page, server: str) -> None:
    page.goto(server + "/power?reform=uniting-for-consensus")
    expect(page.locator("#abstention-heading")).to_have_text("With abstention")
    rows = page.locator("#table-ternary tbody tr")
    expect(rows).to_have_count(25)
    expect(page.locator("#table-ternary")).to_contain_text("non-permanent")
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
