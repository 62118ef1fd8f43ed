"""``GET /api/alignment`` on both databases, and the ``/alignment`` page in Chromium."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Page, expect

from unsc.service.database import Database
from unsc.web.alignment import AlignmentOut, AssemblyOut
from unsc.web.app import Settings, create_app


@pytest.fixture(scope="module")
def client(record: Database) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(record.url, cache=False))) as c:
        yield c


def test_the_api_shows_the_first_p5_split_over_dprk_votes(client: TestClient) -> None:
    answer = client.get("/api/alignment", params={"subject": "KOREA", "from": "2022-01-01"})
    assert answer.status_code == 200
    data = AlignmentOut.model_validate(answer.json())
    first = {u.year: u.first_split for u in data.unanimity}
    assert first[2022] is not None and first[2022].symbol == "S/2022/431"
    assert data.source["licence"]


def test_a_period_back_to_front_is_refused_with_what_to_do(client: TestClient) -> None:
    answer = client.get("/api/alignment", params={"from": "2023-01-01", "to": "2022-01-01"})
    assert answer.status_code == 422 and "swap them" in answer.text


def test_the_page_shows_the_matrix_map_and_first_split(page: Page, server: str) -> None:
    page.goto(f"{server}/alignment?from=2022-01-01&to=2022-12-31&subject=KOREA")
    expect(page.locator("#unanimity")).to_be_visible()
    expect(page.locator("main")).to_contain_text("first split on S/2022/431")
    expect(page.locator("table.matrix tbody tr")).to_have_count(15)
    expect(page.locator("svg circle")).to_have_count(15)
    answer = page.goto(f"{server}/alignment?from=nonsense")
    assert answer is not None and answer.status == 422


def test_the_assembly_api_gives_each_pair_with_its_counts_and_source(client: TestClient) -> None:
    answer = client.get(
        "/api/alignment/assembly", params={"from": "2019-01-01", "to": "2019-12-31"}
    )
    assert answer.status_code == 200
    data = AssemblyOut.model_validate(answer.json())
    pair = next(p for p in data.agreement if {p.a, p.b} == {"USA", "GBR"})
    assert (pair.together, pair.same, pair.agreement) == (90, 48, 0.5333)
    assert data.roll_calls == 90 and data.note == ""
    assert "hdl:1902.1/12379" in data.source["citation"] and "CC0" in data.source["licence"]
    seats = {(p.a, p.b) for y in data.permanent_by_year for p in y.pairs}
    assert ("China", "United States") in seats


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"from": "2022-01-01"}, 200, "stop on 2020-01-14"),
        ({"issue": "sanctions"}, 422, "hr (Human rights)"),
        ({"from": "2020-01-01", "to": "2019-01-01"}, 422, "swap them"),
        ({"from": "2019-13-01"}, 422, "from"),
    ],
)
def test_the_assembly_api_says_what_the_data_cannot_give(
    client: TestClient, params: dict[str, str], status: int, words: str
) -> None:
    answer = client.get("/api/alignment/assembly", params=params)
    assert answer.status_code == status and words in answer.text


@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_sets_the_assembly_beside_the_council(page: Page, server: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{server}/alignment?from=2019-01-01&to=2019-12-31")
    expect(page.locator("#assembly-agreement")).to_have_text("Agreement in the General Assembly")
    expect(page.locator("#assembly-matrix tbody tr")).to_have_count(15)
    usa_gbr = page.locator("#assembly-matrix tbody tr", has_text="United States").locator(
        "td[title='48 of 90 roll calls']"
    )
    expect(usa_gbr).to_have_text("53")
    expect(page.locator("section[aria-labelledby=assembly] svg.chart")).to_have_count(5)
    expect(page.locator("#assembly-source")).to_contain_text("hdl:1902.1/12379")
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width, f"the page scrolls sideways at {width} px ({wide} px)"
    if width == 1280:  # the two matrices side by side
        council = page.locator("table.matrix").first.bounding_box()
        assembly = page.locator("#assembly-matrix").bounding_box()
        assert council and assembly and assembly["x"] > council["x"] + 300


def test_the_page_says_when_the_period_is_after_the_assembly_data(page: Page, server: str) -> None:
    page.goto(f"{server}/alignment?from=2022-01-01&to=2022-12-31&subject=KOREA")
    expect(page.locator("#assembly-note")).to_contain_text("stop on 2020-01-14")
    expect(page.locator("#assembly-matrix")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("first split on S/2022/431")


def test_the_sources_page_credits_the_assembly_roll_calls(page: Page, server: str) -> None:
    page.goto(f"{server}/sources")
    credit = page.locator("#assembly-roll-calls")
    expect(credit).to_contain_text("Erik Voeten")
    expect(credit).to_contain_text("hdl:1902.1/12379")
    expect(credit).to_contain_text("7eb7034314ff")
    expect(credit).to_contain_text("CC0")
