"""``unsc sanctions``: a regime's measures on a date, and what changed between two.

Each command imports what it needs when it runs, so that ``unsc --help`` and the other
commands start fast."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from unsc.cli.common import JsonFlag, OnOption, ask_record, day_option, emit, fail, out
from unsc.cli.list_update import list_update
from unsc.core.errors import UnscError

sanctions_app = typer.Typer(
    help="Sanctions regimes as measures that resolutions add, amend and end.",
    no_args_is_help=True,
)

RegimeOption = Annotated[str, typer.Option("--regime", help="The committee: 1718 or 1267.")]
DraftOption = Annotated[
    str | None,
    typer.Option("--draft", help="A draft not adopted, as if it had been (e.g. S/2022/431)."),
]


@sanctions_app.command("measures")
def measures(
    regime: RegimeOption,
    on: OnOption = None,
    draft: DraftOption = None,
    as_json: JsonFlag = False,
) -> None:
    """What was in force on a date, each measure with the paragraphs that made it."""
    from rich.table import Table

    from unsc.service import sanctions

    day = day_option(on)
    try:
        view = sanctions.measures(regime, day, draft)
    except UnscError as e:
        fail(str(e))
    if as_json:
        emit(view)
        return
    title = f"{view['regime']['name']}: measures in force on {view['date']}"
    table = Table(title=title + (f", had {draft} been adopted" if draft else ""))
    for column in ("Measure", "Kind", "Since", "Limit", "Paragraphs"):
        table.add_column(column)
    for m in view["measures"]:
        limit = sanctions.limits_text(m, period=True)
        table.add_row(m["title"], m["kind"], m["since"], limit, "\n".join(m["paragraphs"]))
    if view["measures"]:
        out.print(table)
    note = sanctions.coverage_note(view)
    if note:
        out.print(note)


@sanctions_app.command("diff")
def diff(
    regime: RegimeOption,
    since: Annotated[str, typer.Option("--from", help="The earlier date (YYYY-MM-DD).")],
    until: Annotated[
        str | None, typer.Option("--to", help="The later date (YYYY-MM-DD); today if omitted.")
    ] = None,
    draft: DraftOption = None,
    as_json: JsonFlag = False,
) -> None:
    """What changed between two dates: measures added, ended and amended (with --draft, what
    the draft would have changed)."""
    from rich.table import Table

    from unsc.service import sanctions

    before, after = day_option(since, "--from"), day_option(until, "--to")
    if after < before:
        fail(f"--to ({after}) is before --from ({before}); swap them")
    try:
        view = sanctions.changes(regime, before, after, draft)
    except UnscError as e:
        fail(str(e))
    if as_json:
        emit(view)
        return
    table = Table(title=f"{view['regime']['name']}: from {view['from']} to {view['to']}")
    for column in ("", "Measure", "By"):
        table.add_column(column)
    for m in view["added"]:
        table.add_row(f"[green]+ added[/]\n  {m['since']}", m["title"], "\n".join(m["by"]))
        for step in m["then"]:
            if step["action"] != "end":
                table.add_row(*_amended(m["title"], step))
        if m["ended"]:  # came and went between the two days
            table.add_row(f"[red]- ended[/]\n  {m['ended']}", m["title"], "\n".join(m["ended_by"]))
    for m in view["removed"]:
        when = f"\n  {m['ended']}" if m["ended"] else ""
        table.add_row(f"[red]- ended[/]{when}", m["title"], "\n".join(m["by"]))
    for c in view["changed"]:
        for step in c["then"]:
            table.add_row(*_amended(c["after"]["title"], step))
    if view["added"] or view["removed"] or view["changed"]:
        out.print(table)
    else:
        out.print(f"{table.title}: nothing changed.")


def _part(cap: dict[str, Any], status: str) -> str:
    """Reported or alleged deliveries with their share of the limit: "129,706 (25.9%)"."""
    amount, share = cap[status], cap[f"{status}_share"]
    if not cap[f"{status}_deliveries"]:
        return "none recorded"
    return f"{amount:,.0f}" + ("" if share is None else f"\n({share:.1%})")


def _amended(title: str, step: dict[str, Any]) -> tuple[str, str, str]:
    """One row for one change to a measure: what it changed, old → new (its limit or term
    where those changed, else its description)."""
    what = step["what"]
    shown = [w for w in what if w["field"] != "description"] or what
    lines = [f"  {w['field']}: {w['old']} → {w['new']}" for w in shown]
    label = "renewed" if step["action"] == "renew" else "amended"
    return (
        f"[yellow]~ {label}[/]\n  {step['effective']}",
        "\n".join([title, *lines]),
        step["by"],
    )


@sanctions_app.command("caps")
def caps(
    regime: RegimeOption,
    on: OnOption = None,
    ledger: Annotated[
        Path | None,
        typer.Option(
            "--ledger",
            help="Deliveries (CSV): date, cap, supplier, quantity, unit, status, source"
            "[, barrels_per_tonne]. Default: the deliveries bundled for the regime.",
        ),
    ] = None,
    notices: Annotated[
        str,
        typer.Option("--notices", help="Per cent of the limit to give notice at, e.g. 75,90,95."),
    ] = "",
    reported_only: Annotated[
        bool, typer.Option("--reported-only", help="Leave alleged deliveries out.")
    ] = False,
    draft: DraftOption = None,
    as_json: JsonFlag = False,
) -> None:
    """The caps in force on a date: limit, period, what was delivered, and notices (with
    --draft, as if the draft had been adopted)."""
    from rich.table import Table

    from unsc.service import sanctions

    day = day_option(on)
    try:
        thresholds = sanctions.parse_notices(notices, "--notices")
        deliveries = (
            sanctions.read_ledger(ledger, regime) if ledger else sanctions.bundled_ledger(regime)
        )
        view = sanctions.caps(
            regime, day, deliveries, thresholds, draft=draft, include_alleged=not reported_only
        )
    except OSError as e:
        fail(f"--ledger: cannot read {ledger}: {e.strerror or e}")
    except UnscError as e:
        fail(str(e))
    if as_json:
        emit(view)
        return
    title = f"Caps in force on {day.isoformat()}"
    table = Table(title=title + (f", as if {draft} had been adopted" if draft else ""))
    columns = ["Commodity", "Limit", "Period", "Reported (share)", "Alleged (share)"]
    for column in [*columns, *(["Notices"] if thresholds else []), "Paragraphs"]:
        table.add_column(column)
    for cap in view:
        reported = _part(cap, "reported")
        alleged = "left out" if reported_only else _part(cap, "alleged")
        if not cap["deliveries"]:
            reported, alleged = "none recorded", "none recorded"
        notices_cell = "\n".join(f"{n['threshold']:g} % on {n['date']}" for n in cap["notices"])
        table.add_row(
            cap["commodity"],
            f"{cap['limit']:,.0f} {cap['unit']}",
            f"{cap['period']['start']} –\n{cap['period']['end']}",
            reported,
            alleged,
            *([notices_cell] if thresholds else []),
            "\n".join(c["ref"] for c in cap["citations"]),
        )
    out.print(table)
    if any(not cap["deliveries"] for cap in view):
        days = sorted(d.day for d in deliveries)
        held = f", which runs from {days[0]} to {days[-1]}" if days else ", which is empty"
        source = f"{ledger}" if ledger else "the bundled ledger"
        out.print(f"None recorded: no delivery in {source}{held}, falls in that period.")
    if any(cap["alleged"] for cap in view):
        out.print(
            "Reported: notified to the Committee by the supplying states. Alleged: estimated by "
            "others (a panel report, a group of states); never added to what was reported."
        )
    for cap in view:
        for note in cap["conversions"]:
            out.print(f"{cap['commodity']}: converted at {note}", style="dim", highlight=False)


@sanctions_app.command("triggers")
def triggers(
    regime: RegimeOption,
    db: Annotated[
        str | None, typer.Option("--db", help="Database URL (default: the user's SQLite file).")
    ] = None,
    show: Annotated[
        int,
        typer.Option("--show", min=0, help="Launches of unknown type listed (0: none)."),
    ] = 20,
    as_json: JsonFlag = False,
) -> None:
    """The events that met a resolution's trigger (2397 OP28: a nuclear test or an ICBM
    launch), each with what the Council did next, and the launches of unknown type."""
    from rich.table import Table

    from unsc.service import sanctions

    view = ask_record(db, lambda d: sanctions.triggers(d, regime))
    if as_json:
        emit(view)
        return
    for trigger in view["triggers"]:
        refs = "; ".join(c["ref"] for c in trigger["citations"])
        table = Table(
            title=f"{trigger['title']} ({refs}), from {trigger['since']}",
            caption=f"Condition: {trigger['condition']}.",
        )
        for column in (
            "Date (New York)",
            "Event",
            "The Council next (until the next event)",
            "Joint statements (no Council status)",
        ):
            table.add_column(column)
        for event in trigger["events"]:
            what = f"{event['name']} ({event['missile_type'] or event['kind']}, {event['outcome']})"
            responses = "\n".join(
                f"{r['date']} {r['kind'].replace('_', ' ')} {r['symbol'] or ''}".rstrip()
                + (f": {r['outcome']}" if r["outcome"] else "")
                for r in event["responses"]
            )
            joint = "\n".join(f"{j['date']} {j['subject']}" for j in event["joint_statements"])
            table.add_row(_day(event), what, responses or "nothing in the record", joint)
        out.print(table)
        unknown = trigger["unclassified"]
        out.print(unknown["note"])
        _unknown_launches(unknown["events"], show)
    for claim in view.get("claims", []):
        out.print(f"Claim: {claim['claim']} ({claim['source']}).")
        out.print(f"  The record supports: {claim['supports']}")
        out.print(f"  It cannot: {claim['cannot']}")
    if not view["triggers"]:
        out.print(f"No trigger is modelled for regime {view['regime']['id']}.")


def _day(event: dict[str, Any]) -> str:
    """An event's date, with its clock where it is not New York's."""
    clock = event.get("date_clock", "New York")
    return event["date"] if clock == "New York" else f"{event['date']} {clock}"


def _unknown_launches(events: list[dict[str, Any]], show: int) -> None:
    """The first ``show`` launches of unknown type, and where the rest are."""
    from rich.table import Table

    if show and events:
        table = Table(title=f"Launches of unknown type ({len(events)})")
        for column in ("Date (New York)", "Date (UTC)", "Missile", "Outcome", "Source"):
            table.add_column(column)
        for e in events[:show]:
            ny = e["date"] if e["date_clock"] == "New York" else "not known (no launch time)"
            table.add_row(ny, e["date_utc"], e["name"], e["outcome"] or "", e["source"])
        out.print(table)
    if len(events) > show:
        out.print(
            f"… and {len(events) - show} more: --show {len(events)}, --json or the "
            "/sanctions page list them all."
        )


sanctions_app.command("list-update")(list_update)


@sanctions_app.command("list-diff")
def list_diff(
    old: Annotated[Path, typer.Argument(help="The older Consolidated List (XML).")],
    new: Annotated[Path, typer.Argument(help="The newer Consolidated List (XML).")],
    show: Annotated[
        int, typer.Option("--show", min=0, help="Entries listed per kind of change (0: none).")
    ] = 20,
    as_json: JsonFlag = False,
) -> None:
    """What changed between two snapshots of the UN Consolidated List: entries listed,
    delisted and amended (with the fields that changed)."""
    from rich.table import Table

    from unsc.sanctions.listing import count_by
    from unsc.sanctions.listing import list_diff as diff_lists
    from unsc.service.sanctions import read_list

    try:
        before, after = read_list(old), read_list(new)
    except OSError as e:
        fail(f"cannot read {e.filename}: {e.strerror}")
    except UnscError as e:
        fail(str(e))
    view = diff_lists(before, after)
    if as_json:
        emit(view)
        return
    table = Table(title=f"Consolidated List: {view['old'] or old.name} → {view['new'] or new.name}")
    for column in ("Change", "Entries", "By regime or field"):
        table.add_column(column)
    for label, key, by in (
        ("listed", "added", "regime"),
        ("delisted", "removed", "regime"),
    ):
        counts = count_by(view[key], by)
        table.add_row(label, str(len(view[key])), ", ".join(f"{k} {v}" for k, v in counts.items()))
    fields: dict[str, int] = {}
    for entry in view["amended"]:
        for field in entry["fields"]:
            fields[field] = fields.get(field, 0) + 1
    table.add_row(
        "amended",
        str(len(view["amended"])),
        ", ".join(f"{k} {v}" for k, v in sorted(fields.items(), key=lambda x: -x[1])),
    )
    out.print(table)
    for label, key in (("Listed", "added"), ("Delisted", "removed"), ("Amended", "amended")):
        entries = view[key]
        if not entries or not show:
            continue
        part = Table(title=f"{label} ({len(entries)})")
        for column in ("Reference", "Name", "Fields changed" if key == "amended" else "Regime"):
            part.add_column(column)
        for entry in entries[:show]:
            last = ", ".join(entry["fields"]) if key == "amended" else entry["regime"]
            part.add_row(entry["reference"], entry["name"], last)
        out.print(part)
        if len(entries) > show:
            out.print(f"… and {len(entries) - show} more: --show {len(entries)}, or --json.")
