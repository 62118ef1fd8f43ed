"""``GET /api/power`` and the page ``/power``: each member's voting power, exact."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from unsc.core.errors import UnscError
from unsc.service.ballots import parse_day
from unsc.service.power import power_view
from unsc.service.record import today
from unsc.web import charts
from unsc.web.api import ERRORS
from unsc.web.pages import Table, error_page, render

router = APIRouter(tags=["power"])

IndexQuery = Annotated[
    list[str] | None,
    Query(max_length=40, description="An index (repeatable); every index if omitted"),
]
FloatQuery = Annotated[
    bool, Query(alias="float", description="Decimals only, without the exact fractions")
]


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


class ReformMember(BaseModel):
    """A seat of a reformed Council: its category, its veto, and each index as a member's."""

    model_config = ConfigDict(extra="allow")
    name: str
    category: str = Field(description="permanent or non-permanent, as the document says")
    veto: bool


class ReformPowerView(BaseModel):
    """The power view of a reform proposal, with the document it was read from."""

    model_config = ConfigDict(extra="allow")
    game: str
    seats: int
    quota: int
    rule: str
    reform: dict[str, Any] = Field(description="symbol, addresses read, quotes, options")
    ternary: PowerTernary | None = None
    indices: list[str]
    members: list[ReformMember]
    winning_coalitions: int
    collectivity: PowerNumber
    definitions: dict[str, str]
    citations: list[dict[str, Any]]


@router.get("/api/power", responses=ERRORS, response_model=PowerView | ReformPowerView)
def power(
    on: Annotated[
        str | None, Query(max_length=10, description="YYYY-MM-DD; today if omitted")
    ] = None,
    reform: Annotated[
        str | None,
        Query(max_length=40, description="A reform proposal, e.g. uniting-for-consensus"),
    ] = None,
    reform_option: Annotated[
        list[str] | None,
        Query(max_length=40, description="With reform: KEY=VALUE, e.g. votes_needed=14"),
    ] = None,
    index: IndexQuery = None,
    as_float: FloatQuery = False,
) -> PowerView | ReformPowerView:
    """Each member's voting power, exact, in the Council's binary game on a date."""
    if reform is not None:
        if on is not None:
            raise UnscError("give either on (a date) or reform (a reform proposal), not both")
        return ReformPowerView.model_validate(
            power_view(
                reform=reform,
                reform_options=reform_option or (),
                indices=index or (),
                as_float=as_float,
            )
        )
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
    reform: Annotated[str, Query(max_length=40)] = "",
    votes_needed: Annotated[str, Query(max_length=6)] = "",
) -> Response:
    form: dict[str, Any] = {"on": on, "weights": weights, "quota": quota, "names": names}
    form |= {"reform": reform, "votes_needed": votes_needed, "reforms": _reform_choices()}
    if reform or votes_needed:
        return await _reform_page(request, form)
    try:
        view = await run_in_threadpool(_page_view, on, weights, quota, names)
    except UnscError as e:
        return error_page(request, f"{e} (/power?on=2022-05-26 or /power?weights=2,1,1&quota=3)")
    council = view["game"] == "council"
    seconds = [
        ("permanent" if m["permanent"] else "elected") if council else m["weight"]
        for m in view["members"]
    ]
    if council:
        heading = f"The Council on {view['date']}: {view['rule']}"
    else:
        heading = (
            f"Quota {view['quota']} of total weight {view['total_weight']}: a coalition wins "
            "when its members' weights reach the quota"
        )
    return _page(
        request,
        form,
        view,
        heading,
        ("Member", "Seat" if council else "Weight"),
        seconds,
        "Computed exactly by unsc from the game above",
        [{"title": ref} for ref in dict.fromkeys(c["ref"] for c in view["citations"])],
    )


def _page(
    request: Request,
    form: dict[str, Any],
    view: dict[str, Any],
    heading: str,
    heads: tuple[str, str],
    seconds: list[Any],
    source: str,
    links: list[dict[str, str]],
    **extra: Any,
) -> Response:
    """The page of a power view: its tables, its charts and each index's definition."""
    tables, abstention_chart = _tables(view, heads, seconds)
    chart = charts.bar_chart(
        [charts.Bar(m["name"], 100 * m["shapley_shubik"]["value"]) for m in view["members"]],
        title=f"Shapley–Shubik index per {heads[0].lower()}",
        subtitle=heading if len(heading) < 90 else "",
        source=source,
        unit="%",
    )
    return render(
        request,
        "power.html",
        "Voting power",
        tables,
        links,
        view=view,
        heading=heading,
        chart=chart,
        abstention_chart=abstention_chart,
        form=form,
        definitions=_definitions(view),
        **extra,
    )


