"""What people type into search, understood: document symbols in any spelling, dates, and
countries under every name, the rest as words. Pure and standard-library only; the record
turns a ``Query`` into SQL (``unsc.record.search``).

A symbol is looked up exactly first (``S/PRST/2017/16``, ``s/prst/2017/16``, ``S/PV.9048``,
``PV 9048``, ``2397``, ``resolution 2397``, ``S/RES/2397(2017)``, ``S/2022/431``); a date is
a day (``2022-05-26``, ``26 May 2022``, ``May 26, 2022``) or a month (``May 2022``); a
country's name (``North Korea``) becomes an OR of every name it has (``DPRK``, ``Democratic
People's Republic of Korea``...), from the table the caller passes in. Every word reaches the
full-text index as a quoted phrase, so no character the user types is read as FTS5 syntax.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

MAX_LENGTH = 200
"""The longest query accepted, in characters."""

MAX_NAME_WORDS = 8
"""The longest country name looked for, in words ("United Kingdom of Great Britain and
Northern Ireland")."""

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))

_SYMBOLS = re.compile(
    r"""
    (?P<res>\bS\s*/\s*RES\s*/\s*(?P<res_n>\d{1,4})(?:\s*\(\s*(?P<res_y>\d{4})\s*\))?)
    | (?P<resword>\b(?:resolution|res\.?)\s+(?P<rw_n>\d{1,4})(?:\s*\(\s*(?P<rw_y>\d{4})\s*\))?)
    | (?P<prst>\bS\s*/\s*PRST\s*/\s*(?P<prst_y>\d{4})\s*/\s*(?P<prst_n>\d{1,3})
        (?:\s*/\s*Corr\.?\s*(?P<prst_c>\d))?)
    | (?P<pv>\b(?:S\s*/\s*)?PV\s*[.\s]\s*(?P<pv_n>\d{1,5})\b)
    | (?P<doc>\bS\s*/\s*(?P<doc_y>(?:19|20)\d\d)\s*/\s*(?P<doc_n>\d{1,4})\b
        (?:\s*/\s*Rev\.?\s*(?P<doc_r>\d))?)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_DATES = re.compile(
    rf"""
    (?P<iso>\b(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{1,2}})-(?P<iso_d>\d{{1,2}})\b)
    | (?P<dmy>\b(?P<dmy_d>\d{{1,2}})\s+(?P<dmy_m>{_MONTH})\.?,?\s+(?P<dmy_y>\d{{4}})\b)
    | (?P<mdy>\b(?P<mdy_m>{_MONTH})\.?\s+(?P<mdy_d>\d{{1,2}}),?\s+(?P<mdy_y>\d{{4}})\b)
    | (?P<my>\b(?P<my_m>{_MONTH})\.?,?\s+(?P<my_y>\d{{4}})\b)
    | (?P<ym>\b(?P<ym_y>\d{{4}})-(?P<ym_m>\d{{2}})\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_LONE_NUMBER = re.compile(r"\s*(\d{1,4})\s*")


@dataclass(frozen=True, slots=True)
class Period:
    """A day or a month the user named: documents dated ``start`` to ``end``, inclusive."""

    start: dt.date
    end: dt.date
    text: str


@dataclass(frozen=True, slots=True)
class Query:
    """A query understood.

    ``symbols`` are looked up exactly (as ``symbol_key`` folds them); ``phrases`` are the
    words the symbols stand for in running text ("2397 (2017)"), found anywhere; ``periods``
    restrict documents to those dates; ``groups`` must all match, each by any one of its
    phrases (a country's names, or a single word)."""

    text: str
    symbols: tuple[str, ...] = ()
    resolution_numbers: tuple[int, ...] = ()
    phrases: tuple[str, ...] = ()
    periods: tuple[Period, ...] = ()
    groups: tuple[tuple[str, ...], ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.symbols or self.resolution_numbers or self.periods or self.groups)

    @property
    def has_words(self) -> bool:
        return bool(self.groups or self.phrases)


class QueryError(ValueError):
    """The query cannot be searched; the message says why and what to type instead."""


def fold(text: str) -> str:
    """Case, accents, curly apostrophes and dots folded: how names and words compare."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    return plain.casefold()


def words(text: str) -> list[str]:
    """The words of ``text``, folded; dots inside a word dropped (D.P.R.K. is dprk)."""
    folded = re.sub(r"(?<=\w)\.(?=\w)", "", fold(text))
    return _WORD.findall(folded)


def name_key(name: str) -> str:
    """A name as the country table is keyed: its words, folded, joined by one space."""
    return " ".join(words(name))


def symbol_key(symbol: str) -> str:
    """A symbol folded for exact look-up: upper case, no spaces (``S/RES/2397(2017)``)."""
    return "".join(symbol.split()).upper()


def parse_query(text: str, names: Mapping[str, tuple[str, ...]] | None = None) -> Query:
    """Understand ``text``; ``names`` maps a country's name (as ``name_key`` folds it) to every
    name of that country. Raises ``QueryError`` for an empty or over-long query."""
    stripped = " ".join(text.split())
    if not stripped:
        raise QueryError("the query is empty: type a symbol (S/RES/2397), a date or some words")
    if len(stripped) > MAX_LENGTH:
        raise QueryError(
            f"the query is {len(stripped)} characters long; shorten it to {MAX_LENGTH} or fewer"
        )
    symbols: list[str] = []
    numbers: list[int] = []
    phrases: list[str] = []
    rest = stripped
    lone = _LONE_NUMBER.fullmatch(rest)
    if lone is not None:
        numbers.append(int(lone[1]))
        phrases.append(f"resolution {int(lone[1])}")
        rest = ""
    for match in _SYMBOLS.finditer(rest):
        found = _symbol(match)
        if found is not None:
            number, exact, phrase = found
            if number is not None:
                numbers.append(number)
            symbols.extend(exact)
            phrases.append(phrase)
    rest = _SYMBOLS.sub(" ", rest)
    periods: list[Period] = []
    for match in _DATES.finditer(rest):
        period = _period(match)
        if period is not None:
            periods.append(period)
    rest = _DATES.sub(" ", rest)
    groups = _groups(words(rest), names or {})
    return Query(
        stripped,
        tuple(dict.fromkeys(symbols)),
        tuple(dict.fromkeys(numbers)),
        tuple(dict.fromkeys(phrases)),
        tuple(periods),
        groups,
    )


def _symbol(match: re.Match[str]) -> tuple[int | None, list[str], str] | None:
    """(resolution number, exact symbol keys, the phrase running text writes it as)."""
    g = match.groupdict()
    if g["res"] or g["resword"]:
        n = int(g["res_n"] or g["rw_n"])
        year = g["res_y"] or g["rw_y"]
        exact = [f"S/RES/{n}({year})"] if year else []
        return n, exact, f"{n} ({year})" if year else f"resolution {n}"
    if g["prst"]:
        key = f"S/PRST/{g['prst_y']}/{int(g['prst_n'])}"
        if g["prst_c"]:
            key += f"/CORR.{int(g['prst_c'])}"
        return None, [key], key.replace("/", " ")
    if g["pv"]:
        return None, [f"S/PV.{int(g['pv_n'])}"], f"S/PV.{int(g['pv_n'])}"
    if g["doc"]:
        key = f"S/{g['doc_y']}/{int(g['doc_n'])}"
        if g["doc_r"]:
            key += f"/REV.{int(g['doc_r'])}"
        return None, [key], key
    return None


def _period(match: re.Match[str]) -> Period | None:
    g = match.groupdict()
    text = match.group(0)
    try:
        if g["iso"]:
            day = dt.date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
            return Period(day, day, text)
        if g["dmy"]:
            day = dt.date(int(g["dmy_y"]), _MONTHS[g["dmy_m"].lower()], int(g["dmy_d"]))
            return Period(day, day, text)
        if g["mdy"]:
            day = dt.date(int(g["mdy_y"]), _MONTHS[g["mdy_m"].lower()], int(g["mdy_d"]))
            return Period(day, day, text)
        year, month = (
            (int(g["my_y"]), _MONTHS[g["my_m"].lower()])
            if g["my"]
            else (int(g["ym_y"]), int(g["ym_m"]))
        )
        last = calendar.monthrange(year, month)[1]
        return Period(dt.date(year, month, 1), dt.date(year, month, last), text)
    except ValueError:  # 31 February, month 13, year 0: words, not a date
        return None


def _groups(tokens: list[str], names: Mapping[str, tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """Each country name (longest first) becomes one group of all its names (``names``
    gives them, the typed name among them unless it is one never searched); each other word
    a group of itself."""
    groups: list[tuple[str, ...]] = []
    i = 0
    while i < len(tokens):
        for width in range(min(MAX_NAME_WORDS, len(tokens) - i), 0, -1):
            phrase = " ".join(tokens[i : i + width])
            forms = names.get(phrase)
            if forms:
                groups.append(tuple(dict.fromkeys(k for k in map(name_key, forms) if k)))
                i += width
                break
        else:
            groups.append((tokens[i],))
            i += 1
    return tuple(dict.fromkeys(g for g in groups if any(g)))


def fts5_match(query: Query) -> str | None:
    """The FTS5 MATCH expression: the groups ANDed, each an OR of quoted phrases, or else
    the symbols' phrases ORed. Every phrase is a quoted string (a double quote inside is
    doubled), so nothing the user typed is read as an operator, a column or a prefix."""
    if query.groups:
        parts = [
            "(" + " OR ".join(_quoted(p) for p in group) + ")"
            if len(group) > 1
            else _quoted(group[0])
            for group in query.groups
        ]
        return " AND ".join(parts)
    if query.phrases:
        return " OR ".join(_quoted(p) for p in query.phrases)
    return None


def _quoted(phrase: str) -> str:
    return '"' + phrase.replace('"', '""') + '"'
