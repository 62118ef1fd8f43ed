"""The documents' pages in a real headless Chromium: a resolution's numbered paragraphs with
their permalinks, a meeting, the meetings and statements lists with their charts, and a
vote page that leads to its meeting, draft, resolution, members and neighbours."""

from __future__ import annotations

import csv
import io

from playwright.sync_api import Page, expect


def test_2397_with_op28_at_its_permalink(page: Page, server: str) -> None:
    page.goto(server + "/resolutions/2397#op28")
    expect(page.get_by_role("heading", level=1)).to_have_text("S/RES/2397 (2017)")
    op28 = page.locator("li#op28")
    expect(op28).to_contain_text("intercontinental")
    expect(op28).to_be_in_viewport()
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("S/PV.8151")
    expect(facts).to_contain_text("UNITED STATES")
    expect(facts).to_contain_text("15-0-0")
    # What it changed in the regime, each change linked to its paragraph.
    changes = page.locator("ul.changes")
    expect(changes).to_contain_text("OP4")
    changes.get_by_role("link", name="OP5", exact=True).first.click()
    expect(page).to_have_url(server + "/resolutions/2397#op5")
    expect(page.locator("li#op5")).to_contain_text("500,000 barrels")
    page.get_by_role("link", name="S/PV.8151").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("S/PV.8151")
    expect(page.locator("main")).to_contain_text("S/RES/2397 (2017)")


def test_a_meeting_and_its_veto(page: Page, server: str) -> None:
    page.goto(server + "/meetings/S/PV.9048")
    expect(page.locator("dl.facts")).to_contain_text("public")
    expect(page.locator("ol.agenda")).to_contain_text("Democratic People's Republic of Korea")
    page.get_by_role("link", name="S/2022/431").last.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("S/2022/431")


def test_meetings_filtered_with_their_chart(page: Page, server: str) -> None:
    page.goto(server + "/meetings")
    expect(page.locator(".filter-summary")).to_contain_text("of them private (closed)")
    chart = page.locator("svg.chart")
    expect(chart).to_be_visible()
    expect(chart).to_contain_text("private (closed)")
    page.get_by_role("textbox", name="Year").fill("2021")
    page.get_by_role("combobox", name="Format").select_option("private")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("#table-meetings tbody tr")
    expect(rows.first).to_contain_text("2021-")
    expect(rows.first).to_contain_text("private (closed)")
    data = list(csv.DictReader(io.StringIO(_download(page, "meetings"))))
    assert data and all(r["date"].startswith("2021") for r in data)
    assert {r["format"] for r in data} == {"private (closed)"}


def test_a_bad_year_is_explained(page: Page, server: str) -> None:
    response = page.goto(server + "/meetings?year=19x")
    assert response is not None and response.status == 422
    expect(page.locator(".message")).to_contain_text("year: a year from 1946")


def test_statements_per_year_and_one_statement(page: Page, server: str) -> None:
    page.goto(server + "/statements?year=2017")
    expect(page.locator("svg.chart")).to_contain_text("Presidential statements per year")
    page.get_by_role("link", name="S/PRST/2017/16", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("S/PRST/2017/16")
    expect(page.locator("section.text")).to_contain_text("ballistic missile launch")
    expect(page.locator("dl.facts")).to_contain_text("S/PV.8034")


def test_the_vote_page_leads_everywhere(page: Page, server: str) -> None:
    page.goto(server + "/votes?symbol=S/RES/2397+(2017)")
    page.locator("#table-votes tbody a").first.click()
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("UNITED STATES")  # the sponsor
    here = page.url
    page.get_by_role("link", name="next vote →").click()
    page.get_by_role("link", name="← previous vote").click()
    expect(page).to_have_url(here)
    facts.get_by_role("link", name="S/RES/2397 (2017)").click()
    expect(page).to_have_url(server + "/resolutions/2397")
    page.go_back()
    facts.get_by_role("link", name="S/PV.8151").click()
    expect(page).to_have_url(server + "/meetings/S/PV.8151")
    page.go_back()
    page.locator("#table-casts").get_by_role("link", name="Russian Federation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Russian Federation")


def test_a_vetoed_drafts_text(page: Page, server: str) -> None:
    page.goto(server + "/votes?symbol=S/2024/255")
    page.locator("#table-votes tbody a").first.click()
    page.locator("dl.facts").get_by_role("link", name="S/2024/255").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft S/2024/255")
    expect(page.locator("dl.facts")).to_contain_text("United States of America")
    expect(page.locator("li#op1")).to_be_visible()


def _download(page: Page, table: str) -> str:
    with page.expect_download() as info:
        page.locator(f"#table-{table}").get_by_role("link", name="CSV", exact=True).click()
    return info.value.path().read_text(encoding="utf-8")


def test_sanctions_and_resolutions_link_both_ways(page: Page, server: str) -> None:
    page.goto(server + "/sanctions?on=2018-06-01")
    quote = page.locator("details.quote").filter(has_text="S/RES/2397 (2017), OP5").first
    quote.locator("summary").click()
    quote.get_by_role("link", name="In its resolution's text here").click()
    expect(page).to_have_url(server + "/resolutions/2397#op5")
    expect(page.locator("li#op5")).to_contain_text("500,000 barrels")
    page.locator("ul.changes").get_by_role("link", name="the regime on that day").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sanctions")


def test_resolutions_by_subject(page: Page, server: str) -> None:
    page.goto(server + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Resolutions").click()
    expect(page.locator("svg.chart")).to_contain_text("Resolutions per year")
    page.get_by_role("textbox", name="Subject").fill("KOREA")
    page.get_by_role("button", name="Filter").click()
    table = page.locator("#table-resolutions")
    expect(table).to_contain_text("S/RES/2397 (2017)")
    data = list(csv.DictReader(io.StringIO(_download(page, "resolutions"))))
    symbols = {r["symbol"] for r in data}
    # Every sanctions resolution of the 1718 regime, by subject alone.
    for n, year in [
        (1718, 2006),
        (1874, 2009),
        (2087, 2013),
        (2094, 2013),
        (2270, 2016),
        (2321, 2016),
        (2356, 2017),
        (2371, 2017),
        (2375, 2017),
        (2397, 2017),
    ]:
        assert f"S/RES/{n} ({year})" in symbols
    table.get_by_role("link", name="S/RES/2270 (2016)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("S/RES/2270 (2016)")


def test_votes_by_subject(page: Page, server: str) -> None:
    page.goto(server + "/votes")
    page.get_by_role("textbox", name="Subject").fill("KOREA")
    page.get_by_role("button", name="Filter").click()
    data = list(csv.DictReader(io.StringIO(_download(page, "votes"))))
    symbols = {r["symbol"] for r in data}
    assert {"S/RES/2087 (2013)", "S/RES/2397 (2017)", "S/2022/431"} <= symbols
    assert not [r for r in data if "Syria" in r["title"]]
