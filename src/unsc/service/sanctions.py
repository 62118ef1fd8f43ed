"""Sanctions regimes answered as JSON-ready views: measures on a date, what changed, what a
draft would have changed."""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from unsc.core.documents import EventRow
from unsc.core.errors import UnscError
from unsc.core.measures import (
    Change,
    Measure,
    MeasureKind,
    Regime,
    Step,
    difference,
    ending,
    history,
    in_force,
    passing,
)
from unsc.importers.dprk import bundled_record as dprk_record
from unsc.importers.ledger import parse_ledger
from unsc.importers.textfiles import open_text
from unsc.importers.unlist import bundled_list, parse_list
from unsc.importers.unlist import read_list as read_list
from unsc.law.regimes import load_regime
from unsc.record import dprk
from unsc.sanctions.caps import Delivery, cap_status
from unsc.sanctions.listing import Entry, Snapshot
from unsc.sanctions.listing import list_diff as diff_lists
from unsc.sanctions.screening import DEFAULT_THRESHOLD, Query, Screener
from unsc.sanctions.triggers import Action, Event, evaluate, unclassified
from unsc.service.database import Database
from unsc.service.record import today


def regime_view(regime: Regime) -> dict[str, Any]:
    return {"id": regime.id, "name": regime.name, "list_type": regime.list_type}


def measure_view(measure: Measure, day: dt.date) -> dict[str, Any]:
    view = measure.to_dict()
    phase = measure.phase_on(day)
    if phase is not None:
        period = phase.period_on(day)
        view["limits"] = [limit.to_dict() for limit in phase.limits]
        view["period"] = None if period is None else period.to_dict()
    return view


def limits_text(view: dict[str, Any], *, period: bool = False) -> str:
    """A measure's limits as people write them ("4,000,000 barrels or 525,000 tonnes"),
    with its current period if asked."""
    if "limits" not in view:
        return ""
    amounts = " or ".join(f"{x['amount']:,.0f} {x['unit']}" for x in view["limits"])
    when = view.get("period")
    return f"{amounts} ({when['start']} – {when['end']})" if period and when else amounts


