"""The Council reform proposals as values: each read from its own document and cited.

A ``Reform`` holds what was read from a proposal's text (its quoted paragraphs, its seats
by category, the veto holders) and what was not (``not_read``, and the ``options`` that
stand in for numbers its text leaves open or that were not read). ``council()`` turns it,
with the options a user gives, into the game the power code takes: seats, votes needed,
veto holders. Standard library only: the YAML is read at the edge (``unsc.service.reform``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from unsc.core.errors import UnscError

__all__ = [
    "Option",
    "Quote",
    "Reading",
    "Reform",
    "ReformCouncil",
    "ReformError",
    "SeatCategory",
    "council",
    "find",
    "number_in_words",
]


class ReformError(UnscError):
    """An unknown reform, a reform not bundled, or a bad option: says what to give instead."""


_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}


def number_in_words(word: str) -> int:
    """A number as the Charter writes it (``"nine"``, ``"twenty-five"``) as an int."""
    w = word.strip().lower()
    if w in _UNITS:
        return _UNITS[w]
    if w in _TENS:
        return _TENS[w]
    tens, _, unit = w.partition("-")
    if tens in _TENS and unit in _UNITS and _UNITS[unit] < 10:
        return _TENS[tens] + _UNITS[unit]
    raise ValueError(f"{word!r} is not a number written in words")


@dataclass(frozen=True)
class Quote:
    """A paragraph quoted from the proposal's text, and where it stands in it."""

    id: str
    where: str
    text: str


@dataclass(frozen=True)
class Reading:
    """A copy of the text that was read: its address, what it is, and the day it was read."""

    url: str
    what: str
    read_on: dt.date


@dataclass(frozen=True)
class SeatCategory:
    """Seats of one kind: permanent or not, with the veto or not, named or counted."""

    name: str
    permanent: bool
    veto: bool
    quote: str
    holders: tuple[str, ...] = ()
    count: int = 0
    seat_name: str = "Seat"
    note: str | None = None

    @property
    def seat_names(self) -> tuple[str, ...]:
        """The holders' names, or ``Elected 1``.. when the text names none."""
        if self.holders:
            return self.holders
        return tuple(f"{self.seat_name} {i + 1}" for i in range(self.count))


@dataclass(frozen=True)
class Option:
    """A number the text leaves open or that was not read: a default and why it is that."""

    key: str
    kind: str
    """``int`` or ``bool``."""
    default: int | bool
    why: str


@dataclass(frozen=True)
class Reform:
    """A reform proposal as read from its document; ``bundled`` False when its figures were not."""

    key: str
    symbol: str
    official_url: str
    bundled: bool
    read: tuple[Reading, ...]
    title: str | None = None
    date: dt.date | None = None
    introduced: dt.date | None = None
    sponsors: str | None = None
    quotes: tuple[Quote, ...] = ()
    seats: int | None = None
    categories: tuple[SeatCategory, ...] = ()
    votes_needed: int | None = None
    not_read: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    why_not_bundled: str | None = None

    def quote(self, quote_id: str) -> Quote:
        """The quoted paragraph with that id."""
        for q in self.quotes:
            if q.id == quote_id:
                return q
        raise KeyError(quote_id)


@dataclass(frozen=True)
class ReformCouncil:
    """A reform with its options applied: the game's seats, votes needed and veto holders."""

    reform: Reform
    seats: tuple[str, ...]
    category: tuple[str, ...]
    """Each seat's category, in the order of ``seats``."""
    veto: tuple[str, ...]
    votes_needed: int
    values: Mapping[str, int | bool]
    """Every option's value, given or by default."""
    given: frozenset[str]
    """The options the user gave."""


def find(reforms: Sequence[Reform], name: str) -> Reform:
    """The bundled reform called ``name``; an error lists the names, or says why it is out."""
    for r in reforms:
        if r.key == name.strip().lower():
            if not r.bundled:
                raise ReformError(
                    f"{r.key} ({r.symbol}) is not bundled: {r.why_not_bundled}; "
                    f"bundled: {', '.join(x.key for x in reforms if x.bundled)}"
                )
            return r
    raise ReformError(
        f"unknown reform {name!r}: give one of "
        f"{', '.join(r.key for r in reforms if r.bundled)} (--reform list shows them all)"
    )


_OPTION = re.compile(r"^\s*([a-z_]+)\s*=\s*(\S+)\s*$")


def _value(reform: Reform, option: Option, text: str) -> int | bool:
    if option.kind == "bool":
        if text.lower() in ("true", "yes", "1"):
            return True
        if text.lower() in ("false", "no", "0"):
            return False
        raise ReformError(f"{reform.key}: {option.key}={text!r}: give true or false")
    try:
        return int(text)
    except ValueError:
        raise ReformError(f"{reform.key}: {option.key}={text!r}: give a whole number") from None


def council(reform: Reform, options: Mapping[str, str] | Sequence[str] = ()) -> ReformCouncil:
    """The reform's game with ``options``: ``{"votes_needed": "14"}`` or ``["votes_needed=14"]``."""
    given: dict[str, str] = {}
    if isinstance(options, Mapping):
        given = {str(k).strip(): str(v).strip() for k, v in options.items()}
    else:
        for item in options:
            m = _OPTION.match(item)
            if m is None:
                raise ReformError(f"--reform-option {item!r}: give KEY=VALUE, e.g. votes_needed=15")
            given[m.group(1)] = m.group(2)
    known = {o.key: o for o in reform.options}
    for key in given:
        if key not in known:
            choices = ", ".join(known) or "none: every figure was read from its text"
            raise ReformError(f"{reform.key} has no option {key!r}; its options: {choices}")
    values: dict[str, int | bool] = {}
    for key, option in known.items():
        values[key] = _value(reform, option, given[key]) if key in given else option.default
    seats: list[str] = []
    category: list[str] = []
    veto: list[str] = []
    for c in reform.categories:
        for name in c.seat_names:
            seats.append(name)
            category.append(c.name)
            if c.veto:
                veto.append(name)
    needed = reform.votes_needed
    if "votes_needed" in values:
        needed = int(values["votes_needed"])
    if needed is None:
        raise ReformError(f"{reform.key}: give --reform-option votes_needed=N")
    if not 1 <= needed <= len(seats):
        raise ReformError(
            f"{reform.key}: votes_needed={needed}: give a number from 1 to {len(seats)}, the seats"
        )
    return ReformCouncil(
        reform, tuple(seats), tuple(category), tuple(veto), needed, values, frozenset(given)
    )
