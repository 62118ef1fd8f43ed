"""What every command shares: the consoles, ``--json``, errors, dates."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from unsc.core.errors import UnscError
from unsc.service.clock import today

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


def day_option(text: str | None, option: str = "--on") -> dt.date:
    """A date given on the command line (YYYY-MM-DD); today if omitted."""
    from unsc.service.ballots import parse_day

    try:
        return today() if text is None else parse_day(text, option)
    except UnscError as e:
        fail(str(e))
