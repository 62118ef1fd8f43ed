"""The sanctions pages: a regime's measures on a date and over time, its caps and its
trigger; screening a name."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from unsc.core.errors import UnscError
from unsc.core.measures import Action, MeasureKind, in_force
from unsc.law.regimes import load_regime, regime_ids
from unsc.sanctions.screening import DEFAULT_THRESHOLD
from unsc.sanctions.screening import Query as ScreenQuery
from unsc.service import sanctions
from unsc.service.record import today
from unsc.web import charts
from unsc.web.pages import Table, _months, render

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


FIRST_DAY = dt.date(1945, 10, 24)
"""The Charter's entry into force: no Council measure is older."""
LAST_DAY = dt.date(2100, 12, 31)

KIND_GROUPS: tuple[tuple[str, str, frozenset[MeasureKind]], ...] = (
    (
        "arms",
        "Arms embargo; WMD and missile items",
        frozenset({MeasureKind.ARMS_EMBARGO, MeasureKind.WMD_MISSILE_ITEMS}),
    ),
    (
        "trade",
        "Export and import bans; luxury goods",
        frozenset({MeasureKind.EXPORT_BAN, MeasureKind.IMPORT_BAN, MeasureKind.LUXURY_GOODS}),
    ),
    (
        "cap",
        "Caps; triggers (commitments to act)",
        frozenset({MeasureKind.CAP, MeasureKind.TRIGGER}),
    ),
    (
        "finance",
        "Asset freeze; financial measures",
        frozenset({MeasureKind.ASSET_FREEZE, MeasureKind.FINANCIAL}),
    ),
    (
        "people",
        "Travel ban; designations; workers abroad",
        frozenset({MeasureKind.TRAVEL_BAN, MeasureKind.DESIGNATIONS, MeasureKind.WORKERS}),
    ),
    ("inspection", "Inspection, seizure and interdiction", frozenset({MeasureKind.INSPECTION})),
    (
        "bodies",
        "Committee; Panel of Experts; monitoring",
        frozenset({MeasureKind.COMMITTEE, MeasureKind.PANEL_OF_EXPERTS, MeasureKind.MONITORING}),
    ),
    ("other", "Other", frozenset({MeasureKind.OTHER})),
)
"""The colours of the measures chart: kinds of measure grouped, so that each colour is
told apart from the others (fifteen kinds would need fifteen hues)."""
KIND_COLOURS = tuple(charts.PALETTE[i] for i in (0, 1, 2, 3, 4, 5, 6, 8))
"""One colour per group above, no two alike."""


