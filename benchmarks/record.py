"""Prints a table: building the record's database from the bundled data, and API latency
(p50/p99) under 50 concurrent clients, on SQLite and on PostgreSQL.

Run: .venv/bin/python benchmarks/record.py   (uses wrk when installed, else a Python client)
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

from unsc.importers.progress import Silent
from unsc.record.db import make_engine
from unsc.service.database import rebuild

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the tests' throwaway PostgreSQL server
from tests.postgres import create_database, temporary_server  # noqa: E402

UNSC = str(ROOT / ".venv/bin/unsc")
CONCURRENCY = 50
DURATION = 8
QUESTIONS = {
    "/api/votes": "/api/votes",
    "/api/vetoes": "/api/vetoes?member=China",
}
VARYING = """
counter = 0
request = function()
  counter = counter + 1
  local offset = math.random(0, 3150)
  return wrk.format("GET", "{path}" .. "{sep}offset=" .. offset .. "&limit=20")
end
"""


def build_seconds(url: str) -> float:
    engine = make_engine(url)
    start = time.perf_counter()
    summary = rebuild(engine, Silent())
    elapsed = time.perf_counter() - start
    engine.dispose()
    assert summary.votes == 3203 + 14  # the Sciences Po record and the votes of 2026
    return elapsed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(url: str, cache: bool) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [UNSC, "serve", "--port", str(port), "--db", url, "--cache" if cache else "--no-cache"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/council", timeout=1).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not start")


def wrk(url: str, script: str | None) -> tuple[float, float, float]:
    cmd = ["wrk", "-t2", f"-c{CONCURRENCY}", f"-d{DURATION}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        if script:
            lua.write(script)
            cmd += ["-s", lua.name]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    os.unlink(lua.name)

    def ms(label: str) -> float:
        match = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out)
        assert match, out
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    return ms("50"), ms("99"), rps


async def python_client(url: str, varying: bool) -> tuple[float, float, float]:
    latencies: list[float] = []
    stop = time.monotonic() + DURATION

    async def client(c: httpx.AsyncClient, seed: int) -> None:
        n = seed
        while time.monotonic() < stop:
            n += 7919
            target = (
                f"{url}{'&' if '?' in url else '?'}offset={n % 3150}&limit=20" if varying else url
            )
            start = time.perf_counter()
            await c.get(target)
            latencies.append((time.perf_counter() - start) * 1000)

    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=CONCURRENCY)) as c:
        await asyncio.gather(*(client(c, i) for i in range(CONCURRENCY)))
    latencies.sort()
    return (
        statistics.median(latencies),
        latencies[int(len(latencies) * 0.99)],
        len(latencies) / DURATION,
    )


def measure(base: str, path: str, varying: bool) -> tuple[float, float, float]:
    url = base + path
    if shutil.which("wrk"):
        script = VARYING.format(path=path, sep="&" if "?" in path else "?") if varying else None
        return wrk(base if varying else url, script)
    return asyncio.run(python_client(url, varying))


def main() -> None:
    console = Console()
    backends: dict[str, str] = {}
    tmp = Path(tempfile.mkdtemp(prefix="unsc-bench-"))
    backends["SQLite"] = f"sqlite:///{tmp / 'unsc.sqlite3'}"
    builds = Table(title="Building the record from the bundled data (target < 10 s)")
    builds.add_column("database")
    builds.add_column("seconds", justify="right")
    latency = Table(
        title=f"API latency, {CONCURRENCY} concurrent clients, {DURATION} s each "
        f"({'wrk' if shutil.which('wrk') else 'Python client'}; target p99 < 50 ms)"
    )
    for column in ("database", "endpoint", "requests", "p50 ms", "p99 ms", "req/s"):
        latency.add_column(column, justify="right" if "ms" in column or "/s" in column else "left")
    with temporary_server() as server:
        backends["PostgreSQL"] = create_database(server, "unsc_bench")
        for name, url in backends.items():
            builds.add_row(name, f"{build_seconds(url):.2f}")
        for name, url in backends.items():
            for cache, varying, label in (
                (True, False, "same question (cached)"),
                (False, True, "every page different (no cache)"),
            ):
                process, base = serve(url, cache)
                try:
                    for endpoint, path in QUESTIONS.items():
                        p50, p99, rps = measure(base, path, varying)
                        latency.add_row(
                            name, endpoint, label, f"{p50:.1f}", f"{p99:.1f}", f"{rps:.0f}"
                        )
                finally:
                    process.terminate()
                    process.wait(timeout=20)
    shutil.rmtree(tmp, ignore_errors=True)
    console.print(builds)
    console.print(latency)
    console.print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; server: one "
        "uvicorn process (uvloop, httptools); client on the same machine."
    )


if __name__ == "__main__":
    main()
