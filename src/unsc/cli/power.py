"""``unsc power``: each member's voting power, exact, on a date or in any weighted game."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from unsc.cli.common import (
    DbUrlOption,
    JsonFlag,
    OnOption,
    ask_record,
    day_option,
    emit,
    fail,
    out,
)
from unsc.core.errors import UnscError

SHORT = {
    "shapley_shubik": "Shapley–Shubik",
    "banzhaf": "Banzhaf",
    "banzhaf_normalised": "Banzhaf (norm.)",
    "johnston": "Johnston",
    "deegan_packel": "Deegan–Packel",
    "holler": "Holler",
    "coleman_prevent": "Coleman prevent",
    "coleman_initiate": "Coleman initiate",
    "ternary_shapley_shubik": "S–S, abstain",
    "ternary_banzhaf": "Banzhaf, abstain",
}


def power(
    on: OnOption = None,
    weights: Annotated[
        str | None,
        typer.Option("--weights", help="A weighted game instead: weights, e.g. 7,7,7,1,1."),
    ] = None,
    quota: Annotated[
        int | None, typer.Option("--quota", help="With --weights: the weight needed to win.")
    ] = None,
    names: Annotated[
        str | None, typer.Option("--names", help="With --weights: the players' names, A,B,C.")
    ] = None,
    rules: Annotated[
        Path | None,
        typer.Option(
            "--rules",
            help="A council of your own: a YAML file with seats, votes_needed, veto "
            "and abstention_vetoes.",
        ),
    ] = None,
    reform: Annotated[
        str | None,
        typer.Option(
            "--reform",
            help="A reform proposal read from its document, e.g. uniting-for-consensus; "
            "list shows them all.",
        ),
    ] = None,
    reform_option: Annotated[
        list[str] | None,
        typer.Option(
            "--reform-option",
            help="With --reform: KEY=VALUE for a number its text leaves open (repeatable).",
        ),
    ] = None,
    session: Annotated[
        str | None,
        typer.Option(
            "--session",
            help="A live session's council (its roster and threshold), by its id; with --db.",
        ),
    ] = None,
    db: DbUrlOption = None,
    index: Annotated[
        list[str] | None,
        typer.Option("--index", help="An index to show (repeatable); every index if omitted."),
    ] = None,
    as_float: Annotated[
        bool, typer.Option("--float", help="Decimals instead of exact fractions.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Each member's voting power (Shapley–Shubik, Banzhaf, Johnston, Deegan–Packel, ...)."""
    from unsc.service.power import parse_rules, parse_weights, power_view

    if weights is None and (quota is not None or names is not None):
        fail("--quota and --names go with --weights: give the weights too, e.g. --weights 2,1,1")
    if sum(x is not None for x in (on, weights, rules, reform, session)) > 1:
        fail(
            "give one of --on (the Council on a date), --weights (a weighted game), "
            "--rules (a council of your own), --reform (a reform proposal) or --session "
            "(a live session's council), not more"
        )
    if db is not None and session is None:
        fail("--db goes with --session: give the session's id too, e.g. --session ID")
    if reform_option and reform is None:
        fail("--reform-option goes with --reform: give the reform too, e.g. --reform NAME")
    if reform is not None and reform.strip().lower() == "list":
        _reforms(as_json=as_json)
        return
    try:
        if reform is not None:
            view = power_view(
                reform=reform,
                reform_options=reform_option or (),
                indices=index or (),
                as_float=as_float,
            )
        elif rules is not None:
            try:
                text = rules.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as e:
                fail(f"--rules: cannot read {str(rules)!r} ({type(e).__name__}): give a YAML file")
            view = power_view(
                rules=parse_rules(text, str(rules)),
                indices=index or (),
                as_float=as_float,
            )
        elif weights is not None:
            name_list = None if names is None else [n.strip() for n in names.split(",")]
            view = power_view(
                weights=parse_weights(weights),
                quota=quota,
                names=name_list,
                indices=index or (),
                as_float=as_float,
            )
        elif session is not None:
            from unsc.service.live import session_council

            sid = session
            council = ask_record(db, lambda database: session_council(database, sid))
            view = power_view(session=(sid, council), indices=index or (), as_float=as_float)
        else:
            view = power_view(day=day_option(on), indices=index or (), as_float=as_float)
    except UnscError as e:
        fail(str(e))
    if as_json:
        emit(view)
        return
    _print(view, as_float=as_float)


