"""Every page in a real headless Chromium: its data, its chart and its download links."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from playwright.sync_api import Page, expect


def download(page: Page, link_text: str, table: str) -> str:
    section = page.locator(f"#table-{table}")
    with page.expect_download() as info:
        section.get_by_role("link", name=link_text, exact=True).click()
    path = info.value.path()
    return path.read_text(encoding="utf-8")


def test_home_shows_the_council_today(page: Page, server: str) -> None:
    page.goto(server + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The Security Council today")
    rows = page.locator("#table-council tbody tr")
    expect(rows).to_have_count(15)
    expect(page.locator("#table-council")).to_contain_text("People's Republic of China")
    expect(page.locator(".lead")).to_contain_text("9 affirmative votes")
    expect(page.locator("#table-latest tbody tr")).to_have_count(10)
    data = list(csv.DictReader(io.StringIO(download(page, "CSV", "council"))))
    assert len(data) == 15 and all(r["iso3"] for r in data)
    expect(page.locator("footer")).to_contain_text("CC BY 4.0")


def test_the_vote_page_of_s_2022_431(page: Page, server: str) -> None:
    page.goto(server + "/votes?symbol=S/2022/431")
    page.locator("#table-votes tbody a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("S/2022/431")
    expect(page.locator(".formula")).to_have_text(
        "The draft resolution has not been adopted, owing to the negative vote of a permanent "
        "member of the Council."
    )
    expect(page.locator(".tally")).to_contain_text("13 in favour, 2 against")
    expect(page.locator(".tally")).to_contain_text("9 affirmative votes needed")
    expect(page.locator(".decision")).to_contain_text(
        "People's Republic of China, Russian Federation"
    )
    expect(page.locator("svg.meter")).to_be_visible()
    expect(page.locator("#table-casts tbody tr")).to_have_count(15)
    expect(page.locator(".citations")).to_contain_text("UN Charter, Art. 27(3)")
    expect(page.locator("dl.facts")).to_contain_text("S/PV.9048")
    casts = json.loads(download(page, "JSON", "casts"))
    no = {r["name"] for r in casts["items"] if r["cast"] == "no"}
    assert no == {"People's Republic of China", "Russian Federation"}


def test_vetoes_filtered_with_a_chart(page: Page, server: str) -> None:
    page.goto(server + "/vetoes")
    page.get_by_role("textbox", name="Member").fill("China")
    page.get_by_label("To", exact=True).fill("2022-03-07")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#table-vetoes h2")).to_contain_text("(17)")
    expect(page.locator("svg.chart")).to_be_visible()
    expect(page.locator("svg.chart")).to_contain_text("People's Republic of China (17)")
    drafts = list(csv.DictReader(io.StringIO(download(page, "CSV", "vetoes"))))
    assert len(drafts) == 17 and not [r for r in drafts if "Korea" in r["subject"]]


def test_members_and_agreement_over_a_period(page: Page, server: str) -> None:
    page.goto(server + "/members")
    expect(page.locator("#table-members")).to_contain_text("Union of Soviet Socialist Republics")
    page.get_by_role("link", name="Russian Federation", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Russian Federation")
    page.get_by_label("From", exact=True).fill("2022-01-01")
    page.get_by_label("To", exact=True).fill("2022-12-31")
    page.get_by_role("button", name="Choose period").click()
    expect(page.locator("svg.chart")).to_contain_text("2022-01-01 to 2022-12-31")
    expect(page.locator("#table-agreement")).to_contain_text("People's Republic of China")
    agreement = json.loads(download(page, "JSON", "agreement"))
    assert 9 <= len(agreement["items"]) <= 14
    assert agreement["sources"][0]["licence"] == "CC BY 4.0"


def test_the_dprk_file_answers_the_seed_questions(page: Page, server: str) -> None:
    page.goto(server + "/dprk")
    numbers = page.locator("#table-numbers")
    expect(numbers).to_contain_text("13 in favour, 2 against")
    expect(numbers).to_contain_text("10 (S/RES/1718 (2006)")
    expect(numbers).to_contain_text("all adopted 15-0-0")
    expect(numbers).to_contain_text("23 missiles on 15 days")
    expect(numbers).to_contain_text("69 missiles on 34 days")
    expect(numbers).to_contain_text("1 resolution (S/RES/2627 (2022))")
    expect(numbers).to_contain_text("1 draft vetoed (S/2022/431)")
    expect(numbers).to_contain_text("4 joint statements")
    # The seeds' questions: the first split of the five, the meetings, the statements.
    expect(numbers).to_contain_text(
        "S/2022/431, 26 May 2022: People's Republic of China and Russian Federation against"
    )
    expect(numbers).to_contain_text("1 private (closed): 2020 (1)")
    expect(numbers).to_contain_text("5 presidential statements name the DPRK")
    p5 = page.locator("#table-p5 tbody tr").filter(has_text="S/2022/431")
    expect(p5).to_contain_text("no")
    expect(page.locator("svg.chart").first).to_be_visible()
    expect(page.locator("svg.chart").nth(1)).to_contain_text("private (closed)")
    expect(page.locator("#table-statements")).to_contain_text("S/PRST/2017/16")
    expect(page.locator("#table-responses")).to_contain_text("S/2024/255")
    events = list(csv.DictReader(io.StringIO(download(page, "CSV", "events"))))
    assert any(r["date"] == "2022-03-24" and r["missile_type"] == "ICBM" for r in events)


@pytest.mark.parametrize(("query", "expected"), [("S/2022/431", "S/2022/431"), ("Syria", "Syria")])
def test_search(page: Page, server: str, query: str, expected: str) -> None:
    page.goto(server + "/")
    page.get_by_label("Search symbols and titles").fill(query)
    page.get_by_role("button", name="Search").click()
    expect(page.locator("section.results").first).to_contain_text(expected)


def test_sources_page_reports_the_veto_list_differences(page: Page, server: str) -> None:
    page.goto(server + "/sources")
    expect(page.locator("#table-sources")).to_contain_text("CC BY 4.0")
    expect(page.locator("#table-differences")).to_contain_text("S/PV.49")
    # Dated differently in the lists, not missing from the vote record.
    row = page.locator("#table-differences tbody tr").filter(has_text="S/2001/270")
    expect(row).to_contain_text(
        "dated differently: the list gives 2001-04-12, the vote record 2001-03-27"
    )
    expect(page.locator("#table-differences")).not_to_contain_text("no vetoed vote on S/1653")
    expect(page.locator("#table-annotations")).to_contain_text("without a vote")


def test_pages_work_with_no_network_assets(page: Page, server: str) -> None:
    """Every request a page makes goes to the app itself."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    for path in ("/", "/votes", "/vetoes", "/members", "/dprk", "/sources", "/docs"):
        page.goto(server + path)
    assert requested and all(url.startswith(server) for url in requested)


