"""``GET /api/alignment`` and the page ``/alignment``: decisive votes, success, agreement,
its map and the permanent members' unanimity per year, over a period of the record; and
``GET /api/alignment/assembly``: how the same members voted with each other in the General
Assembly (1946 to 14 January 2020), shown on the page beside the Council's matrix."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from unsc.analysis.assembly import ISSUES
from unsc.core.errors import UnscError
from unsc.core.plain import plain
from unsc.service.alignment import AlignmentView, MemberPower, alignment_view
from unsc.service.assembly import AssemblyView, assembly_source, assembly_view
from unsc.service.record import record_source
from unsc.web import charts
from unsc.web.api import ERRORS, From, SubjectQuery, To, answer, database
from unsc.web.pages import Table, error_page, form_day, render

router = APIRouter(tags=["record"])


class MemberPowerOut(BaseModel):
    key: str
    name: str
    permanent: bool
    sat: int = Field(description="Votes on which it cast yes, no or abstain")
    decisive: int = Field(
        description="Votes on which its own change of cast alone would have changed the outcome"
    )
    succeeded: int = Field(description="Yes on adopted drafts, no or abstain on the others")
    decisive_share: float
    success_share: float


class PairOut(BaseModel):
    a: str
    b: str
    together: int = Field(description="Votes on which both cast yes, no or abstain")
    same: int
    agreement: float


class PointOut(BaseModel):
    key: str
    x: float
    y: float


class SplitOut(BaseModel):
    id: int
    symbol: str
    date: str


class YearOut(BaseModel):
    year: int
    votes: int = Field(description="Votes on which all five permanent members sat")
    unanimous: int
    absent: int = Field(description="Votes with a permanent member absent or not participating")
    first_split: SplitOut | None


class AlignmentOut(BaseModel):
    start: str | None
    end: str | None
    subject: str | None
    votes: int
    left_out: int
    definitions: str
    members: list[MemberPowerOut]
    agreement: list[PairOut]
    map: list[PointOut] = Field(description="Classical MDS of 1 - agreement, two dimensions")
    not_mapped: list[str]
    unanimity: list[YearOut]
    source: dict[str, str]


IssueQuery = Annotated[
    str | None,
    Query(
        max_length=100,
        description="One of the data's six issues: me, nu, di, hr, co, ec (or its name)",
    ),
]


class AssemblyMemberOut(BaseModel):
    key: str
    name: str
    permanent: bool
    voted: int = Field(description="Roll calls of the period in which it voted yes, no or abstain")
    rows: str = Field(description="Which rows of the data are its own, where not its ISO code")


class UnmatchedOut(BaseModel):
    key: str
    name: str
    reason: str


class SeatYearOut(BaseModel):
    year: int
    pairs: list[PairOut] = Field(description="Pairs of permanent seats (by seat name)")


class AssemblyOut(BaseModel):
    start: str
    end: str
    issue: str | None
    issue_name: str | None
    roll_calls: int = Field(description="Roll calls of the period (and issue) in the data")
    note: str = Field(description="What the data cannot give for the period, in words")
    definitions: str
    members: list[AssemblyMemberOut]
    agreement: list[PairOut] = Field(description="Roll calls both voted in, and alike")
    unmatched: list[UnmatchedOut]
    permanent_by_year: list[SeatYearOut]
    source: dict[str, str]


def _data(view: AlignmentView) -> dict[str, Any]:
    data: dict[str, Any] = plain(view)
    for year in data["unanimity"]:
        split = year["first_split"]
        if split is not None:
            year["first_split"] = {"id": split[0], "symbol": split[1], "date": split[2]}
    data["source"] = record_source()
    return data


@router.get("/api/alignment", response_model=AlignmentOut, responses=ERRORS)
async def alignment_api(
    request: Request, start: From = None, end: To = None, subject: SubjectQuery = None
) -> Response:
    """Each member's decisive votes and success, the agreement matrix and its map, and the
    permanent members' unanimity per year, over the period (and subject)."""
    view = await run_in_threadpool(
        alignment_view, database(request), start=start, end=end, subject=subject
    )
    return answer(_data(view))


@router.get("/api/alignment/assembly", response_model=AssemblyOut, responses=ERRORS)
async def assembly_api(start: From = None, end: To = None, issue: IssueQuery = None) -> Response:
    """How the members of the Council in the period voted with each other in the General
    Assembly's roll calls (Erik Voeten's data, 1946 to 14 January 2020): each pair's roll
    calls both voted in and those they voted alike, and the permanent seats' agreement per
    year. Absences are not recorded; a period after the data says so in ``note``."""
    view = await run_in_threadpool(assembly_view, start=start, end=end, issue=issue)
    data: dict[str, Any] = plain(view)
    data["source"] = assembly_source()
    return answer(data)


