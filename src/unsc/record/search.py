"""The search index: built from every kind of record at the end of the full build, and
queried with full-text search (SQLite FTS5, ranked by bm25; PostgreSQL tsvector, ranked by
ts_rank_cd), exact symbol matches first.

Launches and the Council's responses. No Council document names a missile ("Hwasong"), so
each DPRK launch and nuclear test is linked to what the Council did next, by this rule
(``link_events``): the event's day is its New York date where the source's time gives one,
else the source's (UTC) date; the event is linked to the Council's **first decision on the
DPRK** dated on or after that day and at most ``WINDOW_DAYS`` days later (every decision of
that day, with the meeting it was taken at and the vote on it), and to the **first meeting
whose agenda names the DPRK** in the same window. A decision on the DPRK is a resolution or
a presidential statement whose agenda item names the DPRK, or a vote whose title does (a
draft put to the vote, adopted or not). Each linked document is indexed with the events it
follows ("First decision on the DPRK after the launch of 28 August 2017 (Hwasong-12)"), so a
missile's name finds it and the snippet says why; each event with the documents that follow
it. The link says what came next, not what the Council meant to answer: the text of the
document is the authority on that.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, delete, func, insert, select, text
from sqlalchemy.orm import Session

from unsc.analysis.dprk import names_the_dprk
from unsc.core.documents import paragraph_anchor
from unsc.core.search_query import Query, fts5_match, symbol_key
from unsc.record import models as m

WINDOW_DAYS = 60
"""How long after a launch or a test the Council's next decision or meeting is linked to it."""

KINDS = (
    "resolution",
    "statement",
    "meeting",
    "vote",
    "draft",
    "event",
    "resolution_paragraph",
    "statement_paragraph",
    "draft_paragraph",
)
"""Every kind of search document, in the order their groups are shown."""

DOCUMENT_KINDS = ("resolution", "statement", "meeting", "draft", "vote")
"""The kinds a symbol names exactly, in the order exact matches are listed."""

MARK_START = "\x02"
MARK_END = "\x03"
"""Around each matched word in a snippet (control characters no document contains)."""


def names_dprk(text: str | None) -> bool:
    """Whether an agenda item or a title names the DPRK (its spellings in the sources, or
    "North Korea")."""
    return names_the_dprk(text) or bool(text and "north korea" in text.lower())


# ---------------------------------------------------------------------------------------
# Launches and what the Council did next


@dataclass(frozen=True, slots=True)
class EventRow:
    id: int
    kind: str
    day: dt.date
    name: str
    missile_type: str | None


@dataclass(frozen=True, slots=True)
class Response:
    """A document of the Council on the DPRK: ``key`` is how the index names it
    (``kind:symbol``); ``decision`` is false for a meeting, which decides nothing itself."""

    key: str
    day: dt.date
    decision: bool
    label: str
    also: tuple[str, ...] = ()
    """Keys linked with it: a decision's meeting and vote."""


@dataclass
class Links:
    """Which responses follow which events, both ways."""

    after: dict[str, list[tuple[str, EventRow]]] = field(default_factory=dict)
    """Response key -> (how, event) for each event it follows."""
    followed_by: dict[int, list[Response]] = field(default_factory=dict)


def link_events(
    events: Sequence[EventRow], responses: Sequence[Response], window_days: int = WINDOW_DAYS
) -> Links:
    """Each event linked to the first decision on the DPRK on or after its day, within the
    window (with every decision of that day and what each names in ``also``), and to the
    first DPRK meeting in the window. Pure; see the module's docstring for the rule."""
    links = Links()
    ordered = sorted(responses, key=lambda r: (r.day, r.key))
    for event in sorted(events, key=lambda e: (e.day, e.id)):
        last = event.day + dt.timedelta(days=window_days)
        window = [r for r in ordered if event.day <= r.day <= last]
        chosen: list[tuple[str, Response]] = []
        decisions = [r for r in window if r.decision]
        if decisions:
            first = decisions[0].day
            chosen += [("First decision on the DPRK", r) for r in decisions if r.day == first]
        meetings = [r for r in window if not r.decision]
        if meetings:
            chosen.append(("First meeting on the DPRK", meetings[0]))
        for how, response in chosen:
            for key in (response.key, *response.also):
                entries = links.after.setdefault(key, [])
                if all(e.id != event.id for _, e in entries):
                    entries.append((how, event))
            links.followed_by.setdefault(event.id, []).append(response)
    return links


