"""`unsc export`: CSV, JSON and Parquet, with their sources."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text, update
from typer.testing import CliRunner

from unsc.cli import app
from unsc.record import models as m
from unsc.service import exports
from unsc.service.database import Database
from unsc.web.app import Settings, create_app

runner = CliRunner()
# The annex to S/PRST/2018/18 (the protection of civilians aide-memoire) is one paragraph
# of 753,447 characters, past the csv module's default limit of 131,072.
csv.field_size_limit(2**24)


def test_export_votes_as_csv_json_and_parquet(record: Database, tmp_path: Path) -> None:
    as_csv = runner.invoke(app, ["export", "votes", "--format", "csv", "--db", record.url])
    assert as_csv.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == 3203 + 14 and rows[0]["id"] == "1"
    as_json = runner.invoke(app, ["export", "vetoes", "--format", "json", "--db", record.url])
    body = json.loads(as_json.stdout)
    assert len(body["items"]) == 291 and body["sources"][0]["licence"] == "CC BY 4.0"
    target = tmp_path / "events.parquet"
    result = runner.invoke(
        app, ["export", "events", "--format", "parquet", "-o", str(target), "--db", record.url]
    )
    assert result.exit_code == 0, result.output
    table = pq.read_table(target)
    assert table.num_rows == 345
    assert b"Apache-2.0" in table.schema.metadata[b"unsc.sources"]


def test_export_refuses_what_it_cannot_do(record: Database) -> None:
    for args, words in (
        (["export", "minutes"], "unknown table"),
        (["export", "votes", "--format", "xlsx"], "unknown format"),
        (["export", "votes", "--format", "parquet"], "give a file"),
    ):
        result = runner.invoke(app, [*args, "--db", record.url])
        assert result.exit_code == 2 and words in result.stderr


# Every table, in every format, on SQLite and on PostgreSQL.

DATABASE_COUNTS = {
    "votes": "SELECT count(*) FROM votes WHERE NOT simulation",
    "casts": "SELECT count(*) FROM casts JOIN votes ON votes.id = casts.vote_id"
    " WHERE NOT votes.simulation",
    "vetoes": "SELECT count(*) FROM vetoes JOIN votes ON votes.id = vetoes.vote_id"
    " WHERE NOT votes.simulation",
    "veto-lists": "SELECT count(*) FROM veto_list_entries",
    "events": "SELECT count(*) FROM events",
    "meetings": "SELECT count(*) FROM meetings",
    "agenda-items": "SELECT count(*) FROM meeting_agenda_items",
    "resolutions": "SELECT count(*) FROM resolutions",
    "resolution-paragraphs": "SELECT count(*) FROM resolution_paragraphs",
    "statements": "SELECT count(*) FROM presidential_statements",
    "statement-paragraphs": "SELECT count(*) FROM statement_paragraphs",
    "drafts": "SELECT count(*) FROM drafts",
    "draft-paragraphs": "SELECT count(*) FROM draft_paragraphs",
    "members": "SELECT count(*) FROM terms",
}


def _database_count(record: Database, table: str) -> int:
    with record.engine.connect() as connection:
        return int(connection.execute(text(DATABASE_COUNTS[table])).scalar_one())


def test_every_table_is_exported_with_the_databases_row_count(record: Database) -> None:
    assert set(DATABASE_COUNTS) == set(exports.TABLES)
    with record.sessions() as session:
        listed = {t.name: t.rows for t in exports.tables(session)}
        for table in exports.TABLES:
            expected = _database_count(record, table)
            assert expected > 0, table
            assert listed[table] == expected, table
            as_csv = list(
                csv.DictReader(io.StringIO(exports.export(session, table, "csv").decode()))
            )
            as_json = json.loads(exports.export(session, table, "json"))
            as_parquet = pq.read_table(io.BytesIO(exports.export(session, table, "parquet")))
            assert len(as_csv) == len(as_json["items"]) == as_parquet.num_rows == expected, table
            assert as_json["table"] == table
            assert list(as_csv[0]) == list(as_json["items"][0]) == as_parquet.column_names
            # The sources are those the rows name, each with its licence, in both formats.
            named = {row["source_id"] for row in as_json["items"] if "source_id" in row}
            sources = as_json["sources"]
            assert named <= {s["id"] for s in sources}, table
            assert all(s["licence"] for s in sources), table
            metadata = as_parquet.schema.metadata
            assert json.loads(metadata[b"unsc.sources"]) == sources
            assert metadata[b"unsc.table"] == table.encode()


def test_the_sources_come_from_the_rows(record: Database) -> None:
    with record.sessions() as session:
        ids = {t: [s["id"] for s in exports.sources(session, t)] for t in exports.TABLES}
    assert ids["votes"] == ids["casts"] == ["sciencespo", "unxml-votes"]
    assert ids["vetoes"] == ["sciencespo", "wpdl"]  # the topics are the Data Lab's
    assert ids["veto-lists"] == ["dhl", "wpdl"]
    assert ids["events"] == ["fact-sheet", "nk-missile-tests"]
    assert ids["meetings"] == ["dhl-meetings", "fact-sheet"]
    assert "unxml" in ids["resolutions"] and ids["resolutions"] == ids["resolution-paragraphs"]
    assert ids["statements"] == ids["statement-paragraphs"] == ["unxml-prst"]
    assert ids["drafts"] == ids["draft-paragraphs"] == ["unxml-drafts"]
    assert ids["members"] == []  # each seat cites its own source, in source_ref


def test_parquet_round_trips_with_its_types(record: Database) -> None:
    with record.sessions() as session:
        as_json = json.loads(exports.export(session, "resolutions", "json"))["items"]
        table = pq.read_table(io.BytesIO(exports.export(session, "resolutions", "parquet")))
        events = pq.read_table(io.BytesIO(exports.export(session, "events", "parquet")))
    assert table.schema.field("adopted").type == pa.date32()
    assert table.schema.field("sponsors").type == pa.list_(pa.string())
    assert table.schema.field("chapter_vii").nullable
    assert not table.schema.field("number").nullable
    rows = table.to_pylist()
    assert len(rows) == len(as_json)
    for row, item in zip(rows, as_json, strict=True):
        assert {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()} == item
    assert events.schema.field("utc").type == pa.timestamp("ms", tz="UTC")


def test_the_paragraphs_of_2397_carry_the_trigger(record: Database) -> None:
    with record.sessions() as session:
        data = exports.export(session, "resolution-paragraphs", "csv").decode()
    rows = [r for r in csv.DictReader(io.StringIO(data)) if r["resolution"] == "2397"]
    op28 = [r for r in rows if r["kind"] == "operative" and r["number"] == "28"]
    assert len(op28) == 1
    assert op28[0]["symbol"] == "S/RES/2397 (2017)"
    assert "intercontinental" in op28[0]["text"]
    assert op28[0]["source_id"] == "unxml"


def test_a_csv_cell_that_a_spreadsheet_would_run_is_kept_as_text(record: Database) -> None:
    formula = '=HYPERLINK("http://example.invalid","click")'
    with record.sessions() as session:
        session.execute(update(m.Vote).where(m.Vote.id == 1).values(title=formula))
        data = exports.export(session, "votes", "csv").decode()
        session.rollback()
    first = next(csv.DictReader(io.StringIO(data)))
    assert first["id"] == "1" and first["title"] == "'" + formula


def test_the_cli_lists_the_tables_for_an_unknown_one(record: Database) -> None:
    result = runner.invoke(app, ["export", "paragraphs", "--db", record.url])
    assert result.exit_code == 2
    assert "unknown table 'paragraphs'" in result.stderr
    for table in exports.TABLES:
        assert table in result.stderr


def test_the_cli_writes_the_largest_table_to_a_file(record: Database, tmp_path: Path) -> None:
    target = tmp_path / "paragraphs.parquet"
    args = ["export", "resolution-paragraphs", "--format", "parquet", "-o", str(target)]
    result = runner.invoke(app, [*args, "--db", record.url])
    assert result.exit_code == 0, result.output
    assert pq.read_metadata(target).num_rows == _database_count(record, "resolution-paragraphs")
    assert f"wrote {target.stat().st_size} bytes" in result.stderr


# The same over HTTP.


@pytest.fixture(scope="module")
def client(record: Database) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(record.url))) as c:
        yield c


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_the_endpoint_answers_each_format(client: TestClient, record: Database, fmt: str) -> None:
    response = client.get("/api/export/statement-paragraphs", params={"format": fmt})
    assert response.status_code == 200
    assert response.headers["content-type"] == exports.MEDIA_TYPES[fmt]
    assert response.headers["content-disposition"] == (
        f'attachment; filename="unsc-statement-paragraphs.{fmt}"'
    )
    with record.sessions() as session:
        assert response.content == exports.export(session, "statement-paragraphs", fmt)


def test_the_endpoint_defaults_to_csv_and_streams_the_largest_table(
    client: TestClient, record: Database
) -> None:
    with client.stream("GET", "/api/export/resolution-paragraphs") as response:
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        chunks = list(response.iter_raw())
    assert len(chunks) > 10  # written as it is read, not in one piece
    rows = list(csv.DictReader(io.StringIO(b"".join(chunks).decode())))
    assert len(rows) == _database_count(record, "resolution-paragraphs")


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/api/export/paragraphs", 404, "no table 'paragraphs'; the tables are votes, casts"),
        ("/api/export/votes?format=xlsx", 422, "unknown format 'xlsx'; format= takes csv"),
    ],
)
def test_the_endpoint_says_what_it_cannot_do(
    client: TestClient, path: str, status: int, words: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert words in response.json()["error"]


def test_the_sources_page_offers_every_table(client: TestClient, record: Database) -> None:
    page = client.get("/sources").text
    assert "Download the whole record" in page
    for table in exports.TABLES:
        for fmt in exports.FORMATS:
            assert f'href="/api/export/{table}?format={fmt}"' in page
    paragraphs = f"{_database_count(record, 'resolution-paragraphs'):,}"
    assert f'<td data-label="Rows" class="num">{paragraphs}</td>' in page