def _group(kind: MeasureKind) -> str:
    return next((key for key, _, kinds in KIND_GROUPS if kind in kinds), "other")


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _history(regime_id: str, until: dt.date, day: dt.date, draft: str | None) -> str:
    """Every measure the regime has had, as a bar from its first day to its last; with
    ``draft``, what that draft would have added or changed, hatched; the day chosen marked."""
    regime = load_regime(regime_id)
    recorded = sanctions.recorded(regime, until)
    start = dt.date.fromisoformat(recorded["first"])
    current = {m.id for m in in_force(regime, until)}
    span = (until - start).days or 1

    def x(day: dt.date) -> float:
        return min(max((day - start).days / span, 0.0), 1.0)

    seen: dict[str, list[Any]] = {}
    for change in regime.changes:
        title = change.title
        if change.kind is MeasureKind.DESIGNATIONS:
            title = f"{title} ({change.resolution})"
        row = seen.setdefault(change.measure, [title, change.kind, change.effective, None])
        if change.action is Action.END:
            row[3] = change.effective
        elif change.until is not None or change.action is Action.RENEW:
            row[3] = change.until
    rows: list[tuple[dt.date, str, charts.Span]] = []
    for key, (title, kind, since, last) in seen.items():
        end = until if key in current or last is None else min(last, until)
        rows.append(
            (
                since,
                key,
                charts.Span(
                    title,
                    x(since),
                    x(end),
                    _group(kind),
                    f"{kind.value.replace('_', ' ')}, {since} to "
                    + ("now (in force)" if key in current else str(end)),
                ),
            )
        )
    changed: dict[str, list[charts.Span]] = {}
    for change in regime.draft(draft) if draft else ():
        verb = {Action.ADD: "added", Action.RENEW: "renewed", Action.END: "ended"}.get(
            change.action, "amended"
        )
        end = min(change.until or until, until)
        note = (
            f"{draft}, not adopted (put to the vote on {change.adopted}): would have {verb} "
            f"it from {change.effective}" + (f" to {change.until}" if change.until else "")
        )
        if change.measure in seen and change.action is not Action.ADD:
            label = f"↳ as {draft} would have {verb} it (draft)"
            changed.setdefault(change.measure, []).append(
                charts.Span(
                    label,
                    x(change.effective),
                    x(end),
                    _group(change.kind),
                    f"{seen[change.measure][0]}: {note}",
                    draft=True,
                )
            )
        else:
            span_ = charts.Span(
                f"{change.title} ({draft}, draft)",
                x(change.effective),
                x(end),
                _group(change.kind),
                f"{change.kind.value.replace('_', ' ')}; {note}",
                draft=True,
            )
            rows.append((change.effective, change.measure, span_))
    rows.sort(key=lambda r: (r[0], r[2].draft, r[2].label))
    ordered = []
    for _, key, row_span in rows:
        ordered.append(row_span)
        if not row_span.draft:
            ordered.extend(changed.get(key, ()))
    years = [
        (x(dt.date(y, 1, 1)), str(y))
        for y in range(start.year + 1, until.year + 1)
        if until.year - start.year < 25 or y % 5 == 0
    ]
    marker = None
    if start <= day <= until:
        marker = (x(day), f"{day.isoformat()}: the day shown")
    last = dt.date.fromisoformat(recorded["last"])
    return charts.spans(
        ordered,
        years,
        title=f"The {regime.id} regime: each measure from the day it took effect to its end",
        source=SOURCE,
        legend=[(key, text) for key, text, _ in KIND_GROUPS],
        draft_legend=f"hatched, dashed outline: what {draft}, not adopted, would have done"
        if draft
        else "",
        marker=marker,
        palette=KIND_COLOURS,
        note=f"Changes are recorded to {_long_date(last)}, the regime's last recorded change; "
        f"a bar that reaches the right edge ({until.isoformat()}) is a measure still in force.",
    )


def _form_context(regime_id: str, on: str, draft: str) -> dict[str, Any]:
    """What the form needs, whatever was asked."""
    known = regime_id in regime_ids()
    return {
        "regimes": [sanctions.regime_view(load_regime(r)) for r in regime_ids()],
        "regime": sanctions.regime_view(load_regime(regime_id))
        if known
        else {"id": regime_id, "name": ""},
        "day": on,
        "draft": draft,
        "drafts": _drafts(regime_id) if known else [],
    }


def _drafts(regime_id: str) -> list[str]:
    return sorted({c.resolution for c in load_regime(regime_id).drafts})


def _shown(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:40] + "…")


def _bad_request(
    request: Request, template: str, title: str, problems: list[str], **context: Any
) -> Response:
    """The page with its form and what is wrong, as a 422."""
    if request.query_params.get("download"):
        return Response(" ".join(problems), status_code=422, media_type="text/plain")
    response = render(request, template, title, [], [], problems=problems, **context)
    response.status_code = 422
    return response


def _check(regime: str, on: str, draft: str) -> tuple[list[str], list[str], str]:
    """What is wrong with the request (the page cannot be shown), what was set aside (it
    is shown without it), and the draft that stays."""
    problems: list[str] = []
    notices: list[str] = []
    regimes = ", ".join(f"{r} ({load_regime(r).name.split(' (')[0]})" for r in regime_ids())
    if regime not in regime_ids():
        problems.append(f"Regime: no regime {_shown(regime)} is bundled; choose one of {regimes}.")
    if on:
        try:
            day = dt.date.fromisoformat(on)
        except ValueError:
            problems.append(
                f"On: {_shown(on)} is not a date; give the day as YYYY-MM-DD, e.g. 2022-05-26."
            )
        else:
            if not FIRST_DAY <= day <= LAST_DAY:
                problems.append(
                    f"On: choose a day from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}; "
                    f"not {day.isoformat()}."
                )
    if draft and regime in regime_ids():
        here = _drafts(regime)
        elsewhere = [r for r in regime_ids() if r != regime and draft in _drafts(r)]
        choose = (
            f"the drafts bundled for it are {', '.join(here)}"
            if here
            else "no drafts are bundled for it"
        )
        if draft in here:
            pass
        elif elsewhere:
            notices.append(
                f"{draft} is a draft on the {elsewhere[0]} regime, not the {regime} regime "
                f"({choose}): the {regime} regime is shown as adopted, without a draft."
            )
            draft = ""
        else:
            problems.append(
                f"Draft: no draft {_shown(draft)} is bundled for the {regime} regime; "
                f"{choose}. Choose one, or none (—)."
            )
    return problems, notices, draft


