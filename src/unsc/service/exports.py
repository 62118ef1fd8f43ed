"""Exports of the record's tables: CSV, JSON (with sources) or Parquet, streamed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import types
import typing
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy.orm import Session

from unsc.core.errors import UnscError
from unsc.record import documents
from unsc.record import exports as record
from unsc.service.database import Database, reading
from unsc.service.spreadsheet import safe_cell

TABLES = record.TABLES
FORMATS = ("csv", "json", "parquet")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
}
CHUNK_ROWS = 2000
"""Rows written at a time: one chunk of CSV or JSON, one Parquet row group."""


class ExportError(UnscError):
    """An export that cannot be made: an unknown table or format."""


@dataclass(frozen=True, slots=True)
class TableCount:
    """A table that can be exported, what one row is, and how many rows it holds."""

    name: str
    description: str
    rows: int


def check(table: str, fmt: str) -> None:
    if table not in TABLES:
        raise ExportError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def tables(session: Session) -> list[TableCount]:
    """Every table that can be exported, with its row count."""
    return [
        TableCount(
            name,
            " ".join((record.row_type(name).__doc__ or "").split("\n\n")[0].split()),
            record.count(session, name),
        )
        for name in TABLES
    ]


def sources(session: Session, table: str) -> list[dict[str, str]]:
    """The ``sources`` rows that ``table``'s rows name, with their licences."""
    return [asdict(documents.source(session, s)) for s in record.source_ids(session, table)]


def filename(table: str, fmt: str) -> str:
    return f"unsc-{table}.{fmt}"


def stream(session: Session, table: str, fmt: str) -> Iterator[bytes]:
    """``table`` as ``fmt``, in chunks, the sources and licences travelling with the data
    (JSON ``sources``; Parquet schema metadata ``unsc.sources``); the table is read in
    batches, never held whole. Raises ``ExportError`` at once for an unknown table or
    format."""
    check(table, fmt)
    found = sources(session, table)
    columns = _columns(record.row_type(table))
    rows = record.read(session, table)
    if fmt == "json":
        return _json(table, found, rows)
    if fmt == "csv":
        return _csv(columns, rows)
    return _parquet(table, found, columns, rows)


def stream_from(db: Database, table: str, fmt: str) -> Iterator[bytes]:
    """``stream`` over a session of its own, for the edges: checks ``table`` and ``fmt`` at
    once, and turns a database error while reading into a ``DatabaseError``."""
    check(table, fmt)

    def chunks() -> Iterator[bytes]:
        with db.sessions() as session, reading("cannot read the database"):
            yield from stream(session, table, fmt)

    return chunks()


def tables_in(db: Database) -> list[TableCount]:
    with db.sessions() as session:
        return tables(session)


def export(session: Session, table: str, fmt: str) -> bytes:
    """``table`` as ``fmt``, whole."""
    return b"".join(stream(session, table, fmt))


def write(session: Session, table: str, fmt: str, path: Path) -> int:
    """Writes ``table`` as ``fmt`` to ``path``, chunk by chunk; the bytes written."""
    size = 0
    with path.open("wb") as out:
        for chunk in stream(session, table, fmt):
            out.write(chunk)
            size += len(chunk)
    return size


@dataclass(frozen=True, slots=True)
class _Column:
    name: str
    kind: type
    nullable: bool


def _columns(row: type[Any]) -> tuple[_Column, ...]:
    hints = typing.get_type_hints(row)
    out = []
    for f in fields(row):
        hint = hints[f.name]
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        nullable = isinstance(hint, types.UnionType) and len(args) < len(typing.get_args(hint))
        kind = args[0] if nullable else hint
        out.append(_Column(f.name, typing.get_origin(kind) or kind, nullable))
    return tuple(out)


def _batches(rows: Iterator[Any]) -> Iterator[list[Any]]:
    while batch := list(itertools.islice(rows, CHUNK_ROWS)):
        yield batch


def _plain(value: Any) -> Any:
    """A value as JSON gives it: dates in ISO 8601 (a time in UTC, with its Z), lists."""
    if isinstance(value, dt.datetime):
        return value.isoformat() + ("Z" if value.tzinfo is None else "")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _json(table: str, found: list[dict[str, str]], rows: Iterator[Any]) -> Iterator[bytes]:
    head = {"table": table, "sources": found}
    yield (json.dumps(head, ensure_ascii=False)[:-1] + ', "items": [').encode()
    first = True
    for batch in _batches(rows):
        items = (
            json.dumps({f.name: _plain(getattr(r, f.name)) for f in fields(r)}, ensure_ascii=False)
            for r in batch
        )
        text = ",\n".join(items)
        yield (("\n" if first else ",\n") + text).encode()
        first = False
    yield b"\n]}\n"


def _cell(value: Any) -> Any:
    """A CSV cell: lists joined by "; ", dates in ISO 8601, text that a spreadsheet would
    run as a formula kept as text (``safe_cell``)."""
    if isinstance(value, tuple):
        value = "; ".join(value)
    return safe_cell(_plain(value))


def _csv(columns: tuple[_Column, ...], rows: Iterator[Any]) -> Iterator[bytes]:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.name for c in columns])
    names = [c.name for c in columns]
    for batch in _batches(rows):
        writer.writerows([_cell(getattr(r, n)) for n in names] for r in batch)
        yield out.getvalue().encode()
        out.seek(0)
        out.truncate()
    if out.tell():
        yield out.getvalue().encode()


_ARROW: dict[type, pa.DataType] = {
    int: pa.int64(),
    str: pa.string(),
    bool: pa.bool_(),
    float: pa.float64(),
    dt.datetime: pa.timestamp("ms", tz="UTC"),
    dt.date: pa.date32(),
    tuple: pa.list_(pa.string()),
}


class _Chunks(io.RawIOBase):
    """A file that keeps what is written until it is taken: the Parquet writer writes one
    row group, the export hands those bytes on."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._position = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        part = bytes(data)
        self._parts.append(part)
        self._position += len(part)
        return len(part)

    def tell(self) -> int:
        return self._position

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


def _parquet(
    table: str, found: list[dict[str, str]], columns: tuple[_Column, ...], rows: Iterator[Any]
) -> Iterator[bytes]:
    schema = pa.schema(
        [pa.field(c.name, _ARROW[c.kind], nullable=c.nullable) for c in columns],
        metadata={
            b"unsc.table": table.encode(),
            b"unsc.sources": json.dumps(found, ensure_ascii=False).encode(),
        },
    )
    sink = _Chunks()
    with pq.ParquetWriter(sink, schema) as writer:
        for batch in _batches(rows):
            data = {c.name: [getattr(r, c.name) for r in batch] for c in columns}
            writer.write_table(pa.Table.from_pydict(data, schema=schema))
            yield sink.take()
    yield sink.take()
