"""Prints a table: how long search takes for each of the issue's queries (p50 and p99 over
repeated runs, in the service, no HTTP and no cache), on SQLite and on PostgreSQL, and how
long the search index takes to build.

Run: .venv/bin/python benchmarks/search.py [--runs N] [--sqlite-only]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session

from unsc.record import search as index
from unsc.service.database import open_database
from unsc.service.search import search

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the tests' throwaway PostgreSQL server
from tests.postgres import create_database, temporary_server  # noqa: E402

QUERIES = (
    "North Korea",
    "DPRK",
    "Democratic People's Republic of Korea",
    "Korea",
    "Hwasong",
    "S/PRST/2017/16",
    "S/PV.9048",
    "2397",
    "S/RES/2397(2017)",
    "S/2022/431",
    "26 May 2022",
    "crude oil",
)


def measure(url: str, runs: int, table: Table, name: str) -> None:
    database = open_database(url)
    with Session(database.engine) as db:
        start = time.perf_counter()
        with db.begin():
            rows = index.build_index(db)
        table.add_row(
            name, f"(index build: {rows:,} rows)", "", f"{time.perf_counter() - start:.2f} s", ""
        )
        for q in QUERIES:
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                page = search(db, q, limit=20)
                times.append((time.perf_counter() - t) * 1000)
            times.sort()
            p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
            table.add_row(name, q, str(page.total), f"{statistics.median(times):.1f}", f"{p99:.1f}")
    database.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    table = Table(title=f"Search, {args.runs} runs per query (ms)")
    for column in ("database", "query", "results", "p50 ms", "p99 ms"):
        table.add_column(column)
    with tempfile.TemporaryDirectory() as tmp:
        measure(f"sqlite:///{tmp}/unsc.sqlite3", args.runs, table, "SQLite")
    if not args.sqlite_only:
        with temporary_server() as server:
            url = create_database(server, f"unsc_search_bench_{os.getpid()}")
            measure(url, args.runs, table, "PostgreSQL")
    Console().print(table)


if __name__ == "__main__":
    main()
