"""``GET /api/power``: each member's voting power in the Council that sat on a date."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from unsc.service.ballots import parse_day
from unsc.service.power import power_view
from unsc.service.record import today
from unsc.web.api import ERRORS

router = APIRouter(prefix="/api", tags=["power"])


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


@router.get("/power", responses=ERRORS, response_model=PowerView)
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
