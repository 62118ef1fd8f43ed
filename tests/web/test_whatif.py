"""``GET /api/whatif`` on both databases, and the ``/whatif`` page in Chromium."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Page, expect

from unsc.service.database import Database
from unsc.web.app import Settings, create_app
from unsc.web.whatif import WhatIfOut


@pytest.fixture(scope="module")
def client(record: Database) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(record.url, cache=False))) as c:
        yield c


def test_the_api_answers_in_its_declared_shape(client: TestClient) -> None:
    answer = client.get("/api/whatif", params={"rule": "two-vetoes", "from": "2024-01-01"})
    assert answer.status_code == 200, answer.text
    data = answer.json()
    WhatIfOut.model_validate(data)
    changed = {v["symbol"]: v for v in data["votes"]}
    assert (changed["S/2024/255"]["recorded"], changed["S/2024/255"]["whatif"]) == (
        "vetoed",
        "adopted",
    )
    assert data["total"] + sum(data["not_replayed"].values()) == data["total"] + 1  # 2812
    assert data["source"]["licence"] == "CC BY 4.0"


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"rule": "veto"}, "no-veto, abstention-veto, two-vetoes"),
        ({"rule": "threshold=20"}, "from 1 to 15"),
        ({"rule": "veto-for=Narnia"}, "unknown member 'Narnia'"),
        ({"rule": "no-veto", "from": "2000-01-01", "to": "1999-01-01"}, "swap them"),
    ],
)
def test_bad_input_is_a_422_that_says_what_to_do(
    client: TestClient, params: dict[str, str], says: str
) -> None:
    answer = client.get("/api/whatif", params=params)
    assert answer.status_code == 422 and says in answer.json()["error"]


def test_the_page_lists_the_changed_votes_with_a_chart(page: Page, server: str) -> None:
    page.goto(f"{server}/whatif?rule=two-vetoes&from=2024-01-01&to=2024-12-31")
    expect(page.get_by_role("heading", name="What if: two-vetoes")).to_be_visible()
    expect(page.locator("figure.chart-frame svg")).to_have_count(1)
    link = page.locator("#table-changed a", has_text="S/2024/255")
    expect(link).to_have_attribute("href", "/votes/3110")
    row = page.locator("#table-changed tr").filter(
        has=page.get_by_role("link", name="S/2024/255", exact=True)
    )
    expect(row).to_contain_text("Russian Federation alone is not a veto")
    expect(row).to_contain_text("owing to the negative vote of a permanent member")
    link.click()
    expect(page).to_have_url(f"{server}/votes/3110")


def test_the_page_form_and_a_bad_rule(page: Page, server: str) -> None:
    page.goto(f"{server}/whatif")
    page.get_by_label("Rule").fill("abstention-veto")
    page.get_by_label("From").fill("1993-01-01")
    page.get_by_label("To").fill("1993-12-31")
    page.get_by_role("button", name="Replay").click()
    expect(page.locator("#table-changed")).to_contain_text("S/RES/825 (1993)")
    answer = page.goto(f"{server}/whatif?rule=threshold=0")
    assert answer is not None and answer.status == 422
    expect(page.locator("main")).to_contain_text("from 1 to 15")
