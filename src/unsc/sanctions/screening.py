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
import gc
import math
import multiprocessing as mp
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA

from unsc.core.errors import UnscError
from unsc.sanctions.countries import country_code
from unsc.sanctions.listing import Entry, Quality
from unsc.sanctions.names import ARABIC_SPELLINGS, VARIANTS, Token, tokens, word_token, words
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
        if not _ALNUM.search(self.name):
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


_ALNUM = re.compile(r"[^\W_]")
"""A letter or digit in any script (what ``str.isalnum`` accepts)."""
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

    def __reduce__(self) -> tuple[type[Alignment], tuple[str, str, str, float]]:
        return Alignment, (self.query, self.listed, self.rule, self.score)


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

    def __reduce__(self) -> tuple[type[Candidate], tuple[Any, ...]]:
        # Its fields in order: a worker process sends its candidates back this way.
        return Candidate, tuple(getattr(self, f) for f in self.__slots__)

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
    ids: tuple[int, ...] = ()
    """Each token's spelling, as an index of ``Screener.spellings``."""
    joined: tuple[int, ...] = ()
    """Each two adjacent tokens written as one (HONG-SOP / Hongsop), as a spelling."""


def _joined(a: Token, b: Token) -> Token:
    """Two adjacent tokens written as one word, in their own script: two Arabic-script
    words joined are still Arabic script, matched by their letters and not by their
    consonants alone as a Latin spelling would be."""
    return word_token(a.text + b.text, a.script if a.script == b.script else "latin")


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
    if (q.text[-1] == "i" or c.text[-1] == "i") and _derived(q, c):
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
    """What one query token (one spelling of it) matches in the list, worked out once."""

    matches: dict[int, tuple[str, float]]
    """Listed spelling -> the rule and score by which the token matches it (a typo where
    the token is itself a listed name part already counted twice)."""
    names: npt.NDArray[np.intp]
    """The listed names holding a match, each once, in order."""
    matched: npt.NDArray[np.float64]
    """Per name of ``names``, the most the token can add to the query's weight matched:
    its weight times its best score in the name."""
    cover: npt.NDArray[np.float64]
    """Per name of ``names``, the most it can add to the name's weight covered: the
    weights of the listed tokens it matches there times the scores."""
    weight: float
    """The query token's weight."""
    light: bool


REACH_CACHE = 65_536
"""Query token spellings whose matches are kept (names repeat); the cache starts afresh
when full."""


def _by_score(pair: tuple[float, int, int, str]) -> float:
    return -pair[0]


def _by_name(
    found: dict[int, tuple[list[int], list[float]]],
) -> dict[int, tuple[npt.NDArray[np.intp], npt.NDArray[np.float64]]]:
    """Per spelling, the names holding it, each once and in order, and its weight in each
    (twice its weight where a name holds it twice)."""
    out = {}
    for sid, (names, weights) in found.items():
        summed: dict[int, float] = defaultdict(float)
        for n, w in zip(names, weights, strict=True):
            summed[n] += w
        order = sorted(summed)
        out[sid] = (np.array(order, dtype=np.intp), np.array([summed[n] for n in order]))
    return out