def _event_label(events: Iterable[EventRow]) -> str:
    """'the launch of 28 August 2017 (Hwasong-12)', 'the launches of 12 May 2022 (Unknown,
    3 missiles)', 'nuclear test 6 of 3 September 2017', joined with 'and'."""
    by_day: dict[tuple[dt.date, str], list[EventRow]] = defaultdict(list)
    for e in events:
        by_day[(e.day, e.kind)].append(e)
    parts = []
    for (day, kind), group in sorted(by_day.items()):
        when = f"{day.day} {day:%B %Y}"
        if kind == "nuclear_test":
            parts += [f"{e.name.lower()} of {when}" for e in group]
            continue
        counts: dict[str, int] = {}
        for e in group:
            counts[e.name] = counts.get(e.name, 0) + 1
        names = ", ".join(n if c == 1 else f"{n} ×{c}" for n, c in counts.items())
        noun = "launch" if len(group) == 1 else "launches"
        parts.append(f"the {noun} of {when} ({names})")
    return "; ".join(parts)


# ---------------------------------------------------------------------------------------
# Building the index


def _fold_apostrophes(value: str) -> str:
    return value.replace("\u2019", "'").replace("\u2018", "'")


def build_index(session: Session) -> int:
    """Replace the search index with one row per vote, resolution, resolution paragraph,
    meeting, presidential statement and paragraph, draft and paragraph, and DPRK event,
    inside the caller's transaction. Returns how many rows."""
    session.execute(delete(m.SearchDocument))
    docs: dict[str, dict[str, Any]] = {}
    rows: list[dict[str, Any]] = []

    def add(key: str | None, **row: Any) -> None:
        row["title"] = _fold_apostrophes(row["title"])
        row["body"] = _fold_apostrophes(row["body"])
        row.setdefault("extra", "")
        row["symbol_key"] = symbol_key(row["symbol"])[:80]
        row["symbol"] = row["symbol"][:80]
        rows.append(row)
        if key is not None:
            docs[key] = row

    responses: list[Response] = []
    resolution_titles: dict[int, tuple[str, str]] = {}
    for r in session.execute(
        select(
            m.Resolution.number,
            m.Resolution.symbol,
            m.Resolution.adopted,
            m.Resolution.title,
            m.Resolution.agenda_item,
            m.Resolution.subjects_text,
            m.Resolution.adoption,
            m.Resolution.meeting_symbol,
            m.Resolution.draft_symbol,
            m.Resolution.vote_id,
        )
    ):
        title = r.title or f"Resolution {r.number} ({r.adopted.year})"
        resolution_titles[r.number] = (title, r.agenda_item)
        add(
            f"resolution:{r.symbol}",
            kind="resolution",
            symbol=r.symbol,
            date=r.adopted,
            title=title,
            body="\n".join(
                x for x in (r.agenda_item, r.adoption, r.draft_symbol, r.subjects_text) if x
            ),
            url=f"/resolutions/{r.number}",
        )
        if names_dprk(r.agenda_item):
            also = [f"meeting:{r.meeting_symbol}"] if r.meeting_symbol else []
            also += [f"vote:{r.vote_id}"] if r.vote_id else []
            responses.append(
                Response(f"resolution:{r.symbol}", r.adopted, True, r.symbol, tuple(also))
            )
    for p in session.execute(
        select(
            m.ResolutionParagraph.resolution_number,
            m.ResolutionParagraph.kind,
            m.ResolutionParagraph.number,
            m.ResolutionParagraph.position,
            m.ResolutionParagraph.text,
            m.Resolution.symbol,
            m.Resolution.adopted,
        ).join(m.Resolution, m.Resolution.number == m.ResolutionParagraph.resolution_number)
    ):
        anchor = paragraph_anchor(p.kind, p.number)
        add(
            None,
            kind="resolution_paragraph",
            symbol=p.symbol,
            date=p.adopted,
            title=_paragraph_name(p.kind, p.number, p.position),
            body=p.text,
            url=f"/resolutions/{p.resolution_number}" + (f"#{anchor}" if anchor else ""),
        )
    vetoed_by: dict[int, list[str]] = defaultdict(list)
    for vote_id, name in session.execute(
        select(m.Cast.vote_id, m.Cast.name)
        .join(m.Vote, m.Vote.id == m.Cast.vote_id)
        .where(m.Vote.reason == "veto", m.Cast.permanent.is_(True), m.Cast.cast == "no")
        .order_by(m.Cast.vote_id, m.Cast.position)
    ):
        vetoed_by[vote_id].append(name)
    agenda_of: dict[str, list[str]] = defaultdict(list)
    for symbol, item in session.execute(
        select(m.MeetingAgendaItem.meeting_symbol, m.MeetingAgendaItem.text).order_by(
            m.MeetingAgendaItem.meeting_symbol, m.MeetingAgendaItem.position
        )
    ):
        agenda_of[symbol].append(item)
    for v in session.execute(
        select(
            m.Vote.id,
            m.Vote.symbol,
            m.Vote.draft_symbol,
            m.Vote.resolution_symbol,
            m.Vote.resolution,
            m.Vote.meeting_symbol,
            m.Vote.date,
            m.Vote.title,
            m.Vote.explanation,
            m.Vote.simulation,
        )
    ):
        body = [v.explanation]
        if v.id in vetoed_by:
            body.append("Vetoed by " + ", ".join(vetoed_by[v.id]) + ".")
        if v.resolution in resolution_titles:
            body += [t for t in resolution_titles[v.resolution] if t]
        if v.meeting_symbol:
            body += agenda_of.get(v.meeting_symbol, [])
        symbols = " ".join(s for s in (v.draft_symbol, v.resolution_symbol, v.meeting_symbol) if s)
        add(
            f"vote:{v.id}",
            kind="vote",
            symbol=v.symbol,
            date=v.date,
            title=("Simulation: " if v.simulation else "") + v.title,
            body="\n".join(body),
            extra=symbols,
            url=f"/votes/{v.id}",
        )
        if not v.simulation and names_dprk(v.title) and v.resolution is None:
            at = (f"meeting:{v.meeting_symbol}",) if v.meeting_symbol else ()
            responses.append(Response(f"vote:{v.id}", v.date, True, v.symbol, at))
    outcomes: dict[str, list[str]] = defaultdict(list)
    documents: dict[str, list[str]] = defaultdict(list)
    for held_at, outcome, outcome_documents in session.execute(
        select(
            m.MeetingAgendaItem.meeting_symbol,
            m.MeetingAgendaItem.outcome,
            m.MeetingAgendaItem.outcome_documents,
        ).order_by(m.MeetingAgendaItem.meeting_symbol, m.MeetingAgendaItem.position)
    ):
        if outcome and outcome != "--":
            outcomes[held_at].append(outcome)
        documents[held_at] += list(outcome_documents)
    for mt in session.execute(select(m.Meeting.symbol, m.Meeting.date, m.Meeting.date_text)):
        agenda = agenda_of.get(mt.symbol, [])
        shown = mt.symbol if mt.symbol.startswith("S/PV.") else "Meeting without an S/PV number"
        add(
            f"meeting:{mt.symbol}",
            kind="meeting",
            symbol=mt.symbol,
            date=mt.date,
            title=f"{shown}: " + ("; ".join(agenda) if agenda else "agenda not in the record"),
            body="\n".join(outcomes.get(mt.symbol, [])),
            extra=" ".join(documents.get(mt.symbol, [])),
            url=f"/meetings/{mt.symbol}",
        )
        if mt.date is not None and any(names_dprk(a) for a in agenda):
            responses.append(Response(f"meeting:{mt.symbol}", mt.date, False, mt.symbol))
    for s in session.execute(
        select(
            m.PresidentialStatement.symbol,
            m.PresidentialStatement.date,
            m.PresidentialStatement.agenda_item,
            m.PresidentialStatement.meeting_symbol,
        )
    ):
        add(
            f"statement:{s.symbol}",
            kind="statement",
            symbol=s.symbol,
            date=s.date,
            title=f"{s.symbol}: {s.agenda_item or 'statement by the President'}",
            body=s.meeting_symbol or "",
            url=f"/statements/{s.symbol}",
        )
        if names_dprk(s.agenda_item):
            held = (f"meeting:{s.meeting_symbol}",) if s.meeting_symbol else ()
            responses.append(Response(f"statement:{s.symbol}", s.date, True, s.symbol, held))
    for sp in session.execute(
        select(
            m.StatementParagraph.statement_symbol,
            m.StatementParagraph.kind,
            m.StatementParagraph.position,
            m.StatementParagraph.text,
            m.PresidentialStatement.date,
        )
        .join(
            m.PresidentialStatement,
            m.PresidentialStatement.symbol == m.StatementParagraph.statement_symbol,
        )
        .where(m.StatementParagraph.kind != "heading")
    ):
        add(
            None,
            kind="statement_paragraph",
            symbol=sp.statement_symbol,
            date=sp.date,
            title=f"Paragraph {sp.position}",
            body=sp.text,
            url=f"/statements/{sp.statement_symbol}#p{sp.position}",
        )
    for d in session.execute(
        select(m.Draft.symbol, m.Draft.date, m.Draft.sponsors, m.Draft.vote_id)
    ):
        add(
            f"draft:{d.symbol}",
            kind="draft",
            symbol=d.symbol,
            date=d.date,
            title=f"Draft resolution {d.symbol}",
            body="Sponsors: " + ", ".join(d.sponsors),
            url=f"/drafts/{d.symbol}",
        )
    draft_titles: dict[str, str] = {}
    for draft_symbol, vote_title in session.execute(
        select(m.Vote.draft_symbol, m.Vote.title)
        .where(m.Vote.draft_symbol.is_not(None))
        .order_by(m.Vote.id)
    ):
        draft_titles.setdefault(draft_symbol or "", vote_title)
    for key, doc in docs.items():
        if key.startswith("draft:") and doc["symbol"] in draft_titles:
            doc["title"] = f"Draft resolution {doc['symbol']}: {draft_titles[doc['symbol']]}"
    for dp in session.execute(
        select(
            m.DraftParagraph.draft_symbol,
            m.DraftParagraph.kind,
            m.DraftParagraph.number,
            m.DraftParagraph.position,
            m.DraftParagraph.text,
            m.Draft.date,
        ).join(m.Draft, m.Draft.symbol == m.DraftParagraph.draft_symbol)
    ):
        anchor = paragraph_anchor(dp.kind, dp.number)
        add(
            None,
            kind="draft_paragraph",
            symbol=dp.draft_symbol,
            date=dp.date,
            title=_paragraph_name(dp.kind, dp.number, dp.position),
            body=dp.text,
            url=f"/drafts/{dp.draft_symbol}" + (f"#{anchor}" if anchor else ""),
        )
    events = [
        EventRow(e.id, e.kind, e.date_new_york or e.date, e.name, e.missile_type)
        for e in session.execute(
            select(
                m.Event.id,
                m.Event.kind,
                m.Event.date,
                m.Event.date_new_york,
                m.Event.name,
                m.Event.missile_type,
            )
        )
    ]
    links = link_events(events, responses)
    for e in session.execute(select(m.Event).order_by(m.Event.date, m.Event.id)).scalars():
        what = "Nuclear test" if e.kind == "nuclear_test" else "Missile launch"
        described = e.name if e.kind == "nuclear_test" else f"{what}: {e.name}"
        details = [x for x in (e.missile_type, e.outcome, e.facility) if x]
        followed = links.followed_by.get(e.id, [])
        add(
            None,
            kind="event",
            symbol=e.name,
            date=e.date,
            title=f"{described}, {e.date.day} {e.date:%B %Y}",
            body=", ".join(details),
            extra=(
                "Followed by "
                + ", ".join(f"{r.label} ({r.day.day} {r.day:%B %Y})" for r in followed)
                if followed
                else ""
            ),
            url="/dprk#table-events",
        )
    for key, entries in links.after.items():
        linked = docs.get(key)
        if linked is None:
            continue
        by_how: dict[str, list[EventRow]] = defaultdict(list)
        for how, event in entries:
            by_how[how].append(event)
        said = [f"{how} after {_event_label(evs)}." for how, evs in sorted(by_how.items())]
        linked["extra"] = " ".join([*said, linked["extra"]]).strip()
    # Core inserts, not the ORM's: a third of the time for 68,000 rows.
    table = cast(Table, m.SearchDocument.__table__)
    connection = session.connection()
    for start in range(0, len(rows), 5000):
        connection.execute(insert(table), rows[start : start + 5000])
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("INSERT INTO search_fts(search_fts) VALUES ('rebuild')"))
    return len(rows)


