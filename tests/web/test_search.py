"""Search as the API and the page answer it: the JSON shape, clear errors, highlighted and
escaped snippets, and the page in Chromium at phone and desktop widths."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser

from tests.web.test_everywhere import axe_violations, horizontal_overflow
from unsc.service.database import Database
from unsc.web.app import Settings, create_app


@pytest.fixture(scope="module")
def client(record: Database) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(record.url, cache=False))) as c:
        yield c


def test_api_search_answers_total_items_and_groups(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "North Korea", "kind": "vote", "limit": 100})
    assert body.status_code == 200
    data = body.json()
    assert set(data) == {"total", "items", "groups"}
    assert set(data["items"][0]) == {"kind", "symbol", "date", "title", "snippet", "url"}
    assert "S/2022/431" in [i["symbol"] for i in data["items"]]
    assert all(i["kind"] == "vote" for i in data["items"])
    assert data["total"] == next(g["total"] for g in data["groups"] if g["kind"] == "vote")
    assert {g["kind"] for g in data["groups"]} >= {"resolution", "vote", "meeting"}


def test_api_search_first_is_the_symbol_asked_for(client: TestClient) -> None:
    item = client.get("/api/search", params={"q": "S/PRST/2017/16"}).json()["items"][0]
    assert (item["kind"], item["symbol"], item["date"]) == (
        "statement",
        "S/PRST/2017/16",
        "2017-08-29",
    )
    assert item["url"] == "/statements/S/PRST/2017/16"
    item = client.get("/api/search", params={"q": "2397"}).json()["items"][0]
    assert (item["symbol"], item["url"]) == ("S/RES/2397 (2017)", "/resolutions/2397")


def test_api_search_paragraph_urls_carry_their_anchor(client: TestClient) -> None:
    items = client.get(
        "/api/search", params={"q": "crude oil 4 million barrels", "kind": "resolution_paragraph"}
    ).json()["items"]
    assert "/resolutions/2397#op4" in [i["url"] for i in items]


def test_api_search_snippets_mark_matches_and_escape_the_rest(client: TestClient) -> None:
    items = client.get("/api/search", params={"q": "Hwasong", "kind": "statement"}).json()["items"]
    assert "<mark>Hwasong</mark>-12" in items[0]["snippet"]
    assert "<" not in items[0]["snippet"].replace("<mark>", "").replace("</mark>", "")


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"q": ""}, "empty"),
        ({"q": "x" * 201}, "q: String should have at most 200 characters"),
        ({"q": "Korea", "kind": "speech"}, "unknown kind 'speech'"),
        ({"q": "Korea", "from": "2022-02-01", "to": "2022-01-01"}, "swap them"),
        ({"q": "Korea", "from": "yesterday"}, "from: Input should be a valid date"),
        ({}, "q: Field required"),
    ],
)
def test_api_search_bad_input_is_a_clear_422(
    client: TestClient, params: dict[str, str], says: str
) -> None:
    answer = client.get("/api/search", params=params)
    assert answer.status_code == 422
    assert says in answer.json()["error"]


def test_the_page_groups_by_kind_and_highlights(client: TestClient) -> None:
    html = client.get("/search", params={"q": "Hwasong"}).text
    assert 'id="kind-statement"' in html and 'id="kind-meeting"' in html
    assert "<mark>Hwasong</mark>-12" in html
    assert 'href="/statements/S/PRST/2017/16"' in html


def test_the_page_shows_a_script_as_text(client: TestClient) -> None:
    answer = client.get("/search", params={"q": "<script>alert(1)</script> Korea"})
    assert answer.status_code == 200
    assert "<script>alert(1)</script>" not in answer.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Korea" in answer.text


def test_the_page_says_what_is_wrong(client: TestClient) -> None:
    answer = client.get("/search", params={"q": "Korea", "kind": "speech"})
    assert answer.status_code == 422
    assert "unknown kind &#39;speech&#39;" in answer.text


@pytest.mark.parametrize("width", [390, 1280])
def test_the_page_in_chromium(browser: Browser, server: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server + "/search?q=North+Korea")
    page.wait_for_load_state("networkidle")
    assert not horizontal_overflow(page)
    assert not axe_violations(page)
    assert page.locator("#kind-resolution").is_visible()
    page.fill("#search-q", "Hwasong")
    page.locator("form.search-page button").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("section.results mark").first.inner_text() == "Hwasong"
    page.locator("#kind-statement ~ ol a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/statements/S/PRST/2017/16")
    context.close()
