"""The bundled reform proposals (``data/reforms/reforms.yaml``), validated, and their games."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from unsc.core.errors import LawDataError
from unsc.core.reform import (
    Option,
    Quote,
    Reading,
    Reform,
    ReformCouncil,
    SeatCategory,
    council,
    find,
    number_in_words,
)

__all__ = ["REFORMS_FILE", "load_reforms", "reform_council", "reform_list", "reform_summary"]

REFORMS_FILE = "reforms.yaml"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Reading(_Model):
    url: str
    what: str
    read_on: dt.date


class _Quote(_Model):
    id: str
    where: str
    text: str


class _Category(_Model):
    name: str
    permanent: bool
    veto: bool
    quote: str
    holders: list[str] = []
    count: int = 0
    seat_name: str = "Seat"
    veto_basis: str | None = None
    holders_note: str | None = None


class _Option(_Model):
    key: str
    kind: str
    default: int | bool
    why: str


class _Reform(_Model):
    key: str
    bundled: bool
    symbol: str
    official_url: str
    title: str | None = None
    date: dt.date | None = None
    introduced: dt.date | None = None
    sponsors: str | None = None
    sponsors_note: str | None = None
    read: list[_Reading]
    quotes: list[_Quote] = []
    seats: int | None = None
    seats_quote: str | None = None
    categories: list[_Category] = []
    votes_needed: int | None = None
    not_read: list[str] = []
    options: list[_Option] = []
    why_not_bundled: str | None = None


class _File(_Model):
    reforms: list[_Reform]


def _check(r: _Reform) -> None:
    """A bundled reform's figures must stand in its quoted text: seats, holders, counts."""
    where = f"{REFORMS_FILE}: {r.key}"
    if not r.bundled:
        if not r.why_not_bundled:
            raise LawDataError(f"{where}: a reform left out says why (why_not_bundled)")
        return
    quotes = {q.id: " ".join(q.text.split()) for q in r.quotes}
    if r.seats is None or r.seats_quote not in quotes:
        raise LawDataError(f"{where}: seats and seats_quote (a quoted paragraph) are needed")
    seats = sum(len(c.holders) or c.count for c in r.categories)
    if seats != r.seats:
        raise LawDataError(f"{where}: the categories hold {seats} seats, not {r.seats}")
    for c in r.categories:
        text = quotes.get(c.quote)
        if text is None:
            raise LawDataError(f"{where}: category {c.name}: quote {c.quote!r} is not quoted")
        for holder in c.holders:
            if holder not in text:
                raise LawDataError(f"{where}: {holder!r} is not in the quoted {c.quote}")
        if c.count and not any(
            _spelled(word) == c.count for word in text.replace(",", " ").split()
        ):
            raise LawDataError(f"{where}: {c.count} {c.name} seats are not in {c.quote}")
    if not any(_spelled(w) == r.seats for w in quotes[r.seats_quote].split()):
        raise LawDataError(f"{where}: {r.seats} seats are not in the quoted {r.seats_quote}")
    if r.votes_needed is None and "votes_needed" not in {o.key for o in r.options}:
        raise LawDataError(f"{where}: votes_needed is neither read nor an option")


def _spelled(word: str) -> int | None:
    try:
        return number_in_words(word.strip(".;:"))
    except ValueError:
        return None


def _reform(r: _Reform) -> Reform:
    return Reform(
        key=r.key,
        symbol=r.symbol,
        official_url=r.official_url,
        bundled=r.bundled,
        read=tuple(Reading(x.url, " ".join(x.what.split()), x.read_on) for x in r.read),
        title=r.title,
        date=r.date,
        introduced=r.introduced,
        sponsors=r.sponsors,
        quotes=tuple(
            Quote(q.id, " ".join(q.where.split()), " ".join(q.text.split())) for q in r.quotes
        ),
        seats=r.seats,
        categories=tuple(
            SeatCategory(
                c.name,
                c.permanent,
                c.veto,
                c.quote,
                tuple(c.holders),
                c.count,
                c.seat_name,
                c.veto_basis or c.holders_note,
            )
            for c in r.categories
        ),
        votes_needed=r.votes_needed,
        not_read=tuple(r.not_read),
        options=tuple(Option(o.key, o.kind, o.default, " ".join(o.why.split())) for o in r.options),
        why_not_bundled=" ".join(r.why_not_bundled.split()) if r.why_not_bundled else None,
    )


def parse_reforms(text: str) -> tuple[Reform, ...]:
    """The reforms in a YAML text of the bundled file's form, checked against their quotes."""
    import yaml

    try:
        data = _File.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as e:
        raise LawDataError(f"{REFORMS_FILE} is not valid: {e}") from None
    for r in data.reforms:
        _check(r)
    return tuple(_reform(r) for r in data.reforms)


@functools.cache
def load_reforms() -> tuple[Reform, ...]:
    """The bundled reforms, bundled or not, in the file's order."""
    text = resources.files("unsc.data.reforms").joinpath(REFORMS_FILE).read_text("utf-8")
    return parse_reforms(text)


def reform_council(name: str, options: Mapping[str, str] | Sequence[str] = ()) -> ReformCouncil:
    """The game of the reform called ``name`` with ``options`` applied."""
    return council(find(load_reforms(), name), options)


def reform_summary(rc: ReformCouncil) -> dict[str, Any]:
    """What the power view says of the reform: its document, quotes, categories, options."""
    r = rc.reform
    return {
        "key": r.key,
        "symbol": r.symbol,
        "official_url": r.official_url,
        "title": r.title,
        "date": r.date.isoformat() if r.date else None,
        "introduced": r.introduced.isoformat() if r.introduced else None,
        "sponsors": r.sponsors,
        "read": [{"url": x.url, "what": x.what, "read_on": x.read_on.isoformat()} for x in r.read],
        "quotes": [{"id": q.id, "where": q.where, "text": q.text} for q in r.quotes],
        "categories": [
            {
                "name": c.name,
                "seats": len(c.seat_names),
                "permanent": c.permanent,
                "veto": c.veto,
                "quote": c.quote,
                "note": c.note,
                "binary": (
                    "a permanent seat without the veto is, in this yes/no game, just a seat: "
                    "its power is an elected seat's"
                    if c.permanent and not c.veto
                    else None
                ),
            }
            for c in r.categories
        ],
        "votes_needed": rc.votes_needed,
        "options": [
            {
                "key": o.key,
                "value": rc.values[o.key],
                "default": o.default,
                "given": o.key in rc.given,
                "why": o.why,
            }
            for o in r.options
        ],
        "not_read": list(r.not_read),
    }


def reform_list() -> list[dict[str, Any]]:
    """Every reform known, bundled or not, with its symbol and why any is left out."""
    return [
        {
            "key": r.key,
            "symbol": r.symbol,
            "date": r.date.isoformat() if r.date else None,
            "bundled": r.bundled,
            "official_url": r.official_url,
            "options": [o.key for o in r.options],
            "why_not_bundled": r.why_not_bundled,
        }
        for r in load_reforms()
    ]
