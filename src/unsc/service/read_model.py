"""The record's lists of votes and resolutions as a read model: the rows are read from the
database once per build of the record (and again when a live session adds its votes),
as typed rows; each question's matching rows are found once, in memory, and kept, so that
a page is a slice and its total a length.

The answers are those of ``unsc.record.queries.list_votes`` and ``list_resolutions``
(tests/web/test_read_model.py checks it on SQLite and PostgreSQL): the same filters, the
same order, the same total. Words and subject headings are matched case-blind as Python
lowercases text, as PostgreSQL does (SQLite's ``lower`` folds ASCII letters only).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any, Generic, TypeVar

import orjson

from unsc.core.documents import ResolutionRow, SourceRef, VoteRow
from unsc.record import documents, queries
from unsc.record.queries import ResolutionFilter, VoteFilter
from unsc.service.database import Database
from unsc.service.search import SearchPage, SearchResult, search_in

__all__ = [
    "ReadModel",
    "ResolutionFilter",
    "ResolutionRow",
    "RowPage",
    "VoteFilter",
    "VoteRow",
]

Row = TypeVar("Row")
RECHECK_SECONDS = 2.0
"""How often, at most, a read model in use asks the database whether the record changed
under it (another worker process stored a live session's votes, or a rebuild)."""
MATCHES_KEPT = 1024
"""Questions whose matching rows are kept (least recently asked out first): a few
thousand votes' references each, so at most a few tens of MB."""


@dataclass(frozen=True, slots=True)
class RowPage(Generic[Row]):
    """A page of a list: the total of rows that match, and the page's rows."""

    total: int
    items: Sequence[Row]
    encoded: Sequence[bytes]
    """Each row of ``items`` as JSON (orjson: its fields in order, dates as YYYY-MM-DD),
    written once, when the rows were read."""
    sources: tuple[SourceRef, ...]
    """Where the rows come from (the record's ``sources`` table)."""


class _Rows(Generic[Row]):
    """Rows in their order, each with its JSON; a question's matches, found once and kept."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self.rows = tuple(rows)
        self.encoded = tuple(orjson.dumps(row) for row in self.rows)
        self._matches: _Matches[tuple[tuple[Row, ...], tuple[bytes, ...]]] = _Matches()

    def matching(
        self, key: Hashable, test: Callable[[], Callable[[Row], bool]]
    ) -> tuple[tuple[Row, ...], tuple[bytes, ...]]:
        def find() -> tuple[tuple[Row, ...], tuple[bytes, ...]]:
            keep = test()
            found = [i for i, row in enumerate(self.rows) if keep(row)]
            return tuple(self.rows[i] for i in found), tuple(self.encoded[i] for i in found)

        return self._matches.get(key, find)

    def page(
        self, key: Hashable, test: Callable[[], Callable[[Row], bool]], limit: int, offset: int
    ) -> tuple[int, tuple[Row, ...], tuple[bytes, ...]]:
        rows, encoded = self.matching(key, test)
        end = offset + limit
        return len(rows), rows[offset:end], encoded[offset:end]


Found = TypeVar("Found")


class _Matches(Generic[Found]):
    """A question's matching rows, found once and kept, within ``MATCHES_KEPT``."""

    def __init__(self, most: int = MATCHES_KEPT) -> None:
        self._kept: OrderedDict[Hashable, Found] = OrderedDict()
        self._lock = threading.Lock()
        self._most = most

    def has(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._kept

    def get(self, key: Hashable, find: Callable[[], Found]) -> Found:
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                return found
        found = find()
        with self._lock:
            self._kept[key] = found
            while len(self._kept) > self._most:
                self._kept.popitem(last=False)
        return found


def _contains(needle: str, *texts: str | None) -> bool:
    return any(text is not None and needle in text for text in texts)


class VoteIndex:
    """Every vote of the record, newest first, with what the filters ask of it."""

    def __init__(
        self,
        rows: Sequence[VoteRow],
        casts: Sequence[queries.CastRow],
        vetoes: Sequence[queries.VetoRow],
        subjects: Mapping[int, Sequence[str]] | None = None,
    ) -> None:
        self.rows: _Rows[VoteRow] = _Rows(rows)
        self._seated: dict[str, set[int]] = {}
        self._cast: dict[tuple[str, str], set[int]] = {}
        for c in casts:
            self._seated.setdefault(c.state_key, set()).add(c.vote_id)
            self._cast.setdefault((c.state_key, c.cast), set()).add(c.vote_id)
        self._vetoed: dict[str, set[int]] = {}
        for v in vetoes:
            self._vetoed.setdefault(v.state_key, set()).add(v.vote_id)
        self._subjects = {
            vote_id: "\n".join(texts).lower() for vote_id, texts in (subjects or {}).items()
        }
        self._words = {
            r.id: (r.title.lower(), r.symbol.lower(), r.draft_symbol and r.draft_symbol.lower())
            for r in self.rows.rows
        }
        self._symbols = {
            r.id: (
                r.symbol.replace(" ", "").upper(),
                r.draft_symbol and r.draft_symbol.replace(" ", "").upper(),
                r.meeting_symbol and r.meeting_symbol.upper(),
            )
            for r in self.rows.rows
        }

    def page(
        self, f: VoteFilter, limit: int, offset: int
    ) -> tuple[int, tuple[VoteRow, ...], tuple[bytes, ...]]:
        return self.rows.page(f, lambda: self._test(f), limit, offset)

    def _ids(self, table: dict[Any, set[int]], keys: Sequence[Any]) -> set[int]:
        out: set[int] = set()
        for key in keys:
            out |= table.get(key, set())
        return out

    def _test(self, f: VoteFilter) -> Callable[[VoteRow], bool]:
        tests: list[Callable[[VoteRow], bool]] = []
        if f.simulations not in ("exclude", "include", "only"):
            raise ValueError("simulations: exclude, include or only")
        if f.simulations != "include":
            only = f.simulations == "only"
            tests.append(lambda r: r.simulation is only)
        if f.symbol:
            symbol = f.symbol.replace(" ", "").upper()
            tests.append(lambda r: symbol in self._symbols[r.id])
        if f.start:
            start = f.start
            tests.append(lambda r: r.date >= start)
        if f.end:
            end = f.end
            tests.append(lambda r: r.date <= end)
        if f.outcome in ("vetoed", "insufficient_votes"):
            reason = "veto" if f.outcome == "vetoed" else f.outcome
            tests.append(lambda r: r.reason == reason)
        elif f.outcome:
            outcome = f.outcome
            tests.append(lambda r: r.outcome == outcome)
        if f.members:
            if f.voted:
                seated = self._ids(self._cast, [(k, f.voted) for k in sorted(f.members)])
            else:
                seated = self._ids(self._seated, sorted(f.members))
            tests.append(lambda r: r.id in seated)
        if f.vetoed_by:
            vetoed = self._ids(self._vetoed, sorted(f.vetoed_by))
            tests.append(lambda r: r.id in vetoed)
        if f.subject:
            subject = f.subject.lower()
            tests.append(lambda r: subject in self._subjects.get(r.id, ""))
        if f.q:
            words = f.q.lower()
            tests.append(lambda r: _contains(words, *self._words[r.id]))
        return lambda r: all(test(r) for test in tests)


class ResolutionIndex:
    """Every resolution of the record, by number, with what the filters ask of it."""

    def __init__(self, rows: Sequence[ResolutionRow]) -> None:
        self.rows: _Rows[ResolutionRow] = _Rows(rows)
        self._subjects = {
            r.number: "\n".join([*r.subjects, r.agenda_item]).lower() for r in self.rows.rows
        }
        self._words = {
            r.number: (r.title and r.title.lower(), r.agenda_item.lower()) for r in self.rows.rows
        }

    def page(
        self, f: ResolutionFilter, limit: int, offset: int
    ) -> tuple[int, tuple[ResolutionRow, ...], tuple[bytes, ...]]:
        return self.rows.page(f, lambda: self._test(f), limit, offset)

    def _test(self, f: ResolutionFilter) -> Callable[[ResolutionRow], bool]:
        tests: list[Callable[[ResolutionRow], bool]] = []
        if f.start:
            start = f.start
            tests.append(lambda r: r.adopted >= start)
        if f.end:
            end = f.end
            tests.append(lambda r: r.adopted <= end)
        if f.subject:
            subject = f.subject.lower()
            tests.append(lambda r: subject in self._subjects[r.number])
        if f.chapter_vii is not None:
            chapter_vii = f.chapter_vii
            tests.append(lambda r: r.chapter_vii is chapter_vii)
        if f.q:
            words = f.q.lower()
            tests.append(lambda r: _contains(words, *self._words[r.number]))
        return lambda r: all(test(r) for test in tests)


@dataclass(frozen=True)
class _Loaded:
    generation: int
    version: tuple[int, int | None, str | None]
    votes: VoteIndex
    resolutions: ResolutionIndex
    vote_sources: tuple[SourceRef, ...]
    resolution_sources: tuple[SourceRef, ...]
    searches: _Matches[SearchAnswer] = field(default_factory=lambda: _Matches(SEARCHES_KEPT))
    """The searches asked of this reading of the record, each found once and kept."""


SEARCH_KEPT = 10_100
"""Results of a search found and kept at once (every page the API can ask for: an offset
up to 10,000 and 100 a page; the largest search of the record matches under 2,000, found
in about 0.1 s): pages within them are slices."""
SEARCHES_KEPT = 128
"""Searches kept (least recently asked out first): a search's results take about 0.5 kB
each, so at most a few tens of MB."""


@dataclass(frozen=True, slots=True)
class SearchAnswer:
    """A search's first ``SEARCH_KEPT`` results, with each result's JSON written once."""

    page: SearchPage
    encoded: tuple[bytes, ...]

    def slice(self, limit: int, offset: int) -> SearchAnswer:
        end = offset + limit
        return SearchAnswer(
            dataclasses.replace(self.page, items=self.page.items[offset:end]),
            self.encoded[offset:end],
        )


def encode_result(r: SearchResult) -> bytes:
    """A search result as the API writes it: the snippet as text, its matched words in
    ``<mark>`` and everything else escaped."""
    snippet = "".join(
        f"<mark>{escape(s.text)}</mark>" if s.marked else escape(s.text) for s in r.snippet
    )
    return orjson.dumps(
        {
            "kind": r.kind,
            "symbol": r.symbol,
            "date": None if r.date is None else r.date.isoformat(),
            "title": r.title,
            "snippet": snippet,
            "url": r.url,
        }
    )


class ReadModel:
    """The lists of one database's record, read on first use and read again for a new
    ``generation`` of the record (a live session's votes stored at its end, by this
    process), or when ``recheck`` finds the record changed by another process (a worker
    of ``serve --workers N`` that ended a session; a rebuild)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._loaded: _Loaded | None = None
        self._lock = threading.Lock()
        self._checked = 0.0
        self._checking = False

    def is_current(self, generation: int) -> bool:
        loaded = self._loaded
        return loaded is not None and loaded.generation == generation

    def load(self, generation: int) -> None:
        """Reads the rows (blocking: call it from a worker thread in a server)."""
        with self._lock:
            if not self.is_current(generation):
                self._read(generation)
        self._checked = time.monotonic()

    def claim_recheck(self) -> bool:
        """Whether it is time to ask the database if the record changed: at most every
        ``RECHECK_SECONDS``, and one asks at a time. A claim is a promise to call
        ``recheck``."""
        if self._loaded is None or self._checking:
            return False
        if time.monotonic() - self._checked < RECHECK_SECONDS:
            return False
        self._checking = True
        return True

    def recheck(self) -> bool:
        """Reads the rows again if the record changed since they were read (blocking).
        Whether it had."""
        try:
            with self.database.sessions() as session:
                version = queries.record_version(session)
            with self._lock:
                loaded = self._loaded
                if loaded is None or loaded.version == version:
                    return False
                self._read(loaded.generation)
                return True
        finally:
            self._checked = time.monotonic()
            self._checking = False

    def _read(self, generation: int) -> None:
        with self.database.sessions() as session:
            self._loaded = _Loaded(
                generation,
                queries.record_version(session),
                VoteIndex(
                    queries.vote_rows(session),
                    queries.cast_rows(session),
                    queries.veto_rows(session),
                    queries.vote_subjects(session),
                ),
                ResolutionIndex(queries.resolution_rows(session)),
                (documents.source(session, "sciencespo"),),
                (documents.source(session, "unxml"),),
            )

    def _current(self) -> _Loaded:
        if self._loaded is None:
            self.load(0)
        assert self._loaded is not None
        return self._loaded

    def votes(self, f: VoteFilter, *, limit: int, offset: int) -> RowPage[VoteRow]:
        """A page of the votes matching ``f``, newest first."""
        loaded = self._current()
        total, rows, encoded = loaded.votes.page(f, limit, offset)
        return RowPage(total, rows, encoded, loaded.vote_sources)

    def search(
        self,
        q: str,
        *,
        kinds: Sequence[str] = (),
        start: dt.date | None = None,
        end: dt.date | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> SearchAnswer:
        """A page of a search: its first ``SEARCH_KEPT`` results are found once for this
        reading of the record and kept (blocking the first time: call it from a worker
        thread). Raises ``SearchError`` for a search that cannot be run."""
        if offset + limit > SEARCH_KEPT:
            page = search_in(
                self.database, q, kinds=kinds, start=start, end=end, limit=limit, offset=offset
            )
            return SearchAnswer(page, tuple(encode_result(r) for r in page.items))
        key = (" ".join(q.split()), tuple(kinds), start, end)

        def find() -> SearchAnswer:
            page = search_in(self.database, q, kinds=kinds, start=start, end=end, limit=SEARCH_KEPT)
            return SearchAnswer(page, tuple(encode_result(r) for r in page.items))

        return self._current().searches.get(key, find).slice(limit, offset)

    def has_search(
        self, q: str, kinds: Sequence[str], start: dt.date | None, end: dt.date | None
    ) -> bool:
        """Whether a search's results are kept already (a page of it needs no database)."""
        loaded = self._loaded
        key = (" ".join(q.split()), tuple(kinds), start, end)
        return loaded is not None and loaded.searches.has(key)

    def resolutions(
        self, f: ResolutionFilter, *, limit: int, offset: int
    ) -> RowPage[ResolutionRow]:
        """A page of the resolutions matching ``f``, by number."""
        loaded = self._current()
        total, rows, encoded = loaded.resolutions.page(f, limit, offset)
        return RowPage(total, rows, encoded, loaded.resolution_sources)