@router.get("/sanctions", response_class=HTMLResponse)
def sanctions_page(
    request: Request,
    regime: str = "1718",
    on: str = "",
    draft: str = "",
) -> Response:
    regime, on, draft = regime.strip(), on.strip(), draft.strip()
    problems, notices, draft = _check(regime, on, draft)
    if problems:
        return _bad_request(
            request,
            "sanctions.html",
            "Sanctions: cannot show this request",
            problems,
            notices=notices,
            **_form_context(regime, on, draft),
        )
    day = dt.date.fromisoformat(on) if on else today()
    try:
        view = sanctions.measures(regime, day, draft or None)
        ledger = sanctions.bundled_ledger(regime)
        caps = sanctions.caps(regime, day, ledger, draft=draft or None)
        adopted = {c["measure"]: c for c in sanctions.caps(regime, day, ledger)}
        triggered = sanctions.triggers(request.app.state.database, regime)
    except (UnscError, ValueError, OverflowError) as err:
        return _bad_request(
            request,
            "sanctions.html",
            "Sanctions: cannot show this request",
            [f"{err}. Choose another day, regime or draft."],
            notices=notices,
            **_form_context(regime, on, draft),
        )
    loaded = load_regime(regime)
    coverage = sanctions.coverage_note(view)
    if coverage:
        notices.append(coverage)
    as_if = f", as if {draft} had been adopted" if draft else ""
    measures = Table(
        "measures",
        f"In force on {day.isoformat()}{as_if}",
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
        f"Caps in force on {day.isoformat()}{as_if}",
        (
            ("commodity", "Commodity"),
            ("measure", "Measure"),
            ("limit", "Limit"),
            ("unit", "Unit"),
            ("start", "Period from"),
            ("end", "to"),
            ("deliveries", "Deliveries"),
            ("reported", "Reported"),
            ("reported_percent", "Reported, share of limit (%)"),
            ("alleged", "Alleged"),
            ("alleged_percent", "Alleged, share of limit (%)"),
            ("paragraphs", "Paragraphs"),
            ("draft", "As if adopted"),
            ("limit_as_adopted", "Limit as adopted"),
        ),
        [
            {
                **c,
                "start": c["period"]["start"],
                "end": c["period"]["end"],
                "reported_percent": round(c["reported_share"] * 100, 2),
                "alleged_percent": round(c["alleged_share"] * 100, 2),
                "paragraphs": [x["ref"] for x in c["citations"]],
                "draft": c["draft"] or "",
                "limit_as_adopted": adopted[c["measure"]]["limit"]
                if c["measure"] in adopted
                else None,
            }
            for c in caps
        ],
    )
    events = [
        {
            "date": e["date"] + ("" if e["date_clock"] == "New York" else f" ({e['date_clock']})"),
            "event": f"{e['name']} ({e['missile_type'] or e['kind']}, {e['outcome']})",
            "responses": [
                f"{r['date']} {r['kind'].replace('_', ' ')} {r['symbol'] or ''}".strip()
                + (f" ({r['outcome']})" if r["outcome"] else "")
                for r in e["responses"]
            ],
            "joint": [f"{j['date']} {j['subject']}" for j in e["joint_statements"]],
        }
        for t in triggered["triggers"]
        for e in t["events"]
    ]
    trigger_table = Table(
        "triggers",
        "Events that met the trigger of resolution 2397, OP28, and what the Council did next",
        (
            ("date", "Date (New York)"),
            ("event", "Event"),
            ("responses", "The Council next"),
            ("joint", "Joint statements by groups of states (no Council status)"),
        ),
        events,
    )
    unknown = [u for t in triggered["triggers"] for u in [t["unclassified"]]]
    unknown_table = Table(
        "unclassified",
        "Launches of unknown type since 22 December 2017: not counted as meeting the "
        "trigger, not left out",
        (
            ("date_utc", "Date (UTC)"),
            ("date", "Date (New York)"),
            ("name", "Missile"),
            ("outcome", "Outcome"),
            ("source", "Source"),
        ),
        [
            {**e, "date": e["date"] if e["date_clock"] == "New York" else "not known (no time)"}
            for u in unknown
            for e in u["events"]
        ],
    )
    trigger_chart = _trigger_chart(triggered["triggers"]) if triggered["triggers"] else ""
    ledger_charts = [
        charts.bar_chart(
            [
                charts.Bar("Limit", c["limit"]),
                charts.Bar("Reported to the committee", c["reported"]),
                charts.Bar("Alleged by states", c["alleged"]),
            ],
            title=f"{c['commodity']}, {c['period']['start']} to {c['period']['end']} "
            f"({c['unit']}), to {day.isoformat()}",
            subtitle=f"Reported: {c['reported']:,.0f} {c['unit']}, "
            f"{_percent(c['reported_share'])} of the limit; alleged: {c['alleged']:,.0f} "
            f"{c['unit']}, {_percent(c['alleged_share'])} (never added together){as_if}",
            source="deliveries bundled with unsc (src/unsc/data/ledgers), each row sourced",
            unit=f" {c['unit']}",
        )
        for c in caps
        if c["deliveries"]
    ]
    drafted = loaded.draft(draft) if draft else ()
    return render(
        request,
        "sanctions.html",
        f"Sanctions: {view['regime']['name']}",
        [measures, cap_table, trigger_table, unknown_table],
        [REGIME_SOURCE],
        **_form_context(regime, on or day.isoformat(), draft),
        problems=[],
        notices=notices,
        voted=_long_date(drafted[0].adopted) if drafted else "",
        measure_rows=measures.rows,
        cap_rows=[_cap_row(c, adopted.get(c["measure"])) for c in caps],
        cap_unit=_one_unit(caps),
        chart=_history(regime, today(), day, draft or None),
        ledger_charts=ledger_charts,
        trigger_chart=trigger_chart,
        has_trigger=bool(triggered["triggers"]),
        unknown_notes=[u["note"] for u in unknown],
        claims=triggered["claims"],
    )