def _paragraph_name(kind: str, number: str | None, position: int) -> str:
    if kind == "preambular":
        return f"Preambular paragraph {number or position}"
    if number:
        return f"Operative paragraph {number}"
    return f"Paragraph {position}"


# ---------------------------------------------------------------------------------------
# Searching


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: ``snippet`` holds the matched words between ``MARK_START`` and
    ``MARK_END``; ``exact`` is true for a document its symbol named."""

    id: int
    kind: str
    symbol: str
    date: dt.date | None
    title: str
    snippet: str
    url: str
    exact: bool = False


@dataclass(frozen=True, slots=True)
class HitPage:
    total: int
    """Results of the kinds asked for (all kinds when none is asked for)."""
    groups: tuple[tuple[str, int], ...]
    """Results per kind, every kind with any, whatever kinds were asked for."""
    hits: tuple[Hit, ...]


_BM25 = "bm25(search_fts, 10.0, 1.0, 4.0)"
"""Title ten times the text, the other ways to find a document four times."""
_HEADLINE = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxFragments=2, MaxWords=28, MinWords=10, "
    'FragmentDelimiter=" … "'
)
_KIND_ORDER = (
    "CASE d.kind " + " ".join(f"WHEN '{k}' THEN {i}" for i, k in enumerate(KINDS)) + " END"
)


def search(
    session: Session,
    query: Query,
    *,
    kinds: Sequence[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    limit: int = 20,
    offset: int = 0,
) -> HitPage:
    """Exact symbol matches first, then full-text matches ranked (bm25 on SQLite,
    ts_rank_cd on PostgreSQL), or, for a query of dates only, every document of those
    dates; within ``kinds``, ``start``-``end``."""
    postgres = session.get_bind().dialect.name == "postgresql"
    params: dict[str, Any] = {}
    where = _filters(query, start, end, params)
    exact = _exact(session, query, where, params)
    exact_ids = [h.id for h in exact]
    counts: dict[str, int] = defaultdict(int)
    for h in exact:
        counts[h.kind] += 1
    kind_where = ""
    if kinds:
        names = [f":kind{i}" for i in range(len(kinds))]
        params |= {f"kind{i}": k for i, k in enumerate(kinds)}
        kind_where = f" AND d.kind IN ({', '.join(names)})"
    not_exact = ""
    if exact_ids:
        not_exact = f" AND d.id NOT IN ({', '.join(str(int(i)) for i in exact_ids)})"
    wanted = [h for h in exact if not kinds or h.kind in kinds]
    shown = wanted[offset : offset + limit]
    rest_offset = max(0, offset - len(wanted))
    rest_limit = limit - len(shown)
    matched: list[Hit] = []
    if query.has_words:
        source, match_where, rank, snippet = (
            _postgres_match(query, params) if postgres else _sqlite_match(query, params)
        )
        base = f"FROM {source} WHERE {match_where}{where}{not_exact}"
        for kind, n in session.execute(
            text(f"SELECT d.kind, count(*) {base} GROUP BY d.kind"), params
        ):
            counts[kind] += n
        if rest_limit > 0:
            matched = _page(
                session, base + kind_where, rank, snippet, params, rest_limit, rest_offset, postgres
            )
    elif query.periods:
        base = f"FROM search_documents d WHERE 1 = 1{where}{not_exact}"
        for kind, n in session.execute(
            text(f"SELECT d.kind, count(*) {base} GROUP BY d.kind"), params
        ):
            counts[kind] += n
        if rest_limit > 0:
            sql = (
                "SELECT d.id, d.kind, d.symbol, d.date, d.title, d.url, "
                f"substr(d.body, 1, 240) AS snip {base}{kind_where} "
                f"ORDER BY {_KIND_ORDER}, d.date, d.id LIMIT :limit OFFSET :offset"
            )
            rows = session.execute(text(sql), params | {"limit": rest_limit, "offset": rest_offset})
            matched = [_hit(r) for r in rows]
    groups = tuple((k, counts[k]) for k in KINDS if counts.get(k))
    total = sum(n for k, n in groups if not kinds or k in kinds)
    return HitPage(total, groups, tuple(shown) + tuple(matched))


def _filters(
    query: Query, start: dt.date | None, end: dt.date | None, params: dict[str, Any]
) -> str:
    where = ""
    if start is not None:
        where += " AND d.date >= :start"
        params["start"] = start
    if end is not None:
        where += " AND d.date <= :end"
        params["end"] = end
    if query.periods:
        parts = []
        for i, p in enumerate(query.periods):
            parts.append(f"d.date BETWEEN :p{i}s AND :p{i}e")
            params |= {f"p{i}s": p.start, f"p{i}e": p.end}
        where += " AND (" + " OR ".join(parts) + ")"
    return where


def _exact(session: Session, query: Query, where: str, params: dict[str, Any]) -> list[Hit]:
    """The documents the query's symbols name, resolutions first."""
    keys = set(query.symbols)
    if query.resolution_numbers:
        numbers = list(query.resolution_numbers)
        keys |= {
            symbol_key(s)
            for s in session.scalars(
                select(m.Resolution.symbol).where(m.Resolution.number.in_(numbers))
            )
        }
        keys |= {
            symbol_key(s or "")
            for s in session.scalars(
                select(m.Vote.resolution_symbol).where(m.Vote.resolution.in_(numbers)).distinct()
            )
        }
    if not keys:
        return []
    names = {f"key{i}": k for i, k in enumerate(sorted(keys))}
    kinds = ", ".join(f"'{k}'" for k in DOCUMENT_KINDS)
    sql = (
        "SELECT d.id, d.kind, d.symbol, d.date, d.title, d.url, substr(d.body, 1, 240) AS snip "
        f"FROM search_documents d WHERE d.symbol_key IN ({', '.join(':' + n for n in names)}) "
        f"AND d.kind IN ({kinds}){where} ORDER BY {_KIND_ORDER}, d.date, d.id"
    )
    return [_hit(r, exact=True) for r in session.execute(text(sql), params | names)]


