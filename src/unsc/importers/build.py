"""Building the record's database from the bundled data: each importer replaces its own rows
inside the caller's transaction, so an import lands whole or not at all."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Protocol, cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from unsc.analysis.replay import ReplayReport
from unsc.core.law import Law
from unsc.importers import (
    dprk,
    drafts,
    meetings,
    pvs,
    resolutions,
    statements,
    unvotes,
    vetolists,
)
from unsc.importers.progress import Progress
from unsc.importers.textfiles import RowError
from unsc.importers.votes import clear, load_states, load_votes
from unsc.record import models as m
from unsc.record import search as search_index

SOURCES: tuple[dict[str, str], ...] = (
    {
        "id": "sciencespo",
        "title": "UNSC votes since 1946 Database (Sciences Po Atelier de cartographie / GRAM)",
        "file": "unsc_votes_1946_2025.csv",
        "licence": "CC BY 4.0",
        "url": "https://github.com/AtelierCartographie/bd-unsc",
        "citation": 'MARTIN, Benoît, 2026, "UNSC votes since 1946 Database", data.sciencespo, '
        "V1. Atelier de cartographie de Sciences Po / GRAM.",
    },
    {
        "id": "dhl",
        "title": "Security Council - Veto List (Dag Hammarskjöld Library), to 26 May 2022",
        "file": "dhl_veto_list_1946_2022-05.csv",
        "licence": "United Nations material (UN website terms of use)",
        "url": "https://github.com/intreleng-research/unsc-dataset",
        "citation": "Dag Hammarskjöld Library, Security Council - Veto List.",
    },
    {
        "id": "wpdl",
        "title": "Vetoes in the UN Security Council, 1946-2022 (World Politics Data Lab)",
        "file": "wpdl_unsc_vetoes_1946_sept2022.csv",
        "licence": "MIT",
        "url": "https://github.com/world-politics-datalab/vetoes-un-security-council",
        "citation": "Yordán, C. L., World Politics Data Lab (2022).",
    },
    {
        "id": "dhl-meetings",
        "title": "Meetings conducted by the Security Council, 1946 to June 2022 (Dag "
        "Hammarskjöld Library)",
        "file": meetings.MEETINGS_FILE,
        "licence": "United Nations material (UN website terms of use)",
        "url": "https://github.com/intreleng-research/unsc-dataset",
        "citation": "United Nations, Dag Hammarskjöld Library, Security Council meetings "
        "(research.un.org), yearly tables 1946-2022, saved at commit 80fede2.",
    },
    {
        "id": resolutions.SOURCE_ID,
        "title": "Security Council resolutions 2000-2026 in Akoma Ntoso XML (United Nations, "
        "DGACM), with the Dag Hammarskjöld Library's metadata",
        "file": resolutions.TEXT_FILE,
        "licence": "United Nations material; acknowledge the United Nations as the source",
        "url": "https://github.com/UNxml/SCresolutions",
        "citation": "Source: United Nations, Department for General Assembly and Conference "
        "Management (DGACM), UNxml/SCresolutions, commit 6c4072a (2026-07-21). Unofficial "
        "copies for information; no open licence stated: the user must acknowledge the United "
        "Nations as the source.",
    },
    {
        "id": statements.SOURCE_ID,
        "title": "Statements by the President of the Security Council 2000-2026 in Akoma Ntoso "
        "XML (United Nations, DGACM)",
        "file": statements.TEXT_FILE,
        "licence": "United Nations material; acknowledge the United Nations as the source",
        "url": "https://github.com/UNxml/SCresolutions",
        "citation": "Source: United Nations, Department for General Assembly and Conference "
        "Management (DGACM), UNxml/SCresolutions (PRST), commit 6c4072a (2026-07-21). "
        "Unofficial copies for information; no open licence stated: the user must acknowledge "
        "the United Nations as the source.",
    },
    {
        "id": drafts.SOURCE_ID,
        "title": "Draft resolutions not adopted 2023-2025 in Akoma Ntoso XML (United Nations, "
        "DGACM)",
        "file": drafts.TEXT_FILE,
        "licence": "United Nations material; acknowledge the United Nations as the source",
        "url": "https://github.com/UNxml/SCresolutions",
        "citation": "Source: United Nations, Department for General Assembly and Conference "
        "Management (DGACM), UNxml/SCresolutions (Not adopted), commit 6c4072a (2026-07-21). "
        "Unofficial copies for information; no open licence stated: the user must acknowledge "
        "the United Nations as the source.",
    },
    {
        "id": unvotes.SOURCE_ID,
        "title": "Security Council votes of 2026 from the resolutions' metadata (United Nations, "
        "DGACM, with the Dag Hammarskjöld Library), decided by unsc",
        "file": unvotes.METADATA_FILE,
        "licence": "United Nations material; acknowledge the United Nations as the source",
        "url": "https://github.com/UNxml/SCresolutions",
        "citation": "Source: United Nations, Department for General Assembly and Conference "
        "Management (DGACM), UNxml/SCresolutions, data_extract/2026.json, commit 6c4072a "
        "(2026-07-21): each resolution's adoption line, meeting, draft and member lists. "
        "Unofficial copies for information; no open licence stated: the user must acknowledge "
        "the United Nations as the source.",
    },
    {
        "id": pvs.SOURCE_ID,
        "title": "Security Council resolutions 1-1284 (1946-1999), plain texts (United Nations; "
        "collected in the PVS replication data, felixhaass/pvs_securitycouncil)",
        "file": pvs.TEXT_FILE,
        "licence": "United Nations material; acknowledge the UN as the source (repository: MIT)",
        "url": "https://github.com/felixhaass/pvs_securitycouncil",
        "citation": "Source: United Nations Security Council resolutions S/RES/1 (1946) to "
        "S/RES/1284 (1999). Texts collected by Felix Haass, felixhaass/pvs_securitycouncil, "
        "commit 05ff4ea (2017-08-28), MIT licence; 776 from UNHCR Refworld, whose citation "
        "header is stripped.",
    },
    {
        "id": "nk-missile-tests",
        "title": "North Korea missile tests (nagix/nk-missile-tests, from the CNS database)",
        "file": "nagix_test.en.json",
        "licence": "Apache-2.0",
        "url": "https://github.com/nagix/nk-missile-tests",
        "citation": "nagix/nk-missile-tests, commit a0cc658 (2026-04-21), after the James Martin "
        "CNS North Korea Missile Test Database (NTI).",
    },
    {
        "id": "fact-sheet",
        "title": "unsc domain fact sheet (verified entries), with the sources each names",
        "file": "dprk_record.yaml",
        "licence": "facts, each with its source",
        "url": "",
        "citation": "See the source named on each row.",
    },
)

DATA_FILES = (
    ("unsc.data.sciencespo", "unsc_votes_1946_2025.csv"),
    ("unsc.data.annotations", "sciencespo.yaml"),
    ("unsc.data.vetolists", vetolists.DHL_FILE),
    ("unsc.data.vetolists", vetolists.WPDL_FILE),
    (meetings.DATA_PACKAGE, meetings.MEETINGS_FILE),
    (resolutions.DATA_PACKAGE, resolutions.TEXT_FILE),
    (resolutions.DATA_PACKAGE, statements.TEXT_FILE),
    (resolutions.DATA_PACKAGE, drafts.TEXT_FILE),
    (pvs.DATA_PACKAGE, pvs.TEXT_FILE),
    *(
        (resolutions.DATA_PACKAGE, f"{resolutions.METADATA_DIR}/{year}.json.gz")
        for year in resolutions.METADATA_YEARS
    ),
    ("unsc.data.dprk", dprk.TESTS_FILE),
    ("unsc.data.dprk", dprk.MISSILES_FILE),
    ("unsc.data.dprk", dprk.RECORD_FILE),
    ("unsc.law.data", "terms.yaml"),
    ("unsc.law.data", "states.yaml"),
    ("unsc.law.data", "council.yaml"),
    ("unsc.law.data", "elections.yaml"),
)


def fingerprint(schema_revision: str) -> str:
    """A hash of the bundled data, the importers' code and the schema: a database built
    from other data, or by other importers, is stale."""
    digest = hashlib.sha256(schema_revision.encode())
    for package, name in DATA_FILES:
        digest.update(resources.files(package).joinpath(name).read_bytes())
    code = resources.files("unsc.importers")
    for module in sorted(p.name for p in code.iterdir() if p.name.endswith(".py")):
        digest.update(code.joinpath(module).read_bytes())
    # The search index is built with the record: a change to how it is built rebuilds it.
    digest.update(resources.files("unsc.record").joinpath("search.py").read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class BuildSummary:
    votes: int
    vetoes: int
    veto_list_rows: int
    veto_list_differences: int
    events: int
    statements: int
    meetings: int


SOURCE_FILES = {
    "sciencespo": ("unsc.data.sciencespo", "unsc_votes_1946_2025.csv"),
    "dhl": ("unsc.data.vetolists", vetolists.DHL_FILE),
    "wpdl": ("unsc.data.vetolists", vetolists.WPDL_FILE),
    "dhl-meetings": (meetings.DATA_PACKAGE, meetings.MEETINGS_FILE),
    resolutions.SOURCE_ID: (resolutions.DATA_PACKAGE, resolutions.TEXT_FILE),
    statements.SOURCE_ID: (resolutions.DATA_PACKAGE, statements.TEXT_FILE),
    drafts.SOURCE_ID: (resolutions.DATA_PACKAGE, drafts.TEXT_FILE),
    unvotes.SOURCE_ID: (resolutions.DATA_PACKAGE, unvotes.METADATA_FILE),
    pvs.SOURCE_ID: (pvs.DATA_PACKAGE, pvs.TEXT_FILE),
    "nk-missile-tests": ("unsc.data.dprk", dprk.TESTS_FILE),
    "fact-sheet": ("unsc.data.dprk", dprk.RECORD_FILE),
}


def load_sources(session: Session) -> None:
    """The sources, each with the SHA-256 of the bundled file it names (added or updated)."""
    for source in SOURCES:
        package, name = SOURCE_FILES[source["id"]]
        digest = hashlib.sha256(resources.files(package).joinpath(name).read_bytes())
        session.merge(m.Source(**source, sha256=digest.hexdigest()))


def import_votes(session: Session, law: Law, report: ReplayReport, progress: Progress) -> int:
    """The record's votes (``report``, less any vote made from the UN metadata that it
    holds), then the votes of 2026 the record does not hold, from the UN metadata."""
    load_sources(session)
    clear(session)
    unvotes.clear(session)
    load_states(session, law)
    recorded = tuple(r for r in report.results if r.vote.vote_id < unvotes.ID_BASE)
    count = load_votes(session, law, ReplayReport(recorded, report.annotations), progress)
    recent = unvotes.bundled(law, [r.vote for r in recorded])
    return count + unvotes.load(session, law, recent, progress)


def vetoed_votes(session: Session) -> list[vetolists.EngineVeto]:
    """The votes in the database that the engine found vetoed, with who vetoed each."""
    rows = session.execute(
        select(m.Vote.id, m.Vote.date, m.Vote.draft_symbol, m.Vote.symbol, m.Cast.state_key)
        .join(m.Cast, m.Cast.vote_id == m.Vote.id)
        .where(m.Vote.reason == "veto", m.Cast.permanent.is_(True), m.Cast.cast == "no")
    )
    members: dict[tuple[int, dt.date, str], set[str]] = {}
    for vote_id, day, draft, symbol, key in rows:
        members.setdefault((vote_id, day, draft or symbol), set()).add(key)
    return [
        vetolists.EngineVeto(vote_id, day, symbol, frozenset(keys))
        for (vote_id, day, symbol), keys in sorted(members.items())
    ]


def import_veto_lists(
    session: Session,
    law: Law,
    progress: Progress,
    dhl: Sequence[vetolists.ListedVeto] | None = None,
    wpdl: Sequence[vetolists.ListedVeto] | None = None,
) -> tuple[int, int]:
    """The library's and the WPDL lists, each row reconciled with the vetoed votes in the
    database.

    Returns (rows, rows that differ). Also fills meeting symbols and WPDL topics where a
    list row matches a vote.
    """
    load_sources(session)
    dhl = vetolists.parse_dhl(vetolists.bundled(vetolists.DHL_FILE)) if dhl is None else dhl
    wpdl = vetolists.parse_wpdl(vetolists.bundled(vetolists.WPDL_FILE)) if wpdl is None else wpdl
    engine = vetoed_votes(session)
    names = {key: law.states[key].on(law.known_until).name for key in law.permanent_keys}
    session.execute(delete(m.VetoListEntry))
    session.execute(delete(m.Meeting).where(m.Meeting.source_id == "dhl"))
    progress.start("veto lists", len(dhl) + len(wpdl))
    rows: list[dict[str, Any]] = []
    meetings: dict[str, dict[str, Any]] = {}
    meeting_of: dict[int, str] = {}
    topic_of: dict[int, str] = {}
    differences = 0
    for reconciled in vetolists.reconcile([*dhl, *wpdl], engine, names):
        listed = reconciled.listed
        differences += reconciled.difference is not None
        rows.append(
            {
                "source_id": listed.source,
                "source_row": listed.row,
                "date": listed.start,
                "draft_symbol": listed.draft,
                "meeting_symbol": listed.meeting,
                "agenda_item": listed.agenda_item,
                "topic": listed.topic,
                "members": [names.get(k, k) for k in listed.members],
                "matched_vote_id": reconciled.vote_ids[0] if reconciled.vote_ids else None,
                "difference": reconciled.difference,
            }
        )
        meeting = vetolists.base_symbol(listed.meeting)
        for vote_id in reconciled.vote_ids:
            if listed.source == "dhl" and meeting.startswith("S/PV."):
                meeting_of[vote_id] = meeting
                meetings.setdefault(
                    meeting,
                    {
                        "symbol": meeting,
                        "date": listed.start,
                        "public": None,
                        "source_id": "dhl",
                        "source_row": listed.row,
                    },
                )
            if listed.topic:
                topic_of[vote_id] = listed.topic
        progress.advance()
    session.execute(insert(m.VetoListEntry), rows)
    connection = session.connection()
    votes = cast(Table, m.Vote.__table__)
    vetoes = cast(Table, m.Veto.__table__)
    # The votes made from the UN metadata keep the meeting it gives.
    connection.execute(
        update(votes).where(votes.c.source_id != unvotes.SOURCE_ID).values(meeting_symbol=None)
    )
    connection.execute(update(vetoes).values(topic=None))
    if meeting_of:
        connection.execute(
            update(votes)
            .where(votes.c.id == bindparam("vid"))
            .values(meeting_symbol=bindparam("meeting")),
            [{"vid": k, "meeting": v} for k, v in meeting_of.items()],
        )
    if topic_of:
        connection.execute(
            update(vetoes)
            .where(vetoes.c.vote_id == bindparam("vid"))
            .values(topic=bindparam("new_topic")),
            [{"vid": k, "new_topic": v} for k, v in topic_of.items()],
        )
    known = set(session.scalars(select(m.Meeting.symbol)))
    fresh = [row for symbol, row in meetings.items() if symbol not in known]
    if fresh:
        session.execute(insert(m.Meeting), fresh)
    return len(rows), differences


def import_dprk(session: Session, progress: Progress) -> tuple[int, int, int]:
    """Missile launches, nuclear tests, statements and meetings. Returns their counts."""
    load_sources(session)
    launches = dprk.bundled_launches()
    record = dprk.bundled_record()
    session.execute(delete(m.Event))
    session.execute(delete(m.Statement))
    session.execute(delete(m.Meeting).where(m.Meeting.source_id == "fact-sheet"))
    progress.start("DPRK events", len(launches) + len(record["nuclear_tests"]))
    events: list[dict[str, Any]] = []
    for launch in launches:
        events.append(
            {
                "kind": "missile_launch",
                "date": launch.date,
                "date_basis": "UTC (CNS data)",
                "date_precision": launch.precision,
                "utc": None if launch.utc is None else launch.utc.replace(tzinfo=None),
                "date_new_york": launch.date_new_york,
                "date_korea": launch.date_korea,
                "name": launch.name,
                "missile_type": launch.missile_type,
                "outcome": launch.outcome,
                "facility": launch.facility,
                "apogee_km": launch.apogee_km,
                "distance_km": launch.distance_km,
                "icbm_class": launch.is_icbm_class,
                "source_id": "nk-missile-tests",
                "source_row": launch.row,
                "source_ref": dprk.TESTS_FILE,
            }
        )
        progress.advance()
    for i, test in enumerate(record["nuclear_tests"], start=1):
        events.append(
            {
                "kind": "nuclear_test",
                "date": test["date"],
                "date_basis": "as reported",
                "date_precision": "day",
                "utc": None,
                "date_new_york": test.get("date_new_york"),
                "date_korea": test.get("date_korea"),
                "name": f"Nuclear test {test['n']}",
                "missile_type": None,
                "outcome": None,
                "facility": None,
                "apogee_km": None,
                "distance_km": None,
                "icbm_class": False,
                "source_id": "fact-sheet",
                "source_row": i,
                "source_ref": test["source"],
            }
        )
        progress.advance()
    session.execute(insert(m.Event), events)
    statements = [
        {
            "kind": s["kind"],
            "symbol": s.get("symbol"),
            "date": s["date"],
            "subject": s["subject"],
            "council_status": s["kind"] != "joint_statement",
            "read_by": s.get("read_by"),
            "signatories": s.get("signatories", []),
            "source_id": "fact-sheet",
            "source_ref": s["source"],
        }
        for s in record["statements"]
    ]
    session.execute(insert(m.Statement), statements)
    known = set(session.scalars(select(m.Meeting.symbol)))
    meetings = [
        {
            "symbol": mt["symbol"],
            "date": mt["date"],
            "public": None,
            "source_id": "fact-sheet",
            "source_row": i,
        }
        for i, mt in enumerate(record["meetings"], start=1)
        if mt["symbol"] not in known
    ]
    if meetings:
        session.execute(insert(m.Meeting), meetings)
    return len(events), len(statements), len(meetings)


def import_meetings(
    session: Session, progress: Progress, rows: Sequence[meetings.MeetingRow] | None = None
) -> int:
    """The library's meetings and their agenda rows; returns how many meetings.

    A meeting another source also names (the veto list's, the DPRK fact sheet's) is the
    library's row: its date, format and agenda win, as the library's tables are the
    Council's own record of its meetings. Then votes are linked to their meetings.
    """
    load_sources(session)
    rows = meetings.bundled() if rows is None else rows
    progress.start("meetings", len(rows))
    session.execute(delete(m.MeetingAgendaItem))
    session.execute(delete(m.Meeting).where(m.Meeting.source_id == "dhl-meetings"))
    keys = [row.key for row in rows]
    for start in range(0, len(keys), 500):
        session.execute(delete(m.Meeting).where(m.Meeting.symbol.in_(keys[start : start + 500])))
    records: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    for row in rows:
        records.append(
            {
                "symbol": row.key,
                "date": row.date,
                "public": row.format != "private",
                "format": row.format,
                "date_text": row.date_text,
                "source_id": "dhl-meetings",
                "source_row": row.line,
            }
        )
        for position, item in enumerate(row.items, start=1):
            items.append(
                {
                    "meeting_symbol": row.key,
                    "position": position,
                    "text": item.text,
                    "record": item.record,
                    "date": item.date,
                    "date_text": item.date_text,
                    "press_release": item.press_release,
                    "outcome": item.outcome,
                    "outcome_documents": list(item.outcome_documents),
                    "source_id": "dhl-meetings",
                    "source_row": item.line,
                }
            )
        progress.advance()
    session.execute(insert(m.Meeting), records)
    session.execute(insert(m.MeetingAgendaItem), items)
    link_votes(session, rows)
    return len(rows)


_REVISION = re.compile(r"/Rev\.\d+$")


def link_votes(session: Session, rows: Sequence[meetings.MeetingRow] | None = None) -> int:
    """Give each vote without a meeting the S/PV meeting whose outcome documents name its
    resolution or its draft (a vote the veto list already placed keeps its meeting).
    Meetings without an S/PV number are not written on votes; their pages find their votes
    by outcome document. Returns how many votes were linked."""
    rows = meetings.bundled() if rows is None else rows
    meeting_of: dict[str, str] = {}
    for row in rows:
        if row.symbol is not None:
            for document in row.outcome_documents:
                meeting_of.setdefault(document, row.symbol)
    known = {row.symbol for row in rows if row.symbol is not None}
    unlinked = session.execute(
        select(m.Vote.id, m.Vote.symbol, m.Vote.resolution_symbol, m.Vote.draft_symbol).where(
            m.Vote.meeting_symbol.is_(None)
        )
    )
    found = []
    for vote_id, given, resolution, draft in unlinked:
        # A vote the record names by its meeting ("S/PV.131") is that meeting's; a draft
        # voted as revised ("S/579/Rev.1") is the draft the library lists ("S/579").
        symbol: str | None = given if given in known else None
        for named in (resolution, draft, _REVISION.sub("", draft or "")):
            symbol = symbol or meeting_of.get(named or "")
        if symbol is not None:
            found.append({"vid": vote_id, "meeting": symbol})
    if found:
        votes = cast(Table, m.Vote.__table__)
        session.connection().execute(
            update(votes)
            .where(votes.c.id == bindparam("vid"))
            .values(meeting_symbol=bindparam("meeting")),
            found,
        )
    return len(found)


def import_resolutions(
    session: Session, progress: Progress, parsed: resolutions.Parsed | None = None
) -> int:
    """Resolutions and their paragraphs, each resolution linked to the vote that adopted it
    (the vote whose resolution symbol is its symbol). Returns how many resolutions."""
    load_sources(session)
    parsed = resolutions.bundled() if parsed is None else parsed
    rows = parsed.resolutions
    progress.start("resolutions", len(rows))
    mine = select(m.Resolution.number).where(m.Resolution.source_id == resolutions.SOURCE_ID)
    session.execute(
        delete(m.ResolutionParagraph).where(m.ResolutionParagraph.resolution_number.in_(mine))
    )
    session.execute(delete(m.Resolution).where(m.Resolution.source_id == resolutions.SOURCE_ID))
    vote_of: dict[str, int] = {}
    for vote_id, symbol in session.execute(
        select(m.Vote.id, m.Vote.resolution_symbol).where(m.Vote.resolution_symbol.is_not(None))
    ):
        vote_of.setdefault(symbol or "", vote_id)
    records: list[dict[str, Any]] = []
    paragraphs: list[dict[str, Any]] = []
    for row in rows:
        records.append(
            {
                "number": row.number,
                "symbol": row.symbol,
                "adopted": row.adopted,
                "meeting_symbol": row.meeting,
                "adoption": row.adoption,
                "agenda_item": row.agenda_item,
                "title": row.title,
                "draft_symbol": row.draft,
                "chapter_vii": row.chapter_vii,
                "sponsors": list(row.sponsors),
                "subjects": list(row.subjects),
                "subjects_text": "\n".join(row.subjects),
                "yes": row.yes,
                "no": row.no,
                "abstain": row.abstain,
                "vote_id": vote_of.get(row.symbol),
                "source_id": resolutions.SOURCE_ID,
                "source_ref": row.source_ref,
            }
        )
        paragraphs.extend(_paragraph_rows({"resolution_number": row.number}, row.paragraphs))
        progress.advance()
    session.execute(insert(m.Resolution), records)
    session.execute(insert(m.ResolutionParagraph), paragraphs)
    return len(rows)


def import_early_resolutions(
    session: Session, progress: Progress, rows: Sequence[pvs.TextRow] | None = None
) -> int:
    """Resolutions 1-1284 (1946-1999) and their paragraphs, from the PVS plain texts (after
    ``import_resolutions``). A resolution the UN's structured files also hold keeps theirs:
    the UN data wins (the PVS texts bundled stop at 1284, where it begins). The date, title
    and meeting are the vote's that adopted it (the vote record's row with its number),
    else the date and meeting of the library's meeting whose outcome documents name it.
    Returns how many resolutions."""
    load_sources(session)
    rows = pvs.bundled() if rows is None else rows
    progress.start("resolutions 1946-1999 (text)", len(rows))
    numbers = [r.number for r in rows]
    session.execute(
        delete(m.ResolutionParagraph).where(
            m.ResolutionParagraph.resolution_number.in_(
                select(m.Resolution.number).where(m.Resolution.source_id == pvs.SOURCE_ID)
            )
        )
    )
    session.execute(delete(m.Resolution).where(m.Resolution.source_id == pvs.SOURCE_ID))
    held = set(session.scalars(select(m.Resolution.number)))
    votes: dict[int, tuple[int, dt.date, str, str | None]] = {}
    for vote_id, number, day, name, spv in session.execute(
        select(m.Vote.id, m.Vote.resolution, m.Vote.date, m.Vote.title, m.Vote.meeting_symbol)
        .where(m.Vote.resolution.in_(numbers), m.Vote.simulation.is_(False))
        .order_by(m.Vote.date, m.Vote.id)
    ):
        votes.setdefault(number or 0, (vote_id, day, name, spv))
    named: dict[str, tuple[dt.date, str]] = {}
    for symbol, day, documents in session.execute(
        select(
            m.MeetingAgendaItem.meeting_symbol,
            m.MeetingAgendaItem.date,
            m.MeetingAgendaItem.outcome_documents,
        ).order_by(m.MeetingAgendaItem.date, m.MeetingAgendaItem.id)
    ):
        for document in documents:
            if document.startswith("S/RES/"):
                named.setdefault(document, (day, symbol))
    records: list[dict[str, Any]] = []
    paragraphs: list[dict[str, Any]] = []
    for row in rows:
        progress.advance()
        if row.number in held:
            continue  # the UN's structured files hold it: theirs wins
        vote = votes.get(row.number)
        listed = named.get(row.symbol)
        if vote is None and listed is None:
            raise RowError(
                pvs.TEXT_FILE,
                row.line,
                "file",
                f"{row.symbol} is in no vote and no meeting's outcome documents: its date "
                "is not known",
            )
        stripped = "; Refworld citation header stripped" if row.refworld else ""
        title: str | None
        if vote is not None:
            adopted, title, spv = vote[1], vote[2], vote[3]
        else:
            assert listed is not None
            adopted, title = listed[0], None
            spv = listed[1] if listed[1].startswith("S/PV.") else None
        records.append(
            {
                "number": row.number,
                "symbol": row.symbol,
                "adopted": adopted,
                "meeting_symbol": spv,
                "adoption": "",
                "agenda_item": "",
                "title": title,
                "draft_symbol": None,
                "chapter_vii": None,
                "sponsors": [],
                "subjects": [],
                "subjects_text": "",
                "yes": None,
                "no": None,
                "abstain": None,
                "vote_id": vote[0] if vote is not None else None,
                "source_id": pvs.SOURCE_ID,
                "source_ref": f"{pvs.TEXT_FILE}, line {row.line} ({row.file}){stripped}",
            }
        )
        paragraphs.extend(_paragraph_rows({"resolution_number": row.number}, row.paragraphs))
    if records:
        session.execute(insert(m.Resolution), records)
        session.execute(insert(m.ResolutionParagraph), paragraphs)
    return len(records)


def import_statements(
    session: Session, progress: Progress, parsed: statements.Parsed | None = None
) -> int:
    """Presidential statements and their paragraphs, each linked to the meeting whose outcome
    documents name it (the library's meetings, to June 2022), else to the S/PV meeting its
    opening words name. Returns how many statements."""
    load_sources(session)
    parsed = statements.bundled() if parsed is None else parsed
    rows = parsed.statements
    progress.start("presidential statements", len(rows))
    session.execute(delete(m.StatementParagraph))
    session.execute(delete(m.PresidentialStatement))
    named: dict[str, str] = {}
    for symbol, documents in session.execute(
        select(m.MeetingAgendaItem.meeting_symbol, m.MeetingAgendaItem.outcome_documents)
        .order_by(m.MeetingAgendaItem.meeting_symbol.startswith("no-spv"))
        .order_by(m.MeetingAgendaItem.date, m.MeetingAgendaItem.id)
    ):
        for document in documents:
            if document.startswith("S/PRST/"):
                named.setdefault(document, symbol)
    records: list[dict[str, Any]] = []
    paragraphs: list[dict[str, Any]] = []
    for row in rows:
        records.append(
            {
                "symbol": row.symbol,
                "year": row.year,
                "number": row.number,
                "date": row.date,
                "agenda_item": row.agenda_item,
                "meeting_symbol": named.get(row.symbol, row.meeting),
                "corrigendum_of": row.corrigendum_of,
                "parse_note": row.parse_note,
                "source_id": statements.SOURCE_ID,
                "source_ref": row.source_ref,
            }
        )
        paragraphs.extend(_paragraph_rows({"statement_symbol": row.symbol}, row.paragraphs))
        progress.advance()
    session.execute(insert(m.PresidentialStatement), records)
    session.execute(insert(m.StatementParagraph), paragraphs)
    return len(rows)


def import_drafts(
    session: Session, progress: Progress, rows: Sequence[drafts.DraftRow] | None = None
) -> int:
    """The drafts not adopted and their paragraphs, each linked to the vote on it (the vote
    whose draft symbol is its symbol). Returns how many drafts."""
    load_sources(session)
    rows = drafts.bundled() if rows is None else rows
    progress.start("drafts not adopted", len(rows))
    session.execute(delete(m.DraftParagraph))
    session.execute(delete(m.Draft))
    vote_of: dict[str, int] = {}
    for vote_id, symbol in session.execute(
        select(m.Vote.id, m.Vote.draft_symbol)
        .where(m.Vote.draft_symbol.in_([r.symbol for r in rows]))
        .order_by(m.Vote.date, m.Vote.id)
    ):
        vote_of.setdefault(symbol or "", vote_id)
    records: list[dict[str, Any]] = []
    paragraphs: list[dict[str, Any]] = []
    for row in rows:
        records.append(
            {
                "symbol": row.symbol,
                "date": row.date,
                "sponsors": list(row.sponsors),
                "vote_id": vote_of.get(row.symbol),
                "source_id": drafts.SOURCE_ID,
                "source_ref": row.source_ref,
            }
        )
        paragraphs.extend(_paragraph_rows({"draft_symbol": row.symbol}, row.paragraphs))
        progress.advance()
    session.execute(insert(m.Draft), records)
    session.execute(insert(m.DraftParagraph), paragraphs)
    return len(rows)


class _Paragraph(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def number(self) -> str | None: ...
    @property
    def section(self) -> str: ...
    @property
    def text(self) -> str: ...


def _paragraph_rows(
    owner: dict[str, Any], paragraphs: Sequence[_Paragraph]
) -> list[dict[str, Any]]:
    """One row per paragraph of a document (resolution, statement, draft), in order, each
    with the document's key (``owner``) and, where the paragraph has one, its parent."""
    rows = []
    for position, p in enumerate(paragraphs, start=1):
        row = {**owner, "kind": p.kind, "number": p.number, "position": position}
        row |= {"section": p.section, "text": p.text}
        if hasattr(p, "parent"):
            row["parent"] = p.parent
        rows.append(row)
    return rows


def set_meta(session: Session, key: str, value: str) -> None:
    session.execute(delete(m.Meta).where(m.Meta.key == key))
    session.execute(insert(m.Meta), [{"key": key, "value": value}])


def build_all(
    session: Session, law: Law, report: ReplayReport, progress: Progress, fingerprint_: str
) -> BuildSummary:
    """Every importer, in order, in the session's transaction; records the fingerprint."""
    votes = import_votes(session, law, report, progress)
    rows, differences = import_veto_lists(session, law, progress)
    events, statements, _ = import_dprk(session, progress)
    import_meetings(session, progress)
    import_resolutions(session, progress)
    import_early_resolutions(session, progress)
    import_statements(session, progress)
    import_drafts(session, progress)
    search_index.build_index(session)  # last: it reads every table built above
    set_meta(session, "fingerprint", fingerprint_)
    set_meta(session, "built", dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))

    def count(model: type[m.Base]) -> int:
        return session.scalar(select(func.count()).select_from(model)) or 0

    return BuildSummary(
        votes, count(m.Veto), rows, differences, events, statements, count(m.Meeting)
    )
