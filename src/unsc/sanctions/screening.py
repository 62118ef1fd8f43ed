"""Screening names against the Consolidated List, with a score that explains itself.

Each name or alias of each entry is indexed as tokens (``names.tokens``). A query's tokens
are aligned one to one with a listed name's tokens; each pair matched by a rule: exact, name
variant, transliteration (another script), phonetic (same key), derived (a surname formed
with -i) or fuzzy (one or two edits; tokens of one or two letters only exactly). The name's
score is a weighted F-measure of the query tokens matched and the listed tokens matched
(rare tokens weigh more; particles and legal forms little), weighted towards the query (a
dropped middle name costs less than an extra token). Dates of birth and nationalities then
confirm or conflict.

A low-quality ("weak") alias typed whole, as listed (letters and digits compared, case,
accents, hyphens and spaces aside), alerts at the threshold and no higher, so that an entry
matched through a strong name ranks above it; matched any other way (a typo, a part left
out) a weak alias alone is capped below the alert, as the OpenSanctions matcher and
compliance practice treat weak AKAs.
"""

from __future__ import annotations

import datetime as dt
import math
import multiprocessing as mp
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA

from unsc.core.errors import UnscError
from unsc.sanctions.countries import country_code
from unsc.sanctions.listing import Entry, Quality
from unsc.sanctions.names import ARABIC_SPELLINGS, Token, skeleton, tokens
from unsc.sanctions.nearby import Nearby

DEFAULT_THRESHOLD = 0.875
"""A candidate at or above this score is an alert."""
LOW_QUALITY_CAP = 0.70
"""A low-quality alias alone, unless typed whole as listed, never reaches the alert."""
WEAK_ALIAS_SCORE = DEFAULT_THRESHOLD
"""A low-quality alias typed whole as listed: an alert, and no more than one."""
BETA2 = 2.0
"""F-measure weight: query coverage counts twice as much as listed-name coverage."""

CANDIDATES = 300
"""Listed names aligned at most per query, those with the highest bounds first."""
MIDDLE_DISCOUNT = 0.7
"""The share of a dropped middle name's weight that is forgiven."""

RULE_SCORES = {"exact": 1.0, "variant": 0.97, "transliteration": 0.95, "phonetic": 0.93}
KNOWN_WORD = 2.0
"""How much more an edit costs when the query's token is itself a listed name part."""
DERIVED_SCORE = 0.75
"""A name and the one formed from it with -i (Mohammad / Mohammadi): related, not the same."""


@dataclass(frozen=True, slots=True)
class Query:
    """A name to screen, with a date or year of birth and a nationality if known; checked
    when made (a QueryError says what is wrong)."""

    name: str
    dob: str | None = None
    nationality: str | None = None
    document: str | None = None
    """A passport or identity number, compared by its letters and digits only."""

    def __post_init__(self) -> None:
        if not any(ch.isalnum() for ch in self.name):
            raise QueryError(f"name: give a name with letters or digits, not {self.name[:40]!r}")
        if self.dob is not None and not _DOB.fullmatch(self.dob.strip()):
            raise QueryError(
                "dob: a year, a date or a span of years (YYYY, YYYY-MM, YYYY-MM-DD or "
                f"YYYY-YYYY), not {self.dob[:20]!r}"
            )
        given = (self.dob or "").strip()
        span = _SPAN.fullmatch(given)
        if span and int(span[1]) > int(span[2]):
            raise QueryError(f"dob: {given} runs backwards; write the earlier year first")
        if not span and len(given) == 10:
            try:
                dt.date.fromisoformat(given)
            except ValueError:
                raise QueryError(f"dob: {given} is not a real date") from None
        if self.document is not None and len(document_key(self.document)) < 4:
            raise QueryError(
                "document: a passport or identity number of four letters or digits or more, "
                f"e.g. 381310014; not {self.document[:30]!r}"
            )
        if self.nationality is not None and country_code(self.nationality) is None:
            raise QueryError(
                f"nationality: {self.nationality[:40]!r} is no country name or code known "
                "here; e.g. North Korea, DPRK, KP or PRK"
            )


