"""The sanctions pages in headless Chromium: a regime on a date, with a vetoed draft
folded in; screening a name."""

from __future__ import annotations

import csv
import datetime as dt
import io

from playwright.sync_api import Locator, Page, expect

DRAFT_PAGE = "/sanctions?regime=1718&on=2022-05-26&draft=S/2022/431"


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
        "1,600,000 barrels"
    )
    expect(page.locator("figure svg").first).to_contain_text("Panel of Experts")
    # The draft of 26 May 2022, as if adopted.
    page.get_by_label("On", exact=True).fill("2022-06-01")
    page.get_by_label("Had this draft been adopted").select_option("S/2022/431")
    page.get_by_role("button", name="Show").click()
    row = page.locator("#table-measures").get_by_role("row").filter(has_text="Crude oil cap")
    expect(row).to_contain_text("3,000,000 barrels")
    chart = page.get_by_role("img", name="Launches that met 2397 OP28 per month")
    expect(chart).to_contain_text("S/2022/431 (2022-05-26)")
    triggers = page.locator("#table-triggers")
    expect(triggers.get_by_role("row").filter(has_text="2022-03-24")).to_contain_text(
        "S/2022/431 (vetoed)"
    )


def _cap_row(page: Page, commodity: str) -> Locator:
    return page.locator("#table-caps tbody tr").filter(has_text=commodity)


def test_the_caps_with_a_draft_are_the_drafts_on_the_page_and_in_the_download(
    page: Page, server: str
) -> None:
    page.goto(server + DRAFT_PAGE)
    expect(page.locator("#heading-caps")).to_contain_text("as if S/2022/431 had been adopted")
    expect(page.locator(".as-if")).to_contain_text("As if S/2022/431 had been adopted")
    refined = _cap_row(page, "Refined petroleum products")
    expect(refined).to_contain_text("375,000 barrels")
    expect(refined).to_contain_text("adopted: 500,000 barrels")
    expect(refined).to_contain_text("S/2022/431")
    expect(_cap_row(page, "Crude oil")).to_contain_text("3,000,000 barrels")
    # The download is the table on the page: the draft's limits, and the draft named.
    href = page.locator("#table-caps .downloads a", has_text="CSV").get_attribute("href")
    assert href is not None and "draft=S%2F2022%2F431" in href
    response = page.request.get(server + href)
    assert response.status == 200
    rows = {r["commodity"]: r for r in csv.DictReader(io.StringIO(response.text()))}
    assert float(rows["Refined petroleum products"]["limit"]) == 375_000
    assert float(rows["Refined petroleum products"]["limit_as_adopted"]) == 500_000
    assert float(rows["Crude oil"]["limit"]) == 3_000_000
    assert rows["Crude oil"]["draft"] == "S/2022/431"
    assert rows["Crude oil"]["deliveries"] == "0"


def test_the_caps_are_written_as_people_write_numbers(page: Page, server: str) -> None:
    page.goto(server + "/sanctions?regime=1718&on=2020-12-31")
    expect(page.locator("#table-caps thead")).to_contain_text("share of limit")
    refined = _cap_row(page, "Refined petroleum products")
    for text in ("500,000 barrels", "129,706", "25.9% of the limit", "1,600,000", "320%"):
        expect(refined).to_contain_text(text)
    # Reported and alleged apart: never a total of the two (1,729,706 barrels, 346 %).
    for text in ("500000.0", "1,729,706", "346%"):
        expect(refined).not_to_contain_text(text)
    expect(page.locator("#table-caps")).to_contain_text("never added together")
    # Nothing recorded is said as such, not as 0 or 0 %.
    crude = _cap_row(page, "Crude oil")
    expect(crude).to_contain_text("No deliveries recorded in the bundled ledger")
    expect(crude).not_to_contain_text("0%")
    page.goto(server + "/sanctions?regime=1718&on=2019-12-31")
    expect(_cap_row(page, "Refined petroleum products")).to_contain_text("417,301")
    expect(_cap_row(page, "Refined petroleum products")).to_contain_text("83.5%")
    # The chart: thousands separated, and the longest label inside the chart.
    page.goto(server + "/sanctions?regime=1718&on=2020-12-31")
    chart = page.locator("figure svg").filter(has_text="Alleged by states")
    label = chart.get_by_text("1,600,000 barrels", exact=True)
    expect(label).to_have_count(1)
    right = label.evaluate("t => t.getBBox().x + t.getBBox().width")
    width = chart.evaluate("s => s.viewBox.baseVal.width")
    assert right <= width, (right, width)
    expect(chart).to_contain_text("129,706 barrels, 25.9% of the limit")
    expect(chart).to_contain_text("1,600,000 barrels, 320%")
    expect(chart).not_to_contain_text("346%")


