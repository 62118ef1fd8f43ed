"""The JSON API: one function per endpoint, each validating, asking the record, answering."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import json
from collections.abc import Sequence
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Body, HTTPException, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from unsc.core.errors import UnscError
from unsc.core.law import Law
from unsc.core.plain import plain
from unsc.service import events as events_service
from unsc.service import members as members_service
from unsc.service import votes as votes_service
from unsc.service.ballots import decide_ballot
from unsc.service.database import Database
from unsc.service.read_model import (
    SEARCH_KEPT,
    ReadModel,
    ResolutionFilter,
    RowPage,
    VoteFilter,
)
from unsc.service.record import bundled_law, council_view, today
from unsc.service.search import KINDS as SEARCH_KINDS
from unsc.service.search import SearchError
from unsc.web.schemas import (
    CouncilView,
    DecisionOut,
    ErrorOut,
    EventsPage,
    MembersPage,
    ResolutionsPage,
    SearchPage,
    VetoesPage,
    VoteDetail,
    VotesPage,
)

router = APIRouter(prefix="/api", tags=["record"])
ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorOut, "description": "What is wrong and what to do"}
}


def answer(data: dict[str, Any]) -> Response:
    """JSON bytes, written once: the shapes are those of the declared response models, which
    the tests check, so FastAPI need not validate every answer again."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Response(body, media_type="application/json")


def database(request: Request) -> Database:
    """The app's database, which the services open sessions on."""
    db: Database = request.app.state.database
    return db


async def read_model(app: Any) -> ReadModel:
    """The app's read model of the record, read again first if the record has changed
    (in a worker thread: reading it takes the database a fraction of a second)."""
    model: ReadModel = app.state.read_model
    generation: int = getattr(app.state, "record_generation", 0)
    if not model.is_current(generation):
        await run_in_threadpool(model.load, generation)
    elif model.claim_recheck():
        # Every few seconds, whether another process changed the record: asked in a worker
        # thread while this answer goes out from the rows as they are.
        checking = asyncio.get_running_loop().run_in_executor(None, model.recheck)
        checking.add_done_callback(_checked)
    return model


def _checked(future: asyncio.Future[bool]) -> None:
    """Takes the outcome of a background recheck; an error (the database unreachable for a
    moment) leaves the rows as they were, and the next recheck asks again."""
    if not future.cancelled():
        future.exception()


def page_body(page: RowPage[Any]) -> bytes:
    """A page of the record as JSON: each row's JSON was written once, when the read model
    was loaded (the shapes of the declared models, which the tests check)."""
    return b"".join(
        (
            b'{"total":',
            str(page.total).encode(),
            b',"items":[',
            b",".join(page.encoded),
            b'],"sources":',
            orjson.dumps(page.sources),
            b"}",
        )
    )


