"""The pages under odd query strings: an error page, never a server error."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unsc.service.database import Database
from unsc.web.app import Settings, create_app

PAGES = [
    "/",
    "/votes",
    "/votes/2994",
    "/vetoes",
    "/members",
    "/members/RUS",
    "/dprk",
    "/search",
    "/sources",
]
PARAMS = [
    "symbol",
    "from",
    "to",
    "outcome",
    "member",
    "q",
    "page",
    "subject",
    "year",
    "download",
    "format",
]


@pytest.fixture(scope="module")
def client(record: Database) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(record.url, cache=False))) as c:
        yield c


@pytest.mark.parametrize("path", PAGES)
def test_pages_never_fail_with_a_server_error(client: TestClient, path: str) -> None:
    if "postgresql" in client.app.state.database.url:  # type: ignore[attr-defined]
        pytest.skip("fuzzed once, on SQLite")

    @given(st.dictionaries(st.sampled_from(PARAMS), st.text(max_size=12), max_size=4))
    @settings(
        max_examples=40,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    def check(params: dict[str, str]) -> None:
        response = client.get(path, params=params)
        assert response.status_code < 500, (path, params, response.text[:300])

    check()


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/vetoes?year=²", 422),
        ("/votes?page=0", 422),
        ("/votes/abc", 422),
        ("/votes?download=votes&format=xml", 400),
        ("/votes?download=nothing", 404),
        ("/votes/99999999999999999999", 404),
    ],
)
def test_bad_page_requests_get_an_error_page(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
