"""``unsc alignment``: each member's decisive votes and successes, who votes with whom, and
the permanent members' unanimity per year, over a period of the record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from unsc.cli.common import (
    DbUrlOption,
    FromOption,
    JsonFlag,
    SubjectOption,
    ToOption,
    ask_record,
    emit,
    out,
    period,
)
from unsc.core.plain import plain

if TYPE_CHECKING:  # the record is read when the command runs, not at start-up
    from unsc.service.alignment import AlignmentView


def alignment(
    since: FromOption = None,
    until: ToOption = None,
    subject: SubjectOption = None,
    db: DbUrlOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Decisive votes, success, agreement and the permanent members' unanimity per year."""
    from unsc.service.alignment import alignment_view
    from unsc.service.record import record_source

    start, end = period(since, until)
    view = ask_record(db, lambda d: alignment_view(d, start=start, end=end, subject=subject))
    if as_json:
        data = plain(view)
        data["source"] = record_source()
        emit(data)
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
