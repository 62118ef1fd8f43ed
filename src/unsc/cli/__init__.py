"""The ``unsc`` command line: each command validates, calls one library function, prints."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from unsc.cli.alignment import alignment
from unsc.cli.common import JsonFlag, OnOption, day_option, emit, err, fail, out
from unsc.cli.power import power
from unsc.cli.sanctions import sanctions_app
from unsc.cli.screen import screen
from unsc.cli.whatif import whatif
from unsc.core.errors import UnscError

if TYPE_CHECKING:  # each command imports what it needs when it runs: start-up stays fast
    from rich.progress import Progress, TaskID

    from unsc.core.rules import Decision

app = typer.Typer(
    name="unsc",
    help="The UN Security Council as software: its rules applied and explained.",
    no_args_is_help=True,
    add_completion=False,
)
_fail = fail
_emit = emit


def _parse_day(text: str | None) -> dt.date:
    return day_option(text)


@app.command()
def council(
    on: OnOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Who sat on the Council on a date, the votes needed, and who presided."""
    from rich.table import Table

    from unsc.service.record import bundled_law, council_view

    day = _parse_day(on)
    try:
        view = council_view(bundled_law().on(day))
    except UnscError as e:
        _fail(str(e))
        return
    if as_json:
        _emit(view)
        return
    president = view["president"]["name"] if view["president"] else "unknown"
    if view["unknown_seats"] and view["president"]:
        president += " (rule 18 over the known members only)"
    table = Table(
        title=f"The Security Council on {view['date']}",
        caption=f"{view['seats']} members · {view['threshold']} affirmative votes needed · "
        f"President: {president}",
    )
    for column in ("Member", "ISO", "Seat", "Term"):
        table.add_column(column)
    for m in view["members"]:
        term = f"{m['term_start']} – {m['term_end'] or ''}"
        table.add_row(m["name"], m["iso3"], "permanent" if m["permanent"] else "elected", term)
    for _ in range(view["unknown_seats"]):
        table.add_row("[italic]unknown[/]", "", "elected", "not in the bundled data")
    out.print(table)
    if view["note"]:
        err.print(f"[yellow]note:[/] {view['note']}", highlight=False)


@app.command()
def decide(as_json: JsonFlag = False) -> None:
    """Decide ballots read as JSON Lines from standard input, one result per line.

    A ballot: {"date": "2022-05-26", "kind": "substantive", "votes": {"China": "no",
    "Russia": "no"}, "others": "yes"}. A bad line gives {"error": ...} (with --json) and
    the command exits non-zero at the end.
    """
    from unsc.service.ballots import decide_ballot, read_ballot
    from unsc.service.record import bundled_law

    law = bundled_law()
    failed = 0
    lines = 0
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        lines += 1
        try:
            decision = decide_ballot(law, read_ballot(line))
        except UnscError as e:
            failed += 1
            _report_line_error(number, str(e), as_json)
            continue
        if as_json:
            _emit(decision.to_dict())
        else:
            _print_decision(decision)
    if lines == 0:
        _fail(
            "no ballot on standard input; pipe JSON Lines, e.g. "
            'echo \'{"date": "2022-05-26", "others": "yes"}\' | unsc decide'
        )
    if failed:
        raise typer.Exit(code=1)


def _report_line_error(number: int, message: str, as_json: bool) -> None:
    text = f"line {number}: {message}"
    if as_json:
        _emit({"line": number, "error": text})
    else:
        err.print(f"[bold red]error:[/] {text}", highlight=False)


def _print_decision(decision: Decision) -> None:
    style = "green" if decision.is_adopted else "red"
    out.print(f"[bold {style}]{decision.explanation}[/]", highlight=False)
    for detail in decision.details:
        out.print(f"  {detail}", highlight=False)
    if decision.ga_debate_deadline is not None:
        out.print(f"  General Assembly debate due by {decision.ga_debate_deadline.isoformat()}")
    out.print(
        "  Sources: " + "; ".join(c.ref for c in decision.citations), style="dim", highlight=False
    )


