"""The JSON API of the Council's documents: meetings, resolutions, presidential statements
and drafts. Each endpoint asks a service for typed rows and writes them as JSON once."""

from __future__ import annotations

import dataclasses
import re
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response

from unsc.core.documents import (
    AgendaItem,
    Draft,
    Meeting,
    Paragraph,
    PresidentialStatement,
    Resolution,
    SourceRef,
    VoteRow,
)
from unsc.service import documents as service
from unsc.service.database import Database
from unsc.web.api import ERRORS, From, Limit, Offset, To, answer, check_period
from unsc.web.schemas import (
    DraftDetail,
    ErrorOut,
    MeetingDetail,
    MeetingsPage,
    ResolutionDetail,
    StatementDetail,
    StatementsPage,
)

router = APIRouter(prefix="/api", tags=["record"])

MEETING_FORMATS = {"public": "public", "private": "private", "vtc": "vtc-open-no-spv"}
"""The API's names for the library's meeting formats."""


def _database(request: Request) -> Database:
    db: Database = request.app.state.database
    return db


def _day(value: Any) -> Any:
    return value.isoformat() if value is not None else None


def _source(ref: SourceRef) -> dict[str, Any]:
    return dataclasses.asdict(ref)


def _meeting(m: Meeting) -> dict[str, Any]:
    return {
        "symbol": m.symbol,
        "date": _day(m.date),
        "date_text": m.date_text,
        "format": m.format,
        "public": m.public,
        "agenda": [a.text for a in m.agenda],
        "outcome_documents": list(m.outcome_documents),
        "source_id": m.source_id,
        "source_row": m.source_row,
    }


def _agenda(a: AgendaItem) -> dict[str, Any]:
    return {
        **dataclasses.asdict(a),
        "date": a.date.isoformat(),
        "outcome_documents": list(a.outcome_documents),
    }


def _vote(v: VoteRow) -> dict[str, Any]:
    return {**dataclasses.asdict(v), "date": v.date.isoformat()}


def _paragraph(p: Paragraph) -> dict[str, Any]:
    return {"number": p.number, "parent": p.parent, "section": p.section, "text": p.text}


def _resolution(r: Resolution, source: SourceRef) -> dict[str, Any]:
    out = {f.name: getattr(r, f.name) for f in dataclasses.fields(r) if f.name != "paragraphs"}
    return {
        **out,
        "adopted": r.adopted.isoformat(),
        "sponsors": list(r.sponsors),
        "subjects": list(r.subjects),
        "preamble": [_paragraph(p) for p in r.preamble],
        "operative": [_paragraph(p) for p in r.operative],
        "source": _source(source),
    }


def _statement(s: PresidentialStatement) -> dict[str, Any]:
    return {
        "symbol": s.symbol,
        "date": s.date.isoformat(),
        "agenda_item": s.agenda_item,
        "meeting_symbol": s.meeting_symbol,
        "corrigendum_of": s.corrigendum_of,
        "parse_note": s.parse_note,
        "source_id": s.source_id,
        "source_ref": s.source_ref,
    }


def _draft(d: Draft, source: SourceRef) -> dict[str, Any]:
    return {
        "symbol": d.symbol,
        "date": d.date.isoformat(),
        "sponsors": list(d.sponsors),
        "vote_id": d.vote_id,
        "source_id": d.source_id,
        "source_ref": d.source_ref,
        "preamble": [_paragraph(p) for p in d.preamble],
        "operative": [_paragraph(p) for p in d.operative],
        "source": _source(source),
    }


