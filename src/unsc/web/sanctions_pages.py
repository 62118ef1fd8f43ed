"""The sanctions pages: a regime's measures on a date and over time, its caps and its
trigger; screening a name."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from unsc.core.errors import UnscError
from unsc.core.measures import Action, MeasureKind, in_force
from unsc.importers.unlist import bundled_list
from unsc.law.regimes import load_regime, regime_ids
from unsc.sanctions.screening import DEFAULT_THRESHOLD
from unsc.sanctions.screening import Query as ScreenQuery
from unsc.service import sanctions
from unsc.service.record import today
from unsc.web import charts
from unsc.web.pages import SessionDep, Table, _day, _months, error_page, render
from unsc.web.sanctions import screener

router = APIRouter(include_in_schema=False)

SOURCE = "unsc regime data (src/unsc/law/data/sanctions), each change with its sources"
REGIME_SOURCE = {
    "id": "regimes",
    "title": "Sanctions regimes: resolutions' paragraphs, each change with the sources it was "
    "read from (src/unsc/law/data/sanctions)",
    "licence": "",
}
LIST_SOURCE = {
    "id": "unlist",
    "title": "UN Security Council Consolidated List, 2024-09-26",
    "licence": "public United Nations material",
}


def _history(regime_id: str, until: dt.date) -> str:
    """Every measure the regime has had, as a bar from its first day to its last."""
    regime = load_regime(regime_id)
    start = min(c.effective for c in regime.changes)
    current = {m.id for m in in_force(regime, until)}
    seen: dict[str, list[Any]] = {}
    for change in regime.changes:
        title = change.title
        if change.kind is MeasureKind.DESIGNATIONS:
            title = f"{title} ({change.resolution})"
        row = seen.setdefault(change.measure, [title, change.kind.value, change.effective, None])
        if change.action is Action.END:
            row[3] = change.effective
        elif change.until is not None or change.action is Action.RENEW:
            row[3] = change.until
    span = (until - start).days or 1
    rows = []
    for key, (title, kind, since, last) in seen.items():
        end = until if key in current or last is None else min(last, until)
        rows.append(
            charts.Span(
                title,
                (since - start).days / span,
                (end - start).days / span,
                kind,
                f"{since} to {'now' if key in current else end}",
            )
        )
    rows.sort(key=lambda r: (r.start, r.label))
    years = [
        ((dt.date(y, 1, 1) - start).days / span, str(y))
        for y in range(start.year + 1, until.year + 1)
        if until.year - start.year < 25 or y % 5 == 0
    ]
    return charts.spans(
        rows,
        years,
        title=f"The {regime.id} regime: each measure from the day it took effect to its end",
        source=SOURCE,
    )


@router.get("/sanctions", response_class=HTMLResponse)
def sanctions_page(
    request: Request,
    db: SessionDep,
    regime: Annotated[str, Query(max_length=10)] = "1718",
    on: Annotated[str | None, Query(max_length=10)] = None,
    draft: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    if regime not in regime_ids():
        return error_page(request, f"regime: one of {', '.join(regime_ids())}")
    try:
        day = _day(on, "on") or today()
        view = sanctions.measures(regime, day, draft or None)
        caps = sanctions.caps(regime, day, sanctions.bundled_ledger(regime))
        triggered = sanctions.triggers(db, regime)
    except UnscError as err:
        return error_page(request, str(err))
    measures = Table(
        "measures",
        f"In force on {day.isoformat()}" + (f", had {draft} been adopted" if draft else ""),
        (
            ("title", "Measure"),
            ("kind", "Kind"),
            ("since", "Since"),
            ("until", "Until"),
            ("limit", "Limit"),
            ("paragraphs", "Paragraphs"),
        ),
        [{**m, "limit": sanctions.limits_text(m)} for m in view["measures"]],
    )
    cap_table = Table(
        "caps",
        "Caps in force",
        (
            ("commodity", "Commodity"),
            ("limit", "Limit"),
            ("unit", "Unit"),
            ("start", "Period from"),
            ("end", "to"),
            ("reported", "Reported"),
            ("alleged", "Alleged"),
            ("paragraphs", "Paragraphs"),
        ),
        [
            {
                **c,
                "start": c["period"]["start"],
                "end": c["period"]["end"],
                "paragraphs": [x["ref"] for x in c["citations"]],
            }
            for c in caps
        ],
    )
    events = [
        {
            "date": e["date"],
            "event": f"{e['name']} ({e['missile_type'] or e['kind']}, {e['outcome']})",
            "responses": [
                f"{r['date']} {r['kind'].replace('_', ' ')} {r['symbol'] or ''}".strip()
                + (f" ({r['outcome']})" if r["outcome"] else "")
                for r in e["responses"]
            ],
        }
        for t in triggered["triggers"]
        for e in t["events"]
    ]
    trigger_table = Table(
        "triggers",
        "Events that met the trigger of resolution 2397, OP27, and what the Council did next",
        (("date", "Date (New York)"), ("event", "Event"), ("responses", "The Council next")),
        events,
    )
    trigger_chart = _trigger_chart(triggered["triggers"]) if triggered["triggers"] else ""
    drafts = sorted({c.resolution for c in load_regime(regime).drafts})
    ledger_charts = [
        charts.bar_chart(
            [
                charts.Bar("Limit", c["limit"]),
                charts.Bar("Reported to the committee", c["reported"]),
                charts.Bar("Alleged by states", c["alleged"]),
            ],
            title=f"{c['commodity']}, {c['period']['start']} to {c['period']['end']} "
            f"({c['unit']}), to {day.isoformat()}",
            source="deliveries bundled with unsc (src/unsc/data/ledgers), each row sourced",
            unit=f" {c['unit']}",
        )
        for c in caps
        if c["deliveries"]
    ]
    return render(
        request,
        "sanctions.html",
        f"Sanctions: {view['regime']['name']}",
        [measures, cap_table, trigger_table],
        [REGIME_SOURCE],
        regime=view["regime"],
        regimes=[sanctions.regime_view(load_regime(r)) for r in regime_ids()],
        day=day.isoformat(),
        draft=draft or "",
        drafts=drafts,
        chart=_history(regime, today()),
        ledger_charts=ledger_charts,
        trigger_chart=trigger_chart,
        has_trigger=bool(triggered["triggers"]),
    )


def _trigger_chart(triggers: list[dict[str, Any]]) -> str:
    """The events that met the trigger, per month, against what the Council did."""
    trigger = triggers[0]
    since = dt.date.fromisoformat(trigger["since"])
    months = _months(since, today())
    per_month: dict[str, int] = {}
    actions: dict[tuple[str, str], dict[str, Any]] = {}
    for event in trigger["events"]:
        per_month[event["date"][:7]] = per_month.get(event["date"][:7], 0) + 1
        for r in event["responses"]:
            actions[(r["date"], r["symbol"] or r["subject"])] = r
    span = len(months)
    kinds = {"vetoed_draft": "veto"}
    marks = [
        charts.Mark(
            months.index(r["date"][:7]) / span if r["date"][:7] in months else 0.0,
            f"{r['symbol'] or r['subject']} ({r['date']})",
            kinds.get(r["kind"], r["kind"]),
        )
        for r in actions.values()
    ]
    return charts.timeline(
        [(m, per_month.get(m, 0)) for m in months],
        marks,
        title="Launches that met 2397 OP27 per month (bars) and what the Council did (dots)",
        source="nk-missile-tests (Apache-2.0, after CNS/NTI); Sciences Po UNSC votes "
        "(CC BY 4.0); unsc fact sheet",
    )


@router.get("/screen", response_class=HTMLResponse)
def screen_page(
    request: Request,
    name: Annotated[str, Query(max_length=300)] = "",
    dob: Annotated[str, Query(max_length=20)] = "",
    nationality: Annotated[str, Query(max_length=80)] = "",
) -> Response:
    found = []
    if name.strip():
        query = ScreenQuery(name, dob or None, nationality or None)
        found = [
            {
                **c.to_dict(),
                "score": f"{c.score:.2f}",
                "alert": "alert" if c.score >= DEFAULT_THRESHOLD else "",
            }
            for c in screener(request).screen(query, limit=10)
        ]
    results = Table(
        "candidates",
        f"Candidates for {name!r}" if name.strip() else "Candidates",
        (
            ("score", "Score"),
            ("alert", "Alert"),
            ("reference", "Reference"),
            ("regime", "Regime"),
            ("name", "Listed name"),
            ("explanation", "Why"),
        ),
        found,
    )
    return render(
        request,
        "screen.html",
        "Screen a name against the UN Consolidated List",
        [results],
        [LIST_SOURCE],
        name=name,
        dob=dob,
        nationality=nationality,
        generated=bundled_list().generated[:10],
        threshold=DEFAULT_THRESHOLD,
        asked=bool(name.strip()),
    )
