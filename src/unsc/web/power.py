"""``GET /api/power`` and the page ``/power``: each member's voting power, exact."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from unsc.core.errors import UnscError
from unsc.service.ballots import parse_day
from unsc.service.power import power_view
from unsc.service.record import today
from unsc.web import charts
from unsc.web.api import ERRORS
from unsc.web.pages import Table, error_page, render

router = APIRouter(tags=["power"])


class PowerNumber(BaseModel):
    exact: str | None = Field(description="The exact fraction, e.g. 421/2145 (null with float)")
    value: float


class PowerMember(BaseModel):
    name: str
    iso3: str
    permanent: bool
    shapley_shubik: PowerNumber | None = None
    banzhaf: PowerNumber | None = None
    banzhaf_normalised: PowerNumber | None = None
    johnston: PowerNumber | None = None
    deegan_packel: PowerNumber | None = None
    holler: PowerNumber | None = None
    coleman_prevent: PowerNumber | None = None
    coleman_initiate: PowerNumber | None = None
    ternary_shapley_shubik: PowerNumber | None = None
    ternary_banzhaf: PowerNumber | None = None
    yes_vs_abstain: PowerNumber | None = Field(
        None, description="Abstention-aware: the chance its yes passes where its abstention fails"
    )
    abstain_vs_no: PowerNumber | None = Field(
        None, description="Abstention-aware: the chance its abstention passes where its no fails"
    )


class PowerTernary(BaseModel):
    rule: str = Field(description="The abstention-aware rule: what an abstention does")
    passes: PowerNumber = Field(description="The chance a decision passes, all 3^n profiles alike")


class PowerView(BaseModel):
    game: str
    date: str
    seats: int
    quota: int
    rule: str
    indices: list[str]
    members: list[PowerMember]
    winning_coalitions: int
    collectivity: PowerNumber = Field(description="Coleman's power of the collectivity to act")
    definitions: dict[str, str]
    citations: list[dict[str, Any]]
    ternary: PowerTernary | None = None


@router.get("/api/power", responses=ERRORS, response_model=PowerView)
def power(
    on: Annotated[
        str | None, Query(max_length=10, description="YYYY-MM-DD; today if omitted")
    ] = None,
    index: Annotated[
        list[str] | None,
        Query(max_length=40, description="An index (repeatable); every index if omitted"),
    ] = None,
    as_float: Annotated[
        bool, Query(alias="float", description="Decimals only, without the exact fractions")
    ] = False,
) -> PowerView:
    """Each member's voting power, exact, in the Council's binary game on a date."""
    day = parse_day(on, "on") if on else today()
    return PowerView.model_validate(power_view(day=day, indices=index or (), as_float=as_float))


NAMES = {
    "shapley_shubik": "Shapley–Shubik",
    "banzhaf": "Banzhaf (absolute)",
    "banzhaf_normalised": "Banzhaf (normalised)",
    "johnston": "Johnston",
    "deegan_packel": "Deegan–Packel",
    "holler": "Holler (public good)",
    "coleman_prevent": "Coleman, to prevent",
    "coleman_initiate": "Coleman, to initiate",
    "ternary_shapley_shubik": "Shapley–Shubik, with abstention",
    "ternary_banzhaf": "Banzhaf, with abstention",
}

MEANINGS = {
    "shapley_shubik": "the share of the orders of the members in which the member's vote "
    "turns a losing coalition into a winning one",
    "banzhaf": "the share of the coalitions of the other members in which the member's vote "
    "decides the outcome (its swings / 2^(n-1))",
    "banzhaf_normalised": "the member's swings as a share of all members' swings",
    "johnston": "over the winning coalitions in which the member is critical, 1 / the number "
    "of critical members, shared out to sum to 1",
    "deegan_packel": "over the minimal winning coalitions, each equally likely and shared "
    "equally among its members, the member's expected share",
    "holler": "the minimal winning coalitions holding the member, as a share of that count "
    "over all members",
    "coleman_prevent": "the member's swings / the winning coalitions: its power to stop "
    "the Council acting",
    "coleman_initiate": "the member's swings / the losing coalitions: its power to make "
    "the Council act",
    "ternary_shapley_shubik": "each member votes yes, abstains or votes no, each with chance "
    "1/3, and is called in a random order: the chance that the member's vote is the one that "
    "settles the outcome, so that the votes called after it no longer matter",
    "ternary_banzhaf": "each member votes yes, abstains or votes no, each with chance 1/3: the "
    "chance that, the others' votes fixed, the member's yes passes the decision and its no "
    "fails it (the sum of yes against abstention and abstention against no)",
}
"""What each index measures, in a line; the definitions are the sources' (DEFINITIONS)."""


