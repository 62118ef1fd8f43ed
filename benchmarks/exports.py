"""Prints a table: the time and peak memory of exporting the record's largest table
(``resolution-paragraphs``) in each format on SQLite, each export in a fresh process; the
memory is the process's peak resident set less that of the same process opening the
database without exporting. ``--whole`` measures building the export in memory as one
``bytes`` (what the export did before it streamed) beside writing it chunk by chunk.

Run: .venv/bin/python benchmarks/exports.py [--db URL] [--runs N] [--whole]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

TABLE = "resolution-paragraphs"
FORMATS = ("csv", "json", "parquet")


def child(url: str, fmt: str, mode: str, target: str) -> None:
    """Runs in the measured process: opens the database, exports (or not), reports."""
    from unsc.service import exports
    from unsc.service.database import open_database

    database = open_database(url)
    start = time.perf_counter()
    size = rows = 0
    with database.sessions() as session:
        rows = exports.tables(session)[exports.TABLES.index(TABLE)].rows
        if mode == "stream":
            size = exports.write(session, TABLE, fmt, Path(target))
        elif mode == "whole":
            data = exports.export(session, TABLE, fmt)
            Path(target).write_bytes(data)
            size = len(data)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"seconds": elapsed, "peak_kib": peak, "bytes": size, "rows": rows}))


def measure(url: str, fmt: str, mode: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        target = str(Path(tmp) / f"out.{fmt}")
        found = subprocess.run(
            [sys.executable, __file__, "--child", url, fmt, mode, target],
            capture_output=True,
            text=True,
        )
    if found.returncode:
        raise SystemExit(f"the export ({fmt}, {mode}) failed:\n{found.stderr}")
    result: dict[str, float] = json.loads(found.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="the database (default: a new SQLite file, built first)")
    parser.add_argument("--runs", type=int, default=3, help="runs per format (median shown)")
    parser.add_argument("--whole", action="store_true", help="also measure the whole-bytes way")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'unsc.sqlite3'}"
        if not args.db:
            from unsc.service.database import open_database

            open_database(url).engine.dispose()
        baseline = statistics.median(
            measure(url, "csv", "none")["peak_kib"] for _ in range(args.runs)
        )
        modes = ("stream", "whole") if args.whole else ("stream",)
        table = Table(title=f"Exporting {TABLE} on SQLite (median of {args.runs} runs)")
        for heading in ("format", "how", "rows", "MB written", "seconds", "peak memory (MB)"):
            table.add_column(heading, justify="left" if heading in ("format", "how") else "right")
        for fmt in FORMATS:
            for mode in modes:
                runs = [measure(url, fmt, mode) for _ in range(args.runs)]
                table.add_row(
                    fmt,
                    "streamed to a file" if mode == "stream" else "whole, in memory",
                    f"{int(runs[0]['rows']):,}",
                    f"{runs[0]['bytes'] / 1e6:.1f}",
                    f"{statistics.median(r['seconds'] for r in runs):.2f}",
                    f"{(statistics.median(r['peak_kib'] for r in runs) - baseline) / 1024:.0f}",
                )
        Console().print(table)
        Console().print(f"peak memory: above the {baseline / 1024:.0f} MB of opening the database")


if __name__ == "__main__":
    main()
