"""The light path for /api/votes, /api/resolutions and /api/search (``unsc.web.lists``)
answers as the routes do, byte for byte, and leaves to them every request it does not fully
understand."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from unsc.service.database import Database
from unsc.web.app import Settings, create_app
from unsc.web.lists import ListAnswers

ASKED = [
    "/api/votes",
    "/api/votes?limit=7&offset=3",
    "/api/votes?outcome=vetoed&limit=100",
    "/api/votes?member=China&to=1970-12-31&limit=20&offset=40",
    "/api/votes?member=China&from=1960-01-01&to=1990-12-31",
    "/api/votes?member=Russia&voted=no&simulations=include",
    "/api/votes?vetoed_by=United%20States&limit=1000",
    "/api/votes?symbol=S%2F2022%2F431",
    "/api/votes?symbol=S/RES/2397%20(2017)",
    "/api/votes?q=korea&from=1990-01-01",
    "/api/votes?q=100%25&limit=3",
    "/api/votes?simulations=only",
    "/api/votes?offset=1000000",
    "/api/resolutions",
    "/api/resolutions?subject=korea&limit=1000",
    "/api/resolutions?chapter_vii=true&limit=13&offset=26",
    "/api/resolutions?chapter_vii=false&from=2010-01-01&to=2014-12-31",
    "/api/resolutions?q=cyprus&from=2024-01-01",
    "/api/search?q=North%20Korea",
    "/api/search?q=North+Korea&kind=resolution&limit=5&offset=10",
    "/api/search?q=Hwasong&from=2017-01-01&to=2017-12-31",
    "/api/search?q=S/PRST/2017/16",
    "/api/search?q=Korea&limit=50&offset=480",
    "/api/search?q=Korea&kind=vote&kind=meeting",
    # What the light path leaves to the routes: the same answers all the same.
    "/api/votes?limit=0",
    "/api/votes?limit=1001",
    "/api/votes?limit=05",
    "/api/votes?offset=-1",
    "/api/votes?from=2022-13-01",
    "/api/votes?from=2022-05-27&to=2022-05-26",
    "/api/votes?member=Atlantis",
    "/api/votes?voted=no",
    "/api/votes?outcome=won",
    "/api/votes?simulations=all",
    "/api/votes?q=",
    "/api/votes?limit=2&limit=3",
    "/api/votes?colour=blue&limit=2",
    "/api/votes?symbol=" + "S" * 61,
    "/api/resolutions?chapter_vii=1&limit=2",
    "/api/resolutions?chapter_vii=maybe",
    "/api/resolutions?from=2020-02-30",
    "/api/search?q=",
    "/api/search?q=%20%20",
    "/api/search?q=Korea&kind=speech",
    "/api/search?q=Korea&limit=101",
    "/api/search?q=Korea&from=2022-05-27&to=2022-05-26",
    "/api/search?kind=vote",
]


def without_light_path(app: FastAPI) -> FastAPI:
    app.user_middleware = [m for m in app.user_middleware if m.cls is not ListAnswers]
    return app


@pytest.fixture(scope="module")
def clients(record: Database) -> Iterator[tuple[TestClient, TestClient]]:
    light = create_app(Settings(record.url, cache=False))
    routes = without_light_path(create_app(Settings(record.url, cache=False)))
    with TestClient(light) as a, TestClient(routes) as b:
        yield a, b


@pytest.mark.parametrize("path", ASKED)
def test_the_light_path_answers_as_the_routes(
    clients: tuple[TestClient, TestClient], path: str
) -> None:
    light, routes = clients
    ours, theirs = light.get(path), routes.get(path)
    assert ours.status_code == theirs.status_code
    assert ours.headers["content-type"] == theirs.headers["content-type"]
    assert ours.content == theirs.content


def test_the_light_path_answers_plain_questions_itself(
    clients: tuple[TestClient, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain questions never reach the routes; the others do."""
    from unsc.web import api

    reached: list[str] = []
    original = api.page_body

    def counted(page: object) -> bytes:
        reached.append("route")
        return original(page)  # type: ignore[arg-type]

    light, _ = clients
    monkeypatch.setattr(api, "page_body", counted)
    assert light.get("/api/votes?member=China&limit=3").status_code == 200
    assert light.get("/api/resolutions?subject=korea").status_code == 200
    assert reached == []  # the light path imported page_body before the patch
    assert light.get("/api/votes?limit=05").status_code == 200
    assert reached == ["route"]


def test_the_response_cache_leaves_the_lists_to_the_read_model(record: Database) -> None:
    """The read model keeps each question's rows and each row's JSON: the response cache
    does not keep their pages again (it still keeps the other answers)."""
    with TestClient(create_app(Settings(record.url, cache=True))) as client:
        for path in (
            "/api/votes?limit=3",
            "/api/resolutions?limit=3&q=cyprus",
            "/api/search?q=Cyprus&limit=3",
            "/api/export/drafts?format=csv",
        ):
            first, second = client.get(path), client.get(path)
            assert first.status_code == second.status_code == 200
            assert "x-unsc-cache" not in second.headers
        vetoes = "/api/vetoes?member=France&limit=3"
        client.get(vetoes)
        assert client.get(vetoes).headers["x-unsc-cache"] == "hit"
