"""Search over the whole record: what people type (``unsc.core.search_query``), looked up in
the search index (``unsc.record.search``), answered as typed results grouped by kind.

Countries are found under every name: ISO 3166's names (pycountry: its name, official name
and common name, the name it writes as "Korea, Democratic People's Republic of" also turned
round, and its qualifier's initials, "DPR Korea", "Korea DPR"), the names and other
spellings of every state that sat on the Council (``unsc.law``'s states, with their
sources, and the record's ``states`` table), and the short table ``COMMON_NAMES``, each with
its source. A name is searched as an OR of all of them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import pycountry
from sqlalchemy import select
from sqlalchemy.orm import Session

from unsc.core.errors import UnscError
from unsc.core.search_query import Query, QueryError, name_key, parse_query
from unsc.record import models as m
from unsc.record import search as index
from unsc.service.database import Database, reading
from unsc.service.record import bundled_law

KINDS = index.KINDS
KIND_LABELS = {
    "resolution": "Resolutions",
    "resolution_paragraph": "Paragraphs of resolutions",
    "vote": "Votes",
    "meeting": "Meetings",
    "statement": "Presidential statements",
    "statement_paragraph": "Paragraphs of presidential statements",
    "draft": "Drafts not adopted",
    "draft_paragraph": "Paragraphs of drafts",
    "event": "DPRK launches and nuclear tests",
}
WINDOW_DAYS = index.WINDOW_DAYS

COMMON_NAMES: tuple[tuple[str, str, str], ...] = (
    (
        "PRK",
        "DPRK",
        "S/RES/2397 (2017), third preambular paragraph: \"the Democratic People's Republic "
        'of Korea ("the DPRK")"',
    ),
    (
        "RUS",
        "Union of Soviet Socialist Republics",
        "Letter of 24 December 1991 from President Yeltsin to the Secretary-General: the "
        "USSR's membership, including in the Security Council, continued by the Russian "
        "Federation (domain fact sheet, S29)",
    ),
)
"""(ISO code, a name, its source): names the other tables do not give a country. The
second puts the USSR's names with the Russian Federation's, as the Council's seat is one."""

_NOT_SEARCHED = frozenset({"us"})
"""Forms never searched as words: "us" is the pronoun in running text (type USA)."""


@dataclass(frozen=True, slots=True)
class Snippet:
    """A piece of a result's text; ``marked`` where it is a word the query matched."""

    text: str
    marked: bool


@dataclass(frozen=True, slots=True)
class SearchResult:
    kind: str
    symbol: str
    date: dt.date | None
    title: str
    snippet: tuple[Snippet, ...]
    url: str
    exact: bool

    @property
    def snippet_text(self) -> str:
        return "".join(s.text for s in self.snippet)


@dataclass(frozen=True, slots=True)
class KindCount:
    kind: str
    label: str
    total: int


@dataclass(frozen=True, slots=True)
class SearchPage:
    query: Query
    total: int
    groups: tuple[KindCount, ...]
    items: tuple[SearchResult, ...]


class SearchError(UnscError):
    """A search that cannot be run: the message says what is wrong and what to do."""


def check_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(k.strip() for k in kinds if k.strip()))
    unknown = [k for k in chosen if k not in KINDS]
    if unknown:
        raise SearchError(
            f"unknown kind {', '.join(repr(k) for k in unknown)}; choose from {', '.join(KINDS)}"
        )
    return chosen


def understand(q: str, db: Session | None = None) -> Query:
    """The query parsed with every country's names (``SearchError`` if it cannot be)."""
    try:
        parsed = parse_query(q, country_names(_state_names(db) if db is not None else ()))
    except QueryError as err:
        raise SearchError(str(err)) from None
    if parsed.is_empty:
        raise SearchError(
            f"nothing to search for in {q.strip()[:60]!r}: type a symbol (S/RES/2397), a date "
            "(26 May 2022) or some words"
        )
    return parsed