def test_the_api_documentation_renders_offline(page: Page, server: str) -> None:
    page.goto(server + "/docs")
    expect(page.locator(".swagger-ui")).to_contain_text("/api/vetoes")
    expect(page.locator(".swagger-ui")).to_contain_text("/api/decide")


def test_vetoes_of_one_year(page: Page, server: str) -> None:
    page.goto(server + "/vetoes")
    page.get_by_label("Year").select_option("2022")
    page.get_by_role("button", name="Filter").click()
    table = page.locator("#table-vetoes")
    expect(table.locator("h2")).to_contain_text("(5)")
    for draft in ("S/2022/155", "S/2022/431", "S/2022/538", "S/2022/720"):
        expect(table).to_contain_text(draft)


def _simulated_vote(page: Page, server: str) -> int:
    """A live session's vote, finished into the record (numbered from 1,000,001)."""
    created = page.request.post(server + "/api/sessions", data={"date": "2022-05-26"}).json()
    sid, chair = created["id"], created["chair_token"]

    def command(token: str, name: str, **data: object) -> None:
        response = page.request.post(
            f"{server}/api/sessions/{sid}/commands",
            data={"command": name, "data": data},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert response.ok, response.text()

    command(chair, "open_vote", title="Practice draft")
    for d in created["delegations"]:
        command(d["token"], "cast", cast="yes", ballot_id=f"{d['seat']}-practice")
    command(chair, "close_vote")
    command(chair, "end_session")
    found = page.request.get(
        server + "/api/votes", params={"q": "Practice draft", "simulations": "only"}
    ).json()
    return int(found["items"][0]["id"])


def test_a_simulated_vote_says_so_everywhere(page: Page, server: str) -> None:
    vote_id = _simulated_vote(page, server)
    assert vote_id > 1_000_000
    page.goto(f"{server}/votes/{vote_id}")
    expect(page).to_have_title(re.compile(r"^Simulation: "))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Simulation:")
    banner = page.locator(".simulation").first
    expect(banner).to_contain_text("not a vote of the Security Council")
    box = banner.bounding_box()
    assert box is not None and box["y"] < 400  # at the top, before the decision
    facts = page.locator("dl.facts")
    expect(facts).not_to_contain_text("row 1 of  (")
    expect(facts).to_contain_text("vote 1 of live session")
    # In every list row: the votes list with simulations shown.
    page.goto(server + "/votes?q=Practice+draft&simulations=include")
    row = page.locator("#table-votes tbody tr").filter(has_text="Practice draft")
    expect(row).to_contain_text("Simulation")
    page.goto(server + "/votes?q=Practice+draft")  # the Council's record alone, by default
    expect(page.locator("#table-votes")).not_to_contain_text("Practice draft")


def test_votes_a_member_sat_in_voted_in_and_vetoed(page: Page, server: str) -> None:
    page.goto(server + "/votes?member=China&outcome=vetoed")
    expect(page.get_by_label("Sat on the Council")).to_have_value("China")
    expect(page.locator(".filter-summary")).to_contain_text(
        "156 vetoed votes in which People's Republic of China sat on the Council"
    )
    expect(page.locator(".filter-summary")).to_contain_text("not its vetoes")
    page.get_by_label("Sat on the Council").fill("")
    page.get_by_label("Vetoed by").fill("China")
    page.get_by_label("Outcome").select_option("")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".filter-summary")).to_contain_text(
        "20 votes vetoed by People's Republic of China"
    )
    page.goto(server + "/votes?member=China&voted=abstain&from=2022-01-01&to=2022-12-31")
    expect(page.get_by_label("Voted")).to_have_value("abstain")
    expect(page.locator(".filter-summary")).to_contain_text(
        "in which People's Republic of China abstained"
    )
    page.goto(server + "/votes?voted=no")
    expect(page.locator("body")).to_contain_text("say whose vote")
