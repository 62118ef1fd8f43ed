"""What every command shares: the consoles, ``--json``, errors, dates, the record."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console

from unsc.core.errors import UnscError
from unsc.core.plain import plain
from unsc.service.clock import today

if TYPE_CHECKING:  # the database is opened when a command asks it, not at start-up
    from unsc.service.database import Database

Answer = TypeVar("Answer")

out = Console()
err = Console(stderr=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
OnOption = Annotated[str | None, typer.Option("--on", help="Date (YYYY-MM-DD); today if omitted.")]
FromOption = Annotated[
    str | None, typer.Option("--from", help="First day of the period (YYYY-MM-DD).")
]
ToOption = Annotated[str | None, typer.Option("--to", help="Last day of the period (YYYY-MM-DD).")]
SubjectOption = Annotated[
    str | None, typer.Option("--subject", help="Part of the votes' subject, e.g. KOREA.")
]
DbUrlOption = Annotated[
    str | None, typer.Option("--db", help="Database URL (default: the user's SQLite file).")
]


def fail(message: str) -> NoReturn:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code=2)


def emit(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def emit_view(view: object, source: dict[str, Any]) -> None:
    """A typed view as JSON, with the source of its data under ``source``."""
    data = plain(view)
    data["source"] = source
    emit(data)


def day_option(text: str | None, option: str = "--on") -> dt.date:
    """A date given on the command line (YYYY-MM-DD); today if omitted."""
    from unsc.service.ballots import parse_day

    try:
        return today() if text is None else parse_day(text, option)
    except UnscError as e:
        fail(str(e))


def period(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    """``--from`` and ``--to`` as dates, either left open when omitted."""
    start = day_option(since, "--from") if since else None
    end = day_option(until, "--to") if until else None
    return start, end


def ask_record(db: str | None, question: Callable[[Database], Answer]) -> Answer:
    """Opens the record's database (``--db``, or the user's), asks it one question and
    closes it; an error ends the command with its message."""
    from unsc.service.database import open_database

    try:
        database = open_database(db)
        try:
            return question(database)
        finally:
            database.close()
    except UnscError as e:
        fail(str(e))