def test_the_measures_chart_has_full_labels_a_legend_the_day_and_the_draft(
    page: Page, server: str
) -> None:
    page.goto(server + DRAFT_PAGE)
    chart = page.get_by_role("img", name="The 1718 regime: each measure")
    # A long label is cut with an ellipsis and keeps its full title as a tooltip.
    full = "Food, machinery, electrical equipment, earth and stone, wood and vessels export ban"
    label = chart.locator("text").filter(has=page.locator("title", has_text=full))
    expect(label).to_have_count(1)
    shown = label.evaluate(
        "t => [...t.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join('')"
    )
    assert shown.endswith("…") and full.startswith(shown[:-1]), shown
    # What each colour means, the draft's bars hatched and said so.
    legend = chart.locator("g.legend")
    expect(legend.filter(has_text="Export and import bans; luxury goods")).to_have_count(1)
    expect(legend.filter(has_text="Committee; Panel of Experts; monitoring")).to_have_count(1)
    drafted = legend.filter(has_text="what S/2022/431, not adopted, would have done")
    expect(drafted).to_have_count(1)
    expect(chart.locator("rect.draft")).to_have_count(5)
    expect(chart.locator("rect.draft").first).to_have_attribute("fill", "url(#spans-hatch-2)")
    # The day chosen, marked and labelled; the years with tick marks.
    expect(chart.locator("g.marker")).to_contain_text("2022-05-26")
    years = dt.date.today().year - 2007 + 1  # 2007 to this year
    expect(chart.locator("line.tick")).to_have_count(years)
    # Changes run to the last one recorded (the Panel's mandate lapsed on 30 April 2024).
    expect(chart).to_contain_text("Changes are recorded to 30 April 2024")
    # Without the draft, no hatched bars and no draft in the legend.
    page.goto(server + "/sanctions?regime=1718&on=2018-01-01")
    chart = page.get_by_role("img", name="The 1718 regime: each measure")
    expect(chart.locator("rect.draft")).to_have_count(0)
    expect(chart.locator("g.legend").filter(has_text="not adopted")).to_have_count(0)
    expect(chart.locator("g.marker")).to_contain_text("2018-01-01")


def test_a_draft_of_another_regime_is_set_aside_and_said_so(page: Page, server: str) -> None:
    page.goto(server + DRAFT_PAGE)
    page.locator("select[name=regime]").select_option("1267")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("button", name="Show")).to_be_visible()
    expect(page.locator(".notice")).to_contain_text(
        [
            "S/2022/431 is a draft on the 1718 regime, not the 1267 regime",
            "Changes are recorded up to 2021-12-17",  # and the page's day is today
        ]
    )
    expect(page.locator("h1")).to_contain_text("ISIL")
    expect(page.locator("#table-measures")).to_contain_text("Asset freeze")
    expect(page.get_by_label("Had this draft been adopted")).to_have_value("")


