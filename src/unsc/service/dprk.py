"""The DPRK file as one typed view: the launches and tests, the Council's resolutions,
vetoed drafts, statements and meetings on the DPRK, and the questions they answer.

Which documents are "on the DPRK": the fact sheet's lists (its resolutions, vetoed drafts
and statements), every vote whose title or meeting agenda names the DPRK, every meeting
whose agenda item names it, and every presidential statement whose agenda item or text
names it (``unsc.analysis.dprk.DPRK_NAMES``). A "sanctions draft" is one whose paragraphs
changed, or would have changed, the 1718 regime (``law/data/sanctions/1718.yaml``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from unsc.analysis.dprk import (
    P5,
    Answer,
    FactStatement,
    Launch,
    PermanentVotes,
    names_the_dprk,
    per_year_by_format,
    seed_answers,
)
from unsc.core.documents import EventRow, SourceRef, VoteRow, YearCount, resolution_number
from unsc.importers.dprk import bundled_record
from unsc.law.regimes import load_regime
from unsc.record import documents
from unsc.record import dprk as record
from unsc.service.database import Database

SOURCES = ("sciencespo", "nk-missile-tests", "fact-sheet", "dhl-meetings", "unxml")


@dataclass(frozen=True, slots=True)
class DprkView:
    answers: tuple[Answer, ...]
    events: tuple[EventRow, ...]
    resolutions: tuple[VoteRow, ...]
    """The Council's resolutions on the DPRK in the fact sheet's list."""
    vetoed: tuple[tuple[VoteRow, tuple[str, ...]], ...]
    """The vetoed drafts with the members that vetoed them."""
    statements: tuple[FactStatement, ...]
    meetings_per_year: tuple[YearCount, ...]
    sanctions_votes: tuple[PermanentVotes, ...]
    sources: tuple[SourceRef, ...]


def _permanent(
    lines: list[VoteRow], casts: dict[int, dict[str, tuple[str, str]]]
) -> tuple[PermanentVotes, ...]:
    return tuple(
        PermanentVotes(v, {k: c for k, c in casts.get(v.id, {}).items() if k in P5})
        for v in lines
        if casts.get(v.id)
    )


def dprk_view(db: Database) -> DprkView:
    facts = bundled_record()
    regime = load_regime("1718")
    sanctions_numbers = [int(n) for n in facts["sanctions_resolutions"]["numbers"]]
    council_numbers = [int(n) for n in facts["council_resolutions"]["numbers"]]
    regime_numbers = [
        n for n in (resolution_number(c.resolution) for c in regime.changes) if n is not None
    ]
    regime_drafts = sorted({c.resolution for c in regime.drafts})
    with db.sessions() as s:
        events = record.events(s)
        statements = record.fact_statements(s)
        resolutions = record.votes_on(s, council_numbers)
        vetoed_lines = record.votes_on_drafts(s, list(facts["vetoed_drafts"]["symbols"]))
        by = record.vetoers(s, [v.id for v in vetoed_lines])
        sanctions_lines = record.votes_on(s, sorted({*sanctions_numbers, *regime_numbers}))
        sanctions_lines += record.votes_on_drafts(s, regime_drafts)
        mentioning = [v for v, text in record.votes_mentioning(s, "korea") if names_the_dprk(text)]
        known = {v.id for v in mentioning}
        dprk_lines = mentioning + [v for v in resolutions + vetoed_lines if v.id not in known]
        casts = record.permanent_casts(s, [v.id for v in sanctions_lines + dprk_lines])
        _, meetings = documents.list_meetings(
            s, documents.MeetingFilter(agenda="korea"), limit=100_000, offset=0
        )
        on_dprk = [
            (m.date, m.format)
            for m in meetings
            if m.date and any(names_the_dprk(t) for t in m.topics)
        ]
        prsts = [
            (symbol, day)
            for symbol, day, text in record.statements_mentioning(s, "korea")
            if names_the_dprk(text)
        ]
        prsts_until = record.last_statement_date(s)
        sources = tuple(documents.source(s, x) for x in SOURCES)
    launches = [Launch(e.date, e.outcome) for e in events if e.kind == "missile_launch"]
    vetoed = tuple((v, tuple(by.get(v.id, ()))) for v in vetoed_lines)
    sanctions = [v for v in resolutions if resolution_number(v.symbol) in sanctions_numbers]
    per_year = tuple(per_year_by_format(on_dprk))
    sanctions_votes = _permanent(sorted(sanctions_lines, key=lambda v: (v.date, v.id)), casts)
    answers = seed_answers(
        launches,
        sanctions,
        vetoed,
        resolutions,
        statements,
        prsts,
        prsts_until,
        sanctions_votes,
        _permanent(sorted(dprk_lines, key=lambda v: (v.date, v.id)), casts),
        per_year,
    )
    return DprkView(
        tuple(answers),
        tuple(events),
        tuple(resolutions),
        vetoed,
        tuple(statements),
        per_year,
        sanctions_votes,
        tuple(x for x in sources if x.title),
    )


def since(events: tuple[EventRow, ...], day: dt.date) -> tuple[EventRow, ...]:
    return tuple(e for e in events if e.date >= day)
