"""The sanctions API: regimes' measures on a date, what changed, caps, triggers, screening."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request
from pydantic import BaseModel, Field

from unsc.core.errors import UnscError
from unsc.law.regimes import known_regime, load_regime, regime_ids
from unsc.sanctions.screening import DEFAULT_THRESHOLD
from unsc.sanctions.screening import Query as ScreenQuery
from unsc.service import sanctions
from unsc.service.ballots import parse_day
from unsc.service.record import today
from unsc.web.api import ERRORS

router = APIRouter(prefix="/api", tags=["sanctions"])

Day = Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD; today if omitted")]
Draft = Annotated[
    str | None,
    Query(max_length=20, description="A draft not adopted, as if it had been (S/2022/431)"),
]


@router.get("/sanctions/regimes")
def regimes() -> list[dict[str, Any]]:
    """The regimes bundled."""
    return [sanctions.regime_view(load_regime(r)) for r in regime_ids()]


@router.get("/sanctions/{regime}/measures", responses=ERRORS)
def measures(regime: str, on: Day = None, draft: Draft = None) -> dict[str, Any]:
    """What was in force on a date, each measure with the paragraphs that made it so."""
    day = parse_day(on, "on") if on else today()
    return sanctions.measures(known_regime(regime), day, draft)


@router.get("/sanctions/{regime}/diff", responses=ERRORS)
def diff(
    regime: str,
    since: Annotated[str, Query(alias="from", max_length=10, description="YYYY-MM-DD")],
    until: Annotated[str | None, Query(alias="to", max_length=10)] = None,
    draft: Draft = None,
) -> dict[str, Any]:
    """What was added, ended and amended between two dates (or by a draft)."""
    before = parse_day(since, "from")
    after = parse_day(until, "to") if until else today()
    if after < before:
        raise UnscError(f"to ({after}) is before from ({before}); swap them")
    return sanctions.changes(known_regime(regime), before, after, draft)


@router.get("/sanctions/{regime}/caps", responses=ERRORS)
def caps(
    regime: str,
    on: Day = None,
    notices: Annotated[
        str, Query(max_length=40, description="Per cents of the limit, e.g. 75,90,95")
    ] = "",
    draft: Draft = None,
) -> list[dict[str, Any]]:
    """The caps in force on a date (with ``draft``, as if it had been adopted) with their
    limits, periods and the deliveries bundled (reported to the committee, or alleged);
    another ledger: ``unsc sanctions caps --ledger``."""
    day = parse_day(on, "on") if on else today()
    thresholds = sanctions.parse_notices(notices, "notices")
    ledger = sanctions.bundled_ledger(known_regime(regime))
    return sanctions.caps(regime, day, ledger, thresholds, draft=draft)


@router.get("/sanctions/{regime}/triggers", responses=ERRORS)
def triggers(regime: str, request: Request) -> dict[str, Any]:
    """The events that met a resolution's trigger, each with what the Council did next."""
    return sanctions.triggers(request.app.state.database, known_regime(regime))


class ScreenIn(BaseModel):
    name: str = Field(min_length=1, max_length=300, description="A name, in any script")
    dob: str | None = Field(default=None, max_length=20, description="Date or year of birth")
    nationality: str | None = Field(
        default=None, max_length=80, description="A country's name or code: DPRK, KP, PRK"
    )
    document: str | None = Field(
        default=None, max_length=80, description="A passport or identity number"
    )
    limit: int = Field(default=5, ge=1, le=100)
    threshold: float = Field(default=DEFAULT_THRESHOLD, ge=0, le=1)


@router.post("/screen", responses=ERRORS)
def screen(body: Annotated[ScreenIn, Body()]) -> dict[str, Any]:
    """Screen a name against the UN Consolidated List: ranked candidates, each with an
    explained score and the entry's details (listing date, dates of birth, nationalities,
    documents, regime); `alert` where the score reaches the threshold; the list's date,
    age and a warning when it is older than 90 days."""
    query = ScreenQuery(body.name, body.dob, body.nationality, body.document)
    view = sanctions.screen_view(query, limit=body.limit, threshold=body.threshold)
    return {"query": body.model_dump(exclude={"threshold", "limit"}), **view}
