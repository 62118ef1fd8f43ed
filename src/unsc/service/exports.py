"""Exports of the record's tables: CSV, JSON (with sources) or Parquet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy.orm import Session

from unsc.record import queries
from unsc.service.spreadsheet import safe_cell

TABLES = ("votes", "vetoes", "events")
FORMATS = ("csv", "json", "parquet")
SOURCES = {
    "votes": ("sciencespo",),
    "vetoes": ("sciencespo",),
    "events": ("nk-missile-tests", "fact-sheet"),
}


def rows(session: Session, table: str) -> list[dict[str, Any]]:
    """Every row of ``table``, oldest first."""
    if table == "votes":
        items = queries.list_votes(session, queries.VoteFilter(), limit=10**9, offset=0).items
    elif table == "vetoes":
        items = queries.list_vetoes(session, queries.VetoFilter(), limit=10**9, offset=0).items
    elif table == "events":
        return queries.list_events(session, None, None, None, limit=10**9, offset=0).items
    else:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    return list(reversed(items))


def export(session: Session, table: str, fmt: str) -> bytes:
    """``table`` as ``fmt``; the sources and licences travel with the data."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    data = rows(session, table)
    sources = [queries.source(session, s) for s in SOURCES[table]]
    if fmt == "json":
        return json.dumps(
            {"table": table, "sources": sources, "items": data}, ensure_ascii=False, indent=1
        ).encode()
    if fmt == "csv":
        out = io.StringIO()
        if data:
            writer = csv.DictWriter(out, fieldnames=list(data[0]))
            writer.writeheader()
            writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in data)
        return out.getvalue().encode()
    arrow = pa.Table.from_pylist(data)
    metadata = {b"unsc.sources": json.dumps(sources, ensure_ascii=False).encode()}
    arrow = arrow.replace_schema_metadata({**(arrow.schema.metadata or {}), **metadata})
    sink = io.BytesIO()
    pq.write_table(arrow, sink)
    return sink.getvalue()


def write(session: Session, table: str, fmt: str, path: Path) -> int:
    data = export(session, table, fmt)
    path.write_bytes(data)
    return len(data)