@app.command()
def replay(as_json: JsonFlag = False) -> None:
    """Decide every recorded vote (1946-2026) again and compare with the record."""
    from rich.table import Table

    from unsc.service.record import record_source, replay_bundled

    report = replay_bundled()
    if as_json:
        data = report.to_dict()
        data["source"] = record_source()
        _emit(data)
    else:
        summary = Table(title="Replay of the vote record through the rules engine")
        summary.add_column("")
        summary.add_column("votes", justify="right")
        summary.add_row("replayed", str(report.total))
        summary.add_row("reproduced", str(report.reproduced))
        summary.add_row("needing an annotation", str(report.annotated))
        summary.add_row("mismatches", str(len(report.mismatches)))
        for outcome, count in report.counts().items():
            summary.add_row(f"engine: {outcome}", str(count))
        out.print(summary)
        notes = Table(title="Annotations (src/unsc/data/annotations/sciencespo.yaml)")
        for column in ("kind", "rows", "reason", "sources"):
            notes.add_column(column, overflow="fold")
        for a in report.annotations:
            rows = ", ".join(map(str, a.votes[:6])) + (" …" if len(a.votes) > 6 else "")
            notes.add_row(a.kind.value, f"{len(a.votes)}: {rows}", a.reason, "\n".join(a.sources))
        out.print(notes)
        for m in report.mismatches:
            out.print(
                f"[red]mismatch[/] vote {m.vote.vote_id} {m.vote.symbol}: recorded "
                f"{m.expected.value}, engine {m.engine_outcome} {m.error or ''}"
            )
        source = record_source()
        out.print(f"Data: {source['citation']} Licence: {source['licence']}.", style="dim")
    if report.mismatches:
        raise typer.Exit(code=1)


db_app = typer.Typer(help="The record's database.", no_args_is_help=True)
import_app = typer.Typer(help="Load one bundled dataset into the database.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(import_app, name="import")
app.add_typer(sanctions_app, name="sanctions")
app.command("screen")(screen)
app.command("whatif")(whatif)
app.command("power")(power)
app.command("alignment")(alignment)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (sqlite:///path or postgresql://...); default: "
        "UNSC_DATABASE_URL or ~/.local/share/unsc/unsc.sqlite3.",
    ),
]


class RichProgress:
    """Importer progress shown as a Rich progress bar."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._task: TaskID | None = None

    def start(self, task: str, total: int) -> None:
        self._task = self._progress.add_task(task, total=total)

    def advance(self, n: int = 1) -> None:
        if self._task is not None:
            self._progress.advance(self._task, n)


def _progress() -> Progress:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        TextColumn("{task.description:<14}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    )


@db_app.command("init")
def db_init(db: DbOption = None, as_json: JsonFlag = False) -> None:
    """Build the database from the bundled data (migrations, then every importer)."""
    from unsc.service.database import build

    try:
        with _progress() as bar:
            url, summary = build(db, RichProgress(bar))
    except (UnscError, OSError) as e:
        _fail(str(e))
        return
    data = {"database": url, **dataclasses.asdict(summary)}
    if as_json:
        _emit(data)
    else:
        out.print(
            f"Built {url}: {summary.votes} votes, {summary.vetoes} vetoes, "
            f"{summary.veto_list_rows} veto-list rows ({summary.veto_list_differences} "
            f"differ from the vote record), {summary.events} events, "
            f"{summary.statements} statements, {summary.meetings} meetings."
        )


@import_app.command("votes")
def import_votes_command(
    db: DbOption = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            exists=True,
            dir_okay=False,
            help="A Sciences Po vote CSV to load instead of the bundled one.",
        ),
    ] = None,
) -> None:
    """The Sciences Po votes, decided again by the engine, with states and terms."""
    _run_import(db, "votes", {"votes": file} if file else {})


@import_app.command("vetoes")
def import_vetoes_command(
    db: DbOption = None,
    dhl: Annotated[
        Path | None,
        typer.Option("--dhl", exists=True, dir_okay=False, help="A library veto list CSV to load."),
    ] = None,
    wpdl: Annotated[
        Path | None,
        typer.Option("--wpdl", exists=True, dir_okay=False, help="A WPDL veto list CSV to load."),
    ] = None,
) -> None:
    """The library's and the WPDL veto lists, reconciled with the votes."""
    files = {k: v for k, v in (("dhl", dhl), ("wpdl", wpdl)) if v is not None}
    _run_import(db, "vetoes", files)


