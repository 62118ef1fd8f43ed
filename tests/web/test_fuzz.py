"""The API fuzzed against its own OpenAPI spec (schemathesis): never a server error."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from unsc.service.database import open_database
from unsc.service.live import LiveHub
from unsc.web.app import Settings, create_app

OPERATIONS = [
    "GET /api/votes",
    "GET /api/votes/{vote_id}",
    "GET /api/vetoes",
    "GET /api/members",
    "GET /api/council",
    "GET /api/power",
    "POST /api/decide",
    "GET /api/events",
    "GET /api/meetings",
    "GET /api/meetings/{symbol}",
    "GET /api/resolutions",
    "GET /api/resolutions/{number}",
    "GET /api/statements",
    "GET /api/statements/{symbol}",
    "GET /api/drafts/{symbol}",
    "GET /api/export/{table}",
    "GET /api/search",
    "POST /api/sessions",
    "GET /api/sessions/{session_id}",
    "POST /api/sessions/{session_id}/commands",
    "POST /api/sessions/{session_id}/delegations/{seat}/reissue",
    "GET /api/sessions/{session_id}/events",
    "GET /api/sessions/{session_id}/power",
    "GET /api/sanctions/regimes",
    "GET /api/sanctions/{regime}/measures",
    "GET /api/sanctions/{regime}/diff",
    "GET /api/sanctions/{regime}/caps",
    "GET /api/sanctions/{regime}/triggers",
    "POST /api/screen",
    "GET /api/whatif",
    "GET /api/alignment",
    "GET /api/alignment/assembly",
]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'unsc.sqlite3'}"
    app = create_app(Settings(url))
    app.state.database = open_database(url)  # what the lifespan does, for the ASGI client
    app.state.live = LiveHub(app.state.database)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_the_spec_lists_the_fuzzed_operations(api_schema: Any) -> None:
    found = sorted(
        f"{op.ok().method.upper()} {op.ok().path}" for op in api_schema.get_all_operations()
    )
    assert found == sorted(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_no_server_error(api_schema: Any, label: str) -> None:
    method, path = label.split()
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=80,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def check(case: Any) -> None:
        case.call_and_validate(checks=[not_a_server_error])

    check()