def _definitions(view: dict[str, Any]) -> list[dict[str, str]]:
    """Each index shown: its name, what it measures and its source."""
    return [
        {"name": NAMES[n], "meaning": MEANINGS[n], "source": view["definitions"][n]}
        for n in view["indices"]
    ]


def _tables(
    view: dict[str, Any], heads: tuple[str, str], seconds: list[Any]
) -> tuple[list[Table], str]:
    """The yes/no table and, for a council, the abstention-aware table and its chart."""
    rows: list[dict[str, Any]] = []
    for m, second in zip(view["members"], seconds, strict=True):
        row: dict[str, Any] = {"name": m["name"], "second": second}
        for name in (*view["indices"], "yes_vs_abstain", "abstain_vs_no"):
            if name in m:
                row[name] = f"{m[name]['exact']} ≈ {m[name]['value']:.6f}"
        rows.append(row)
    binary = [name for name in view["indices"] if not name.startswith("ternary_")]
    ternary = [name for name in view["indices"] if name.startswith("ternary_")]
    first = (("name", heads[0]), ("second", heads[1]))
    tables = [
        Table(
            "power",
            f"Each {heads[0].lower()}'s power, exact and as a decimal",
            (*first, *((name, NAMES[name]) for name in binary)),
            rows,
        )
    ]
    if not ternary:
        return tables, ""
    tables.append(
        Table(
            "ternary",
            f"Each {heads[0].lower()}'s power when it can abstain without voting no",
            (
                *first,
                *((name, NAMES[name]) for name in ternary),
                ("yes_vs_abstain", "Yes against abstention"),
                ("abstain_vs_no", "Abstention against no"),
            ),
            rows,
        )
    )
    if "ternary_shapley_shubik" not in ternary:
        return tables, ""
    chart = charts.bar_chart(
        [
            charts.Bar(m["name"], 100 * m["ternary_shapley_shubik"]["value"])
            for m in view["members"]
        ],
        title=f"Shapley–Shubik index with abstention, per {heads[0].lower()}",
        subtitle="the chance of settling a roll-call of yes, abstain and no",
        source="Computed exactly by unsc from the game above",
        unit="%",
    )
    return tables, chart


def _reform_choices() -> list[dict[str, Any]]:
    from unsc.service.reform import reform_list

    return reform_list()


def _reform_view(form: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The reform's power and, per seat category, the same seat's power in today's Council."""
    if not form["reform"]:
        raise UnscError("votes needed go with a reform: pick one, e.g. uniting-for-consensus")
    if form["on"] or form["weights"]:
        raise UnscError("give either a reform or a date or weights, not more")
    options = [f"votes_needed={form['votes_needed']}"] if form["votes_needed"].strip() else []
    view = power_view(reform=form["reform"], reform_options=options)
    now = power_view(day=today(), indices=("shapley_shubik", "banzhaf"))
    today_by_kind = {m["permanent"]: m for m in now["members"]}
    compare = []
    for c in view["reform"]["categories"]:
        seat = next(m for m in view["members"] if m["category"] == c["name"])
        before = today_by_kind[c["permanent"]]
        compare.append(
            {
                "category": c["name"],
                "seats": c["seats"],
                "veto": c["veto"],
                "shapley_shubik": seat["shapley_shubik"],
                "banzhaf": seat["banzhaf"],
                "today_shapley_shubik": before["shapley_shubik"],
                "today_banzhaf": before["banzhaf"],
                "binary": c["binary"],
            }
        )
    view["today"] = now["date"]
    return view, compare


async def _reform_page(request: Request, form: dict[str, Any]) -> Response:
    try:
        view, compare = await run_in_threadpool(_reform_view, form)
    except UnscError as e:
        return error_page(request, f"{e} (/power?reform=uniting-for-consensus)")
    heading = f"{view['reform']['symbol']}: {view['rule']}"
    return _page(
        request,
        form,
        view,
        heading,
        ("Seat", "Category"),
        [m["category"] + (", veto" if m["veto"] else "") for m in view["members"]],
        f"Computed exactly by unsc from {view['reform']['symbol']} as read",
        [],
        reform=view["reform"],
        compare=compare,
    )
