"""``unsc power``: each member's voting power, exact, on a date or in any weighted game."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from unsc.cli.common import JsonFlag, OnOption, day_option, emit, fail, out
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
    if sum(x is not None for x in (on, weights, rules)) > 1:
        fail(
            "give one of --on (the Council on a date), --weights (a weighted game) or "
            "--rules (a council of your own), not more"
        )
    try:
        if rules is not None:
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
        else:
            view = power_view(day=day_option(on), indices=index or (), as_float=as_float)
    except UnscError as e:
        fail(str(e))
    if as_json:
        emit(view)
        return
    _print(view, as_float=as_float)


def _cell(number: dict[str, Any], *, as_float: bool) -> str:
    return f"{number['value']:.6f}" if as_float else str(number["exact"])


def _print(view: dict[str, Any], *, as_float: bool) -> None:
    from rich.table import Table

    if view["game"] == "council":
        title = f"Voting power in the Security Council on {view['date']}"
        caption = view["rule"]
    elif view["game"] == "rules":
        title = f"Voting power in a council of {view['seats']}"
        caption = view["rule"]
    else:
        title = f"Voting power with quota {view['quota']} of {view['total_weight']}"
        caption = "a coalition wins when its weights reach the quota"
    table = Table(title=title, caption=caption)
    table.add_column("Member")
    second_heading = {"council": "P", "rules": "Veto"}.get(view["game"], "Weight")
    table.add_column(second_heading, justify="right")
    for name in view["indices"]:
        table.add_column(SHORT[name], justify="right")
    for m in view["members"]:
        if view["game"] == "council":
            second = "P" if m["permanent"] else ""
        elif view["game"] == "rules":
            second = "veto" if m["veto"] else ""
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
