"""The JSON API against datasette, side by side, on the same SQLite database.

Builds the record's SQLite database from the bundled data (or reuses it while it is
current), starts ``unsc serve`` (one process) and ``datasette serve`` (the same file,
immutable, one process) on free ports, and drives each with the same load: CLIENTS
concurrent closed-loop clients (one connection each) for SECONDS after a warm-up, every
request a different page. The pages are drawn once, with a fixed seed, from a set of
questions a reader asks (all votes, vetoed drafts, the votes China sat in, words in a
title, a period, ...), each at a random limit (1-100) and offset (within its total), no
page twice; both servers get the same sequence. For datasette each question is the
equivalent parameterised SQL on its ``/<db>.json?sql=...&_shape=objects`` route, answering
the same page of rows and the total (``count(*) over ()``); before the load, a sample of
each question is asked of both and the totals and row keys compared, so that the two
answer the same thing.

The load generator is wrk (Debian's package ``wrk``: ``apt-get install wrk``), with one
thread and a Lua script that reads the sequence from a file; its own CPU time is measured
(as is each server's) and printed, so that one can see it is not the bottleneck on a
2-core machine.

/api/search is measured when the server has it, against datasette's LIKE over the same
columns (no table of the record has full-text search enabled, so datasette has no search
of its own there).

Run: .venv/bin/python benchmarks/api_vs_datasette.py [--seconds 20] [--warmup 5]
     [--clients 50] [--endpoints votes resolutions search] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic.util.exc import CommandError
from rich.console import Console
from rich.table import Table

from unsc.importers.progress import Silent
from unsc.record.db import make_engine
from unsc.service.database import ensure_current
from unsc.service.record import bundled_law
from unsc.web.api import member_keys

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
SEED = 20260604
PAGES = 300_000
"""Pages drawn per endpoint (at most; at most half of all the different pages there are):
the measured run reads from the start, the warm-up from three quarters in, so that the two
never ask the same page while the run stays under three quarters of them."""

LUA = """
local tpl, ts, ls, os_ = {}, {}, {}, {}
local n, i = 0, 0
init = function(args)
  for line in io.lines(args[1]) do tpl[#tpl + 1] = line end
  for line in io.lines(args[2]) do
    local t, l, o = line:match("(%d+) (%d+) (%d+)")
    n = n + 1
    ts[n], ls[n], os_[n] = tonumber(t), l, o
  end
  i = tonumber(args[3])
end
request = function()
  i = i + 1
  if i > n then i = 1 end
  return wrk.format("GET", tpl[ts[i]] .. "limit=" .. ls[i] .. "&offset=" .. os_[i])
end
"""

VOTE_COLUMNS = (
    "id, date, symbol, draft_symbol, resolution_symbol, meeting_symbol, title, kind, outcome, "
    "reason, yes, no, abstain, absent, not_participating, threshold, explanation, "
    "recorded_outcome, annotation, source_id, source_row, simulation"
)
RESOLUTION_COLUMNS = (
    "number, symbol, adopted, meeting_symbol, adoption, agenda_item, title, draft_symbol, "
    "chapter_vii, sponsors, subjects, yes, no, abstain, vote_id, source_id, source_ref"
)


@dataclass(frozen=True)
class Question:
    """One question, as unsc's query string and as datasette's SQL condition."""

    query: dict[str, str]
    where: str
    params: dict[str, str] = field(default_factory=dict)


def like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def keys(name: str, start: str | None = None, end: str | None = None) -> str:
    """The state keys a member's name means, as the API resolves it, as an SQL list."""
    import datetime as dt

    law = bundled_law()
    found = member_keys(
        law,
        name,
        dt.date.fromisoformat(start) if start else None,
        dt.date.fromisoformat(end) if end else None,
    )
    return ", ".join(f"'{k}'" for k in sorted(found))


def vote_questions() -> list[Question]:
    title = (
        "(lower(title) like :q escape '\\' or lower(symbol) like :q escape '\\' "
        "or lower(draft_symbol) like :q escape '\\')"
    )
    out = [
        Question({}, ""),
        Question({"outcome": "vetoed"}, "reason = 'veto'"),
        Question({"outcome": "adopted"}, "outcome = 'adopted'"),
        Question({"outcome": "not_adopted"}, "outcome = 'not_adopted'"),
        Question({"outcome": "insufficient_votes"}, "reason = 'insufficient_votes'"),
        Question(
            {"symbol": "S/2022/431"},
            "(upper(replace(symbol, ' ', '')) = :s or upper(replace(draft_symbol, ' ', '')) = :s"
            " or upper(meeting_symbol) = :s)",
            {"s": "S/2022/431"},
        ),
    ]
    for member in ("China", "United States", "France", "India", "Japan", "Brazil"):
        out.append(
            Question(
                {"member": member},
                f"id in (select vote_id from casts where state_key in ({keys(member)}))",
            )
        )
    for member, how in (("Russia", "no"), ("France", "abstain"), ("China", "abstain")):
        out.append(
            Question(
                {"member": member, "voted": how},
                f"id in (select vote_id from casts where state_key in ({keys(member)}) "
                f"and \"cast\" = '{how}')",
            )
        )
    for member in ("Russia", "United States", "USSR"):
        out.append(
            Question(
                {"vetoed_by": member},
                f"id in (select vote_id from vetoes where state_key in ({keys(member)}))",
            )
        )
    for words in ("korea", "palestin", "sanctions", "syria", "cyprus", "peacekeeping"):
        out.append(Question({"q": words}, title, {"q": like(words)}))
    for start, end in (
        ("1946-01-01", "1969-12-31"),
        ("1970-01-01", "1989-12-31"),
        ("1990-01-01", "1999-12-31"),
        ("2000-01-01", "2009-12-31"),
        ("2010-01-01", "2025-12-31"),
        ("2022-01-01", "2022-12-31"),
    ):
        out.append(
            Question(
                {"from": start, "to": end},
                "date >= :start and date <= :end",
                {"start": start, "end": end},
            )
        )
    out.append(
        Question(
            {"member": "China", "from": "1960-01-01", "to": "1990-12-31", "outcome": "vetoed"},
            f"id in (select vote_id from casts where state_key in "
            f"({keys('China', '1960-01-01', '1990-12-31')})) and date >= :start "
            "and date <= :end and reason = 'veto'",
            {"start": "1960-01-01", "end": "1990-12-31"},
        )
    )
    return out


def resolution_questions() -> list[Question]:
    words = "(lower(title) like :q escape '\\' or lower(agenda_item) like :q escape '\\')"
    out = [
        Question({}, ""),
        Question({"chapter_vii": "true"}, "chapter_vii = 1"),
        Question({"chapter_vii": "false"}, "chapter_vii = 0"),
    ]
    for subject in ("korea", "sanctions", "peacekeeping", "terrorism", "sudan", "women"):
        out.append(
            Question(
                {"subject": subject},
                "lower(subjects_text) like :subject escape '\\'",
                {"subject": like(subject)},
            )
        )
    for text in ("cyprus", "afghanistan", "somalia", "libya", "non-proliferation"):
        out.append(Question({"q": text}, words, {"q": like(text)}))
    for start, end in (
        ("2000-01-01", "2004-12-31"),
        ("2005-01-01", "2009-12-31"),
        ("2010-01-01", "2014-12-31"),
        ("2015-01-01", "2019-12-31"),
        ("2020-01-01", "2026-12-31"),
    ):
        out.append(
            Question(
                {"from": start, "to": end},
                "adopted >= :start and adopted <= :end",
                {"start": start, "end": end},
            )
        )
    out.append(
        Question(
            {"subject": "korea", "chapter_vii": "true"},
            "lower(subjects_text) like :subject escape '\\' and chapter_vii = 1",
            {"subject": like("korea")},
        )
    )
    return out


SEARCHES = (
    "North Korea",
    "Hwasong",
    "S/PRST/2017/16",
    "sanctions",
    "Syria",
    "Cyprus",
    "ceasefire",
    "Srebrenica",
    "S/2022/431",
    "nuclear test",
    "Ukraine",
    "piracy",
)


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str
    table: str
    columns: str
    order: str
    key: str
    questions: list[Question]
    base_where: str = ""
    same_rows: bool = True
    """Whether both servers answer the same rows (checked before the load)."""
    most_offset: int = 1_000_000
    """The largest offset the endpoint takes."""
    statement: str | None = None
    """The SQL of a page, where it is not the plain one made of the fields above; the
    question's condition goes in for ``{where}``."""

    def unsc_prefix(self, q: Question) -> str:
        query = urllib.parse.urlencode(q.query)
        return f"{self.path}?{query}&" if query else f"{self.path}?"

    def sql(self, q: Question) -> str:
        where = " and ".join(w for w in (self.base_where, q.where) if w)
        if self.statement:
            return self.statement.format(where=where)
        return (
            f"select {self.columns}, count(*) over () as total from {self.table}"
            f"{' where ' + where if where else ''} order by {self.order} "
            "limit :limit offset :offset"
        )

    def datasette_prefix(self, db: str, q: Question) -> str:
        query = urllib.parse.urlencode({"sql": self.sql(q), "_shape": "objects", **q.params})
        return f"/{db}.json?{query}&"

    def count(self, conn: sqlite3.Connection, q: Question) -> int:
        where = " and ".join(w for w in (self.base_where, q.where) if w)
        sql = f"select count(*) from {self.table}{' where ' + where if where else ''}"
        return int(conn.execute(sql, q.params).fetchone()[0])


def endpoints() -> list[Endpoint]:
    return [
        Endpoint(
            "votes",
            "/api/votes",
            "votes",
            VOTE_COLUMNS,
            "date desc, id desc",
            "id",
            vote_questions(),
            base_where="simulation = 0",
        ),
        Endpoint(
            "resolutions",
            "/api/resolutions",
            "resolutions",
            RESOLUTION_COLUMNS,
            "number",
            "number",
            resolution_questions(),
        ),
    ]


SEARCH = """with page as (
  select d.id, d.date, m.rank, count(*) over () as total
  from (select rowid, bm25(search_fts, 10.0, 1.0, 4.0) as rank from search_fts where {where}) m
  join search_documents d on d.id = m.rowid
  order by m.rank, d.date desc, d.id limit :limit offset :offset
)
select d.id, d.kind, d.symbol, d.date, d.title, d.url,
  snippet(search_fts, -1, '<mark>', '</mark>', ' … ', 24) as snip, page.total
from search_fts join page on page.id = search_fts.rowid
join search_documents d on d.id = page.id
where {where} order by page.rank, page.date desc, page.id"""
"""A page of full-text matches ranked as unsc ranks them (bm25, title ten times the text),
with the total, and the snippet made for the page's rows only; FTS5's functions cannot sit
beside a window function, hence the two steps."""


def search_questions(path: Path) -> list[Question]:
    """The searches, each with the FTS5 match unsc makes of it (its own parser, with every
    country's names), which datasette is given as is."""
    from unsc.core.search_query import fts5_match
    from unsc.service.database import open_database
    from unsc.service.search import understand

    database = open_database(f"sqlite:///{path}")
    out = []
    with database.sessions() as session:
        for text in SEARCHES:
            match = fts5_match(understand(text, session))
            if match:
                out.append(Question({"q": text}, "search_fts match :match", {"match": match}))
    database.engine.dispose()
    return out


def search_endpoint(path: Path) -> Endpoint:
    return Endpoint(
        "search",
        "/api/search",
        "search_fts",
        "",
        "",
        "id",
        search_questions(path),
        same_rows=False,
        most_offset=10_000,
        statement=SEARCH,
    )


def draw_pages(totals: list[int], n: int, seed: int) -> list[tuple[int, int, int]]:
    """``n`` different (question, limit, offset) triples, questions drawn evenly."""
    rng = random.Random(seed)
    seen: set[tuple[int, int, int]] = set()
    out: list[tuple[int, int, int]] = []
    live = [i for i, t in enumerate(totals) if t > 0]
    space = sum(100 * totals[i] for i in live)
    n = min(n, space // 2)
    misses = dict.fromkeys(live, 0)
    while len(out) < n:
        i = rng.choice(live)
        triple = (i, rng.randint(1, 100), rng.randrange(totals[i]))
        if triple in seen:
            misses[i] += 1
            if misses[i] > 50:  # this question's pages are (nearly) all drawn
                live.remove(i)
            continue
        misses[i] = 0
        seen.add(triple)
        out.append(triple)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, None


def start(cmd: list[str], probe: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{cmd[0]} exited with {process.returncode}: {' '.join(cmd)}")
        try:
            if get(probe)[0] == 200:
                return process
        except OSError:
            pass
        time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{' '.join(cmd)} did not answer {probe} within 120 s")


def cpu_seconds(pid: int) -> float:
    """User and system time of a process and its threads so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Result:
    endpoint: str
    server: str
    requests: int
    rps: float
    p50: float
    p99: float
    errors: int
    server_cpu: float
    wrk_cpu: float
    repeats: int


def ms(text: str, label: str) -> float:
    match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not match:
        raise RuntimeError(f"no {label}th percentile in wrk's output:\n{text}")
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def wrk(
    base: str, script: Path, templates: Path, pages: Path, first: int, seconds: int, clients: int
) -> tuple[str, float]:
    """Runs wrk; its output and its own CPU seconds."""
    cmd = [
        "wrk",
        "-t1",
        f"-c{clients}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(script),
        base,
        "--",
        str(templates),
        str(pages),
        str(first),
    ]
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode()
    if process.returncode != 0:
        raise RuntimeError(f"wrk failed ({process.returncode}):\n{text}")
    return text, usage.ru_utime + usage.ru_stime


def run(
    endpoint: str,
    server: str,
    pid: int,
    base: str,
    files: tuple[Path, Path, Path],
    args: argparse.Namespace,
) -> Result:
    script, templates, pages = files
    drawn = sum(1 for _ in pages.open())
    wrk(base, script, templates, pages, drawn * 3 // 4, args.warmup, args.clients)
    before = cpu_seconds(pid)
    text, generator = wrk(base, script, templates, pages, 0, args.seconds, args.clients)
    used = cpu_seconds(pid) - before
    done = re.search(r"(\d+) requests in", text)
    requests = int(done.group(1)) if done else 0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    errors = (int(non2xx.group(1)) if non2xx else 0) + (
        sum(int(g) for g in sockets.groups()) if sockets else 0
    )
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    return Result(
        endpoint,
        server,
        requests,
        float(rps.group(1)) if rps else 0.0,
        ms(text, "50"),
        ms(text, "99"),
        errors,
        used / args.seconds,
        generator / args.seconds,
        max(0, requests - drawn * 3 // 4),
    )


def check_same(endpoint: Endpoint, unsc: str, datasette: str, db: str, totals: list[int]) -> None:
    """Asks a page of every question of both servers: same total, same rows in order."""
    for i, q in enumerate(endpoint.questions):
        if not endpoint.same_rows:
            for base, prefix in (
                (unsc, endpoint.unsc_prefix(q)),
                (datasette, endpoint.datasette_prefix(db, q)),
            ):
                status, _ = get(base + prefix + "limit=20&offset=0")
                if status != 200:
                    raise SystemExit(f"{base}{endpoint.path} {q.query}: status {status}")
            continue
        offset = totals[i] // 2
        tail = f"limit=20&offset={offset}"
        status, ours = get(unsc + endpoint.unsc_prefix(q) + tail)
        if status != 200:
            raise SystemExit(f"{endpoint.path} {q.query}: status {status}")
        status, theirs = get(datasette + endpoint.datasette_prefix(db, q) + tail)
        if status != 200:
            raise SystemExit(f"datasette, {endpoint.path} {q.query}: status {status}")
        rows = theirs["rows"]
        their_total = rows[0]["total"] if rows else 0
        if ours["total"] != totals[i] or (rows and their_total != totals[i]):
            raise SystemExit(
                f"{endpoint.path} {q.query}: totals differ: unsc {ours['total']}, "
                f"datasette {their_total}, SQLite {totals[i]}"
            )
        if [r[endpoint.key] for r in ours["items"]] != [r[endpoint.key] for r in rows]:
            raise SystemExit(f"{endpoint.path} {q.query}: the pages differ")


def datasette_version() -> str:
    from importlib.metadata import version

    return version("datasette")


def has_search(unsc: str) -> bool:
    status, _ = get(unsc + "/api/search?q=Syria")
    return status == 200


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--endpoints", nargs="+", default=["votes", "resolutions", "search"])
    parser.add_argument(
        "--servers", nargs="+", default=["unsc", "datasette"], help="measure only these"
    )
    parser.add_argument("--db", help="the SQLite file to use (built if missing or stale)")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit(
            "wrk is not installed: it generates the load (apt-get install wrk, as root)"
        )
    console = Console(width=110)
    work = Path(tempfile.mkdtemp(prefix="unsc-vs-datasette-"))
    path = Path(args.db) if args.db else Path(tempfile.gettempdir()) / "unsc-bench.sqlite3"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    started = time.perf_counter()
    try:
        built = ensure_current(engine, Silent())
    except CommandError as err:  # a migration this checkout does not have
        raise SystemExit(
            f"cannot use the database {path}: {err}. It was built by another version of unsc; "
            "give --db another file, or remove this one"
        ) from None
    finally:
        engine.dispose()
    console.print(
        f"database {path}: "
        + (f"built in {time.perf_counter() - started:.1f} s" if built else "current, reused")
    )
    db = path.stem
    unsc_port, datasette_port = free_port(), free_port()
    unsc = f"http://127.0.0.1:{unsc_port}"
    datasette = f"http://127.0.0.1:{datasette_port}"
    servers = {
        "unsc": start(
            [str(BIN / "unsc"), "serve", "--port", str(unsc_port), "--db", url],
            unsc + "/api/council",
        ),
        "datasette": start(
            [
                str(BIN / "datasette"),
                "serve",
                "-i",
                str(path),
                "--port",
                str(datasette_port),
                "--setting",
                "sql_time_limit_ms",
                "10000",
            ],
            datasette + "/-/versions.json",
        ),
    }
    script = work / "pages.lua"
    script.write_text(LUA)
    results: list[Result] = []
    notes: list[str] = []
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        chosen = [e for e in endpoints() if e.name in args.endpoints]
        if "search" in args.endpoints and has_search(unsc):
            chosen.append(search_endpoint(path))
        elif "search" in args.endpoints:
            notes.append("/api/search: the server has no such endpoint; not measured")
        for endpoint in chosen:
            totals = [
                min(endpoint.count(conn, q), endpoint.most_offset + 1) for q in endpoint.questions
            ]
            check_same(endpoint, unsc, datasette, db, totals)
            pages = work / f"{endpoint.name}.pages"
            pages.write_text(
                "".join(f"{t + 1} {n} {o}\n" for t, n, o in draw_pages(totals, PAGES, SEED))
            )
            prefixes = {
                "unsc": [endpoint.unsc_prefix(q) for q in endpoint.questions],
                "datasette": [endpoint.datasette_prefix(db, q) for q in endpoint.questions],
            }
            for server, base in (("unsc", unsc), ("datasette", datasette)):
                if server not in args.servers:
                    continue
                templates = work / f"{endpoint.name}-{server}.templates"
                templates.write_text("".join(p + "\n" for p in prefixes[server]))
                result = run(
                    endpoint.path,
                    server,
                    servers[server].pid,
                    base,
                    (script, templates, pages),
                    args,
                )
                results.append(result)
                console.print(
                    f"{result.endpoint} {server}: {result.rps:.0f} requests/s, "
                    f"p99 {result.p99:.1f} ms"
                )
        if any(e.name == "search" for e in chosen):
            notes.append(
                "/api/search: datasette runs the FTS5 query unsc makes of the same words (the "
                "record's search_fts table, full-text enabled; same bm25 weights and snippet), "
                "without unsc's exact-symbol matches, so the rows differ and are not compared"
            )
    finally:
        for process in servers.values():
            process.terminate()
            process.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)
    table = Table(
        title=f"{args.clients} clients, one connection each, {args.seconds} s after a "
        f"{args.warmup} s warm-up, every request a different page (wrk, seed {SEED})"
    )
    for column in (
        "endpoint",
        "server",
        "requests/s",
        "p50 ms",
        "p99 ms",
        "errors",
        "server CPU",
        "CPU µs/request",
        "wrk CPU",
    ):
        table.add_column(column, justify="left" if column in ("endpoint", "server") else "right")
    for r in results:
        table.add_row(
            r.endpoint,
            r.server,
            f"{r.rps:.0f}",
            f"{r.p50:.1f}",
            f"{r.p99:.1f}",
            str(r.errors),
            f"{r.server_cpu:.0%}",
            f"{r.server_cpu / r.rps * 1e6:.0f}" if r.rps else "-",
            f"{r.wrk_cpu:.0%}",
        )
    console.print(table)
    for r in results:
        if r.repeats:
            console.print(f"{r.endpoint} {r.server}: {r.repeats} requests repeated a page")
    for note in notes:
        console.print(note)
    console.print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f}; CPU as a share of one core; unsc serve and datasette "
        f"serve {datasette_version()} each one process (uvicorn; datasette logs each request, "
        "as it ships)."
    )
    if args.json:
        Path(args.json).write_text(json.dumps([r.__dict__ for r in results], indent=1))


if __name__ == "__main__":
    main()