def test_bad_input_keeps_the_form_and_says_what_to_do(page: Page, server: str) -> None:
    cases = [
        ("/sanctions?on=2022-13-01", "'2022-13-01' is not a date; give the day as YYYY-MM-DD"),
        ("/sanctions?regime=9999", "no regime '9999' is bundled; choose one of 1267"),
        ("/sanctions?regime=1718&draft=S/2099/1", "no draft 'S/2099/1' is bundled"),
        ("/sanctions?on=9999-12-31", "choose a day from 1945-10-24 to 2100-12-31"),
        ("/screen?name=Kim&dob=17/07/1964", "year of birth: a year, a date or a span"),
        ("/screen?name=Kim&dob=1964-02-30", "Date or year of birth: 1964-02-30 is not a real date"),
        ("/screen?name=Kim&nationality=Xyzland", "Nationality: 'Xyzland' is no country"),
        ("/screen?name=Kim&document=%231", "Document: a passport or identity number"),
    ]
    for path, message in cases:
        response = page.goto(server + path)
        assert response is not None and response.status == 422, path
        expect(page.locator("form.filters[method=get] button")).to_be_visible()
        expect(page.get_by_role("alert")).to_contain_text(message)
    response = page.request.get(server + "/sanctions?on=2022-13-01&download=caps&format=csv")
    assert response.status == 422 and "is not a date" in response.text()


def test_screening_a_name_in_hangul(page: Page, server: str) -> None:
    page.goto(server + "/screen")
    expect(page.locator(".lead")).to_contain_text("A score of 0.875 or more is an alert")
    page.get_by_label("Name").fill("리원호")
    page.get_by_label("Date or year of birth").fill("1964-07-17")
    page.get_by_role("button", name="Screen").click()
    first = page.locator("#table-candidates tbody tr").first
    expect(first).to_contain_text("KPi.033")
    expect(first).to_contain_text("alert")
    expect(first).to_contain_text("dob agrees")


def test_the_trigger_shows_unknown_launches_joint_statements_apart_and_the_claim(
    page: Page, server: str
) -> None:
    page.goto(server + "/sanctions?regime=1718&on=2022-06-01")
    row = page.locator("#table-triggers tbody tr").filter(has_text="2022-03-24")
    cells = row.locator("td")
    expect(cells.nth(2)).to_contain_text("S/2022/431 (vetoed)")
    expect(cells.nth(2)).not_to_contain_text("After the veto")  # a joint statement
    expect(cells.nth(3)).to_contain_text("After the veto of S/2022/431")
    expect(page.locator(".unknown-note")).to_contain_text("2022: 40 of 69")
    unknown = page.locator("#table-unclassified")
    expect(unknown).to_contain_text("2022-05-24")
    claim = page.locator(".claim")
    expect(claim).to_contain_text("23 missiles on 15 days")
    expect(claim).to_contain_text("It cannot confirm six ICBMs")
    expect(claim).to_contain_text("SC/14911")


def test_the_claim_and_the_unknown_launches_name_their_clock(page: Page, server: str) -> None:
    """The claim's dates are New York dates, as the trigger table's: the ICBM launched on 16
    March 2022 in Korea and UTC was launched on 15 March in New York. A launch whose time the
    data do not give has no New York date, and the page says so."""
    page.goto(server + "/sanctions?regime=1718&on=2022-06-01")
    claim = page.locator(".claim")
    expect(claim).to_contain_text("(New York dates)")
    expect(claim.locator(".aside")).to_contain_text("Dates: New York dates")
    expect(claim).to_contain_text("ICBM (2022-03-15, 2022-03-24)")
    findings = claim.locator("p:not(.aside)")  # what it supports, what it cannot
    expect(findings).to_have_count(2)
    expect(findings.filter(has_text="UTC")).to_have_count(0)
    expect(findings.filter(has_text="Korean")).to_have_count(0)
    rows = page.locator("#table-unclassified tbody tr").filter(has_text="2022-06-05")
    expect(rows.filter(has_text="not known (no time)")).to_have_count(2)
    expect(rows.filter(has_text="2022-06-04")).to_have_count(6)
    expect(page.locator(".unknown-note")).not_to_contain_text("listed here")


def test_the_quote_of_2397_op28_opens_from_the_keyboard_on_a_phone(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server + "/sanctions?regime=1718&on=2018-01-01")
    row = page.locator("#table-measures tbody tr").filter(has_text="2397 (2017), OP28")
    quote = row.locator("details.quote").filter(has_text="OP28")
    expect(quote.locator("blockquote")).not_to_be_visible()
    quote.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(quote.locator("blockquote")).to_be_visible()
    expect(quote.locator("blockquote")).to_contain_text("intercontinental")
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390, f"the page scrolls sideways with the quote open ({wide} px)"