def search(
    db: Session,
    q: str,
    *,
    kinds: Sequence[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchPage:
    """Exact symbol matches first, then the best full-text matches; ``groups`` counts every
    kind, ``total`` the kinds asked for. Raises ``SearchError`` for bad input."""
    chosen = check_kinds(kinds)
    if start and end and start > end:
        raise SearchError(f"'from' ({start}) is after 'to' ({end}); swap them")
    query = understand(q, db)
    page = index.search(db, query, kinds=chosen, start=start, end=end, limit=limit, offset=offset)
    return SearchPage(
        query,
        page.total,
        tuple(KindCount(k, KIND_LABELS[k], n) for k, n in page.groups),
        tuple(
            SearchResult(
                h.kind, h.symbol, h.date, h.title, split_snippet(h.snippet), h.url, h.exact
            )
            for h in page.hits
        ),
    )


def search_in(
    db: Database,
    q: str,
    *,
    kinds: Sequence[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchPage:
    """``search`` over a session of its own, for the edges."""
    with db.sessions() as session, reading("cannot search the record"):
        return search(session, q, kinds=kinds, start=start, end=end, limit=limit, offset=offset)


_MARKS = re.compile(f"{index.MARK_START}(.*?){index.MARK_END}", re.S)


def split_snippet(snippet: str) -> tuple[Snippet, ...]:
    """The snippet as plain and marked pieces (the marks themselves dropped)."""
    pieces: list[Snippet] = []
    at = 0
    for match in _MARKS.finditer(snippet):
        if match.start() > at:
            pieces.append(Snippet(_clean(snippet[at : match.start()]), False))
        pieces.append(Snippet(_clean(match[1]), True))
        at = match.end()
    if at < len(snippet):
        pieces.append(Snippet(_clean(snippet[at:]), False))
    return tuple(p for p in pieces if p.text)


def _clean(text: str) -> str:
    text = text.replace(index.MARK_START, "").replace(index.MARK_END, "")
    return re.sub(r"\s+", " ", text)


def _state_names(db: Session) -> tuple[tuple[str, str], ...]:
    return tuple(
        (iso3, name)
        for iso3, *names in db.execute(select(m.State.iso3, m.State.name, m.State.un_name))
        for name in names
    )


@lru_cache(maxsize=8)
def country_names(
    record_names: tuple[tuple[str, str], ...] = (),
) -> Mapping[str, tuple[str, ...]]:
    """Every name of every country (``name_key`` -> all its names), with the names of the
    record's ``states`` table (``(iso3, name)`` pairs) added."""
    groups = {code: set(names) for code, names in _base_groups().items()}
    for code, name in record_names:
        groups.setdefault(_MERGE.get(code, code), set()).add(name)
    out: dict[str, tuple[str, ...]] = {}
    for names in groups.values():
        forms = tuple(
            sorted(
                {n for n in names if name_key(n) and name_key(n) not in _NOT_SEARCHED},
                key=lambda n: (len(n), n),
            )
        )
        for name in names:
            key = name_key(name)
            if key:
                out[key] = tuple(dict.fromkeys(out.get(key, ()) + forms))
    return out


_MERGE = {"SUN": "RUS"}
"""The USSR's names are searched with the Russian Federation's (COMMON_NAMES)."""


@lru_cache(maxsize=1)
def _base_groups() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}

    def add(code: str, name: str) -> None:
        if name and "/" not in name:
            groups.setdefault(_MERGE.get(code, code), set()).add(name)

    for country in [*pycountry.countries, *pycountry.historic_countries]:
        code = str(country.alpha_3)
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name:
                for form in _iso_forms(str(name)):
                    add(code, form)
    for record in bundled_law().states.values():
        entries = list(record.names)
        iso3 = entries[-1].value.iso3 if entries else record.key
        codes = {e.value.iso3 for e in entries} | {record.key}
        for entry in entries:
            add(iso3, entry.value.name)
            add(iso3, entry.value.un_name)
        for alias in record.aliases:
            if alias not in codes or alias in ("USA", "UAE"):
                add(iso3, alias)
    for code, name, _source in COMMON_NAMES:
        add(code, name)
    return {k: frozenset(v) for k, v in groups.items()}


def _iso_forms(name: str) -> list[str]:
    """ISO's name and what people write for it: "Korea, Democratic People's Republic of" is
    also "Democratic People's Republic of Korea", "DPR Korea" and "Korea DPR"; "USSR, Union of
    Soviet Socialist Republics" is "USSR" and "Union of Soviet Socialist Republics"."""
    forms = [name]
    if ", " in name:
        head, tail = name.split(", ", 1)
        if head.isupper():
            return [head, tail]
        forms.append(f"{tail} {head}")
        initials = "".join(w[0] for w in tail.split() if w[0].isupper() and w.lower() != "the")
        if len(initials) >= 2:
            forms += [f"{initials} {head}", f"{head} {initials}"]
    return forms


def describe(query: Query) -> str:
    """How the query was understood, in words: "symbol S/PV.9048; 26 May 2022; any of DPRK,
    North Korea, …"."""
    parts = [f"symbol {s}" for s in query.symbols]
    parts += [f"resolution {n}" for n in query.resolution_numbers if not query.symbols]
    parts += [p.text for p in query.periods]
    for group in query.groups:
        if len(group) > 1:
            parts.append("any of " + ", ".join(group))
    return "; ".join(parts)