class QueryError(UnscError):
    """A screening query that cannot be screened as given."""


def document_key(number: str) -> str:
    """A document number as compared: its letters and digits, upper case ("OA 454044" and
    "oa-454044" agree)."""
    return "".join(ch for ch in number.upper() if ch.isalnum())


_DOB = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-\d{2})?|\s*-\s*\d{4})?")
"""A year, a month, a day, or a span of years (1965-1969)."""
_SPAN = re.compile(r"(\d{4})\s*-\s*(\d{4})")


@dataclass(frozen=True, slots=True)
class Alignment:
    query: str
    listed: str
    rule: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "listed": self.listed, "rule": self.rule, "score": self.score}


@dataclass(frozen=True, slots=True)
class Candidate:
    reference: str
    regime: str
    entry_name: str
    matched_name: str
    alias_quality: str
    score: float
    name_score: float
    alignments: tuple[Alignment, ...]
    checks: dict[str, str] = field(default_factory=dict)
    """``dob``, ``nationality`` and ``document``: ``agrees``, ``conflicts`` or ``unknown``."""
    weak_alias: bool = False
    """Matched through a low-quality alias typed whole, as listed."""

    @property
    def explanation(self) -> str:
        parts = [
            f"{a.query} ~ {a.listed} ({a.rule}{'' if a.score == 1 else f' {a.score:.2f}'})"
            for a in self.alignments
        ]
        text = f"{self.matched_name!r} ({self.alias_quality}): " + ", ".join(parts)
        text += f"; name {self.name_score:.2f}"
        for check, result in self.checks.items():
            if result != "unknown":
                text += f"; {check} {result}"
        if self.weak_alias:
            text += (
                f"; weak alias (low quality) typed as listed: alerts at {WEAK_ALIAS_SCORE:g}, "
                "below any strong name"
            )
        elif self.alias_quality == Quality.LOW.value:
            text += f"; low-quality alias, capped at {LOW_QUALITY_CAP:.2f}"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "regime": self.regime,
            "name": self.entry_name,
            "matched_name": self.matched_name,
            "alias_quality": self.alias_quality,
            "score": round(self.score, 4),
            "name_score": round(self.name_score, 4),
            "tokens": [a.to_dict() for a in self.alignments],
            "checks": dict(self.checks),
            "weak_alias": self.weak_alias,
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class _Name:
    entry: int
    text: str
    quality: Quality
    tokens: tuple[Token, ...]
    weights: tuple[float, ...] = ()
    total: float = 1.0


_PAIRS: dict[tuple[str, str, str, str], tuple[str, float] | None] = {}


def _pair(q: Token, c: Token) -> tuple[str, float] | None:
    """The rule by which two tokens match, and its score; None if they do not (cached)."""
    key = (q.text, q.script, c.text, c.script)
    found = _PAIRS.get(key, _MISSING)
    if found is not _MISSING:
        return found  # type: ignore[return-value]
    result = _match(q, c)
    if len(_PAIRS) < 1_000_000:
        _PAIRS[key] = result
    return result


_MISSING = object()


def whole(name: tuple[Token, ...]) -> str:
    """A name's letters and digits as compared for a weak alias typed whole: case, accents,
    hyphens and spaces aside ("Al-Masri", "al masri" and "ALMASRI" agree)."""
    return "".join(t.text for t in name)


def token_match(query: str, listed: str) -> tuple[str, float] | None:
    """The rule by which two one-word names match, and its score; None if they do not."""
    (q,) = tokens(query)
    (c,) = tokens(listed)
    return _pair(q, c)


