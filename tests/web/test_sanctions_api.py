"""The sanctions API: measures, diffs, caps, triggers and screening, on both backends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from unsc.sanctions.screening import DEFAULT_THRESHOLD
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
    assert refined["paragraphs"] == ["S/RES/2375 (2017), OP14", "S/RES/2397 (2017), OP5"]
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
    params = {"on": "2022-05-26", "draft": "S/2022/431"}
    drafted = client.get("/api/sanctions/1718/caps", params=params).json()
    assert {c["commodity"]: c["limit"] for c in drafted} == {
        "Refined petroleum products": 375000.0,
        "Crude oil": 3000000.0,
    }
    assert all(c["draft"] == "S/2022/431" and c["deliveries"] == 0 for c in drafted)
    caps = client.get("/api/sanctions/1718/caps", params={"on": "2020-12-31"}).json()
    refined = next(c for c in caps if c["measure"] == "refined-petroleum-cap")
    assert refined["reported"] == refined["delivered"] == pytest.approx(129_706)
    assert refined["reported_share"] == pytest.approx(0.2594, abs=1e-4)
    assert (refined["alleged"], refined["alleged_share"]) == (1_600_000, 3.2)
    params["draft"] = "S/2099/1"
    assert client.get("/api/sanctions/1718/caps", params=params).status_code == 422
    body = client.get("/api/sanctions/1718/triggers").json()
    events = body["triggers"][0]["events"]
    march = next(e for e in events if e["date"] == "2022-03-24")
    assert any(r["symbol"] == "S/2022/431" for r in march["responses"])


def test_screening(client: TestClient) -> None:
    body = client.post("/api/screen", json={"name": "리원호", "dob": "1964-07-17"}).json()
    best = body["candidates"][0]
    assert best["reference"] == "KPi.033" and best["alert"] is True
    assert best["checks"]["dob"] == "agrees"
    assert body["threshold"] == DEFAULT_THRESHOLD
    quiet = client.post("/api/screen", json={"name": "Maria Garcia Lopez"}).json()
    assert not any(c["alert"] for c in quiet["candidates"])
    asked = {"name": "Ri Won Ho", "nationality": "DPRK", "document": "381310014"}
    korea = client.post("/api/screen", json=asked).json()
    assert korea["candidates"][0]["checks"] == {
        "dob": "unknown",
        "nationality": "agrees",
        "document": "agrees",
    }


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ([1, 2], 'body: expected a JSON object, such as {"name": "Ri Won Ho"'),
        ({"name": "   "}, "name: give a name with letters or digits"),
        ({"name": "Ri Won Ho", "dob": "notadate"}, "dob: a year, a date or a span of years"),
        ({"name": "Ri Won Ho", "nationality": "Xyzland"}, "nationality: 'Xyzland' is no country"),
    ],
)
def test_a_screening_request_that_cannot_be_answered_says_why(
    client: TestClient, body: object, message: str
) -> None:
    answer = client.post("/api/screen", json=body)
    assert answer.status_code == 422 and message in answer.json()["error"]


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


def test_the_diff_shows_a_measure_that_came_and_went(client: TestClient) -> None:
    """2375 OP15's crude oil freeze (11 September 2017), replaced by 2397 OP4's cap (22
    December 2017), is in force on neither day of 2017-01-01 to 2018-06-01."""
    body = client.get(
        "/api/sanctions/1718/diff", params={"from": "2017-01-01", "to": "2018-06-01"}
    ).json()
    freeze = next(m for m in body["added"] if m["id"] == "crude-oil-freeze")
    assert freeze["by"] == ["S/RES/2375 (2017), OP15"] and freeze["since"] == "2017-09-11"
    assert (freeze["ended"], freeze["ended_by"]) == ("2017-12-22", ["S/RES/2397 (2017), OP4"])


def test_each_citation_carries_its_paragraph_in_the_official_text(client: TestClient) -> None:
    body = client.get("/api/sanctions/1718/measures", params={"on": "2018-01-01"}).json()
    cited = {c["ref"]: c for m in body["measures"] for c in m["citations"]}
    assert "intercontinental" in cited["S/RES/2397 (2017), OP28"]["text"]
    assert "4 million barrels" in cited["S/RES/2397 (2017), OP4"]["text"]
    assert cited["S/RES/2397 (2017), OP5"]["text"].startswith("5. Decides that all Member States")
    assert all(c.get("text") for c in cited.values()), [
        r for r, c in cited.items() if not c.get("text")
    ]
