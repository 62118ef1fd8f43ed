"""The sanctions API: measures, diffs, caps, triggers and screening, on both backends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from unsc.service.database import Database
from unsc.web.app import Settings, create_app


@pytest.fixture(scope="module")
def client(record: Database) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(record.url))) as c:
        yield c


def test_measures_and_the_vetoed_draft(client: TestClient) -> None:
    body = client.get("/api/sanctions/1718/measures", params={"on": "2018-01-01"}).json()
    refined = next(m for m in body["measures"] if m["id"] == "refined-petroleum-cap")
    assert refined["limits"] == [{"amount": 500000.0, "unit": "barrels"}]
    assert refined["paragraphs"] == ["S/RES/2375 (2017)", "S/RES/2397 (2017), OP5"]
    body = client.get(
        "/api/sanctions/1718/diff",
        params={"from": "2022-05-26", "to": "2022-05-26", "draft": "S/2022/431"},
    ).json()
    after = {c["after"]["id"]: c["after"]["limits"][0]["amount"] for c in body["changed"]}
    assert after == {"refined-petroleum-cap": 375000.0, "crude-oil-cap": 3000000.0}
    regimes = client.get("/api/sanctions/regimes").json()
    assert [r["id"] for r in regimes] == ["1267", "1718"]


def test_caps_and_triggers(client: TestClient) -> None:
    caps = client.get("/api/sanctions/1718/caps", params={"on": "2019-06-01"}).json()
    assert {c["commodity"]: c["limit"] for c in caps} == {
        "Refined petroleum products": 500000.0,
        "Crude oil": 4000000.0,
    }
    crude = next(c for c in caps if c["commodity"] == "Crude oil")
    assert crude["period"] == {"start": "2018-12-22", "end": "2019-12-21"}
    body = client.get("/api/sanctions/1718/triggers").json()
    events = body["triggers"][0]["events"]
    march = next(e for e in events if e["date"] == "2022-03-24")
    assert any(r["symbol"] == "S/2022/431" for r in march["responses"])


def test_screening(client: TestClient) -> None:
    body = client.post("/api/screen", json={"name": "리원호", "dob": "1964-07-17"}).json()
    best = body["candidates"][0]
    assert best["reference"] == "KPi.033" and best["alert"] is True
    assert best["checks"]["dob"] == "agrees"
    quiet = client.post("/api/screen", json={"name": "Maria Garcia Lopez"}).json()
    assert not any(c["alert"] for c in quiet["candidates"])


def test_errors_say_what_to_fix(client: TestClient) -> None:
    answer = client.get("/api/sanctions/9999/measures")
    assert answer.status_code == 422 and "regime: one of 1267, 1718" in answer.json()["error"]
    answer = client.get(
        "/api/sanctions/1718/diff", params={"from": "2020-01-01", "to": "2019-01-01"}
    )
    assert answer.status_code == 422 and "swap them" in answer.json()["error"]
    answer = client.get("/api/sanctions/1718/measures", params={"draft": "S/2099/1"})
    assert answer.status_code == 422 and "no draft" in answer.json()["error"]
    answer = client.post("/api/screen", json={"name": ""})
    assert answer.status_code == 422