def _percent(share: float) -> str:
    """A share of a limit (1.0 = all of it) in per cent, as people write it."""
    value = share * 100
    return f"{value:,.0f}%" if value >= 100 or value == 0 else f"{value:.1f}%"


def _amount(value: float) -> str:
    return f"{value:,.0f}"


def _one_unit(caps: list[dict[str, Any]]) -> str:
    units = {c["unit"] for c in caps}
    return units.pop() if len(units) == 1 else ""


def _cap_row(cap: dict[str, Any], adopted: dict[str, Any] | None) -> dict[str, Any]:
    """A cap as the page shows it: amounts as people write them, the share of the limit,
    and, where nothing was recorded, that nothing was (not zero)."""
    limit = f"{_amount(cap['limit'])} {cap['unit']}"
    others = " or ".join(f"{_amount(a['amount'])} {a['unit']}" for a in cap["alternatives"])
    was = ""
    if adopted is not None and adopted["limit"] != cap["limit"]:
        was = f"adopted: {_amount(adopted['limit'])} {adopted['unit']}"
    return {
        "commodity": cap["commodity"],
        "limit": limit,
        "alternatives": f"or {others}" if others else "",
        "was": was,
        "start": cap["period"]["start"],
        "end": cap["period"]["end"],
        "deliveries": cap["deliveries"],
        "reported": _amount(cap["reported"]),
        "reported_share": _percent(cap["reported_share"]),
        "reported_over": cap["reported_share"] > 1,
        "reported_none": not cap["reported_deliveries"],
        "alleged": _amount(cap["alleged"]),
        "alleged_share": _percent(cap["alleged_share"]),
        "alleged_over": cap["alleged_share"] > 1,
        "alleged_none": not cap["alleged_deliveries"],
        "conversions": sorted(set(cap["conversions"])),
        "notices": cap["notices"],
        "citations": cap["citations"],
    }


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
        title="Launches that met 2397 OP28 per month (bars) and what the Council did (dots)",
        source="nk-missile-tests (Apache-2.0, after CNS/NTI); Sciences Po UNSC votes "
        "(CC BY 4.0); unsc fact sheet",
    )


LABELS = {"dob": "Date or year of birth", "nationality": "Nationality", "document": "Document"}


def _query(name: str, dob: str, nationality: str, document: str) -> ScreenQuery:
    return ScreenQuery(
        name, dob.strip() or None, nationality.strip() or None, document.strip() or None
    )


