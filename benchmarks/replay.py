"""Prints a table: the cost of loading, replaying all 3,203 recorded votes, and one decision.

Run: .venv/bin/python benchmarks/replay.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
import timeit
import tracemalloc
from collections.abc import Callable

from rich.console import Console
from rich.table import Table

from unsc.analysis.replay import replay
from unsc.core.rules import decide
from unsc.core.types import Cast, Question
from unsc.importers.annotations import load_annotations
from unsc.importers.sciencespo import load_column_map, open_bundled, parse
from unsc.law.loader import build_law, load_law, read_yaml

REPEAT = 7


def best_and_median(fn: Callable[[], object], repeat: int = REPEAT) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    started = time.perf_counter()
    law = load_law()
    law.on(dt.date(2022, 5, 26))
    law_load = time.perf_counter() - started

    annotations = load_annotations()
    columns = load_column_map(annotations.column_corrections)

    def parse_record() -> list[object]:
        with open_bundled() as handle:
            return list(parse(handle, columns))

    parse_best, parse_median = best_and_median(parse_record, 3)
    with open_bundled() as handle:
        votes = parse(handle, columns)
    notes = annotations.all(votes)

    data = (read_yaml("council.yaml"), read_yaml("states.yaml"), read_yaml("terms.yaml"))

    # Cold: a new Law value, so every day's snapshot and the presidency table are computed
    # inside the timing (the YAML files are read once, outside it).
    def replay_cold() -> None:
        fresh = build_law(*data)
        report = replay(fresh, votes, notes)
        assert report.reproduced == len(votes) == 3203

    def replay_warm() -> None:
        report = replay(law, votes, notes)
        assert report.reproduced == 3203

    cold_best, cold_median = best_and_median(replay_cold)
    replay_warm()
    warm_best, warm_median = best_and_median(replay_warm)

    council = law.on(dt.date(2022, 5, 26))
    casts = {m.key: Cast.YES for m in council.members} | {"CHN": Cast.NO, "RUS": Cast.NO}
    question = Question(symbol="S/2022/431")
    number = 20_000
    per_call = (
        min(timeit.repeat(lambda: decide(council, question, casts), number=number, repeat=5))
        / number
    )

    tracemalloc.start()
    replay(law, votes, notes)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    table = Table(title="unsc rules engine benchmark (in-process, this machine)")
    table.add_column("what")
    table.add_column("best", justify="right")
    table.add_column("median", justify="right")
    table.add_column("target", justify="right")
    table.add_row("read the law's YAML and build it, once", f"{law_load * 1e3:.0f} ms", "", "")
    table.add_row(
        "parse the record (3,203 rows)",
        f"{parse_best * 1e3:.0f} ms",
        f"{parse_median * 1e3:.0f} ms",
        "",
    )
    table.add_row(
        "replay 3,203 votes, new Law (cold)",
        f"{cold_best * 1e3:.0f} ms",
        f"{cold_median * 1e3:.0f} ms",
        "< 500 ms",
    )
    table.add_row(
        "replay 3,203 votes, snapshots cached",
        f"{warm_best * 1e3:.0f} ms",
        f"{warm_median * 1e3:.0f} ms",
        "< 500 ms",
    )
    table.add_row("one decision (S/2022/431 ballot)", f"{per_call * 1e6:.1f} µs", "", "")
    table.add_row("peak memory of a replay", f"{peak / 2**20:.1f} MiB", "", "")
    Console().print(table)


if __name__ == "__main__":
    main()