def _sqlite_match(query: Query, params: dict[str, Any]) -> tuple[str, str, str, str]:
    params["match"] = fts5_match(query)
    return (
        "search_fts JOIN search_documents d ON d.id = search_fts.rowid",
        "search_fts MATCH :match",
        f"{_BM25}",
        f"snippet(search_fts, -1, '{MARK_START}', '{MARK_END}', ' … ', 24)",
    )


def _postgres_match(query: Query, params: dict[str, Any]) -> tuple[str, str, str, str]:
    def phrase(p: str) -> str:
        name = f"w{len([k for k in params if k.startswith('w')])}"
        params[name] = p
        return f"phraseto_tsquery('english', :{name})"

    if query.groups:
        parts = ["(" + " || ".join(phrase(p) for p in group) + ")" for group in query.groups]
        tsquery = " && ".join(parts)
    else:
        tsquery = " || ".join(phrase(p) for p in query.phrases)
    params["headline"] = _HEADLINE
    return (
        f"search_documents d, ({'SELECT ' + tsquery + ' AS query'}) AS q",
        "d.tsv @@ q.query",
        "-ts_rank_cd(d.tsv, q.query)",
        "ts_headline('english', d.extra || ' ' || d.body, q.query, :headline)",
    )


def _page(
    session: Session,
    base: str,
    rank: str,
    snippet: str,
    params: dict[str, Any],
    limit: int,
    offset: int,
    postgres: bool,
) -> list[Hit]:
    bound = params | {"limit": limit, "offset": offset}
    order = f"ORDER BY {rank}, d.date DESC, d.id LIMIT :limit OFFSET :offset"
    if not postgres:
        columns = "d.id, d.kind, d.symbol, d.date, d.title, d.url"
        sql = f"SELECT {columns}, {snippet} AS snip {base} {order}"
        return [_hit(r) for r in session.execute(text(sql), bound)]
    # The headline is made for the page's rows only, after ranking.
    sql = (
        f"WITH page AS (SELECT d.id, q.query, {rank} AS r, d.date {base} {order}) "
        f"SELECT d.id, d.kind, d.symbol, d.date, d.title, d.url, "
        f"ts_headline('english', d.extra || ' ' || d.body, page.query, :headline) AS snip "
        "FROM page JOIN search_documents d ON d.id = page.id ORDER BY page.r, d.date DESC, d.id"
    )
    return [_hit(r) for r in session.execute(text(sql), bound)]


def _hit(row: Any, *, exact: bool = False) -> Hit:
    day = row.date
    if isinstance(day, str):  # SQLite's text() rows give ISO strings
        day = dt.date.fromisoformat(day)
    return Hit(row.id, row.kind, row.symbol, day, row.title, row.snip or "", row.url, exact)


def count_documents(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(m.SearchDocument)) or 0
