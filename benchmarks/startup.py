"""Prints a table: how long the command line takes to answer, as a user starts it.

Each command is run as a new process (the installed ``unsc`` entry point) several times;
the table gives the fastest and the median wall time, the target (0.3 s for ``--help``,
``council`` and ``decide``), and the modules each imports. Run on an idle machine:
    .venv/bin/python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

UNSC = str(Path(sys.executable).parent / "unsc")
BALLOT = '{"date": "2022-05-26", "votes": {"China": "no", "Russia": "no"}, "others": "yes"}\n'
COMMANDS: list[tuple[str, list[str], str | None, float | None]] = [
    ("python -c pass (the floor)", [sys.executable, "-c", "pass"], None, None),
    ("unsc --help", [UNSC, "--help"], None, 0.3),
    ("unsc council", [UNSC, "council"], None, 0.3),
    (
        "unsc council --on 2022-05-26 --json",
        [UNSC, "council", "--on", "2022-05-26", "--json"],
        None,
        0.3,
    ),
    ("unsc decide --json (S/2022/431)", [UNSC, "decide", "--json"], BALLOT, 0.3),
    (
        "unsc sanctions measures --regime 1718 --on 2018-01-01",
        [UNSC, "sanctions", "measures", "--regime", "1718", "--on", "2018-01-01"],
        None,
        None,
    ),
]


def run(argv: list[str], stdin: str | None) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of the command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, input=stdin, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def imported(argv: list[str]) -> int:
    """How many modules the command's process has loaded when it exits."""
    if argv[0] != UNSC:
        return 0
    code = (
        "import sys, atexit; atexit.register(lambda: sys.stderr.write(f'#{len(sys.modules)}'));"
        "from unsc.cli import main; sys.argv = ['unsc', *sys.argv[1:]]; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *argv[1:]],
        input=BALLOT if "decide" in argv else None,
        capture_output=True,
        text=True,
        check=False,
    )
    tail = done.stderr.rsplit("#", 1)[-1]
    return int(tail) if tail.strip().isdigit() else 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    load = os.getloadavg()[0]
    table = Table(
        title=f"Command-line start-up ({runs} runs each, load average {load:.2f})",
        caption="wall time of a new process, from start to exit; CPU: user + system time "
        "(less sensitive to a busy machine); met: median wall time within the target",
    )
    for column in ("command", "fastest s", "median s", "CPU s", "target s", "met", "modules"):
        table.add_column(column, justify="left" if column == "command" else "right")
    for name, argv, stdin, target in COMMANDS:
        run(argv, stdin)  # warm the file cache
        measured = [run(argv, stdin) for _ in range(runs)]
        times = [wall for wall, _ in measured]
        median = statistics.median(times)
        cpu = statistics.median(c for _, c in measured)
        met = "" if target is None else ("yes" if median <= target else "NO")
        table.add_row(
            name,
            f"{min(times):.3f}",
            f"{median:.3f}",
            f"{cpu:.3f}",
            "" if target is None else f"{target:.1f}",
            met,
            str(imported(argv) or ""),
        )
    Console().print(table)


if __name__ == "__main__":
    main()
