"""Shared fixtures: the record's database on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest

from tests.postgres import ENV, create_database, temporary_server
from unsc.service.database import Database, open_database

BACKENDS = ("sqlite", "postgresql")
_names = itertools.count()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A PostgreSQL server: ``UNSC_TEST_DATABASE_URL``, or one started for this run."""
    given = os.environ.get(ENV)
    if given:
        yield given
        return
    try:
        with temporary_server() as url:
            yield url
    except RuntimeError as err:
        if os.environ.get("CI"):
            raise
        pytest.skip(str(err))


@pytest.fixture
def empty_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A new, empty database of the backend named by the test's ``backend`` parameter."""
    backend = request.param if hasattr(request, "param") else "sqlite"
    n = next(_names)
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / f'unsc-{n}.sqlite3'}"
    server = request.getfixturevalue("pg_server")
    return create_database(server, f"unsc_test_{os.getpid()}_{n}")


@pytest.fixture(scope="session", params=BACKENDS)
def record(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """The record built from the bundled data, once per backend for the whole run."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('record') / 'unsc.sqlite3'}"
    else:
        url = create_database(request.getfixturevalue("pg_server"), f"unsc_record_{os.getpid()}")
    database = open_database(url)
    yield database
    database.engine.dispose()