def _match(q: Token, c: Token) -> tuple[str, float] | None:
    if q.text == c.text:
        return "exact", 1.0
    if q.canonical == c.canonical:
        return "variant", RULE_SCORES["variant"]
    if min(len(q.text), len(c.text)) < 2:
        return None  # one letter: exactly, or as a listed variant, only
    arabic = "arabic" in (q.script, c.script)
    if q.script != c.script:
        # Arabic script writes few vowels: the consonants decide, if there are enough.
        spelled = q.text in ARABIC_SPELLINGS or c.text in ARABIC_SPELLINGS
        if not spelled and (
            q.key == c.key or (arabic and q.skeleton == c.skeleton and len(q.skeleton) >= 3)
        ):
            return "transliteration", RULE_SCORES["transliteration"]
        if arabic:
            return None  # letters without their vowels: an edit or two says nothing
    elif q.key == c.key:
        return "phonetic", RULE_SCORES["phonetic"]
    if _derived(q, c):
        return "derived", DERIVED_SCORE
    shortest = min(len(q.text), len(c.text))
    if shortest <= 2:
        return None  # one or two letters: exactly, or as a listed variant, only
    edits = OSA.distance(q.text, c.text, score_cutoff=2)
    allowed = 1 if shortest <= 4 else 2
    if edits <= allowed:
        # An edit weighs more in a short word: one letter of four is a quarter of it.
        per_edit = 0.15 if shortest <= 4 else 0.09 if shortest <= 6 else 0.07
        if q.text[0] != c.text[0]:
            # A first letter is seldom mistyped: another one mostly makes another name.
            per_edit = 0.25 if shortest <= 4 else 0.12 if shortest <= 6 else 0.09
        return "fuzzy", 1.0 - per_edit * edits
    return None


def _derived(q: Token, c: Token) -> bool:
    """One name is the other with the suffix -i (Mohammadi, Hosseini, Bakri): a surname of
    its own, formed from the other (the Arabic and Persian nisba)."""
    short, long = sorted((q, c), key=lambda t: len(t.text))
    if len(short.text) < 4 or not long.text.endswith("i") or short.text[-1] in "aeiouy":
        return False
    stem = tokens(long.text[:-1])
    return len(stem) == 1 and stem[0].canonical == short.canonical


@dataclass(frozen=True, slots=True)
class _Reach:
    names: npt.NDArray[np.intp]
    """The listed names a query token may match, each once."""
    postings: npt.NDArray[np.intp]
    weights: npt.NDArray[np.float64]
    """Per posting, the listed token's weight (a name may hold a token twice)."""


