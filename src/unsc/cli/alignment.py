"""``unsc alignment``: each member's decisive votes and successes, who votes with whom, and
the permanent members' unanimity per year, over a period of the record."""

from __future__ import annotations

import datetime as dt
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
    fail,
    out,
    period,
)

if TYPE_CHECKING:  # the record is read when the command runs, not at start-up
    from unsc.service.alignment import AlignmentView
    from unsc.service.assembly import AssemblyView

AssemblyFlag = Annotated[
    bool,
    typer.Option(
        "--assembly",
        help="How the Council's members of the period voted with each other in the General "
        "Assembly's roll calls (1946 to 14 January 2020) instead.",
    ),
]
IssueOption = Annotated[
    str | None,
    typer.Option(
        "--issue",
        help="With --assembly: only the roll calls of one of the data's six issues (me, nu, "
        "di, hr, co, ec, or its name).",
    ),
]


def alignment(
    since: FromOption = None,
    until: ToOption = None,
    subject: SubjectOption = None,
    db: DbUrlOption = None,
    assembly: AssemblyFlag = False,
    issue: IssueOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Decisive votes, success, agreement and the permanent members' unanimity per year;
    with --assembly, agreement in the General Assembly."""
    from unsc.service.alignment import alignment_view
    from unsc.service.record import record_source

    start, end = period(since, until)
    if assembly:
        if subject:
            fail("--subject is for the Council's votes; with --assembly give --issue instead")
        _assembly(start, end, issue, as_json=as_json)
        return
    if issue:
        fail("--issue filters the General Assembly's roll calls: add --assembly")
    view = ask_record(db, lambda d: alignment_view(d, start=start, end=end, subject=subject))
    if as_json:
        emit_view(view, record_source())
        return
    _print(view)


def _print(view: AlignmentView) -> None:
    from rich.table import Table

    out.print(
        f"{view.votes:,} recorded votes ({view.left_out:,} without each member's vote left out)."
    )
    out.print(view.definitions, style="dim", highlight=False)
    members = Table(title="Decisive votes and success")
    for column in ("member", "sat", "decisive", "%", "succeeded", "%"):
        members.add_column(column, justify="left" if column == "member" else "right")
    for m in view.members:
        members.add_row(
            m.name + (" (P)" if m.permanent else ""),
            f"{m.sat:,}",
            f"{m.decisive:,}",
            f"{m.decisive_share:.1%}",
            f"{m.succeeded:,}",
            f"{m.success_share:.1%}",
        )
    out.print(members)
    years = Table(title="The permanent members' unanimity per year")
    for column in ("year", "all five sat", "unanimous", "%", "one absent", "first split"):
        years.add_column(column)
    for u in view.unanimity:
        split = f"{u.first_split[1]} ({u.first_split[2]})" if u.first_split else ""
        share = f"{u.unanimous / u.votes:.0%}" if u.votes else ""
        years.add_row(str(u.year), str(u.votes), str(u.unanimous), share, str(u.absent), split)
    out.print(years)
    names = {m.key: m.name for m in view.members}
    pairs = sorted((p for p in view.agreement if p.a != p.b), key=lambda p: p.agreement)
    least = Table(title="The pairs that agreed least (agreement: same cast on votes both sat on)")
    for column in ("members", "together", "agreement"):
        least.add_column(column)
    for p in pairs[:10]:
        least.add_row(f"{names[p.a]} – {names[p.b]}", str(p.together), f"{p.agreement:.1%}")
    out.print(least)


def _assembly(
    start: dt.date | None, end: dt.date | None, issue: str | None, *, as_json: bool
) -> None:
    from unsc.core.errors import UnscError
    from unsc.service.assembly import assembly_source, assembly_view

    try:
        view = assembly_view(start=start, end=end, issue=issue)
    except UnscError as e:
        fail(str(e))
    if as_json:
        emit_view(view, assembly_source())
        return
    _print_assembly(view)


def _print_assembly(view: AssemblyView) -> None:
    from rich.table import Table

    from unsc.analysis.assembly import LAST_ROLL_CALL

    what = f" on {view.issue_name}" if view.issue_name else ""
    if view.roll_calls:
        out.print(
            f"{view.roll_calls:,} General Assembly roll calls{what} from {view.start} to "
            f"{min(view.end, LAST_ROLL_CALL)}; {len(view.members)} members of the Council in "
            "the period."
        )
    if view.note:
        out.print(view.note, style="bold", highlight=False)
    out.print(view.definitions, style="dim", highlight=False)
    for u in view.unmatched:
        out.print(f"Not in the data: {u.name} ({u.reason})", highlight=False)
    if not view.agreement:
        return
    names = {m.key: m.name for m in view.members}
    columns = [m for m in view.members if m.permanent]
    pairs = {(p.a, p.b): p.agreement for p in view.agreement}
    matrix = Table(title="Agreement with each permanent member in the General Assembly")
    matrix.add_column("member")
    matrix.add_column("roll calls", justify="right")
    for m in columns:
        matrix.add_column(m.key, justify="right")
    for m in view.members:
        cells = [pairs.get((m.key, o.key), pairs.get((o.key, m.key))) for o in columns]
        shown = ("–" if c is None else f"{c:.0%}" for c in cells)
        matrix.add_row(names[m.key], f"{m.voted:,}", *shown)
    out.print(matrix)
    least = Table(title="The pairs that agreed least (roll calls both voted in)")
    for column in ("members", "together", "agreement"):
        least.add_column(column)
    ranked = sorted((p for p in view.agreement if p.a != p.b), key=lambda p: p.agreement)
    for p in ranked[:10]:
        least.add_row(f"{names[p.a]} – {names[p.b]}", f"{p.together:,}", f"{p.agreement:.1%}")
    out.print(least)
