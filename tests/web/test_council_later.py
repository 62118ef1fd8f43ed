"""The API and the home page after the last known election, on a fixed day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Page, expect

from unsc.service.clock import fixed_today
from unsc.service.database import Database
from unsc.web.app import Settings, create_app

JAN_2027 = dt.date(2027, 1, 2)
JUNE_2031 = dt.date(2031, 6, 1)
P5 = {"CHN", "FRA", "RUS", "GBR", "USA"}


@pytest.fixture(scope="module")
def client(record: Database) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(record.url))) as c:
        yield c


def test_the_api_answers_after_2026(client: TestClient) -> None:
    with fixed_today(JAN_2027):
        whole = client.get("/api/council").json()
    with fixed_today(JUNE_2031):
        partial = client.get("/api/council").json()
    assert whole["date"] == "2027-01-02" and whole["unknown_seats"] == 0
    assert partial["date"] == "2031-06-01" and partial["unknown_seats"] == 10
    assert {m["iso3"] for m in partial["members"]} == P5 and partial["note"]
    session = client.post("/api/sessions", json={"title": "Crisis", "date": "2031-06-01"})
    assert session.status_code == 422
    assert "roster of your own" in session.json()["error"]


def test_the_home_page_in_2031_shows_what_is_known(page: Page, server: str) -> None:
    with fixed_today(JUNE_2031):
        page.goto(server + "/")
        expect(page.locator(".lead")).to_contain_text("On 2031-06-01")
        expect(page.locator("#table-council tbody tr")).to_have_count(15)
        expect(page.locator("#table-council tbody tr", has_text="unknown")).to_have_count(10)
        expect(page.get_by_role("note")).to_contain_text("10 seats unknown")
        expect(page.locator(".lead")).to_contain_text("over the known members only")
    with fixed_today(JAN_2027):
        page.goto(server + "/")
        expect(page.locator("#table-council")).to_contain_text("Kyrgyzstan")
        expect(page.get_by_role("note")).to_have_count(0)


def test_the_live_set_up_page_offers_the_last_whole_council(client: TestClient) -> None:
    with fixed_today(dt.date(2028, 3, 1)):
        page = client.get("/live").text
    assert 'name="date" value="2027-12-31" max="2027-12-31"' in page
    assert "Every member of the real Council is known until 2027-12-31" in page
    with fixed_today(JAN_2027):
        page = client.get("/live").text
    assert 'name="date" value="2027-01-02">' in page and "is known until" not in page