class Screener:
    """An index over the list's names and aliases; ``screen`` answers one query."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = tuple(entries)
        self.names: list[_Name] = []
        for i, entry in enumerate(self.entries):
            for alias in entry.names():
                found = tokens(alias.name)
                if found:
                    self.names.append(_Name(i, alias.name, alias.quality, found))
        df: dict[str, int] = defaultdict(int)
        for name in self.names:
            for key in {t.canonical for t in name.tokens}:
                df[key] += 1
        total = len(self.names)
        self.weight: dict[str, float] = {k: 1.0 + math.log(total / n) for k, n in df.items()}
        self.max_weight = 1.0 + math.log(total)
        self.postings: dict[str, list[int]] = defaultdict(list)
        """Canonical token -> names holding it."""
        self.by_key: dict[str, set[str]] = defaultdict(set)
        self.by_skeleton: dict[str, set[str]] = defaultdict(set)
        posted_weights: dict[str, list[float]] = defaultdict(list)
        for n, name in enumerate(self.names):
            for t in name.tokens:
                self.postings[t.canonical].append(n)
                posted_weights[t.canonical].append(self._token_weight(t))
                self.by_key[t.key].add(t.canonical)
                self.by_skeleton[skeleton(t.canonical)].add(t.canonical)
            # Two adjacent tokens written as one (HO-JIN / Hojin) find the name as well.
            for a, b in zip(name.tokens, name.tokens[1:], strict=False):
                if a.light or b.light:
                    continue
                (joined,) = tokens(a.text + b.text) or (None,)
                if joined is None:
                    continue
                self.postings[joined.canonical].append(n)
                posted_weights[joined.canonical].append(
                    self._token_weight(a) + self._token_weight(b)
                )
                self.by_key[joined.key].add(joined.canonical)
        # Fuzzy matching compares the texts of tokens, which map to their canonical forms.
        self.canonicals_of: dict[str, set[str]] = defaultdict(set)
        self.arabic_skeletons: dict[str, set[str]] = defaultdict(set)
        for name in self.names:
            for t in name.tokens:
                self.canonicals_of[t.text].add(t.canonical)
                if t.script == "arabic":
                    self.arabic_skeletons[t.skeleton].add(t.canonical)
        self.nearby = Nearby(w for w in self.canonicals_of if len(w) > 2)
        """Listed spellings of three letters or more, for fuzzy blocking."""
        self.names = [
            _Name(n.entry, n.text, n.quality, n.tokens, w, sum(w) or 1.0)
            for n in self.names
            for w in [tuple(map(self._token_weight, n.tokens))]
        ]
        self._near: dict[str, _Reach] = {}
        self.posting_arrays = {k: np.array(v, dtype=np.intp) for k, v in self.postings.items()}
        self.posting_weights = {k: np.array(v) for k, v in posted_weights.items()}
        """What each posting adds to its name's bound: the listed token's own weight."""
        self.name_totals = np.array([n.total for n in self.names])
        self.weak: dict[str, list[int]] = defaultdict(list)
        """A low-quality alias's letters and digits -> the names that write it so."""
        for n, name in enumerate(self.names):
            if name.quality is Quality.LOW:
                self.weak[whole(name.tokens)].append(n)

    def _token_weight(self, t: Token) -> float:
        if t.light:
            return 0.15
        return self.weight.get(t.canonical, self.max_weight)

    def _reach(self, t: Token) -> _Reach:
        """The listed names that ``t`` may match, and what each posting adds to its name's
        coverage (cached by spelling)."""
        found = self._near.get(t.text + "|" + t.script)
        if found is not None:
            return found
        similar = self._similar(t)
        if similar:
            postings = np.concatenate([self.posting_arrays[c] for c in similar])
            weights = np.concatenate([self.posting_weights[c] for c in similar])
        else:
            postings, weights = np.zeros(0, dtype=np.intp), np.zeros(0)
        reach = _Reach(np.unique(postings), postings, weights)
        if len(self._near) < 200_000:
            self._near[t.text + "|" + t.script] = reach
        return reach

    def _similar(self, t: Token) -> tuple[str, ...]:
        """Listed tokens that may match ``t`` (for blocking)."""
        near = {t.canonical} & self.postings.keys()
        near |= self.by_key.get(t.key, set())
        if t.script == "arabic":
            near |= self.by_skeleton.get(t.skeleton, set())
        else:
            near |= self.arabic_skeletons.get(t.skeleton, set())
        if len(t.text) > 2:
            for match in self.nearby.within(t.text, 1 if len(t.text) <= 4 else 2):
                near |= self.canonicals_of[match]
        return tuple(near)

    def _align(
        self,
        query: tuple[Token, ...],
        listed: tuple[Token, ...],
        q_weights: Sequence[float],
        c_weights: Sequence[float],
    ) -> tuple[float, tuple[Alignment, ...]]:
        pairs = []
        for i, q in enumerate(query):
            for j, c in enumerate(listed):
                hit = _pair(q, c)
                if hit is not None:
                    score = hit[1]
                    if hit[0] == "fuzzy" and q.text in self.canonicals_of:
                        # The query spells another listed name part (Yong, not Song): a
                        # typo is the less likely reading, so its edits count twice.
                        score = 1.0 - KNOWN_WORD * (1.0 - score)
                    pairs.append((score, i, j, hit[0]))
        pairs.sort(key=lambda p: -p[0])
        used_q: set[int] = set()
        used_c: set[int] = set()
        chosen: list[tuple[int, int, str, float]] = []
        for score, i, j, rule in pairs:
            if i in used_q or j in used_c:
                continue
            used_q.add(i)
            used_c.add(j)
            chosen.append((i, j, rule, score))
        # Two adjacent listed tokens written as one (HONG-SOP / Hongsop), or the reverse.
        for i, q in enumerate(query):
            if i in used_q:
                continue
            for j in range(len(listed) - 1):
                if j in used_c or j + 1 in used_c:
                    continue
                joined = listed[j].text + listed[j + 1].text
                hit = _pair(q, tokens(joined)[0]) if joined.isalnum() else None
                if hit is not None and hit[0] != "fuzzy":
                    used_q.add(i)
                    used_c.update((j, j + 1))
                    chosen.append((i, j, hit[0], hit[1]))
                    break
        q_total, c_total = sum(q_weights), sum(c_weights)
        if not chosen or not q_total or not c_total:
            return 0.0, ()
        q_hit = sum(q_weights[i] * s for i, _, _, s in chosen) / q_total
        c_cover = sum(c_weights[j] * s for _, j, _, s in chosen)
        c_cover += sum(
            c_weights[j + 1] * s
            for i, j, _, s in chosen
            if j + 1 in used_c and all(jj != j + 1 for _, jj, _, _ in chosen)
        )
        # A middle name left out costs half: people often drop them.
        first, last = min(used_c), max(used_c)
        dropped = sum(
            c_weights[j] for j in range(first + 1, last) if j not in used_c and not listed[j].light
        )
        c_hit = min(1.0, c_cover / (c_total - MIDDLE_DISCOUNT * dropped))
        if all(query[i].light for i, _, _, _ in chosen):
            return 0.0, ()
        score = (1 + BETA2) * q_hit * c_hit / (BETA2 * c_hit + q_hit) if q_hit + c_hit else 0.0
        alignments = tuple(
            Alignment(query[i].text, listed[j].text, rule, round(s, 3))
            for i, j, rule, s in sorted(chosen)
        )
        return score, alignments

    def screen(self, query: Query, *, limit: int = 10, threshold: float = 0.0) -> list[Candidate]:
        """Candidates for ``query``, best first, at or above ``threshold``."""
        q_tokens = tokens(query.name)
        if not q_tokens:
            return []
        # An upper bound of each listed name's share of the query's weight: names that
        # cannot reach the threshold are not aligned at all.
        weights = [self._token_weight(t) for t in q_tokens]
        total = sum(weights)
        size = len(self.names)
        bound = np.zeros(size)
        postings, posted = [], []
        for t, w in zip(q_tokens, weights, strict=True):
            if t.light:
                continue
            reach = self._reach(t)
            bound[reach.names] += w
            postings.append(reach.postings)
            posted.append(reach.weights)
        if not postings:
            return []
        listed = np.bincount(
            np.concatenate(postings), weights=np.concatenate(posted), minlength=size
        )
        target = max(0.0, threshold - 0.15)  # room for dates of birth and joined tokens
        q = bound / total
        c = np.minimum(1.0, listed / self.name_totals)
        possible = (bound > 0) & ((1 + BETA2) * q * c >= target * (BETA2 * c + q))
        names = [int(n) for n in np.flatnonzero(possible)]
        if len(names) > CANDIDATES:
            names.sort(key=lambda n: -bound[n])
            names = names[:CANDIDATES]
        weak = set(self.weak.get(whole(q_tokens), ()))
        names += sorted(weak.difference(names))
        best: dict[int, Candidate] = {}
        for n in names:
            name = self.names[n]
            name_score, alignments = self._align(q_tokens, name.tokens, weights, name.weights)
            if name_score <= 0:
                continue
            entry = self.entries[name.entry]
            if n in weak:
                name_score = 1.0  # the alias's own letters, as listed
            score, checks = _confirm(name_score, entry, query)
            if name.quality is Quality.LOW:
                score = min(score, WEAK_ALIAS_SCORE if n in weak else LOW_QUALITY_CAP)
            current = best.get(name.entry)
            if current is not None and (current.score, current.weak_alias) >= (score, False):
                continue
            best[name.entry] = Candidate(
                entry.reference,
                entry.regime,
                entry.name,
                name.text,
                name.quality.value,
                score,
                name_score,
                alignments,
                checks,
                n in weak,
            )
        ranked = sorted(best.values(), key=lambda c: (-c.score, c.weak_alias, c.reference))
        return [c for c in ranked if c.score >= threshold][:limit]

    def screen_many(
        self,
        queries: Iterable[Query],
        *,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 10,
        progress: Callable[[int], None] | None = None,
        workers: int | None = None,
    ) -> list[list[Candidate]]:
        """Every query's candidates, in order. A name asked twice is screened once; a long
        batch is shared among ``workers`` processes (default: one per core)."""
        todo = list(queries)
        unique = list(dict.fromkeys(todo))
        workers = workers or os.cpu_count() or 1
        answers: list[list[Candidate]] = []
        if workers > 1 and len(unique) >= 4 * CHUNK and "fork" in mp.get_all_start_methods():
            global _SHARED
            _SHARED = self
            chunks = [unique[i : i + CHUNK] for i in range(0, len(unique), CHUNK)]
            with mp.get_context("fork").Pool(workers) as pool:
                for part in pool.imap(_work, [(c, threshold, limit) for c in chunks]):
                    answers.extend(part)
                    if progress is not None:
                        progress(len(part))
            _SHARED = None
        else:
            for i, query in enumerate(unique, start=1):
                answers.append(self.screen(query, limit=limit, threshold=threshold))
                if progress is not None and i % CHUNK == 0:
                    progress(CHUNK)
        found = dict(zip(unique, answers, strict=True))
        return [found[q] for q in todo]