@router.get("/meetings", response_model=MeetingsPage, responses=ERRORS)
def meetings(
    request: Request,
    start: From = None,
    end: To = None,
    format_: Annotated[
        str | None,
        Query(
            alias="format",
            pattern="^(public|private|vtc)$",
            description="public, private, or vtc (the 2020-21 video-conferences without an "
            "S/PV number)",
        ),
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in an agenda item")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """The Council's meetings, newest first, with their agenda items (1946 to June 2022 from
    the Dag Hammarskjöld Library's tables)."""
    check_period(start, end)
    f = service.MeetingFilter(
        format=MEETING_FORMATS[format_] if format_ else None, agenda=q, start=start, end=end
    )
    page = service.meetings_page(_database(request), f, limit=limit, offset=offset)
    return answer(
        {
            "total": page.total,
            "items": [_meeting(m) for m in page.items],
            "sources": [_source(page.source)],
        }
    )


@router.get(
    "/meetings/{symbol:path}", response_model=MeetingDetail, responses={404: {"model": ErrorOut}}
)
def meeting(
    request: Request,
    symbol: Annotated[str, Path(max_length=60, description="S/PV.9048 or no-spv-2020-03-30-1")],
) -> Response:
    """One meeting: its agenda items, outcome documents and the votes taken at it."""
    key = " ".join(symbol.split())
    if key.upper().startswith("S/PV"):
        key = key.upper().replace(" ", "")
    view = service.meeting_view(_database(request), key) if key else None
    if view is None:
        raise HTTPException(
            404, f"no meeting {symbol}; GET /api/meetings lists the meetings and their symbols"
        )
    return answer(
        {
            **_meeting(view.meeting),
            "agenda": [_agenda(a) for a in view.meeting.agenda],
            "votes": [_vote(v) for v in view.votes],
            "source": _source(view.source),
        }
    )


@router.get(
    "/resolutions/{number}",
    response_model=ResolutionDetail,
    responses={404: {"model": ErrorOut}},
)
def resolution(
    request: Request,
    number: Annotated[int, Path(ge=1, le=2**31 - 1, description="The number, e.g. 2397")],
) -> Response:
    """One resolution: its metadata, its preambular and operative paragraphs, and the vote
    that adopted it where the record has it."""
    view = service.resolution_view(_database(request), number)
    if view is None:
        raise HTTPException(
            404,
            f"no resolution {number} in the record, which holds 1 (1946) to 2825 (2026) but "
            "2510, 2589 and 2762; GET /api/resolutions lists them",
        )
    return answer(_resolution(view.resolution, view.source))


_PRST = re.compile(r"S/PRST/(\d{4})/(\d+)(/CORR\.(\d+))?")


@router.get("/statements", response_model=StatementsPage, responses=ERRORS)
def presidential_statements(
    request: Request,
    start: From = None,
    end: To = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Words in the agenda item or the text")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Statements by the President of the Security Council, 2000-2026 (S/PRST/2000/6 to
    S/PRST/2026/2), by symbol, from UN DGACM's machine-readable documents."""
    check_period(start, end)
    f = service.StatementFilter(start=start, end=end, q=q, newest_first=False)
    page = service.statements_page(_database(request), f, limit=limit, offset=offset)
    return answer(
        {
            "total": page.total,
            "items": [_statement(s) for s in page.items],
            "sources": [_source(page.source)],
        }
    )


@router.get(
    "/statements/{symbol:path}",
    response_model=StatementDetail,
    responses={404: {"model": ErrorOut}},
)
def presidential_statement(
    request: Request,
    symbol: Annotated[
        str, Path(max_length=60, description="S/PRST/2017/16 or S/PRST/2000/27/Corr.1")
    ],
) -> Response:
    """One presidential statement with its paragraphs, its meeting and its source."""
    match = _PRST.fullmatch("".join(symbol.split()).upper())
    view = None
    if match is not None:
        year, number, _, corr = match.groups()
        key = f"S/PRST/{year}/{int(number)}" + (f"/Corr.{int(corr)}" if corr else "")
        view = service.statement_view(_database(request), key)
    if view is None:
        raise HTTPException(
            404,
            f"no presidential statement {symbol} in the record, which holds S/PRST/2000/6 to "
            "S/PRST/2026/2 as UN DGACM publishes them; GET /api/statements lists them",
        )
    s = view.statement
    return answer(
        {
            **_statement(s),
            "paragraphs": [
                {"kind": p.kind, "number": p.number, "section": p.section, "text": p.text}
                for p in s.paragraphs
            ],
            "source": _source(view.source),
        }
    )


@router.get(
    "/drafts/{symbol:path}",
    response_model=DraftDetail,
    responses={404: {"model": ErrorOut}},
)
def draft(
    request: Request,
    symbol: Annotated[str, Path(max_length=60, description="S/2024/255")],
) -> Response:
    """One draft resolution the Council did not adopt (2023-2025): its sponsors, its text,
    and the vote on it."""
    key = "".join(symbol.split()).upper()
    view = service.draft_view(_database(request), key) if key else None
    if view is None:
        raise HTTPException(
            404,
            f"no draft {symbol} in the record, which holds the 19 drafts not adopted in "
            "2023-2025 (S/2023/212 to S/2025/353); GET /api/votes?from=2023-01-01 lists the "
            "votes on them",
        )
    return answer(_draft(view.draft, view.source))
