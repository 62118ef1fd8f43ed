"""``GET /api/alignment`` on both databases, and the ``/alignment`` page in Chromium."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Page, expect

from unsc.service.database import Database
from unsc.web.alignment import AlignmentOut
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