def _check_screen(
    name: str, dob: str, nationality: str, document: str
) -> tuple[list[str], ScreenQuery | None]:
    """What is wrong with a screening request, each with what to do (the query itself
    checks the date of birth, the nationality and the document), and the query if a name
    was given and nothing is wrong."""
    problems = []
    if len(name) > 300:
        problems.append(f"Name: at most 300 characters; this one has {len(name)}.")
    if not name.strip() and (dob.strip() or nationality.strip() or document.strip()):
        problems.append(
            "Name: enter the name to screen; a date of birth, a nationality or a document "
            "alone is not screened."
        )
    for label, value in (("Nationality", nationality), ("Document", document)):
        if len(value) > 80:
            problems.append(f"{label}: at most 80 characters; this one has {len(value)}.")
    if not name.strip() or problems:
        return problems, None
    try:
        return [], _query(name, dob, nationality, document)
    except UnscError as err:
        field, _, what = str(err).partition(": ")
        label = LABELS.get(field) or field.capitalize()
        return [f"{label}: {what}; correct it, or leave it empty."], None


@router.post("/screen", response_class=HTMLResponse)
async def screen_list_update(request: Request) -> Response:
    """A newer Consolidated List (XML) uploaded from the form: checked, compared with the
    list in use, and kept only if it parses whole (as ``unsc sanctions list-update``)."""
    context: dict[str, Any] = {"name": "", "dob": "", "nationality": "", "document": ""}
    context["threshold"] = DEFAULT_THRESHOLD
    problems: list[str] = []
    async with request.form() as form:  # closes the uploaded file's spool
        upload = form.get("list")
        if upload is None or isinstance(upload, str) or not upload.filename:
            problems.append("List: choose the Consolidated List's XML file to load.")
        else:
            data = await upload.read()
            try:
                view = sanctions.list_update(data, upload.filename)
            except UnscError as err:
                problems.append(f"List: {err}.")
    context |= sanctions.list_status(*sanctions.current_list())
    if problems:
        return _bad_request(
            request, "screen.html", "Screen a name against the UN Consolidated List",
            problems, asked=False, **context,
        )  # fmt: skip
    diff = view["diff"]
    context["updated"] = {
        "old": diff["old"][:10],
        "new": diff["new"][:10],
        "added": len(diff["added"]),
        "removed": len(diff["removed"]),
        "amended": len(diff["amended"]),
    }
    changes = Table(
        "changes",
        f"What changed from the list of {diff['old'][:10]} to that of {diff['new'][:10]}",
        (("change", "Change"), ("reference", "Reference"), ("name", "Name"), ("what", "What")),
        [
            {"change": label, "reference": e["reference"], "name": e["name"], "what": what(e)}
            for label, key, what in (
                ("listed", "added", lambda e: e["regime"]),
                ("delisted", "removed", lambda e: e["regime"]),
                ("amended", "amended", lambda e: ", ".join(e["fields"])),
            )
            for e in diff[key]
        ],
    )
    return render(
        request,
        "screen.html",
        "Screen a name against the UN Consolidated List",
        [changes],
        [LIST_SOURCE],
        problems=[],
        asked=False,
        **context,
    )


@router.get("/screen", response_class=HTMLResponse)
def screen_page(
    request: Request,
    name: str = "",
    dob: str = "",
    nationality: str = "",
    document: str = "",
) -> Response:
    context = {
        "name": name[:300],
        "dob": dob[:20],
        "nationality": nationality[:80],
        "document": document[:80],
        "threshold": DEFAULT_THRESHOLD,
        **sanctions.list_status(*sanctions.current_list()),
    }
    problems, query = _check_screen(name, dob, nationality, document)
    if problems:
        return _bad_request(
            request,
            "screen.html",
            "Screen a name against the UN Consolidated List",
            problems,
            asked=False,
            **context,
        )
    found = []
    if query is not None:
        found = [
            {
                **c,
                "score": f"{c['score']:.3f}",
                "alert": "alert" if c["alert"] else "",
                "entry": sanctions.entry_text(c["entry"]),
            }
            for c in sanctions.screen_view(query, limit=10)["candidates"]
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
            ("entry", "Listed on, born, nationality, documents"),
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
        problems=[],
        asked=bool(name.strip()),
        **context,
    )
