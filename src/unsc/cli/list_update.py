"""``unsc sanctions list-update FILE``: keep a newer Consolidated List for screening."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from unsc.cli.common import JsonFlag, emit, fail, out
from unsc.core.errors import UnscError


def list_update(
    file: Annotated[Path, typer.Argument(help="A Consolidated List (XML) downloaded from the UN.")],
    as_json: JsonFlag = False,
) -> None:
    """Check a newer UN Consolidated List, show what changed against the list in use, and
    keep it for screening (only if it parses whole and is newer)."""
    from rich.table import Table

    from unsc.sanctions.listing import count_by
    from unsc.service import sanctions

    try:
        data = file.read_bytes()
    except OSError as e:
        fail(f"cannot read {file}: {e.strerror}")
    try:
        view = sanctions.list_update(data, file.name)
    except UnscError as e:
        fail(str(e))
    if as_json:
        emit(view)
        return
    diff = view["diff"]
    table = Table(title=f"Consolidated List: {diff['old'][:10]} → {diff['new'][:10]}")
    for column in ("Change", "Entries", "By regime"):
        table.add_column(column)
    for label, key in (("listed", "added"), ("delisted", "removed"), ("amended", "amended")):
        counts = count_by(diff[key], "regime") if key != "amended" else {}
        by = ", ".join(f"{k} {v}" for k, v in counts.items())
        table.add_row(label, str(len(diff[key])), by)
    out.print(table)
    out.print(
        f"Kept at {view['stored']}: `unsc screen`, the API and /screen now use the list of "
        f"{diff['new'][:10]}. `unsc sanctions list-diff` lists every change."
    )
