"""``unsc screen``: names against the UN Consolidated List, one or a CSV file of them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from unsc.cli.common import JsonFlag, emit, err, fail, out
from unsc.core.errors import UnscError

if TYPE_CHECKING:  # the screener is imported when a name is screened, not at start-up
    from unsc.sanctions.screening import Screener


def screen(
    name: Annotated[str | None, typer.Argument(help="A name, in any script.")] = None,
    dob: Annotated[str | None, typer.Option("--dob", help="Date or year of birth.")] = None,
    nationality: Annotated[
        str | None,
        typer.Option("--nationality", help="A country's name or code (DPRK, KP, North Korea)."),
    ] = None,
    document: Annotated[
        str | None, typer.Option("--document", help="A passport or identity number.")
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            help="A CSV with a 'name' column (optional id, dob, nationality, document).",
        ),
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Alerts CSV.")] = None,
    threshold: Annotated[
        float | None,
        typer.Option("--threshold", min=0.0, max=1.0, help="Alert at or above (default: 0.875)."),
    ] = None,
    listing: Annotated[
        Path | None,
        typer.Option("--list", help="A Consolidated List XML (default: the bundled one)."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=100)] = 5,
    as_json: JsonFlag = False,
) -> None:
    """Screen a name (or a CSV of names) against the UN Consolidated List.

    Ranked candidates, each with an explained score and the listed entry."""
    from rich.table import Table

    from unsc.sanctions.screening import DEFAULT_THRESHOLD, Query
    from unsc.service import sanctions
    from unsc.service.sanctions import read_list

    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    if name is not None and file is not None:
        fail("give a NAME or --file names.csv, not both")
    if name is None and file is None:
        fail("give a NAME, or --file names.csv (with -o hits.csv)")
    if output is not None and file is None:
        fail("-o writes the alerts of --file names.csv; give --file too, or leave -o out")
    try:
        given = read_list(listing) if listing else None
    except OSError as e:
        fail(f"--list: cannot read {listing}: {e.strerror}")
    except UnscError as e:
        fail(str(e))
    if name is not None:
        try:
            query = Query(name, dob, nationality, document)
        except UnscError as e:
            fail(_option(str(e)))
        view = sanctions.screen_view(query, limit=limit, threshold=threshold, snapshot=given)
        if as_json:
            query_view = {"name": name, "dob": dob, "nationality": nationality}
            emit({"query": query_view | {"document": document}, **view})
            return
        table = Table(
            title=f"{name!r} against the Consolidated List of {view['list_date']}",
            caption=f"Alert: a score of {threshold:g} or more.",
        )
        for column in ("Score", "Alert", "Reference", "Listed name", "Entry", "Why"):
            table.add_column(column)
        for c in view["candidates"]:
            alert = c["alert"]
            table.add_row(
                f"[bold red]{c['score']:.3f}[/]" if alert else f"{c['score']:.3f}",
                "[bold red]ALERT[/]" if alert else "",
                c["reference"],
                c["name"],
                sanctions.entry_text(c["entry"]),
                c["explanation"],
            )
        out.print(table if view["candidates"] else f"No candidate for {name!r} in the list.")
        _warn(view)
        return
    assert file is not None
    if output is None:
        fail("--file needs -o hits.csv for the alerts")
    snapshot, source = (given, "given") if given else sanctions.current_list()
    _warn(sanctions.list_status(snapshot, source))
    _screen_file(sanctions.screener_for(snapshot), file, output, threshold, limit)


def _warn(view: dict[str, Any]) -> None:
    """The list's age, when it is older than the service's limit (on standard error)."""
    if view["list_warning"]:
        err.print(f"[yellow]Warning:[/] {view['list_warning']}")


def _option(message: str) -> str:
    """A query's error as the command's options name it ("dob: ..." -> "--dob: ...")."""
    return "--" + message if message.startswith(("dob:", "nationality:", "document:")) else message


def _screen_file(
    screener: Screener, file: Path, output: Path, threshold: float, limit: int
) -> None:
    import csv

    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from unsc.sanctions.screening import Query

    try:
        with file.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
            columns = list(reader.fieldnames or [])
    except OSError as e:
        fail(f"--file: cannot read {file}: {e.strerror}")
    except UnicodeDecodeError:
        fail(f"--file: {file} is not UTF-8; save it as UTF-8 and try again")
    if not columns:
        fail(f"--file: {file} is empty; it needs a header row with a 'name' column")
    named = {c.strip().lower(): c for c in columns}
    if "name" not in named:
        fail(f"--file: {file} needs a 'name' column; it has {', '.join(columns)}")
    queries = []
    for line, row in enumerate(rows, start=2):
        try:
            queries.append(
                Query(
                    row.get(named["name"]) or "",
                    row.get(named.get("dob", "")) or None,
                    row.get(named.get("nationality", "")) or None,
                    row.get(named.get("document", "")) or None,
                )
            )
        except UnscError as e:
            fail(f"--file: {file}, line {line}: {e}; nothing was screened")
    alerts = 0
    try:
        handle = output.open("w", encoding="utf-8", newline="")
    except OSError as e:
        fail(f"-o: cannot write {output}: {e.strerror}")
    with (
        handle,
        Progress(
            TextColumn("screening"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
        ) as bar,
    ):
        extra = ["reference_number", "matched_name", "alias_quality", "score", "explanation"]
        writer = csv.DictWriter(handle, fieldnames=[*columns, *extra])
        writer.writeheader()
        task = bar.add_task("screening", total=len(rows))
        results = screener.screen_many(
            queries,
            threshold=threshold,
            limit=limit,
            progress=lambda n: bar.advance(task, n),
        )
        bar.update(task, completed=len(rows))
        for row, found in zip(rows, results, strict=True):
            for c in found:
                alerts += 1
                writer.writerow(
                    {
                        **row,
                        "reference_number": c.reference,
                        "matched_name": c.matched_name,
                        "alias_quality": c.alias_quality,
                        "score": f"{c.score:.4f}",
                        "explanation": c.explanation,
                    }
                )
    err.print(f"{len(rows)} names screened, {alerts} alerts at {threshold:g}: {output}")
