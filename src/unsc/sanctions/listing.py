"""The UN Security Council Consolidated List as values, and what changed between two
snapshots of it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any


class Quality(StrEnum):
    """How the list rates an alias: a low-quality alias alone is not enough to identify."""

    GOOD = "good"
    LOW = "low"
    AKA = "a.k.a."
    """Also known as (entities; no quality given)."""
    FKA = "f.k.a."
    """Formerly known as."""
    NAME = "name"
    """Not an alias: the entry's own name."""

    @classmethod
    def from_list(cls, text: str) -> Quality:
        value = text.strip().lower()
        for quality in cls:
            if quality.value == value:
                return quality
        raise ValueError(f"alias quality {text!r}: expected Good, Low, a.k.a. or f.k.a.")


@dataclass(frozen=True, slots=True)
class Alias:
    name: str
    quality: Quality

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "quality": self.quality.value}


@dataclass(frozen=True, slots=True)
class BirthDate:
    """A date of birth as listed: exact, approximate (a year), or between two years."""

    kind: str
    text: str
    """As listed: ``1961-05-01``, ``1961``, ``1963-1968``."""
    year_from: int | None
    year_to: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True, slots=True)
class Document:
    kind: str
    number: str
    country: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "number": self.number, "country": self.country}


@dataclass(frozen=True, slots=True)
class Entry:
    """One listed individual or entity."""

    reference: str
    """``KPi.033``, ``QDe.069``: the regime's reference number, stripped."""
    kind: str
    """``individual`` or ``entity``."""
    regime: str
    """``UN_LIST_TYPE``: ``DPRK``, ``Al-Qaida``, ``Taliban`` ..."""
    name: str
    name_parts: tuple[str, ...]
    original_script: str
    aliases: tuple[Alias, ...]
    birth_dates: tuple[BirthDate, ...]
    nationalities: tuple[str, ...]
    documents: tuple[Document, ...]
    listed_on: str
    updated: tuple[str, ...]
    designations: tuple[str, ...]
    comments: str

    def names(self) -> tuple[Alias, ...]:
        """The entry's name, its original-script name, and its aliases, each with quality."""
        own = [Alias(self.name, Quality.NAME)]
        if self.original_script:
            own.append(Alias(self.original_script, Quality.NAME))
        return (*own, *self.aliases)

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "kind": self.kind,
            "regime": self.regime,
            "name": self.name,
            "original_script": self.original_script,
            "aliases": [a.to_dict() for a in self.aliases],
            "birth_dates": [b.to_dict() for b in self.birth_dates],
            "nationalities": list(self.nationalities),
            "documents": [d.to_dict() for d in self.documents],
            "listed_on": self.listed_on,
            "updated": list(self.updated),
        }


@dataclass(frozen=True, slots=True)
class Snapshot:
    generated: str
    entries: tuple[Entry, ...]

    def by_reference(self) -> dict[str, Entry]:
        return {e.reference: e for e in self.entries}


COMPARED = tuple(
    f.name for f in fields(Entry) if f.name not in ("reference", "name_parts", "comments")
)
"""Fields whose change makes an entry amended (comments are compared apart)."""


def list_diff(old: Snapshot, new: Snapshot) -> dict[str, Any]:
    """Entries listed (in ``new`` only), delisted (in ``old`` only) and amended (in both,
    with the fields that changed)."""
    before, after = old.by_reference(), new.by_reference()
    amended = []
    for ref in sorted(before.keys() & after.keys()):
        a, b = before[ref], after[ref]
        changed = [f for f in COMPARED if getattr(a, f) != getattr(b, f)]
        if a.comments.split() != b.comments.split():
            changed.append("comments")
        if changed:
            amended.append(
                {
                    "reference": ref,
                    "name": b.name,
                    "fields": changed,
                    "changes": {
                        f: {"old": _plain(getattr(a, f)), "new": _plain(getattr(b, f))}
                        for f in changed
                    },
                }
            )
    return {
        "old": old.generated,
        "new": new.generated,
        "added": [_brief(after[r]) for r in sorted(after.keys() - before.keys())],
        "removed": [_brief(before[r]) for r in sorted(before.keys() - after.keys())],
        "amended": amended,
    }


def _plain(value: Any) -> Any:
    """A field's value as JSON: a tuple of records as a list of their dicts."""
    if isinstance(value, tuple):
        return [v.to_dict() if hasattr(v, "to_dict") else v for v in value]
    return value


def _brief(entry: Entry) -> dict[str, str]:
    return {
        "reference": entry.reference,
        "name": entry.name,
        "regime": entry.regime,
        "kind": entry.kind,
        "listed_on": entry.listed_on,
    }


def count_by(entries: Sequence[dict[str, Any]], key: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for e in entries:
        counts[e[key]] = counts.get(e[key], 0) + 1
    return dict(sorted(counts.items()))