CHUNK = 500
_SHARED: Screener | None = None
"""The screener a forked worker process inherits."""


def _work(task: tuple[list[Query], float, int]) -> list[list[Candidate]]:
    queries, threshold, limit = task
    assert _SHARED is not None
    return [_SHARED.screen(q, limit=limit, threshold=threshold) for q in queries]


def _confirm(score: float, entry: Entry, query: Query) -> tuple[float, dict[str, str]]:
    """Dates of birth and nationalities that agree raise the score a little; that conflict
    lower it. A listed document number that agrees raises it more (it nearly identifies a
    person); one that differs lowers it a little (people hold documents not listed)."""
    checks = {"dob": "unknown", "nationality": "unknown", "document": "unknown"}
    if query.dob and entry.birth_dates:
        given = query.dob.strip()
        if given[:4].isdigit():
            first = int(given[:4])
            span = _SPAN.fullmatch(given)  # 1965-1969, 1965 - 1969
            last = int(span[2]) if span else first
            agrees = any(
                (b.year_from or 0) - 1 <= last and first <= (b.year_to or 9999) + 1
                for b in entry.birth_dates
            )
            exact = any(b.text == query.dob.strip()[:10] for b in entry.birth_dates)
            checks["dob"] = "agrees" if agrees else "conflicts"
            score = min(1.0, score + (0.06 if exact else 0.03)) if agrees else score - 0.15
    if query.nationality and entry.nationalities:
        wanted = country_code(query.nationality)
        listed = [country_code(n) for n in entry.nationalities]
        known = [code for code in listed if code is not None]
        if wanted in known:
            checks["nationality"] = "agrees"
            score = min(1.0, score + 0.03)
        elif known and len(known) == len(listed):
            # "na" (not known), or a name no table holds, decides nothing.
            checks["nationality"] = "conflicts"
            score -= 0.10
    if query.document and entry.documents:
        if document_key(query.document) in {document_key(d.number) for d in entry.documents}:
            checks["document"] = "agrees"
            score = min(1.0, score + 0.10)
        else:
            checks["document"] = "conflicts"
            score -= 0.05
    return max(0.0, score), checks