def _page_view(on: str, weights: str, quota: str, names: str) -> dict[str, Any]:
    """The view for the page's form: a game of one's own if weights are given, else a day."""
    from unsc.service.power import parse_weights

    if weights.strip():
        if on:
            raise UnscError("give either a date or weights and a quota, not both")
        if not quota.strip():
            raise UnscError("weights need a quota: give a quota, the weight a coalition needs")
        try:
            needed = int(quota)
        except ValueError:
            raise UnscError(f"quota {quota!r}: give a whole number, e.g. 9") from None
        labels = [n.strip() for n in names.split(",")] if names.strip() else None
        return power_view(weights=parse_weights(weights, "weights"), quota=needed, names=labels)
    if quota.strip() or names.strip():
        raise UnscError("a quota and names go with weights: give the weights too, e.g. 2,1,1")
    return power_view(day=parse_day(on, "on") if on else today())


@router.get("/power", response_class=HTMLResponse, include_in_schema=False)
async def power_page(
    request: Request,
    on: Annotated[str, Query(max_length=10)] = "",
    weights: Annotated[str, Query(max_length=2000)] = "",
    quota: Annotated[str, Query(max_length=12)] = "",
    names: Annotated[str, Query(max_length=4000)] = "",
) -> Response:
    form = {"on": on, "weights": weights, "quota": quota, "names": names}
    try:
        view = await run_in_threadpool(_page_view, on, weights, quota, names)
    except UnscError as e:
        return error_page(request, f"{e} (/power?on=2022-05-26 or /power?weights=2,1,1&quota=3)")
    council = view["game"] == "council"
    rows: list[dict[str, Any]] = []
    for m in view["members"]:
        row: dict[str, Any] = {"name": m["name"]}
        row["second"] = ("permanent" if m["permanent"] else "elected") if council else m["weight"]
        for name in view["indices"]:
            row[name] = f"{m[name]['exact']} ≈ {m[name]['value']:.6f}"
        for name in ("yes_vs_abstain", "abstain_vs_no"):
            if name in m:
                row[name] = f"{m[name]['exact']} ≈ {m[name]['value']:.6f}"
        rows.append(row)
    binary = [name for name in view["indices"] if not name.startswith("ternary_")]
    ternary = [name for name in view["indices"] if name.startswith("ternary_")]
    columns = (
        ("name", "Member"),
        ("second", "Seat" if council else "Weight"),
        *((name, NAMES[name]) for name in binary),
    )
    if council:
        heading = f"The Council on {view['date']}: {view['rule']}"
    else:
        heading = (
            f"Quota {view['quota']} of total weight {view['total_weight']}: a coalition wins "
            "when its members' weights reach the quota"
        )
    table = Table("power", "Each member's power, exact and as a decimal", columns, rows)
    tables = [table]
    abstention_chart = ""
    if ternary:
        tables.append(
            Table(
                "ternary",
                "Each member's power when it can abstain without voting no",
                (
                    ("name", "Member"),
                    ("second", "Seat" if council else "Weight"),
                    *((name, NAMES[name]) for name in ternary),
                    ("yes_vs_abstain", "Yes against abstention"),
                    ("abstain_vs_no", "Abstention against no"),
                ),
                rows,
            )
        )
        if "ternary_shapley_shubik" in ternary:
            abstention_chart = charts.bar_chart(
                [
                    charts.Bar(m["name"], 100 * m["ternary_shapley_shubik"]["value"])
                    for m in view["members"]
                ],
                title="Shapley–Shubik index with abstention, per member",
                subtitle="the chance of settling a roll-call of yes, abstain and no",
                source="Computed exactly by unsc from the game above",
                unit="%",
            )
    bars = [charts.Bar(m["name"], 100 * m["shapley_shubik"]["value"]) for m in view["members"]]
    chart = charts.bar_chart(
        bars,
        title="Shapley–Shubik index per member",
        subtitle=heading if len(heading) < 90 else "",
        source="Computed exactly by unsc from the game above",
        unit="%",
    )
    definitions = [
        {"name": NAMES[n], "meaning": MEANINGS[n], "source": view["definitions"][n]}
        for n in view["indices"]
    ]
    return render(
        request,
        "power.html",
        "Voting power",
        tables,
        [{"title": ref} for ref in dict.fromkeys(c["ref"] for c in view["citations"])],
        view=view,
        heading=heading,
        chart=chart,
        abstention_chart=abstention_chart,
        form=form,
        definitions=definitions,
    )
