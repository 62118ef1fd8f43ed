"""`unsc export`: CSV, JSON and Parquet, with their sources."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

from unsc.cli import app
from unsc.service.database import Database

runner = CliRunner()


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
        (["export", "meetings"], "unknown table"),
        (["export", "votes", "--format", "xlsx"], "unknown format"),
        (["export", "votes", "--format", "parquet"], "give a file"),
    ):
        result = runner.invoke(app, [*args, "--db", record.url])
        assert result.exit_code == 2 and words in result.stderr
