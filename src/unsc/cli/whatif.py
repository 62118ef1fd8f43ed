"""``unsc whatif``: the record replayed under another rule, and what would have changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from unsc.cli.common import (
    DbUrlOption,
    FromOption,
    JsonFlag,
    SubjectOption,
    ToOption,
    ask_record,
    emit_view,
    err,
    out,
    period,
)

if TYPE_CHECKING:  # the record is read when the command runs, not at start-up
    from unsc.service.whatif import WhatIfView


def whatif(
    rule: Annotated[
        str,
        typer.Option(
            "--rule",
            help="no-veto, abstention-veto, two-vetoes, threshold=N or veto-for=STATE.",
        ),
    ],
    since: FromOption = None,
    until: ToOption = None,
    member: Annotated[
        str | None,
        typer.Option("--member", help="Only the votes in which this member sat (name or code)."),
    ] = None,
    subject: SubjectOption = None,
    db: DbUrlOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Replay the recorded votes under another rule and list the votes whose outcome changes."""
    from unsc.service.record import record_source
    from unsc.service.whatif import whatif_view

    start, end = period(since, until)
    view = ask_record(
        db,
        lambda d: whatif_view(d, rule, start=start, end=end, member=member, subject=subject),
    )
    if as_json:
        emit_view(view, record_source())
        return
    _print(view)


def _print(view: WhatIfView) -> None:
    from rich.table import Table

    out.print(f"[bold]What if: {view.rule}[/]. {view.statement}", highlight=False)
    summary = Table(title="Recorded votes replayed under the rule")
    summary.add_column("")
    summary.add_column("votes", justify="right")
    summary.add_row("replayed", f"{view.total:,}")
    summary.add_row("changed", f"{view.changed:,}")
    if view.sat_in is not None:
        summary.add_row("in which the state sat as an elected member", f"{view.sat_in:,}")
    for reason, n in view.not_replayed.items():
        summary.add_row(f"not replayed: {reason}", f"{n:,}")
    out.print(summary)
    changed = Table(title="Votes whose outcome would have changed")
    for column in ("id", "symbol", "date", "recorded", "what if", "why"):
        changed.add_column(column, overflow="fold")
    for v in view.votes:
        changed.add_row(str(v.id), v.symbol, v.date.isoformat(), v.recorded, v.whatif, v.why)
    out.print(changed)
    if view.sat_in == 0:
        err.print("note: the state never sat as an elected member in these votes.")