@import_app.command("dprk")
def import_dprk_command(db: DbOption = None) -> None:
    """DPRK missile launches, nuclear tests, statements and meetings."""
    _run_import(db, "dprk")


def _run_import(db: str | None, which: str, files: dict[str, Path] | None = None) -> None:
    from unsc.service.database import run_import

    try:
        with _progress() as bar:
            message = run_import(db, which, RichProgress(bar), files)
    except (UnscError, OSError) as e:
        _fail(f"nothing imported: {e}")
        return
    out.print(message)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: DbOption = None,
    workers: Annotated[int, typer.Option(min=1, max=32, help="Worker processes.")] = 1,
    cache: Annotated[bool, typer.Option(help="Keep API answers in memory.")] = True,
    public_url: Annotated[
        str | None,
        typer.Option(
            help="The address phones use to reach this server (e.g. http://192.168.1.20:8000), "
            "in live sessions' links and QR codes."
        ),
    ] = None,
) -> None:
    """Serve the web app and the JSON API (builds the database on first run)."""
    import os

    import uvicorn

    from unsc.service.database import default_url, open_database
    from unsc.web.app import Settings, create_app
    from unsc.web.live import FRAME_LIMIT, public_base

    if public_url is not None:
        try:
            public_url = public_base(public_url)
        except UnscError as e:
            _fail(f"--public-url: {e}")
    url = db or default_url()
    try:
        with _progress() as bar:
            open_database(url, progress=RichProgress(bar)).close()
    except (UnscError, OSError) as e:
        _fail(f"cannot open the database {url}: {e}")
    err.print(f"unsc: the record is at {url}; serving on http://{host}:{port}")
    _allow_many_connections()
    if workers == 1:
        uvicorn.run(
            create_app(Settings(url, cache, public_url=public_url)),
            host=host,
            port=port,
            log_level="warning",
            ws="websockets-sansio",
            ws_per_message_deflate=False,
            ws_max_size=FRAME_LIMIT,
        )
        return
    os.environ["UNSC_DATABASE_URL"] = url
    os.environ["UNSC_CACHE"] = "1" if cache else "0"
    if public_url is not None:
        os.environ["UNSC_PUBLIC_URL"] = public_url
    uvicorn.run(
        "unsc.web.app:create_app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        ws="websockets-sansio",
        ws_per_message_deflate=False,
        ws_max_size=FRAME_LIMIT,
    )


def _allow_many_connections() -> None:
    """Every phone, chair's console and projector holds a socket: raise the limit on open
    files to what the system allows (often 1,024 by default)."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


@app.command()
def export(
    table: Annotated[
        str,
        typer.Argument(
            help="votes, casts, vetoes, veto-lists, events, meetings, agenda-items, "
            "resolutions, resolution-paragraphs, statements, statement-paragraphs, drafts, "
            "draft-paragraphs or members"
        ),
    ],
    fmt: Annotated[str, typer.Option("--format", help="csv, json or parquet")] = "csv",
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="File to write; standard output if omitted"),
    ] = None,
    db: DbOption = None,
) -> None:
    """Export a table of the record, with its sources, written as it is read."""
    from unsc.service.database import open_database
    from unsc.service.exports import FORMATS, TABLES, stream_from

    if table not in TABLES:
        _fail(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet" and output is None:
        _fail("Parquet is binary: give a file with -o FILE")
    try:
        database = open_database(db)
    except (UnscError, OSError) as e:
        _fail(f"cannot open the database: {e}")
        return
    size = 0
    try:
        if output is None:
            for chunk in stream_from(database, table, fmt):
                sys.stdout.write(chunk.decode())
            return
        with output.open("wb") as target:
            for chunk in stream_from(database, table, fmt):
                target.write(chunk)
                size += len(chunk)
    except OSError as e:
        _fail(f"-o: cannot write {output}: {e.strerror}")
    except UnscError as e:
        _fail(str(e))
    finally:
        database.close()
    err.print(f"wrote {size} bytes to {output}")


def main() -> None:  # pragma: no cover - console entry point
    app()
