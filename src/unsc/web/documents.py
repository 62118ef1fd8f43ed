"""The pages of the Council's documents: a resolution with its numbered paragraphs, a
meeting, a presidential statement, a draft, and the lists of meetings and statements with
their charts. Each asks a service for a typed view and renders it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from unsc.core.documents import Meeting, SourceRef, YearCount
from unsc.service import documents as service
from unsc.service.database import Database
from unsc.web import charts
from unsc.web.pages import PAGE_SIZE, Table, error_page, not_found, render, templates

router = APIRouter(include_in_schema=False)
templates.env.filters["record_url"] = service.paragraph_url

FORMATS = {
    "public": "public",
    "private": "private (closed)",
    "vtc-open-no-spv": "open video-conference, no verbatim record",
    "unknown": "format not given",
}
"""A meeting's format in words (the library's tables: "closed" for private meetings)."""


@dataclass(frozen=True)
class Paging:
    """Which rows a list page asks for: one page, or every row for a download."""

    limit: int
    offset: int
    page: int


def paging(request: Request, page: int) -> Paging:
    if request.query_params.get("download"):
        return Paging(100_000, 0, page)
    return Paging(PAGE_SIZE, (page - 1) * PAGE_SIZE, page)


def pager(request: Request, page: int, total: int) -> dict[str, Any]:
    """What the pager under a list needs: this page, how many, the query without the page."""
    return {
        "page": page,
        "pages": max(1, -(-total // PAGE_SIZE)),
        "params": {k: v for k, v in request.query_params.items() if k != "page"},
    }


def every_year(per_year: tuple[YearCount, ...]) -> list[int]:
    """The years from the first to the last counted, none left out."""
    return list(range(per_year[0].year, per_year[-1].year + 1)) if per_year else []


def database(request: Request) -> Database:
    db: Database = request.app.state.database
    return db


def _source(ref: SourceRef) -> dict[str, Any]:
    return {"id": ref.id, "title": ref.title, "licence": ref.licence, "url": ref.url}


def _meeting_row(meeting: Meeting) -> dict[str, Any]:
    return {
        "date": meeting.date.isoformat() if meeting.date else None,
        "symbol": meeting.symbol,
        "format": FORMATS.get(meeting.format or "unknown", meeting.format),
        "agenda": "; ".join(meeting.topics),
        "outcome": ", ".join(meeting.outcome_documents),
    }


def _series(per_year: tuple[YearCount, ...], labels: dict[str, str]) -> dict[str, dict[int, int]]:
    kinds = sorted({kind for y in per_year for kind, _ in y.counts})
    return {
        labels.get(kind, kind): {y.year: y.count(kind) for y in per_year if y.count(kind)}
        for kind in kinds
    }


CHAPTER_VII = {"": None, "yes": True, "no": False}


@router.get("/resolutions", response_class=HTMLResponse)
def resolutions_page(
    request: Request,
    year: Annotated[str | None, Query(max_length=10)] = None,
    subject: Annotated[str | None, Query(max_length=200)] = None,
    chapter_vii: Annotated[str | None, Query(max_length=10)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    try:
        chosen_year = _year(year)
    except ValueError as err:
        return error_page(request, str(err))
    if (chapter_vii or "") not in CHAPTER_VII:
        return error_page(request, f"chapter_vii: yes, no or empty, not {chapter_vii!r}")
    f = service.ResolutionFilter(
        chosen_year,
        (subject or "").strip() or None,
        CHAPTER_VII[chapter_vii or ""],
        (q or "").strip() or None,
    )
    rows_wanted = paging(request, page)
    view = service.resolutions_view(
        database(request), f, limit=rows_wanted.limit, offset=rows_wanted.offset
    )
    rows = [
        {
            "number": r.number,
            "adopted": r.adopted.isoformat(),
            "symbol": r.symbol,
            "title": r.title or r.agenda_item,
            "tally": "" if r.yes is None else f"{r.yes}-{r.no}-{r.abstain}",
            "chapter_vii": {True: "yes", False: "no", None: ""}[r.chapter_vii],
        }
        for r in view.resolutions
    ]
    columns = (
        ("adopted", "Adopted"),
        ("symbol", "Resolution"),
        ("title", "Title or agenda item"),
        ("tally", "Vote"),
        ("chapter_vii", "Chapter VII"),
    )
    table = Table("resolutions", "Resolutions", columns, rows, view.total)
    years = every_year(view.per_year)
    chart = charts.year_columns(
        _series(view.per_year, {}),
        years,
        title="Resolutions per year, by Chapter VII as the UN's metadata states it",
        source="UN DGACM, machine-readable Security Council documents (2000-2026); "
        "PVS replication texts (1946-1999)",
        height=280,
    )
    return render(
        request,
        "resolutions.html",
        "Resolutions",
        [table],
        [],
        chart=chart,
        filters={
            "year": year or "",
            "subject": subject or "",
            "chapter_vii": chapter_vii or "",
            "q": q or "",
        },
        **pager(request, page, view.total),
    )


@router.get("/resolutions/{number}", response_class=HTMLResponse)
def resolution_page(request: Request, number: Annotated[int, Path(ge=1, le=100_000)]) -> Response:
    view = service.resolution_view(database(request), number)
    if view is None:
        return not_found(
            request,
            f"The record holds no resolution {number}. Resolutions are numbered from 1 "
            "(1946); see the list of votes for the resolutions adopted.",
        )
    r = view.resolution
    return render(
        request,
        "resolution.html",
        r.symbol,
        (),
        [_source(view.source)],
        view=view,
        r=r,
    )


@router.get("/meetings", response_class=HTMLResponse)
def meetings_page(
    request: Request,
    year: Annotated[str | None, Query(max_length=10)] = None,
    kind: Annotated[
        str | None, Query(alias="type", max_length=40, description="public, private, ...")
    ] = None,
    agenda: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    try:
        chosen_year = _year(year)
    except ValueError as err:
        return error_page(request, str(err))
    if kind and kind not in FORMATS:
        return error_page(request, f"type: one of {', '.join(FORMATS)}, not {kind[:40]!r}")
    f = service.MeetingFilter(chosen_year, kind or None, (agenda or "").strip() or None)
    rows_wanted = paging(request, page)
    view = service.meetings_view(
        database(request), f, limit=rows_wanted.limit, offset=rows_wanted.offset
    )
    rows = [_meeting_row(x) for x in view.meetings]
    columns = (
        ("date", "Date"),
        ("symbol", "Meeting"),
        ("format", "Format"),
        ("agenda", "Agenda"),
        ("outcome", "Outcome documents"),
    )
    table = Table("meetings", "Meetings", columns, rows, view.total)
    years = every_year(view.per_year)
    what = f" on “{f.agenda}”" if f.agenda else ""
    chart = charts.year_columns(
        _series(view.per_year, FORMATS),
        years,
        title=f"Meetings{what} per year, by format",
        source="Dag Hammarskjöld Library, Security Council meetings, 1946 to June 2022",
    )
    private = sum(y.count("private") for y in view.per_year)
    every = sum(y.total for y in view.per_year)
    return render(
        request,
        "meetings.html",
        "Meetings",
        [table],
        [],
        chart=chart,
        summary=f"{every:,} meetings{what}, {private:,} of them private (closed).",
        filters={"year": year or "", "type": kind or "", "agenda": agenda or ""},
        formats=FORMATS,
        **pager(request, page, view.total),
    )


def _year(value: str | None) -> int | None:
    if not value:
        return None
    if not value.isdigit() or not 1946 <= int(value) <= 2100:
        raise ValueError(f"year: a year from 1946, such as 2022, not {value[:10]!r}")
    return int(value)


@router.get("/meetings/{symbol:path}", response_class=HTMLResponse)
def meeting_page(request: Request, symbol: str) -> Response:
    view = service.meeting_view(database(request), symbol[:60])
    if view is None:
        return not_found(
            request,
            f"The record holds no meeting {symbol[:60]!r}. Meetings are named by their "
            "verbatim record, e.g. S/PV.9048; the list of meetings runs to June 2022.",
        )
    return render(
        request,
        "meeting.html",
        view.meeting.symbol,
        (),
        [_source(view.source)],
        view=view,
        meeting=view.meeting,
        format_text=FORMATS.get(view.meeting.format or "unknown", view.meeting.format),
    )


@router.get("/statements", response_class=HTMLResponse)
def statements_page(
    request: Request,
    year: Annotated[str | None, Query(max_length=10)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    try:
        chosen_year = _year(year)
    except ValueError as err:
        return error_page(request, str(err))
    rows_wanted = paging(request, page)
    view = service.statements_view(
        database(request),
        service.StatementFilter(year=chosen_year, q=(q or "").strip() or None),
        limit=rows_wanted.limit,
        offset=rows_wanted.offset,
    )
    rows = [
        {
            "date": s.date.isoformat(),
            "symbol": s.symbol,
            "agenda_item": s.agenda_item,
            "meeting": s.meeting_symbol,
        }
        for s in view.statements
    ]
    columns = (
        ("date", "Date"),
        ("symbol", "Statement"),
        ("agenda_item", "Agenda item"),
        ("meeting", "Meeting"),
    )
    table = Table("statements", "Presidential statements", columns, rows, view.total)
    years = every_year(view.per_year)
    chart = charts.year_columns(
        _series(view.per_year, {}),
        years,
        title="Presidential statements per year",
        source="UN DGACM, machine-readable Security Council documents (UNxml/SCresolutions)",
        height=260,
    )
    return render(
        request,
        "statements.html",
        "Presidential statements",
        [table],
        [],
        chart=chart,
        filters={"year": year or "", "q": q or ""},
        **pager(request, page, view.total),
    )


@router.get("/statements/{symbol:path}", response_class=HTMLResponse)
def statement_page(request: Request, symbol: str) -> Response:
    view = service.statement_view(database(request), symbol[:60])
    if view is None:
        return not_found(
            request,
            f"The record holds no presidential statement {symbol[:60]!r}. Statements are "
            "named S/PRST/year/number, e.g. S/PRST/2017/16; the record has them from 2000.",
        )
    return render(
        request,
        "statement.html",
        view.statement.symbol,
        (),
        [_source(view.source)],
        view=view,
        s=view.statement,
    )


@router.get("/drafts/{symbol:path}", response_class=HTMLResponse)
def draft_page(request: Request, symbol: str) -> Response:
    view = service.draft_view(database(request), symbol[:60])
    if view is None:
        return not_found(
            request,
            f"The record holds no text of the draft {symbol[:60]!r}: it has the drafts the "
            "Council did not adopt in 2023-2025 (the text of an adopted draft is its "
            "resolution's).",
        )
    return render(
        request,
        "draft.html",
        f"Draft {view.draft.symbol}",
        (),
        [_source(view.source)],
        view=view,
        d=view.draft,
    )
