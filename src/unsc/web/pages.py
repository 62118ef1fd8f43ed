"""The web pages: each builds its tables and charts from the record and renders a template.

Every table on a page can be downloaded from the same address with
``?download=<table>&format=csv|json``, so a download keeps the page's filters.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from unsc.analysis.dprk import P5
from unsc.analysis.vetoes import CastVeto
from unsc.analysis.vetoes import in_words as veto_words
from unsc.core.documents import VoteRow
from unsc.core.errors import UnscError
from unsc.core.plain import plain
from unsc.service import members as members_service
from unsc.service import search as search_service
from unsc.service import votes as votes_service
from unsc.service.assembly import assembly_source
from unsc.service.dprk import dprk_view
from unsc.service.overview import home_view, sources_view
from unsc.service.read_model import ReadModel, RowPage, VoteFilter
from unsc.service.record import bundled_law, today
from unsc.service.spreadsheet import safe_cell
from unsc.web import charts
from unsc.web.api import database, member_keys, vote_body

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(str(resources.files("unsc.web").joinpath("templates"))))
PAGE_SIZE = 50


@dataclass
class Table:
    """A table on a page: its columns (key, heading) and rows."""

    name: str
    title: str
    columns: Sequence[tuple[str, str]]
    rows: list[dict[str, Any]]
    total: int | None = None


def render(
    request: Request,
    template: str,
    title: str,
    tables: Sequence[Table] = (),
    sources: Sequence[dict[str, Any]] = (),
    **context: Any,
) -> Response:
    """The page, or one of its tables as CSV or JSON when ``?download=`` asks for it."""
    wanted = request.query_params.get("download")
    if wanted:
        table = next((t for t in tables if t.name == wanted), None)
        if table is None:
            names = ", ".join(t.name for t in tables) or "none"
            return Response(
                f"no table {wanted!r} on this page; tables: {names}",
                status_code=404,
                media_type="text/plain",
            )
        fmt = request.query_params.get("format", "csv")
        if fmt not in ("csv", "json"):
            return Response(
                f"format: expected csv or json, got {fmt!r}",
                status_code=400,
                media_type="text/plain",
            )
        return download(table, fmt, sources)
    links = {}
    for t in tables:
        params = [
            (k, v) for k, v in request.query_params.multi_items() if k not in ("download", "format")
        ]
        links[t.name] = {
            fmt: request.url.path
            + "?"
            + urlencode([*params, ("download", t.name), ("format", fmt)])
            for fmt in ("csv", "json")
        }
    return templates.TemplateResponse(
        request,
        template,
        {
            "title": title,
            "tables": {t.name: t for t in tables},
            "links": links,
            "sources": sources,
            **context,
        },
    )


def download(table: Table, fmt: str, sources: Sequence[dict[str, Any]]) -> Response:
    filename = f"unsc-{table.name}"
    if fmt == "json":
        body = json.dumps(
            {"table": table.title, "sources": list(sources), "items": table.rows},
            ensure_ascii=False,
            default=str,
        )
        return Response(
            body,
            media_type="application/json",
            headers={"Content-Disposition": f'attachment; filename="{filename}.json"'},
        )
    out = io.StringIO()
    keys = [k for k, _ in table.columns]
    writer = csv.DictWriter(out, fieldnames=keys, extrasaction="ignore")
    writer.writeheader()
    for row in table.rows:
        writer.writerow({k: _cell(row.get(k)) for k in keys})
    credit = "; ".join(f"{s.get('title', s.get('id'))} ({s.get('licence', '')})" for s in sources)
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}.csv"',
            # The sources travel in a header: a comment line would be read as a data row.
            "X-Unsc-Sources": credit.encode("ascii", "replace").decode(),
        },
    )


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return safe_cell("; ".join(str(v) for v in value))
    return safe_cell(value)


def not_found(request: Request, detail: str) -> Response:
    response = templates.TemplateResponse(
        request,
        "message.html",
        {"title": "Not found", "message": detail, "tables": {}, "links": {}, "sources": []},
        status_code=404,
    )
    return response


def error_page(request: Request, message: str) -> Response:
    return templates.TemplateResponse(
        request,
        "message.html",
        {
            "title": "Cannot show this page",
            "message": message,
            "tables": {},
            "links": {},
            "sources": [],
        },
        status_code=422,
    )


VOTE_COLUMNS = (
    ("date", "Date"),
    ("symbol", "Symbol"),
    ("title", "Title"),
    ("outcome", "Outcome"),
    ("reason", "Reason"),
    ("yes", "Yes"),
    ("no", "No"),
    ("abstain", "Abstain"),
    ("id", "Vote"),
)
VETO_COLUMNS = (
    ("date", "Date"),
    ("draft_symbol", "Draft"),
    ("name", "Member"),
    ("subject", "Subject"),
    ("topic", "Topic"),
    ("votes", "Votes"),
    ("vote_id", "Vote"),
)


def form_day(value: str | None, name: str) -> dt.date | None:
    """A form's date field (YYYY-MM-DD), None if empty."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UnscError(f"{name}: expected a date as YYYY-MM-DD, got {value!r}") from None


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    home = home_view(database(request))
    view = home.council
    members = Table(
        "council",
        f"The Council on {view['date']}",
        (
            ("name", "Member"),
            ("iso3", "ISO"),
            ("seat", "Seat"),
            ("term_start", "Since"),
            ("term_end", "Until"),
            ("seated_by", "Seated by"),
        ),
        [
            {
                **mm,
                "seat": "permanent" if mm["permanent"] else "elected",
                "seated_by": mm["source"]["ref"] if mm["source"] else None,
            }
            for mm in view["members"]
        ]
        + [
            {"name": "unknown", "seat": "elected", "term_start": "not in the bundled data"}
            for _ in range(view["unknown_seats"])
        ],
    )
    decisions = Table(
        "latest", "Latest decisions in the record", VOTE_COLUMNS, [plain(v) for v in home.latest]
    )
    return render(
        request,
        "home.html",
        "The Security Council today",
        [members, decisions],
        [plain(x) for x in home.sources],
        view=view,
    )