def parse_notices(text: str, field: str) -> list[float]:
    """Per cents of a cap's limit at which notices are due: "75,90,95"."""
    try:
        thresholds = [float(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise UnscError(
            f"{field}: per cents separated by commas, e.g. 75,90,95; not {text!r}"
        ) from None
    if any(not 0 < t <= 100 for t in thresholds):
        raise UnscError(f"{field}: each per cent must be above 0 and at most 100")
    return thresholds


def _cap_ids(regime: Regime) -> set[str]:
    return {c.measure for c in regime.changes if c.kind is MeasureKind.CAP}


def measures(regime_id: str, day: dt.date, draft: str | None = None) -> dict[str, Any]:
    """What was in force on ``day``; with ``draft``, as if that draft had been adopted."""
    regime = load_regime(regime_id)
    extra = regime.draft(draft) if draft else ()
    found = in_force(regime, day, extra)
    return {
        "regime": regime_view(regime),
        "date": day.isoformat(),
        "draft": draft,
        "recorded": recorded(regime),
        "measures": [measure_view(m, day) for m in found],
    }


def recorded(regime: Regime, until: dt.date | None = None) -> dict[str, str]:
    """The span of the regime's recorded changes (up to ``until``, if given): its first and
    its latest, a resolution taking effect or a measure (a mandate) running out."""
    days = [c.effective for c in regime.changes] + [c.until for c in regime.changes if c.until]
    days = sorted(d for d in days if until is None or d <= until)
    return {"first": days[0].isoformat(), "last": days[-1].isoformat()}


def coverage_note(view: dict[str, Any]) -> str:
    """What a user should know when a date falls outside the changes recorded."""
    span, day = view["recorded"], view["date"]
    if day < span["first"]:
        return f"Nothing in force: the regime's first measures date from {span['first']}."
    if day > span["last"]:
        return (
            f"Changes are recorded up to {span['last']}: later ones, if any, are not in this data."
        )
    return ""


def changes(
    regime_id: str, before: dt.date, after: dt.date, draft: str | None = None
) -> dict[str, Any]:
    """What changed from ``before`` to ``after`` (or, with ``draft``, between the regime on
    ``after`` as it was and as the draft would have made it). A measure added in between
    is in ``added`` with ``ended`` (the first day it was no longer in force) and
    ``ended_by``: both are set where it came and went between the two days (2375 OP15's
    crude oil freeze, replaced by 2397 OP4's cap), ``None`` and ``[]`` otherwise."""
    regime = load_regime(regime_id)
    extra = regime.draft(draft) if draft else ()
    old = in_force(regime, before)
    new = in_force(regime, after, extra)
    found = difference(old, new)
    added = [
        {
            **measure_view(m, after),
            **_steps(regime, m.id, before, after, extra, added=True),
            "ended": None,
            "ended_by": [],
        }
        for m in found.added
    ] + [
        {
            **measure_view(m, ended - dt.timedelta(days=1)),
            **_steps(regime, m.id, before, after, extra, added=True),
            "ended": ended.isoformat(),
            "ended_by": list(by),
        }
        for m, ended, by in passing(regime, before, after, extra)
    ]
    return {
        "regime": regime_view(regime),
        "from": before.isoformat(),
        "to": after.isoformat(),
        "draft": draft,
        "added": sorted(added, key=lambda m: str(m["since"])),
        "removed": [
            {**measure_view(m, before), **_ended(ending(regime, m.id, before, after, extra))}
            for m in found.removed
        ],
        "changed": [
            {
                "before": measure_view(b, before),
                "after": measure_view(a, after),
                "by": [c.where for c in a.changes if c not in b.changes],
                "then": _steps(regime, a.id, before, after, extra, added=False)["then"],
            }
            for b, a in found.changed
        ],
    }


def _steps(
    regime: Regime,
    measure_id: str,
    before: dt.date,
    after: dt.date,
    extra: Sequence[Change],
    *,
    added: bool,
) -> dict[str, Any]:
    """Who changed a measure between two dates, step by step: for a measure added in
    between, ``by`` is the paragraph that added it; ``then`` lists every later change (or,
    for a measure in force on both dates, every change) with what it changed."""
    steps = list(history(regime, measure_id, before, after, extra))
    first = None
    if added and steps:  # the change that added it (or, for a lapsed one, renewed it)
        first = next((i for i, s in enumerate(steps) if s.before is None), 0)
    later = steps[first + 1 :] if first is not None else steps
    return {
        "by": [steps[first].change.where] if first is not None else [],
        "then": [
            {
                "action": s.change.action.value,
                "by": s.change.where,
                "effective": s.change.effective.isoformat(),
                "what": _what(s),
            }
            for s in later
        ],
    }


def _what(step: Step) -> list[dict[str, str]]:
    """What one change altered in a measure: its limit, its term, its description, each as
    old and new."""
    old, new = step.before, step.after
    if old is None or new is None:
        return []
    found = []
    old_limit = limits_text(measure_view(old, step.day))
    new_limit = limits_text(measure_view(new, step.day))
    if old_limit != new_limit:
        found.append({"field": "limit", "old": old_limit or "none", "new": new_limit or "none"})
    if old.until != new.until:
        found.append({"field": "until", "old": _term(old.until), "new": _term(new.until)})
    if old.description != new.description:
        found.append({"field": "description", "old": old.description, "new": new.description})
    return found


def _term(day: dt.date | None) -> str:
    return "no end set" if day is None else day.isoformat()


def _ended(end: tuple[dt.date, tuple[str, ...]] | None) -> dict[str, Any]:
    if end is None:
        return {"ended": None, "by": []}
    return {"ended": end[0].isoformat(), "by": list(end[1])}


def caps(
    regime_id: str,
    day: dt.date,
    deliveries: Sequence[Delivery] = (),
    thresholds: Sequence[float] = (),
    *,
    draft: str | None = None,
    include_alleged: bool = True,
) -> list[dict[str, Any]]:
    """Every cap with a limit on ``day`` (with ``draft``, as if that draft had been
    adopted): its period, citations, what was delivered in the period up to that day, and
    the notices at ``thresholds`` (per cent of the limit)."""
    regime = load_regime(regime_id)
    out = []
    for measure in in_force(regime, day, regime.draft(draft) if draft else ()):
        status = cap_status(measure, day, deliveries, thresholds, include_alleged=include_alleged)
        if status is not None:
            view = status.to_dict()
            view["draft"] = draft
            out.append(view)
    return out


def read_ledger(path: Path, regime_id: str) -> list[Delivery]:
    """A ledger CSV, every row or none (an error names the bad row)."""
    with open_text(path) as handle:
        return parse_ledger(handle, path.name, _cap_ids(load_regime(regime_id)))


def triggers(db: Database, regime_id: str) -> dict[str, Any]:
    """Each trigger of the regime, evaluated on the record's events and actions."""
    regime = load_regime(regime_id)
    found = [m for m in in_force(regime, today()) if m.kind is MeasureKind.TRIGGER]
    with db.sessions() as session:
        rows = dprk.events(session)
        actions = _dprk_actions(session)
    events = _dprk_events(rows)
    out = []
    for trigger in found:
        if trigger.id != "oil-restriction-trigger":
            continue  # only 2397 OP28's condition is modelled
        hits = evaluate(trigger, events, actions)
        unknown = unclassified(trigger, events)
        out.append(
            {
                "id": trigger.id,
                "title": trigger.title,
                "since": trigger.since.isoformat(),
                "condition": "a nuclear test, or the launch of a ballistic missile of "
                "intercontinental range (missile type ICBM in the record)",
                "citations": [c.to_dict() for c in trigger.citations],
                "events": [
                    {
                        **h.event.to_dict(),
                        "responses_until": None if h.until is None else h.until.isoformat(),
                        "responses": [a.to_dict() for a in h.council],
                        "joint_statements": [a.to_dict() for a in h.others],
                    }
                    for h in hits
                ],
                "unclassified": _unclassified_view(unknown, events, trigger.since),
            }
        )
    return {"regime": regime_view(regime), "triggers": out, "claims": _claims(rows)}


def _unclassified_view(unknown: list[Event], events: list[Event], since: dt.date) -> dict[str, Any]:
    """Launches of unknown type, counted per year (by New York date, else UTC where the
    launch time is not given) against all launches."""
    launches = [e for e in events if e.kind == "missile_launch" and e.day > since]
    years = sorted({e.day.year for e in launches})
    by_year = {
        str(y): {
            "launches": sum(e.day.year == y for e in launches),
            "unknown": sum(e.day.year == y for e in unknown),
        }
        for y in years
    }
    per_year = "; ".join(
        f"{y}: {n['unknown']} of {n['launches']}" for y, n in by_year.items() if n["unknown"]
    )
    return {
        "count": len(unknown),
        "by_year": by_year,
        "note": f"{len(unknown)} of the {len(launches)} missiles launched since "
        f"{since.isoformat()} ({per_year or 'none'}) have no type in the launch data "
        "(nk-missile-tests: 'Unknown'); "
        "the record cannot say whether they met the condition, so they are listed, "
        "not counted as meeting it. No cited source bundled names them. Dates are New York "
        "dates, or UTC where the data give no launch time.",
        "events": [e.to_dict() for e in unknown],
    }


SEED_CLAIM = {
    "claim": "23 ballistic missiles in 2022 up to the vote of 26 May, including 6 ICBMs",
    "source": "SC/14911 (26 May 2022): the United States at the Council's 9048th meeting",
}


def _claims(events: Sequence[EventRow]) -> list[dict[str, Any]]:
    """A claim made at the Council, checked against the launch record: what the record
    supports and what it cannot."""
    # every launch of the span has a time, hence a New York date (tested)
    span = [
        ((e.date_new_york or e.date).isoformat(), e.missile_type)
        for e in events
        if e.kind == "missile_launch"
        and dt.date(2022, 1, 1) <= (e.date_new_york or e.date) <= dt.date(2022, 5, 25)
    ]
    icbm = sorted(day for day, kind in span if kind == "ICBM")
    unknown = sorted(day for day, kind in span if kind in (None, "", "Unknown"))
    days = len({day for day, _ in span})
    return [
        {
            **SEED_CLAIM,
            "record": {
                "from": "2022-01-01",
                "to": "2022-05-25",
                "dates": "New York dates, as the vote of 26 May 2022 (from the launch times "
                "in UTC)",
                "missiles": len(span),
                "days": days,
                "icbm": icbm,
                "unknown": len(unknown),
                "unknown_dates": sorted(set(unknown)),
            },
            "supports": f"{len(span)} missiles on {days} days from 1 January to 25 May 2022 "
            "(New York dates) in nk-missile-tests: the 23 agree.",
            "cannot": f"The record types {len(icbm)} of them ICBM "
            f"({', '.join(icbm)}); {len(unknown)} have no type "
            f"({', '.join(sorted(set(unknown)))}). It cannot confirm six ICBMs: the other "
            "ICBMs counted, if among these, are the United States' own assessment, which the "
            "record does not hold.",
        }
    ]


def _dprk_events(rows: Sequence[EventRow]) -> list[Event]:
    return [
        Event(
            r.date_new_york or r.date,
            r.kind,
            r.name,
            None if r.missile_type in (None, "", "Unknown") else r.missile_type,
            r.outcome,
            r.source_ref or "",
            r.date,
            "New York" if r.date_new_york else "UTC",
        )
        for r in rows
    ]


def _dprk_actions(session: Session) -> list[Action]:
    record = dprk_record()
    actions = [
        Action(v.date, "resolution", v.resolution_symbol, v.title, v.outcome)
        for v in dprk.votes_on(session, record["council_resolutions"]["numbers"])
    ]
    for v in dprk.votes_on_drafts(session, record["vetoed_drafts"]["symbols"]):
        actions.append(
            Action(v.date, "vetoed_draft", v.draft_symbol or v.symbol, v.title, "vetoed")
        )
    for s in dprk.fact_statements(session):
        actions.append(Action(s.day, s.kind, s.symbol, s.subject, None))
    return actions


LEDGERS = "unsc.data.ledgers"


def bundled_ledger(regime_id: str) -> list[Delivery]:
    """The deliveries bundled for a regime (reported to its committee, or alleged)."""
    regime = load_regime(regime_id)
    name = f"{regime_id}.csv"
    folder = resources.files(LEDGERS)
    if not folder.joinpath(name).is_file():
        return []
    text = folder.joinpath(name).read_text(encoding="utf-8")
    return parse_ledger(io.StringIO(text, newline=""), name, _cap_ids(regime))


# -- screening: the list in use, its age, and a newer list a user loads ---------------------

LIST_MAX_AGE_DAYS = 90
"""A list older than this gets a warning on every screening answer: the Council's
committees amend the Consolidated List many times a year."""
LIST_FILE = "consolidated.xml"
"""A newer list a user loaded, kept in the user data directory beside the database."""


def user_data_dir() -> Path:
    """Where ``unsc`` keeps a user's files: ``$XDG_DATA_HOME/unsc``, else
    ``~/.local/share/unsc`` (the database's own directory by default)."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local/share")
    return base / "unsc"


def stored_list_path() -> Path:
    return user_data_dir() / LIST_FILE


_LISTS: dict[tuple[str, float], Snapshot] = {}
_SCREENERS: dict[str, Screener] = {}


def current_list() -> tuple[Snapshot, str]:
    """The list screening uses, and where it comes from (``bundled`` or the stored file's
    path): a list the user loaded (``unsc sanctions list-update``, or the /screen page),
    if it is newer than the bundled one, else the bundled snapshot."""
    bundled = bundled_list()
    path = stored_list_path()
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return bundled, "bundled"
    key = (str(path), stamp)
    if key not in _LISTS:
        try:
            _LISTS.clear()
            _LISTS[key] = read_list(path)
        except (OSError, UnscError):
            return bundled, "bundled"  # checked when stored; unreadable now: the bundled one
    stored = _LISTS[key]
    if stored.generated <= bundled.generated:
        return bundled, "bundled"
    return stored, str(path)


def screener_for(snapshot: Snapshot) -> Screener:
    """One screener per list (its index takes a moment to build), kept while it is in use."""
    found = _SCREENERS.get(snapshot.generated)
    if found is None:
        _SCREENERS.clear()
        found = _SCREENERS[snapshot.generated] = Screener(snapshot.entries)
    return found


def list_status(snapshot: Snapshot, source: str = "bundled") -> dict[str, Any]:
    """The list's own date (its ``dateGenerated``), its age today, and a warning when it
    is older than LIST_MAX_AGE_DAYS days."""
    day = dt.date.fromisoformat(snapshot.generated[:10]) if snapshot.generated else None
    age = None if day is None else (today() - day).days
    warning = None
    if day is None or age is None:
        warning = "The list gives no date (dateGenerated): how current it is cannot be told."
    elif age > LIST_MAX_AGE_DAYS:
        warning = (
            f"The Consolidated List used is of {day.isoformat()}, {age} days old: entries "
            "listed, delisted or amended since are not screened. Download the current list "
            "(XML) from the Security Council's site and load it: unsc sanctions list-update "
            "FILE, or the form on /screen."
        )
    return {
        "list": snapshot.generated,
        "list_date": None if day is None else day.isoformat(),
        "list_age_days": age,
        "list_source": source if source in ("bundled", "given") else "loaded",
        "list_warning": warning,
    }


def entry_details(entry: Entry) -> dict[str, Any]:
    """What an analyst needs next to a hit, as the list gives it. The list's XML carries
    no link to the Committee's narrative summary, so none is given."""
    return {
        "kind": entry.kind,
        "regime": entry.regime,
        "listed_on": entry.listed_on or None,
        "birth_dates": [b.text for b in entry.birth_dates],
        "nationalities": list(entry.nationalities),
        "documents": [d.to_dict() for d in entry.documents],
        "designations": list(entry.designations),
    }


def entry_text(details: dict[str, Any]) -> str:
    """An entry's details on a few lines, for a terminal or a table cell."""
    lines = [f"{details['regime']} {details['kind']}, listed {details['listed_on'] or '?'}"]
    if details["birth_dates"]:
        lines.append("born " + ", ".join(details["birth_dates"]))
    if details["nationalities"]:
        lines.append("nationality " + ", ".join(details["nationalities"]))
    for d in details["documents"]:
        lines.append(" ".join(x for x in (d["kind"], d["number"], d["country"]) if x))
    return "\n".join(lines)


def screen_view(
    query: Query,
    *,
    limit: int = 5,
    threshold: float = DEFAULT_THRESHOLD,
    snapshot: Snapshot | None = None,
) -> dict[str, Any]:
    """A query screened against the list in use (or ``snapshot``, a list given for this
    answer): its candidates, each with the entry's details and ``alert``, and the list's
    date and age."""
    source = "given"
    if snapshot is None:
        snapshot, source = current_list()
    entries = {e.reference: e for e in snapshot.entries}
    found = screener_for(snapshot).screen(query, limit=limit)
    return {
        **list_status(snapshot, source),
        "threshold": threshold,
        "candidates": [
            c.to_dict()
            | {"alert": c.score >= threshold, "entry": entry_details(entries[c.reference])}
            for c in found
        ],
    }


def list_update(data: bytes, filename: str) -> dict[str, Any]:
    """Checks a Consolidated List a user downloaded and keeps it for screening: it must
    parse whole (else a RowError names the line, and nothing is kept) and be newer than
    the list in use. Returns what changed (as ``list-diff``) and where it was kept."""
    new = parse_list(data, filename)
    if not new.entries:
        raise UnscError(f"{filename}: the list has no entries; nothing was kept")
    if not new.generated:
        raise UnscError(
            f"{filename}: the list gives no date (dateGenerated on CONSOLIDATED_LIST); "
            "nothing was kept"
        )
    old, _ = current_list()
    if new.generated <= old.generated:
        raise UnscError(
            f"{filename} is of {new.generated[:10]}, not newer than the list in use "
            f"({old.generated[:10]}); nothing was kept. Download the current list and try again"
        )
    path = stored_list_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as f:
        f.write(data)
    os.replace(f.name, path)  # whole, or the old file stays
    return {"stored": str(path), "diff": diff_lists(old, new)}
