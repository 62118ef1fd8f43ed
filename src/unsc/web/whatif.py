"""``GET /api/whatif`` and the page ``/whatif``: the record replayed under another rule."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from unsc.analysis.whatif import RULES_HELP, RuleKind
from unsc.core.errors import UnscError
from unsc.core.plain import plain
from unsc.service.record import record_source
from unsc.service.whatif import WhatIfView, whatif_view
from unsc.web import charts
from unsc.web.api import ERRORS, From, SubjectQuery, To, answer, database
from unsc.web.pages import Table, error_page, form_day, render

router = APIRouter(tags=["record"])

RuleQuery = Annotated[
    str,
    Query(
        min_length=1,
        max_length=100,
        description=f"The rule: {RULES_HELP}",
        examples=["no-veto"],
    ),
]
MemberQuery = Annotated[
    str | None,
    Query(max_length=80, description="Only the votes in which this member sat, e.g. Japan"),
]


class ChangedVoteOut(BaseModel):
    id: int
    symbol: str
    date: str
    title: str
    recorded: str = Field(description="adopted, vetoed or lack_of_majority")
    whatif: str = Field(description="The outcome under the rule")
    why: str = Field(description="The engine's explanation under the rule")
    recorded_why: str = Field(description="The engine's explanation under the Charter")


class YearCountOut(BaseModel):
    year: int
    replayed: int
    changed: int
    now_adopted: int
    now_failed: int


class WhatIfOut(BaseModel):
    rule: str
    statement: str = Field(description="What the rule changes; it is not the Charter's rule")
    citations: list[dict[str, str]]
    total: int = Field(description="Votes replayed")
    changed: int
    not_replayed: dict[str, int] = Field(description="Votes not replayed, by reason")
    votes: list[ChangedVoteOut]
    by_year: list[YearCountOut]
    sat_in: int | None = Field(
        description="veto-for: the votes replayed in which the state sat as an elected member"
    )
    source: dict[str, str]


def _check(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and start > end:
        raise UnscError(f"'from' ({start}) is after 'to' ({end}); swap them")


@router.get("/api/whatif", response_model=WhatIfOut, responses=ERRORS)
async def whatif_api(
    request: Request,
    rule: RuleQuery,
    start: From = None,
    end: To = None,
    member: MemberQuery = None,
    subject: SubjectQuery = None,
) -> Response:
    """The recorded votes replayed under another rule, and those whose outcome changes."""
    view = await run_in_threadpool(
        whatif_view,
        database(request),
        rule,
        start=start,
        end=end,
        member=member,
        subject=subject,
    )
    data: dict[str, Any] = plain(view)
    data["source"] = record_source()
    return answer(data)


EXAMPLES = ("no-veto", "abstention-veto", "two-vetoes", "threshold=10", "veto-for=Brazil")


@router.get("/whatif", response_class=HTMLResponse, include_in_schema=False)
async def whatif_page(
    request: Request,
    rule: str = "",
    start: Annotated[str, Query(alias="from")] = "",
    end: Annotated[str, Query(alias="to")] = "",
) -> Response:
    form = {"rule": rule, "from": start, "to": end}
    view: WhatIfView | None = None
    if rule:
        try:
            first = form_day(start, "from")
            last = form_day(end, "to")
            view = await run_in_threadpool(
                whatif_view, database(request), rule, start=first, end=last
            )
        except UnscError as e:
            return error_page(request, f"{e} (/whatif?rule=no-veto&from=1990-01-01)")
    chart = ""
    table = None
    if view is not None:
        years = list(range(view.by_year[0].year, view.by_year[-1].year + 1)) if view.by_year else []
        chart = charts.year_columns(
            {
                "adopted under the rule, not as recorded": {
                    y.year: y.now_adopted for y in view.by_year
                },
                "not adopted under the rule, adopted as recorded": {
                    y.year: y.now_failed for y in view.by_year
                },
            },
            years,
            title=f"Votes whose outcome changes under {view.rule}, per year",
            source="Sciences Po UNSC voting record (CC BY 4.0), replayed by the unsc rules engine",
            height=300,
        )
        rows = [
            {
                "id": v.id,
                "date": v.date.isoformat(),
                "symbol": v.symbol,
                "recorded": v.recorded,
                "whatif": v.whatif,
                "why": v.why,
                "recorded_why": v.recorded_why,
            }
            for v in view.votes
        ]
        columns = (
            ("date", "Date"),
            ("symbol", "Vote"),
            ("recorded", "Recorded"),
            ("whatif", "What if"),
            ("why", "Under the rule"),
            ("recorded_why", "Under the Charter"),
        )
        table = Table(
            "changed", "Votes whose outcome would have changed", columns, rows, view.changed
        )
    return render(
        request,
        "whatif.html",
        "What if",
        [table] if table is not None else [],
        [_source()],
        view=view,
        chart=chart,
        form=form,
        kinds=[k.value for k in RuleKind],
        examples=EXAMPLES,
    )


def _source() -> dict[str, str]:
    source = record_source()
    return {"title": source["dataset"], "licence": source["licence"]}