@router.get("/votes", response_class=HTMLResponse)
def votes_page(
    request: Request,
    symbol: str | None = None,
    start: Annotated[str | None, Query(alias="from")] = None,
    end: Annotated[str | None, Query(alias="to")] = None,
    outcome: str | None = None,
    member: str | None = None,
    q: str | None = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    voted: str | None = None,
    vetoed_by: str | None = None,
    simulations: str | None = None,
    subject: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    try:
        first, last = form_day(start, "from"), form_day(end, "to")
        keys = member_keys(bundled_law(), member, first, last)
        vetoers = member_keys(bundled_law(), vetoed_by, first, last)
        if voted and voted not in ("yes", "no", "abstain"):
            raise UnscError(f"voted: yes, no or abstain, not {voted!r}")
        if voted and not keys:
            raise UnscError("voted: say whose vote in 'Sat on the Council', e.g. China")
        if simulations and simulations not in ("exclude", "include", "only"):
            raise UnscError(f"simulations: exclude, include or only, not {simulations!r}")
    except UnscError as err:
        return error_page(request, str(err))
    f = VoteFilter(
        symbol or None,
        first,
        last,
        outcome or None,
        keys,
        q or None,
        simulations or "exclude",
        voted or None,
        vetoers,
        (subject or "").strip() or None,
    )
    wants_all = bool(request.query_params.get("download"))
    limit = 100_000 if wants_all else PAGE_SIZE
    result = _votes(request, f, limit=limit, offset=0 if wants_all else (page - 1) * PAGE_SIZE)
    rows = [
        {**plain(v), "symbol": f"Simulation: {v.symbol}"} if v.simulation else plain(v)
        for v in result.items
    ]
    table = Table("votes", "Votes", VOTE_COLUMNS, rows, result.total)
    params = {k: v for k, v in request.query_params.items() if k != "page"}
    return render(
        request,
        "votes.html",
        "Votes",
        [table],
        [plain(s) for s in result.sources],
        page=page,
        pages=max(1, -(-result.total // PAGE_SIZE)),
        params=params,
        summary=_votes_summary(result.total, keys, voted, vetoers, outcome),
        filters={
            "symbol": symbol or "",
            "from": start or "",
            "to": end or "",
            "outcome": outcome or "",
            "member": member or "",
            "q": q or "",
            "voted": voted or "",
            "vetoed_by": vetoed_by or "",
            "simulations": simulations or "exclude",
            "subject": subject or "",
        },
    )


def _votes(request: Request, f: VoteFilter, *, limit: int, offset: int) -> RowPage[VoteRow]:
    """A page of the votes from the app's read model, read again first if the record has
    changed (a live session's votes stored)."""
    model: ReadModel = request.app.state.read_model
    generation: int = getattr(request.app.state, "record_generation", 0)
    if not model.is_current(generation):
        model.load(generation)
    return model.votes(f, limit=limit, offset=offset)


def _votes_summary(
    total: int,
    sat: frozenset[str],
    voted: str | None,
    vetoers: frozenset[str],
    outcome: str | None,
) -> str:
    """The filters in words, so that votes a member sat in are not read as its vetoes."""
    law = bundled_law()

    def names(keys: frozenset[str]) -> str:
        return " or ".join(sorted(law.states[k].on(law.known_until).name for k in keys))

    kind = {"insufficient_votes": "failed for want of votes"}.get(outcome or "", outcome or "")
    parts = [f"{total:,}", *([kind.replace("_", " ")] if kind else []), "vote" + "s" * (total != 1)]
    if sat:
        did = {"yes": "voted yes", "no": "voted no", "abstain": "abstained"}.get(voted or "")
        parts.append(f"in which {names(sat)} {did or 'sat on the Council'}")
    if vetoers:
        parts.append(("and " if sat else "") + f"vetoed by {names(vetoers)}")
    text = " ".join(parts)
    if sat and not voted and outcome == "vetoed" and not vetoers:
        text += (
            f": drafts vetoed by any permanent member while {names(sat)} sat on the Council, "
            f"not its vetoes (for those, use 'Vetoed by')"
        )
    return text + "."


@router.get("/votes/{vote_id}", response_class=HTMLResponse)
def vote_page(request: Request, vote_id: int) -> Response:
    view = votes_service.vote_page_view(database(request), vote_id)
    if view is None:
        return not_found(
            request,
            f"There is no vote {vote_id}. The Sciences Po record's votes are numbered from 1 "
            "(1946), those read from the UN's metadata 100000 plus the resolution's number "
            "(102812), a live session's from 1000001: find a vote under Votes or Search.",
        )
    vote = vote_body(view.vote)
    casts = Table(
        "casts",
        "How each member voted" + (" (a simulation)" if vote["simulation"] else ""),
        (("name", "Member"), ("seat", "Seat"), ("cast", "Vote")),
        [{**plain(c), "seat": "permanent" if c.permanent else "elected"} for c in view.vote.casts],
    )
    title = f"{vote['symbol']} ({vote['date']})"
    if vote["simulation"]:
        title = f"Simulation: {title}"
    return render(
        request, "vote.html", title, [casts], [vote["source"]], vote=vote, related=view.links
    )


@router.get("/vetoes", response_class=HTMLResponse)
def vetoes_page(
    request: Request,
    member: str | None = None,
    start: Annotated[str | None, Query(alias="from")] = None,
    end: Annotated[str | None, Query(alias="to")] = None,
    subject: str | None = None,
    year: str | None = None,
) -> Response:
    try:
        first, last = form_day(start, "from"), form_day(end, "to")
        if year:
            if not re.fullmatch(r"[0-9]{4}", year) or not 1946 <= int(year) <= 2100:
                raise UnscError(f"year: expected a year such as 2022, got {year!r}")
            first, last = dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
        keys = member_keys(bundled_law(), member, first, last)
    except UnscError as err:
        return error_page(request, str(err))
    view = votes_service.vetoes_view(
        database(request), votes_service.VetoFilter(keys, first, last, subject or None)
    )
    chart = charts.stacked_columns(
        view.by_decade,
        list(view.decades),
        title="Vetoes by member and decade (one per draft and member)",
        source="Sciences Po UNSC votes 1946-2025 (CC BY 4.0), decided by unsc",
    )
    by_member = Table(
        "by_member",
        "Vetoes by member",
        (("name", "Member"), ("vetoes", "Vetoes")),
        [{"name": name, "vetoes": n} for name, n in view.by_member],
    )
    rows = [plain(v) for v in view.vetoes]
    table = Table("vetoes", "Vetoes", VETO_COLUMNS, rows, len(rows))
    cast = [CastVeto(v.name, f"{v.subject or ''} {v.topic or ''}") for v in view.vetoes]
    return render(
        request,
        "vetoes.html",
        "Vetoes",
        [table, by_member],
        [plain(view.source)],
        chart=chart,
        in_words=veto_words(cast, first, last),
        rule=view.rule,
        filters={
            "member": member or "",
            "from": start or "",
            "to": end or "",
            "subject": subject or "",
            "year": year or "",
        },
        years=list(range(1946, today().year + 1)),
    )


@router.get("/members", response_class=HTMLResponse)
def members_page(request: Request) -> Response:
    view = members_service.members_view(database(request))
    rows = [
        {
            "key": i.key,
            "name": i.name,
            "iso3": i.iso3,
            "seat": "permanent" if i.permanent else "elected",
            "years": _years(i.terms),
            "votes": i.votes,
            "vetoes": i.vetoes,
        }
        for i in view.members
    ]
    table = Table(
        "members",
        "Every member since 1946",
        (
            ("name", "Member"),
            ("iso3", "ISO"),
            ("seat", "Seat"),
            ("years", "Years on the Council"),
            ("votes", "Votes cast"),
            ("vetoes", "Vetoes"),
        ),
        rows,
        len(rows),
    )
    return render(request, "members.html", "Members", [table], [plain(view.source)])


def _years(terms: Sequence[members_service.TermRow]) -> str:
    spans = []
    for t in terms:
        start, end = str(t.start.year), str(t.end.year) if t.end else "today"
        spans.append(start if end == start else f"{start}–{end}")
    return ", ".join(spans)


@router.get("/members/{key}", response_class=HTMLResponse)
def member_page(
    request: Request,
    key: str,
    start: Annotated[str | None, Query(alias="from")] = None,
    end: Annotated[str | None, Query(alias="to")] = None,
) -> Response:
    try:
        first, last = form_day(start, "from"), form_day(end, "to")
    except UnscError as err:
        return error_page(request, str(err))
    view = members_service.member_view(database(request), key, first, last)
    if view is None:
        return not_found(request, f"No member with key {key!r}; see the list of members.")
    state, info = view.state, view.member
    if info is None:
        return not_found(request, f"{state.name} never sat on the Council.")
    terms = Table(
        "terms",
        "Seats",
        (("name", "As"), ("start", "From"), ("end", "To"), ("source", "Source")),
        [{**plain(t), "end": plain(t.end) or ""} for t in info.terms],
    )
    agree = Table(
        "agreement",
        "Agreement with every other member",
        (
            ("name", "Member"),
            ("votes_together", "Votes together"),
            ("same", "Same vote"),
            ("agreement", "Agreement"),
        ),
        [plain(r) for r in view.agreement],
    )
    vetoes = [plain(v) for v in view.vetoes]
    veto_table = Table("vetoes", "Vetoes", VETO_COLUMNS, vetoes, len(vetoes))
    period = f"{start or 'first vote'} to {end or 'last vote'}"
    chart = charts.bar_chart(
        [
            charts.Bar(r.name, round(r.agreement * 100, 1), f"/members/{r.key}")
            for r in view.agreement[:40]
        ],
        title=f"{state.name}: same vote as each member, {period} (%)",
        source="Sciences Po UNSC votes (CC BY 4.0); yes, no and abstain only",
        unit="%",
        max_value=100,
    )
    return render(
        request,
        "member.html",
        state.name,
        [terms, agree, veto_table],
        [plain(view.source)],
        info=info,
        chart=chart,
        casts=dict(view.casts),
        filters={"from": start or "", "to": end or ""},
    )


@router.get("/dprk", response_class=HTMLResponse)
def dprk_page(request: Request) -> Response:
    view = dprk_view(request.app.state.database)
    events = view.events
    last = max((e.date for e in events), default=today())
    months = _months(dt.date(2006, 1, 1), last)
    per_month = Counter(f"{e.date:%Y-%m}" for e in events if e.kind == "missile_launch")
    counts = [(mo, per_month.get(mo, 0)) for mo in months]
    index = {mo: i for i, mo in enumerate(months)}

    def x(day: dt.date) -> float:
        return index.get(f"{day:%Y-%m}", 0) / len(months)

    marks = [
        charts.Mark(x(v.date), f"{v.symbol} ({v.date.isoformat()})", "resolution")
        for v in view.resolutions
    ]
    marks += [
        charts.Mark(
            x(v.date), f"{v.draft_symbol or v.symbol} vetoed ({v.date.isoformat()})", "veto"
        )
        for v, _ in view.vetoed
    ]
    marks += [
        charts.Mark(x(st.day), f"{st.symbol or st.subject} ({st.day.isoformat()})", st.kind)
        for st in view.statements
    ]
    chart = charts.timeline(
        counts,
        marks,
        title="DPRK missile launches per month (bars) and "
        "the Council's responses (dots), 2006-2026",
        source="nk-missile-tests (Apache-2.0, after CNS/NTI); Sciences Po "
        "UNSC votes (CC BY 4.0); unsc fact sheet",
    )
    years = [y.year for y in view.meetings_per_year]
    meetings_chart = charts.year_columns(
        {
            label: {y.year: y.count(kind) for y in view.meetings_per_year if y.count(kind)}
            for kind, label in (("public", "public"), ("private", "private (closed)"))
        },
        list(range(years[0], years[-1] + 1)) if years else [],
        title="Meetings whose agenda names the DPRK, per year, by format",
        source="Dag Hammarskjöld Library, Security Council meetings, 1946 to June 2022",
        height=260,
    )
    event_table = Table(
        "events",
        "Launches and nuclear tests",
        (
            ("date", "Date (UTC)"),
            ("date_korea", "Korea"),
            ("date_new_york", "New York"),
            ("kind", "Kind"),
            ("name", "Missile"),
            ("missile_type", "Type"),
            ("outcome", "Outcome"),
            ("source_id", "Source"),
        ),
        [_plain(e) for e in events if e.date.year >= 2006],
    )
    lines = sorted([*view.resolutions, *(v for v, _ in view.vetoed)], key=lambda v: v.date)
    responses = Table(
        "responses",
        "The Council's resolutions and vetoed drafts",
        VOTE_COLUMNS,
        [{**_plain(v), "explanation": ""} for v in lines],
    )
    statement_table = Table(
        "statements",
        "Statements",
        (
            ("date", "Date"),
            ("kind", "Kind"),
            ("symbol", "Symbol"),
            ("subject", "Subject"),
            ("signatories", "Signatories"),
            ("source_ref", "Source"),
        ),
        [{**_plain(st), "date": st.day.isoformat()} for st in view.statements],
    )
    numbers_table = Table(
        "numbers",
        "The record's answers",
        (("question", "Question"), ("answer", "Answer")),
        [_plain(a) for a in view.answers],
    )
    p5 = Table(
        "p5",
        "How the permanent members voted on each DPRK sanctions draft",
        (
            ("date", "Date"),
            ("symbol", "Draft or resolution"),
            *((k, k) for k in P5),
            ("id", "Vote"),
        ),
        [
            {
                "date": v.vote.date.isoformat(),
                "symbol": v.vote.draft_symbol or v.vote.symbol,
                "id": v.vote.id,
                **{k: cast for k, (_, cast) in v.casts.items()},
            }
            for v in view.sanctions_votes
        ],
    )
    return render(
        request,
        "dprk.html",
        "The DPRK file",
        [numbers_table, responses, p5, statement_table, event_table],
        [_plain(x) for x in view.sources],
        chart=chart,
        meetings_chart=meetings_chart,
    )


def _plain(row: Any) -> dict[str, Any]:
    """A typed row as the cells of a table: dates as ISO text, lists as lists."""
    out = {}
    for name in row.__dataclass_fields__:
        value = getattr(row, name)
        out[name] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _months(start: dt.date, end: dt.date) -> list[str]:
    out, y, mo = [], start.year, start.month
    while (y, mo) <= (end.year, end.month):
        out.append(f"{y}-{mo:02d}")
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    return out


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=400)] = "",
    kind: Annotated[list[str] | None, Query(max_length=9)] = None,
    start_text: Annotated[str, Query(alias="from", max_length=20)] = "",
    end_text: Annotated[str, Query(alias="to", max_length=20)] = "",
    page: Annotated[int, Query(ge=1, le=500)] = 1,
) -> Response:
    """Search the whole record: with no kind chosen, the first results of every kind with
    its count; with kinds, their results a page at a time. The form's empty dates are none."""
    q = q.strip()
    try:
        start = dt.date.fromisoformat(start_text) if start_text.strip() else None
        end = dt.date.fromisoformat(end_text) if end_text.strip() else None
    except ValueError:
        return error_page(request, "from, to: give dates as YYYY-MM-DD, e.g. 2022-05-26")
    kinds = [k for k in (kind or []) if k]
    params: dict[str, Any] = {"q": q}
    if start:
        params["from"] = start.isoformat()
    if end:
        params["to"] = end.isoformat()
    context: dict[str, Any] = {
        "q": q,
        "kinds": kinds,
        "start": params.get("from", ""),
        "end": params.get("to", ""),
        "kind_labels": search_service.KIND_LABELS,
        "params": params,
        "sections": [],
        "error": None,
        "page": None,
        "pages": 1,
        "page_no": page,
        "understood": "",
    }
    status = 200
    db = request.app.state.database
    if q:
        try:
            if kinds:
                size = 20
                found = search_service.search_in(
                    db, q, kinds=kinds, start=start, end=end, limit=size, offset=(page - 1) * size
                )
                context["pages"] = max(1, -(-found.total // size))
                context["sections"] = [
                    {
                        "kind": k,
                        "label": search_service.KIND_LABELS[k],
                        "more": False,
                        "total": next((g.total for g in found.groups if g.kind == k), 0),
                        "hits": [r for r in found.items if r.kind == k],
                    }
                    for k in search_service.KINDS
                    if k in kinds
                ]
                params["kind"] = kinds
            else:
                found = search_service.search_in(db, q, start=start, end=end, limit=5)
                for g in found.groups:
                    first = search_service.search_in(
                        db, q, kinds=[g.kind], start=start, end=end, limit=5
                    )
                    context["sections"].append(
                        {
                            "kind": g.kind,
                            "label": g.label,
                            "total": g.total,
                            "hits": first.items,
                            "more": g.total > len(first.items),
                        }
                    )
            context["page"] = found
            context["understood"] = search_service.describe(found.query)
        except UnscError as err:
            context["error"] = str(err)
            status = 422
    response = render(request, "search.html", "Search", **context)
    response.status_code = status
    return response


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request) -> Response:
    view = sources_view(database(request))
    sources = [plain(x) for x in view.sources]
    differences = Table(
        "differences",
        "Veto lists against the vote record: every difference",
        (
            ("source_id", "List"),
            ("source_row", "Row"),
            ("date", "Date"),
            ("draft_symbol", "Draft"),
            ("members", "Members listed"),
            ("matched_vote_id", "Vote in the record"),
            ("difference", "Difference"),
        ),
        [plain(d) for d in view.differences],
    )
    notes = Table(
        "annotations",
        "Votes that needed a cited annotation",
        (("id", "Vote"), ("date", "Date"), ("symbol", "Symbol"), ("annotation", "Annotation")),
        [
            {"id": v.id, "date": v.date.isoformat(), "symbol": v.symbol, "annotation": v.annotation}
            for v in view.annotated
        ],
    )
    table = Table(
        "sources",
        "Sources",
        (("id", "Id"), ("title", "Dataset"), ("licence", "Licence"), ("url", "Where")),
        sources,
    )
    return render(
        request,
        "sources.html",
        "Sources",
        [table, differences, notes],
        sources,
        meta=view.meta,
        rule=view.rule,
        downloads=view.downloads,
        assembly=assembly_source(),
    )
