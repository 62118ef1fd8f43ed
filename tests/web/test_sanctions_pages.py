"""The sanctions pages in headless Chromium: a regime on a date, with a vetoed draft
folded in; screening a name."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_the_1718_regime_on_a_date_and_with_the_vetoed_draft(page: Page, server: str) -> None:
    page.goto(server + "/sanctions")
    page.get_by_label("On", exact=True).fill("2018-01-01")
    page.get_by_role("button", name="Show").click()
    measures = page.locator("#table-measures")
    row = measures.get_by_role("row").filter(has_text="Refined petroleum products cap")
    expect(row).to_contain_text("500,000 barrels")
    expect(row).to_contain_text("S/RES/2397 (2017), OP5")
    expect(page.locator("figure svg rect")).not_to_have_count(0)
    page.get_by_label("On", exact=True).fill("2020-12-31")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("figure svg").filter(has_text="Alleged by states")).to_contain_text(
        "1600000 barrels"
    )
    expect(page.locator("figure svg").first).to_contain_text("Panel of Experts")
    # The draft of 26 May 2022, as if adopted.
    page.get_by_label("On", exact=True).fill("2022-06-01")
    page.get_by_label("Had this draft been adopted").select_option("S/2022/431")
    page.get_by_role("button", name="Show").click()
    row = page.locator("#table-measures").get_by_role("row").filter(has_text="Crude oil cap")
    expect(row).to_contain_text("3,000,000 barrels")
    chart = page.get_by_role("img", name="Launches that met 2397 OP27 per month")
    expect(chart).to_contain_text("S/2022/431 (2022-05-26)")
    triggers = page.locator("#table-triggers")
    expect(triggers.get_by_role("row").filter(has_text="2022-03-24")).to_contain_text(
        "S/2022/431 (vetoed)"
    )


def test_screening_a_name_in_hangul(page: Page, server: str) -> None:
    page.goto(server + "/screen")
    page.get_by_label("Name").fill("리원호")
    page.get_by_label("Date or year of birth").fill("1964-07-17")
    page.get_by_role("button", name="Screen").click()
    first = page.locator("#table-candidates tbody tr").first
    expect(first).to_contain_text("KPi.033")
    expect(first).to_contain_text("alert")
    expect(first).to_contain_text("dob agrees")