class Screener:
    """An index over the list's names and aliases; ``screen`` answers one query.

    Every spelling a listed token takes (and every two adjacent tokens written as one) is
    indexed once, by its text, variant group, phonetic key, consonants, the name it is
    derived from, and its letters within two edits. A query token is compared with the
    spellings those find, once per spelling however many queries carry it, giving a table of
    the listed spellings it matches and how well. A listed name is aligned only if the
    tables say it could reach the threshold: an upper bound of its score from the best
    score each query token can reach in it and the most each can add to the name's
    coverage (a dropped middle name's discount included), and of what a date of birth,
    nationality or document could add.
    """

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = tuple(entries)
        found_names: list[tuple[int, str, Quality, tuple[Token, ...]]] = []
        for i, entry in enumerate(self.entries):
            for alias in entry.names():
                found = tokens(alias.name)
                if found:
                    found_names.append((i, alias.name, alias.quality, found))
        df: dict[str, int] = defaultdict(int)
        for *_, name_tokens in found_names:
            for key in {t.canonical for t in name_tokens}:
                df[key] += 1
        total = len(found_names)
        self.weight: dict[str, float] = {k: 1.0 + math.log(total / n) for k, n in df.items()}
        self.max_weight = 1.0 + math.log(total)
        self.spellings: list[Token] = []
        """Every spelling of a listed token, or of two adjacent tokens written as one."""
        self._spelling_ids: dict[tuple[str, str], int] = {}
        self.names: list[_Name] = []
        for entry_index, text, quality, name_tokens in found_names:
            weights = tuple(map(self._token_weight, name_tokens))
            self.names.append(
                _Name(
                    entry_index,
                    text,
                    quality,
                    name_tokens,
                    weights,
                    sum(weights) or 1.0,
                    tuple(map(self._spelling, name_tokens)),
                    tuple(self._spelling(_joined(a, b)) for a, b in pairwise(name_tokens)),
                )
            )
        # Where each spelling stands: as a token (its weight), and as two tokens written as
        # one (their weights together).
        own: dict[int, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        pairs: dict[int, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for n, name in enumerate(self.names):
            for sid, w in zip(name.ids, name.weights, strict=True):
                own[sid][0].append(n)
                own[sid][1].append(w)
            for j, sid in enumerate(name.joined):
                pairs[sid][0].append(n)
                pairs[sid][1].append(name.weights[j] + name.weights[j + 1])
        self._own = _by_name(own)
        self._pairs = _by_name(pairs)
        # The spellings a query token may match, by each rule's key (see _match).
        self._by: dict[str, dict[str, list[int]]] = {
            k: defaultdict(list) for k in ("text", "canonical", "key", "skeleton", "arabic", "root")
        }
        for sid, t in enumerate(self.spellings):
            self._by["text"][t.text].append(sid)
            self._by["canonical"][t.canonical].append(sid)
            self._by["key"][t.key].append(sid)
            self._by["skeleton"][t.skeleton].append(sid)
            if t.script == "arabic":
                self._by["arabic"][t.skeleton].append(sid)
            root = self._root(t.text)
            if root is not None:
                self._by["root"][root].append(sid)
        self.listed_texts = frozenset(t.text for name in self.names for t in name.tokens)
        """A query token that is one of these is a listed name part (a typo less likely)."""
        self.nearby = Nearby(w for w in self.listed_texts if len(w) > 2)
        """Listed spellings of three letters or more, for typos."""
        self._reached: dict[tuple[str, str], _Reach] = {}
        self._weight_bounds: list[tuple[float, float]] = [
            (n.total, n.total - MIDDLE_DISCOUNT * self._inner_weight(n)) for n in self.names
        ]
        """Per name, its weight, and the least a dropped middle name can shrink it to (its
        inner tokens that are not light discounted)."""
        self.weak: dict[str, list[int]] = defaultdict(list)
        """A low-quality alias's letters and digits -> the names that write it so."""
        for n, name in enumerate(self.names):
            if name.quality is Quality.LOW:
                self.weak[whole(name.tokens)].append(n)

    @staticmethod
    def _inner_weight(name: _Name) -> float:
        """The weight of a name's inner tokens that are not light: what a dropped middle
        name may take off."""
        inner = zip(name.tokens[1:-1], name.weights[1:-1], strict=True)
        return sum(w for t, w in inner if not t.light)

    def _spelling(self, t: Token) -> int:
        sid = self._spelling_ids.get((t.text, t.script))
        if sid is None:
            sid = self._spelling_ids[t.text, t.script] = len(self.spellings)
            self.spellings.append(t)
        return sid

    @staticmethod
    def _root(text: str) -> str | None:
        """The name a spelling with -i is derived from (Mohammadi: muhammad), if any, as
        ``_derived`` reads it (a token's text is already lower-case letters and digits)."""
        if len(text) < 2 or not text.endswith("i"):
            return None
        return VARIANTS.get(text[:-1], text[:-1])

    def _token_weight(self, t: Token) -> float:
        if t.light:
            return 0.15
        return self.weight.get(t.canonical, self.max_weight)

    def _candidates(self, t: Token) -> set[int]:
        """Listed spellings ``t`` may match by some rule of ``_match`` (a superset)."""
        by = self._by
        texts, canonicals = by["text"], by["canonical"]
        found = set(texts.get(t.text, ()))
        found.update(canonicals.get(t.canonical, ()))
        found.update(by["key"].get(t.key, ()))
        found.update(by["skeleton" if t.script == "arabic" else "arabic"].get(t.skeleton, ()))
        found.update(by["root"].get(t.canonical, ()))  # Bakri for Bakr
        root = self._root(t.text)
        if root is not None:
            found.update(canonicals.get(root, ()))  # Bakr for Bakri
        if len(t.text) > 2:
            for word in self.nearby.near(t.text, 1 if len(t.text) <= 4 else 2):
                found.update(texts[word])
        return found

    def _reach(self, t: Token) -> _Reach:
        """The listed spellings and names ``t`` matches, with its best score in each name
        and what each posting adds to its name's coverage (kept by spelling)."""
        key = (t.text, t.script)
        found = self._reached.get(key)
        if found is not None:
            return found
        matches: dict[int, tuple[str, float]] = {}
        for sid in self._candidates(t):
            hit = _match(t, self.spellings[sid])
            if hit is None:
                continue
            rule, score = hit
            if rule == "fuzzy" and t.text in self.listed_texts:
                # The query spells another listed name part (Yong, not Song): a typo is
                # the less likely reading, so its edits count twice.
                score = 1.0 - KNOWN_WORD * (1.0 - score)
            matches[sid] = (rule, score)
        groups: list[tuple[npt.NDArray[np.intp], npt.NDArray[np.float64], float]] = []
        for sid, (rule, score) in matches.items():
            # Two tokens written as one match only by a rule other than a typo.
            for where in (self._own, self._pairs) if rule != "fuzzy" else (self._own,):
                if sid in where:
                    groups.append((*where[sid], score))
        w = self._token_weight(t)
        if len(groups) == 1:
            names, cover, score = groups[0]
            reach = _Reach(
                matches, names, np.full(len(names), w * score), cover * score, w, t.light
            )
        elif sum(len(g[0]) for g in groups) <= 64:
            merged: dict[int, list[float]] = {}
            for posted, covers, score in groups:
                for n, c in zip(posted.tolist(), covers.tolist(), strict=True):
                    seen = merged.get(n)
                    if seen is None:
                        merged[n] = [score, c * score]
                    else:
                        seen[0] = max(seen[0], score)
                        seen[1] += c * score
            ordered = sorted(merged)
            reach = _Reach(
                matches,
                np.array(ordered, dtype=np.intp),
                np.array([w * merged[n][0] for n in ordered]),
                np.array([merged[n][1] for n in ordered]),
                w,
                t.light,
            )
        else:
            posted = np.concatenate([g[0] for g in groups])
            order = np.argsort(posted, kind="stable")
            posted = posted[order]
            starts = np.flatnonzero(np.concatenate(([True], posted[1:] != posted[:-1])))
            scores = np.repeat([g[2] for g in groups], [len(g[0]) for g in groups])[order]
            covers = np.concatenate([g[1] * g[2] for g in groups])[order]
            reach = _Reach(
                matches,
                posted[starts],
                w * np.maximum.reduceat(scores, starts),
                np.add.reduceat(covers, starts),
                w,
                t.light,
            )
        if len(self._reached) >= REACH_CACHE:
            self._reached.clear()
        self._reached[key] = reach
        return reach

    def _align(
        self,
        reaches: Sequence[_Reach],
        query: tuple[Token, ...],
        q_weights: Sequence[float],
        q_total: float,
        name: _Name,
    ) -> tuple[float, list[tuple[int, int, str, float]]]:
        """The name's score against the query, and the token pairs chosen: (query token,
        listed token, rule, score)."""
        pairs = []
        ids = name.ids
        for i, reach in enumerate(reaches):
            matches = reach.matches
            for j, sid in enumerate(ids):
                hit = matches.get(sid)
                if hit is not None:
                    pairs.append((hit[1], i, j, hit[0]))
        pairs.sort(key=_by_score)
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
        joined = False
        if len(used_q) < len(query):
            for i, reach in enumerate(reaches):
                if i in used_q:
                    continue
                matches = reach.matches
                for j, sid in enumerate(name.joined):
                    if j in used_c or j + 1 in used_c:
                        continue
                    hit = matches.get(sid)
                    if hit is not None and hit[0] != "fuzzy":
                        used_q.add(i)
                        used_c.update((j, j + 1))
                        chosen.append((i, j, hit[0], hit[1]))
                        joined = True
                        break
        listed, c_weights, c_total = name.tokens, name.weights, name.total
        if not chosen or not q_total:
            return 0.0, []
        q_hit = sum(q_weights[i] * s for i, _, _, s in chosen) / q_total
        c_cover = sum(c_weights[j] * s for _, j, _, s in chosen)
        if joined:
            c_cover += sum(
                c_weights[j + 1] * s
                for i, j, _, s in chosen
                if j + 1 in used_c and all(jj != j + 1 for _, jj, _, _ in chosen)
            )
        # A middle name left out costs less: people often drop them.
        first, last = min(used_c), max(used_c)
        dropped = sum(
            c_weights[j] for j in range(first + 1, last) if j not in used_c and not listed[j].light
        )
        c_hit = min(1.0, c_cover / (c_total - MIDDLE_DISCOUNT * dropped))
        if all(query[i].light for i, _, _, _ in chosen):
            return 0.0, []
        score = (1 + BETA2) * q_hit * c_hit / (BETA2 * c_hit + q_hit) if q_hit + c_hit else 0.0
        return score, chosen

    def _possible(self, reaches: Sequence[_Reach], total: float, cut: float) -> list[int]:
        """The listed names that could score ``cut`` or more, in order: those a query's
        tokens reach whose upper bound reaches it. The bound: the query's weight each token
        could match there at its best score, and the listed weight all could cover, over
        the least the name's weight could shrink to by a dropped middle name (its inner
        tokens' weight, and never more than what is not covered)."""
        if cut <= 0:  # every name a token that is not light reaches
            heavy = [r.names for r in reaches if not r.light]
            return sorted(set(np.concatenate(heavy).tolist()))
        size = len(self.names)
        posted = np.concatenate([r.names for r in reaches])
        matched = np.bincount(posted, np.concatenate([r.matched for r in reaches]), size)
        # Even covering the whole listed name, the query's share matched must be enough.
        least = cut * BETA2 / (1 + BETA2 - cut) if cut < 1 + BETA2 else math.inf
        found = np.flatnonzero(matched >= least * total - 1e-9)
        if not len(found):
            return []  # most names screened: the coverage is not worth adding up
        covers = np.bincount(posted, np.concatenate([r.cover for r in reaches]), size)
        bounds = self._weight_bounds
        possible: list[tuple[float, int]] = []
        for n, m, covered in zip(
            found.tolist(), matched[found].tolist(), covers[found].tolist(), strict=True
        ):
            weight, least_weight = bounds[n]
            shrunk = max(least_weight, (1 - MIDDLE_DISCOUNT) * weight + MIDDLE_DISCOUNT * covered)
            q, c = m / total, min(1.0, covered / shrunk)
            bound = (1 + BETA2) * q * c / (BETA2 * c + q)
            if bound >= cut - 1e-9:
                possible.append((bound, n))
        if len(possible) > CANDIDATES:
            possible = sorted(possible, key=lambda p: -p[0])[:CANDIDATES]
            return sorted(n for _, n in possible)
        return [n for _, n in possible]

    def screen(self, query: Query, *, limit: int = 10, threshold: float = 0.0) -> list[Candidate]:
        """Candidates for ``query``, best first, at or above ``threshold``."""
        return self._screen(query, tokens(query.name), limit, threshold)

    def _screen(
        self, query: Query, q_tokens: tuple[Token, ...], limit: int, threshold: float
    ) -> list[Candidate]:
        if not q_tokens:
            return []
        cached = self._reached.get
        reaches = [cached((t.text, t.script)) or self._reach(t) for t in q_tokens]
        weights = [r.weight for r in reaches]
        total = sum(weights)
        names: list[int] = []
        if any(len(r.names) for r in reaches if not r.light):
            # What a date of birth, a nationality and a document could add (see _confirm).
            room = 0.06 * bool(query.dob) + 0.03 * bool(query.nationality)
            room += 0.10 * bool(query.document)
            names = self._possible(reaches, total, threshold - room)
        weak = set(self.weak.get(whole(q_tokens), ()))
        names += sorted(weak.difference(names))
        best: dict[int, Candidate] = {}
        for n in names:
            name = self.names[n]
            name_score, chosen = self._align(reaches, q_tokens, weights, total, name)
            if name_score <= 0:
                continue
            entry = self.entries[name.entry]
            if n in weak:
                name_score = 1.0  # the alias's own letters, as listed
            score, checks = _confirm(name_score, entry, query)
            if name.quality is Quality.LOW:
                score = min(score, WEAK_ALIAS_SCORE if n in weak else LOW_QUALITY_CAP)
            if score < threshold:
                continue  # never shown: not worth explaining
            current = best.get(name.entry)
            # One candidate per entry: its best score, a strong name before a weak alias,
            # then the name that matched best (its original script, not a transliteration,
            # when the dates of birth take both to 1.00).
            if current is not None and (
                current.score,
                not current.weak_alias,
                current.name_score,
            ) >= (score, n not in weak, name_score):
                continue
            best[name.entry] = Candidate(
                entry.reference,
                entry.regime,
                entry.name,
                name.text,
                name.quality.value,
                score,
                name_score,
                tuple(
                    Alignment(q_tokens[i].text, name.tokens[j].text, rule, round(s, 3))
                    for i, j, rule, s in sorted(chosen)
                ),
                checks,
                n in weak,
            )
        ranked = sorted(best.values(), key=lambda c: (-c.score, c.weak_alias, c.reference))
        return ranked[:limit]

    def screen_many(
        self,
        queries: Iterable[Query],
        *,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 10,
        progress: Callable[[int], None] | None = None,
        workers: int | None = None,
    ) -> list[list[Candidate]]:
        """Every query's candidates, in order. A name asked twice is screened once (however
        it is written: "KIM Yong-chol" and "Kim Yong Chol" have the same tokens, hence the
        same candidates); a long batch is shared among ``workers`` processes (default: one
        per core)."""
        with _collector_paused():
            return self._screen_many(list(queries), threshold, limit, progress, workers)

    def _screen_many(
        self,
        todo: list[Query],
        threshold: float,
        limit: int,
        progress: Callable[[int], None] | None,
        workers: int | None,
    ) -> list[list[Candidate]]:
        spelling: dict[str, tuple[str, tuple[str, ...]]] = {}
        keys = []
        for q in todo:
            said = spelling.get(q.name)
            if said is None:
                said = spelling[q.name] = words(q.name)
            keys.append((said, q.dob, q.nationality, q.document))
        first: dict[tuple[Any, ...], Query] = {}
        for key, query in zip(keys, todo, strict=True):
            first.setdefault(key, query)
        workers = workers or os.cpu_count() or 1
        parallel = workers > 1 and len(first) >= 4 * CHUNK and "fork" in mp.get_all_start_methods()
        if parallel:
            # Names that share their longest word go to one worker, in one chunk as far as
            # they can: what it works out for a word is worked out once, not once per worker.
            first = dict(sorted(first.items(), key=_by_longest_word))
        unique = list(first.values())
        spelled = [key[0] for key in first]
        answers: list[list[Candidate]] = []
        if parallel:
            global _SHARED
            # Forked workers inherit the screener and the queries: only ranges are sent.
            _SHARED = (self, unique, spelled)
            chunks = [(i, min(i + CHUNK, len(unique))) for i in range(0, len(unique), CHUNK)]
            with mp.get_context("fork").Pool(workers) as pool:
                for part in pool.imap(_work, [(*c, threshold, limit) for c in chunks]):
                    answers.extend(part)
                    if progress is not None:
                        progress(len(part))
            _SHARED = None
        else:
            for i, (query, (script, raw)) in enumerate(zip(unique, spelled, strict=True), 1):
                q_tokens = tuple(word_token(w, script) for w in raw)
                answers.append(self._screen(query, q_tokens, limit, threshold))
                if progress is not None and i % CHUNK == 0:
                    progress(CHUNK)
        found = dict(zip(first, answers, strict=True))
        return [found[key] for key in keys]


CHUNK = 500


def _by_longest_word(item: tuple[tuple[Any, ...], Query]) -> tuple[str, str]:
    script, raw = item[0][0]
    return max(raw, key=len, default=""), script


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for a batch (and in the worker processes
    forked for it). Screening makes no reference cycles, so reference counting frees all it
    leaves behind; the collector would only scan the index and its caches again and again
    as they grow, a tenth of a batch's time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_SHARED: tuple[Screener, list[Query], list[tuple[str, tuple[str, ...]]]] | None = None
"""The screener, the queries and their words that a forked worker process inherits."""


def _work(task: tuple[int, int, float, int]) -> list[list[Candidate]]:
    start, stop, threshold, limit = task
    assert _SHARED is not None
    screener, queries, spelled = _SHARED
    return [
        screener._screen(q, tuple(word_token(w, script) for w in raw), limit, threshold)
        for q, (script, raw) in zip(queries[start:stop], spelled[start:stop], strict=True)
    ]


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
