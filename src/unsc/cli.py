"""The ``unsc`` command line: each command validates, calls one library function, prints."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from unsc.core.errors import UnscError
from unsc.core.rules import Decision
from unsc.service.ballots import decide_ballot, parse_day, read_ballot
from unsc.service.record import (
    bundled_law,
    council_view,
    record_source,
    replay_bundled,
    today,
)

app = typer.Typer(
    name="unsc",
    help="The UN Security Council as software: its rules applied and explained.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _fail(message: str) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code=2)


def _emit(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def _parse_day(text: str | None) -> dt.date:
    if text is None:
        return today()
    try:
        return parse_day(text, "--on")
    except UnscError as e:
        _fail(str(e))
        raise AssertionError from None  # unreachable: _fail exits


@app.command()
def council(
    on: Annotated[
        str | None, typer.Option("--on", help="Date (YYYY-MM-DD); today if omitted.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Who sat on the Council on a date, the votes needed, and who presided."""
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
    out.print(table)


@app.command()
def decide(as_json: JsonFlag = False) -> None:
    """Decide ballots read as JSON Lines from standard input, one result per line.

    A ballot: {"date": "2022-05-26", "kind": "substantive", "votes": {"China": "no",
    "Russia": "no"}, "others": "yes"}. A bad line gives {"error": ...} (with --json) and
    the command exits non-zero at the end.
    """
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
    """Decide every recorded vote (1946–2025) again and compare with the record."""
    report = replay_bundled()
    if as_json:
        data = report.to_dict()
        data["source"] = record_source()
        _emit(data)
    else:
        summary = Table(title="Replay of the Sciences Po record through the rules engine")
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


def main() -> None:  # pragma: no cover - console entry point
    app()