def _reforms(*, as_json: bool) -> None:
    from unsc.service.reform import reform_list

    items = reform_list()
    if as_json:
        emit({"reforms": items})
        return
    for r in items:
        if r["bundled"]:
            options = ", ".join(r["options"]) or "none"
            out.print(f"{r['key']}: {r['symbol']} (options: {options})", highlight=False)
        else:
            out.print(
                f"{r['key']}: {r['symbol']}, not bundled: {r['why_not_bundled']}", highlight=False
            )


def _cell(number: dict[str, Any], *, as_float: bool) -> str:
    return f"{number['value']:.6f}" if as_float else str(number["exact"])


def _title(view: dict[str, Any]) -> str:
    game = view["game"]
    if game == "council":
        return f"Voting power in the Security Council on {view['date']}"
    if game == "session":
        return f"Voting power in the council of session {view['session']}"
    if game == "rules":
        return f"Voting power in a council of {view['seats']}"
    if game == "reform":
        return f"Voting power under {view['reform']['symbol']} ({view['reform']['key']})"
    return f"Voting power with quota {view['quota']} of {view['total_weight']}"


def _print(view: dict[str, Any], *, as_float: bool) -> None:
    from rich.table import Table

    caption = view.get("rule", "a coalition wins when its weights reach the quota")
    table = Table(title=_title(view), caption=caption)
    table.add_column("Member")
    second_heading = {"council": "P", "session": "P", "rules": "Veto", "reform": "Seat"}.get(
        view["game"], "Weight"
    )
    table.add_column(second_heading, justify="right")
    for name in view["indices"]:
        table.add_column(SHORT[name], justify="right")
    for m in view["members"]:
        if view["game"] in ("council", "session"):
            second = "P" if m["permanent"] else ""
        elif view["game"] == "rules":
            second = "veto" if m["veto"] else ""
        elif view["game"] == "reform":
            second = m["category"] + (", veto" if m["veto"] else "")
        else:
            second = str(m["weight"])
        table.add_row(
            m["name"], second, *(_cell(m[name], as_float=as_float) for name in view["indices"])
        )
    out.print(table)
    out.print(
        f"Winning coalitions: {view['winning_coalitions']}; Coleman's power of the collectivity "
        f"to act: {_cell(view['collectivity'], as_float=as_float)}"
    )
    for name in view["indices"]:
        out.print(f"  {SHORT[name]}: {view['definitions'][name]}", highlight=False)
    if view.get("note"):
        out.print(f"Note: {view['note']}.", highlight=False)
    if view.get("ternary"):
        out.print(
            f"With abstention (the 'abstain' columns): {view['ternary']['rule']}.", highlight=False
        )
    if view.get("reform"):
        _print_reform(view["reform"])


def _print_reform(reform: dict[str, Any]) -> None:
    out.print(f"Source: {reform['symbol']}, {reform['official_url']}", highlight=False)
    for read in reform["read"]:
        line = f"  read from {read['url']} on {read['read_on']}: {read['what']}"
        out.print(line, highlight=False)
    for q in reform["quotes"]:
        out.print(f'  {q["where"]}: "{q["text"]}"', highlight=False)
    for o in reform["options"]:
        how = "given" if o["given"] else "by default"
        out.print(f"  {o['key']} = {o['value']} ({how}): {o['why']}", highlight=False)
    for c in reform["categories"]:
        if c["binary"]:
            out.print(f"  {c['name']}: {c['binary']}", highlight=False)
    for item in reform["not_read"]:
        out.print(f"  Not read: {item}", highlight=False)