Limit = Annotated[int, Query(ge=1, le=1000, description="Rows per page (1-1000)")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Rows to skip")]
From = Annotated[dt.date | None, Query(alias="from", description="First day, YYYY-MM-DD")]
To = Annotated[dt.date | None, Query(alias="to", description="Last day, YYYY-MM-DD")]
SubjectQuery = Annotated[
    str | None,
    Query(max_length=200, description="Part of the votes' subject, any case, e.g. KOREA"),
]
Simulations = Annotated[
    str,
    Query(
        pattern="^(exclude|include|only)$",
        description="Votes of live sessions (simulations): exclude, include or only",
    ),
]
Member = Annotated[
    str | None,
    Query(
        max_length=80,
        description="A member by name, UN name or ISO code, e.g. China, "
        "Russian Federation, USSR, GBR",
    ),
]


def member_keys(
    law: Law, name: str | None, start: dt.date | None, end: dt.date | None
) -> frozenset[str]:
    """The states ``name`` means over the period: on its last day (or today), and on its
    first day when one is given. 'China' is the People's Republic today; a period from
    before 25 October 1971 takes in the Republic of China as well."""
    if not name:
        return frozenset()

    def clamp(day: dt.date) -> dt.date:
        return min(max(day, law.first_meeting), law.known_until)

    days = {clamp(end or today())} | ({clamp(start)} if start else set())
    return frozenset(law.resolve_state(name, day).key for day in days)


def check_period(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and start > end:
        raise UnscError(f"'from' ({start}) is after 'to' ({end}); swap them")


@router.get("/votes", response_model=VotesPage, responses=ERRORS)
async def votes(
    request: Request,
    symbol: Annotated[
        str | None, Query(max_length=60, description="S/2022/431, S/RES/2397 (2017) or S/PV.9048")
    ] = None,
    start: From = None,
    end: To = None,
    outcome: Annotated[
        str | None, Query(pattern="^(adopted|not_adopted|vetoed|insufficient_votes)$")
    ] = None,
    member: Annotated[
        str | None,
        Query(
            max_length=80,
            description="Votes in which this member sat on the Council (not its vetoes: "
            "see vetoed_by), by name, UN name or ISO code, e.g. China",
        ),
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the title")] = None,
    simulations: Simulations = "exclude",
    voted: Annotated[
        str | None,
        Query(pattern="^(yes|no|abstain)$", description="How `member` voted: yes, no or abstain"),
    ] = None,
    vetoed_by: Annotated[
        str | None,
        Query(max_length=80, description="Votes this permanent member vetoed, e.g. China"),
    ] = None,
    subject: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Part of the vote's subject, any case (KOREA): its title, the UN's "
            "subject headings and agenda item of the resolution it adopted, the agenda of its "
            "meeting, the veto lists' agenda item of a vetoed draft",
        ),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Every recorded vote, newest first, with the engine's decision."""
    f = vote_filter(symbol, start, end, outcome, member, q, simulations, voted, vetoed_by, subject)
    model = await read_model(request.app)
    body = page_body(model.votes(f, limit=limit, offset=offset))
    return Response(body, media_type="application/json")


def vote_filter(
    symbol: str | None,
    start: dt.date | None,
    end: dt.date | None,
    outcome: str | None,
    member: str | None,
    q: str | None,
    simulations: str,
    voted: str | None,
    vetoed_by: str | None,
    subject: str | None = None,
) -> VoteFilter:
    """The question /api/votes asks of the record; an error says what is wrong."""
    check_period(start, end)
    if voted and not member:
        raise UnscError("voted: say whose vote with member, e.g. member=China&voted=no")
    law = bundled_law()
    return VoteFilter(
        symbol,
        start,
        end,
        outcome,
        member_keys(law, member, start, end),
        q,
        simulations,
        voted,
        member_keys(law, vetoed_by, start, end),
        subject,
    )


@router.get("/votes/{vote_id}", response_model=VoteDetail, responses={404: {"model": ErrorOut}})
def vote(vote_id: Annotated[int, Path(ge=1, le=2**31 - 1)], request: Request) -> Response:
    """One vote: each member's cast, the tally, the explanation and its citations."""
    found = votes_service.vote_detail(database(request), vote_id)
    if found is None:
        raise HTTPException(404, f"no vote {vote_id}; GET /api/votes lists the votes and ids")
    return answer(vote_body(found))


def vote_body(found: votes_service.VoteDetailRow) -> dict[str, Any]:
    """A vote as /api/votes/{id} answers it: its row's fields, then the rest, flat."""
    return {
        **plain(found.vote),
        "details": plain(found.details),
        "citations": plain(found.citations),
        "casts": plain(found.casts),
        "vetoed_by": plain(found.vetoed_by),
        "source": plain(found.source),
    }


@router.get("/vetoes", response_model=VetoesPage, responses=ERRORS)
def vetoes(
    request: Request,
    member: Member = None,
    start: From = None,
    end: To = None,
    subject: Annotated[
        str | None, Query(max_length=200, description="Words in the agenda item or topic")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Vetoes, one per draft and per member, newest first."""
    check_period(start, end)
    keys = member_keys(bundled_law(), member, start, end)
    f = votes_service.VetoFilter(keys, start, end, subject)
    found = votes_service.vetoes_page(database(request), f, limit=limit, offset=offset)
    return answer(
        {
            "total": found.page.total,
            "items": plain(found.page.items),
            "counting_rule": found.rule,
            "sources": [plain(found.source)],
        }
    )


@router.get("/members", response_model=MembersPage)
def members(request: Request) -> Response:
    """Every state that has sat on the Council, with its seats, votes cast and vetoes."""
    view = members_service.members_view(database(request))
    return answer({"total": len(view.members), "items": plain(view.members)})


@router.get("/council", response_model=CouncilView, responses=ERRORS)
def council(
    on: Annotated[dt.date | None, Query(description="YYYY-MM-DD; today if omitted")] = None,
) -> Response:
    """The Council on a date: members, threshold, president."""
    return answer(council_view(bundled_law().on(on or today())))


@router.post("/decide", response_model=DecisionOut, responses=ERRORS)
def decide(
    ballot: Annotated[
        dict[str, Any],
        Body(
            examples=[
                {
                    "date": "2022-05-26",
                    "kind": "substantive",
                    "votes": {"China": "no", "Russia": "no"},
                    "others": "yes",
                }
            ]
        ),
    ],
) -> Response:
    """Decide a ballot as `unsc decide` does (fields in the README)."""
    return answer(decide_ballot(bundled_law(), ballot).to_dict())


@router.get("/events", response_model=EventsPage, responses=ERRORS)
def events(
    request: Request,
    kind: Annotated[str | None, Query(pattern="^(missile_launch|nuclear_test)$")] = None,
    start: From = None,
    end: To = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """DPRK missile launches (one row per missile, UTC dates) and nuclear tests, oldest first."""
    check_period(start, end)
    found = events_service.events_page(
        database(request), kind, start, end, limit=limit, offset=offset
    )
    items = [
        {**plain(e), "utc": None if e.utc is None else e.utc.isoformat() + "Z"}
        for e in found.page.items
    ]
    return answer({"total": found.page.total, "items": items, "sources": plain(found.sources)})


@router.get("/resolutions", response_model=ResolutionsPage, responses=ERRORS)
async def resolutions(
    request: Request,
    start: From = None,
    end: To = None,
    subject: Annotated[
        str | None,
        Query(max_length=200, description="Part of a subject heading, e.g. KOREA (any case)"),
    ] = None,
    chapter_vii: Annotated[
        bool | None, Query(description="true: adopted under Chapter VII; false: not said to be")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Words in the title or agenda item")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """The Council's resolutions of 2000-2026 (S/RES/1285 to 2825), by number, with their
    metadata, from UN DGACM's machine-readable documents."""
    f = resolution_filter(start, end, subject, chapter_vii, q)
    model = await read_model(request.app)
    body = page_body(model.resolutions(f, limit=limit, offset=offset))
    return Response(body, media_type="application/json")


def resolution_filter(
    start: dt.date | None,
    end: dt.date | None,
    subject: str | None,
    chapter_vii: bool | None,
    q: str | None,
) -> ResolutionFilter:
    """The question /api/resolutions asks of the record; an error says what is wrong."""
    check_period(start, end)
    return ResolutionFilter(start, end, subject, chapter_vii, q)


@router.get("/search", response_model=SearchPage, responses=ERRORS)
async def search(
    request: Request,
    q: Annotated[
        str,
        Query(
            max_length=200,
            description="Symbols in any spelling (S/PRST/2017/16, PV 9048, 2397, "
            "S/RES/2397(2017)), dates (2022-05-26, 26 May 2022, May 2022), countries under "
            "any name (North Korea, DPRK), words",
        ),
    ],
    kind: Annotated[
        list[str] | None,
        Query(
            max_length=9,
            description="Only these kinds (repeatable): " + ", ".join(SEARCH_KINDS),
        ),
    ] = None,
    start: From = None,
    end: To = None,
    limit: Annotated[int, Query(ge=1, le=100, description="Results per page (1-100)")] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000, description="Results to skip")] = 0,
) -> Response:
    """Full-text search over votes, resolutions and their paragraphs, meetings, presidential
    statements and their paragraphs, drafts and their paragraphs, and DPRK events: exact
    symbol matches first, then ranked matches with the matched words marked."""
    body = await search_answer(request.app, q, kind or (), start, end, limit=limit, offset=offset)
    return Response(body, media_type="application/json")


async def search_answer(
    app: Any,
    q: str,
    kinds: Sequence[str],
    start: dt.date | None,
    end: dt.date | None,
    *,
    limit: int,
    offset: int,
) -> bytes:
    """A page of a search as JSON, from the read model: a search asked before is a slice
    of results found once; a new one is asked of the database in a worker thread. Raises
    ``SearchError`` for a search that cannot be run."""
    if start and end and start > end:
        raise SearchError(f"'from' ({start}) is after 'to' ({end}); swap them")
    model = await read_model(app)
    if model.has_search(q, kinds, start, end) and offset + limit <= SEARCH_KEPT:
        found = model.search(q, kinds=kinds, start=start, end=end, limit=limit, offset=offset)
    else:
        found = await run_in_threadpool(
            functools.partial(
                model.search, q, kinds=kinds, start=start, end=end, limit=limit, offset=offset
            )
        )
    groups = orjson.dumps([{"kind": g.kind, "total": g.total} for g in found.page.groups])
    return b"".join(
        (
            b'{"total":',
            str(found.page.total).encode(),
            b',"items":[',
            b",".join(found.encoded),
            b'],"groups":',
            groups,
            b"}",
        )
    )


# The export endpoint streams its answer, so it imports what it needs beside itself.
from fastapi.responses import StreamingResponse  # noqa: E402

from unsc.service import exports  # noqa: E402


@router.get(
    "/export/{table}",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "The table, written as it is read, with its sources and licences "
            "(JSON `sources`; Parquet schema metadata `unsc.sources`)",
            "content": {media: {} for media in exports.MEDIA_TYPES.values()},
        },
        404: {"model": ErrorOut, "description": "No such table: the error lists them"},
        422: {"model": ErrorOut, "description": "No such format: the error lists them"},
    },
)
def export_table(
    request: Request,
    table: Annotated[str, Path(max_length=40, description="One of: " + ", ".join(exports.TABLES))],
    fmt: Annotated[
        str,
        Query(alias="format", max_length=20, description="csv (default), json or parquet"),
    ] = "csv",
) -> StreamingResponse:
    """A whole table of the record as CSV, JSON or Parquet, as `unsc export` writes it."""
    if table not in exports.TABLES:
        raise HTTPException(404, f"no table {table!r}; the tables are {', '.join(exports.TABLES)}")
    if fmt not in exports.FORMATS:
        raise HTTPException(
            422, f"unknown format {fmt!r}; format= takes {', '.join(exports.FORMATS)}"
        )
    return StreamingResponse(
        exports.stream_from(request.app.state.database, table, fmt),
        media_type=exports.MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{exports.filename(table, fmt)}"'},
    )