def _map_svg(view: AlignmentView) -> str:
    if not view.map:
        return ""
    names = {m.key: m.name for m in view.members}
    xs = [p.x for p in view.map]
    ys = [p.y for p in view.map]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    size, pad = 400, 60

    def sx(v: float) -> float:
        return pad + (v - min(xs)) / span * (size - 2 * pad)

    def sy(v: float) -> float:
        return pad + (v - min(ys)) / span * (size - 2 * pad)

    marks = "".join(
        f'<circle cx="{sx(p.x):.1f}" cy="{sy(p.y):.1f}" r="4"><title>{names[p.key]}</title>'
        f'</circle><text x="{sx(p.x) + 6:.1f}" y="{sy(p.y) - 6:.1f}" font-size="11">{p.key}</text>'
        for p in view.map
    )
    return (
        f'<svg viewBox="0 0 {size} {size}" role="img" class="chart" '
        'aria-label="Map of the members by disagreement (classical MDS): members who voted '
        f'alike are close">{marks}</svg>'
    )


@router.get("/alignment", response_class=HTMLResponse, include_in_schema=False)
async def alignment_page(
    request: Request,
    start: Annotated[str, Query(alias="from")] = "",
    end: Annotated[str, Query(alias="to")] = "",
    subject: Annotated[str, Query(max_length=200)] = "",
    issue: Annotated[str, Query(max_length=100)] = "",
) -> Response:
    form = {"from": start, "to": end, "subject": subject, "issue": issue}
    try:
        first, last = form_day(start, "from"), form_day(end, "to")
        view = await run_in_threadpool(
            alignment_view, database(request), start=first, end=last, subject=subject or None
        )
        assembly = await run_in_threadpool(
            assembly_view, start=first, end=last, issue=issue or None
        )
    except UnscError as e:
        return error_page(request, f"{e} (/alignment?from=2020-01-01&to=2022-12-31)")
    years = [u.year for u in view.unanimity]
    chart = charts.year_columns(
        {
            "unanimous": {u.year: u.unanimous for u in view.unanimity},
            "split": {u.year: u.votes - u.unanimous for u in view.unanimity},
        },
        list(range(years[0], years[-1] + 1)) if years else [],
        title="Votes on which the five permanent members sat: unanimous or split, per year",
        source="Sciences Po UNSC voting record (CC BY 4.0)",
        height=260,
    )
    rows = [
        {
            "name": m.name,
            "permanent": "permanent" if m.permanent else "elected",
            "sat": m.sat,
            "decisive": m.decisive,
            "decisive_share": f"{m.decisive_share:.1%}",
            "succeeded": m.succeeded,
            "success_share": f"{m.success_share:.1%}",
        }
        for m in view.members
    ]
    columns = (
        ("name", "Member"),
        ("permanent", "Seat"),
        ("sat", "Votes sat"),
        ("decisive", "Decisive"),
        ("decisive_share", "Decisive %"),
        ("succeeded", "Succeeded"),
        ("success_share", "Succeeded %"),
    )
    table = Table("members", "Decisive votes and success", columns, rows, len(rows))
    shown = list(view.members)[:30]
    pairs = {(p.a, p.b): p.agreement for p in view.agreement}
    pairs.update({(b, a): v for (a, b), v in list(pairs.items())})
    matrix = [(m, [pairs.get((m.key, o.key)) for o in shown]) for m in shown]
    return render(
        request,
        "alignment.html",
        "Power and alignment",
        [table],
        [{"title": record_source()["dataset"], "licence": record_source()["licence"]}],
        view=view,
        chart=chart,
        map_svg=_map_svg(view),
        shown=shown,
        matrix=matrix,
        form=form,
        assembly=assembly,
        issues=ISSUES,
        **_assembly_parts(assembly, shown),
    )


def _assembly_parts(view: AssemblyView, shown: list[MemberPower]) -> dict[str, Any]:
    """The General Assembly's matrix for the members shown in the Council's (same order;
    the Assembly's own members when the Council's period has no vote), and a small chart
    per permanent seat of its agreement with each of the others per year."""
    pairs = {(p.a, p.b): p for p in view.agreement}
    pairs.update({(b, a): p for (a, b), p in list(pairs.items())})
    rows: list[tuple[str, str]] = [(m.key, m.name) for m in shown]
    if not rows:
        rows = [(m.key, m.name) for m in view.members if m.voted][:30]
    matrix = [(name, [pairs.get((key, other)) for other, _ in rows]) for key, name in rows]
    seats = sorted({n for y in view.permanent_by_year for p in y.pairs for n in (p.a, p.b)})
    colours = {seat: charts.PALETTE[i] for i, seat in enumerate(seats)}
    years = [y.year for y in view.permanent_by_year]
    span = list(range(years[0], years[-1] + 1)) if years else []
    source = "Voeten, UN General Assembly voting data (CC0)"
    panels = []
    for seat in seats:
        series: dict[str, dict[int, float]] = {other: {} for other in seats if other != seat}
        for y in view.permanent_by_year:
            for p in y.pairs:
                if seat in (p.a, p.b):
                    series[p.b if p.a == seat else p.a][y.year] = p.agreement
        panels.append(
            charts.year_lines(
                series,
                span,
                title=seat,
                source=source,
                colours=colours,
            )
        )
    return {"assembly_rows": rows, "assembly_matrix": matrix, "assembly_panels": panels}
