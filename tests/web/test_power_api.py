"""``GET /api/power``: the Council's voting power on a date, exact, with its sources."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from unsc.service.database import open_database
from unsc.web.app import Settings, create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path_factory.mktemp('power') / 'unsc.sqlite3'}"
    open_database(url).engine.dispose()
    with TestClient(create_app(Settings(url))) as c:
        yield c


def test_the_council_of_26_may_2022(client: TestClient) -> None:
    body = client.get("/api/power", params={"on": "2022-05-26"}).json()
    china, albania = body["members"][0], body["members"][5]
    assert (china["iso3"], china["permanent"], albania["iso3"]) == ("CHN", True, "ALB")
    assert china["shapley_shubik"]["exact"] == "421/2145"
    assert albania["shapley_shubik"] == {"exact": "4/2145", "value": 4 / 2145}
    assert (china["banzhaf"]["exact"], albania["banzhaf"]["exact"]) == ("53/1024", "21/4096")
    assert albania["banzhaf_normalised"]["exact"] == "21/1270"
    assert (china["holler"]["exact"], albania["deegan_packel"]["exact"]) == ("1/9", "2/45")
    assert body["quota"] == 9 and "Art. 27(3)" in body["rule"]
    assert "Shapley and Shubik (1954)" in body["definitions"]["shapley_shubik"]
    assert body["citations"]


def test_one_index_as_floats_in_1950(client: TestClient) -> None:
    body = client.get(
        "/api/power", params={"on": "1950-06-27", "index": "shapley_shubik", "float": "true"}
    ).json()
    assert len(body["members"]) == 11 and body["indices"] == ["shapley_shubik"]
    assert body["members"][0]["shapley_shubik"] == {"exact": None, "value": 76 / 385}
    assert body["members"][0]["banzhaf"] is None


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"index": "gini"}, "unknown index 'gini'"),
        ({"on": "2022-13-01"}, "not a real date"),
        ({"on": "2022/05/26"}, "YYYY-MM-DD"),
        ({"on": "2040-01-01"}, "power needs every member"),
    ],
)
def test_errors_say_what_to_fix(client: TestClient, params: dict[str, str], message: str) -> None:
    response = client.get("/api/power", params=params)
    assert response.status_code == 422
    assert message in response.text


def test_a_reform_with_its_document_and_an_option(client: TestClient) -> None:
    body = client.get(
        "/api/power", params={"reform": "uniting-for-consensus", "reform_option": "votes_needed=14"}
    ).json()
    assert body["game"] == "reform" and body["seats"] == 25 and body["quota"] == 14
    assert body["reform"]["symbol"] == "A/59/L.68"
    assert body["reform"]["options"][0]["given"] is True
    france = body["members"][0]
    assert (france["category"], france["veto"]) == ("permanent", True)
    assert {"shapley_shubik", "banzhaf", "holler"} <= france.keys()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"reform": "g4"}, "g4 (A/59/L.64) is not bundled"),
        ({"reform": "nope"}, "unknown reform 'nope'"),
        ({"reform": "uniting-for-consensus", "reform_option": "votes_needed=99"}, "from 1 to 25"),
        ({"reform": "uniting-for-consensus", "on": "2022-05-26"}, "not both"),
    ],
)
def test_reform_errors_say_what_to_fix(
    client: TestClient, params: dict[str, str], message: str
) -> None:
    response = client.get("/api/power", params=params)
    assert response.status_code == 422
    assert message in response.text
