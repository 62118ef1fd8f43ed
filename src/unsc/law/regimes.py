"""Reads the bundled sanctions regimes (``data/sanctions/<id>.yaml``) into core ``Regime``s."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from unsc.core.citations import Citation, SourceKind, UNSymbol
from unsc.core.errors import LawDataError
from unsc.core.measures import (
    Action,
    Change,
    Limit,
    MeasureKind,
    Period,
    PeriodKind,
    Phase,
    Regime,
    RegimeError,
)
from unsc.law.loader import DATA, parse_yaml

__all__ = ["Period", "build_regime", "load_regime", "regime_ids"]


@lru_cache(maxsize=1)
def regime_ids() -> tuple[str, ...]:
    """The regimes bundled, by committee number."""
    folder = resources.files(DATA).joinpath("sanctions")
    return tuple(
        sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))
    )


def known_regime(regime_id: str) -> str:
    """``regime_id`` if a regime of that id is bundled; else a RegimeError naming them."""
    if regime_id not in regime_ids():
        raise RegimeError(f"regime: one of {', '.join(regime_ids())}, not {regime_id[:20]!r}")
    return regime_id


@lru_cache(maxsize=8)
def load_regime(regime_id: str) -> Regime:
    """A bundled regime, read once (a Regime is immutable)."""
    name = f"sanctions/{known_regime(regime_id)}.yaml"
    text = resources.files(DATA).joinpath(name).read_text(encoding="utf-8")
    return build_regime(parse_yaml(text), name)


OFFICIAL_TEXT = ("unsc.data.official_text", "dprk_paragraphs.csv")
"""The official English text of the resolutions the bundled regimes cite, one row per
operative paragraph, subparagraph or continuation (UN DGACM, Akoma Ntoso; see SOURCE.yaml)."""


@lru_cache(maxsize=1)
def official_paragraphs() -> dict[str, dict[str, str]]:
    """``S/RES/2397 (2017)`` -> operative paragraph number -> its whole official text."""
    package, name = OFFICIAL_TEXT
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    paragraphs: dict[str, dict[str, str]] = {}
    for row in csv.DictReader(io.StringIO(text, newline="")):
        ops = paragraphs.setdefault(row["symbol"], {})
        ops[row["parent_op"]] = f"{ops.get(row['parent_op'], '')} {row['text']}".strip()
    return paragraphs


_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


def _subparagraph(text: str, marker: str) -> str | None:
    """The part of ``text`` from ``(marker)`` up to the next sibling's marker."""
    start = text.find(f"({marker})")
    if start < 0:
        return None
    if marker in _ROMANS:
        following = _ROMANS[_ROMANS.index(marker) + 1] if marker != _ROMANS[-1] else "xi"
    else:
        following = chr(ord(marker) + 1)
    end = text.find(f"({following})", start + 1)
    return (text[start:] if end < 0 else text[start:end]).strip()


def quote(resolution: str, paragraph: str) -> str:
    """The official words of ``paragraph`` of ``resolution`` (``"8(c)"``, ``"11-15"``,
    ``"1, 2"``), each part on its own line; ``""`` if the text is not bundled or does not
    show that paragraph (a test checks that every cited paragraph is shown)."""
    ops = official_paragraphs().get(resolution)
    if not ops or not paragraph:
        return ""
    parts: list[str] = []
    wanted: list[tuple[str, list[str]]]
    for piece in (p.strip() for p in paragraph.split(",")):
        span = re.fullmatch(r"(\d+)-(\d+)", piece)
        one = re.fullmatch(r"(\d+)((?:\([a-z]+\))*)", piece)
        if span:
            wanted = [(str(n), []) for n in range(int(span[1]), int(span[2]) + 1)]
        elif one:
            wanted = [(one[1], re.findall(r"\(([a-z]+)\)", one[2]))]
        else:
            return ""
        for number, markers in wanted:
            found: str | None = ops.get(number)
            for marker in markers:
                found = None if found is None else _subparagraph(found, marker)
            if found is None:
                return ""
            parts.append(found if not markers else f"{number}{found}")
    return "\n".join(parts)


def build_regime(data: Mapping[str, Any], where: str) -> Regime:
    try:
        changes = tuple(_change(c, f"{where}: changes[{i}]") for i, c in enumerate(data["changes"]))
        drafts = tuple(
            _change(c, f"{where}: drafts[{i}]") for i, c in enumerate(data.get("drafts") or ())
        )
        return Regime(str(data["id"]), data["name"], data["list_type"], changes, drafts)
    except KeyError as err:
        raise LawDataError(f"{where}: missing field {err}") from None


def _date(value: Any, field: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    raise LawDataError(f"{field}: expected a date (YYYY-MM-DD), got {value!r}")


def _change(c: Mapping[str, Any], where: str) -> Change:
    try:
        kind = MeasureKind(c["kind"])
    except ValueError:
        raise LawDataError(f"{where}.kind: one of {', '.join(MeasureKind)}") from None
    try:
        action = Action(c["action"])
    except ValueError:
        raise LawDataError(f"{where}.action: one of {', '.join(Action)}") from None
    sources = tuple(c.get("sources") or ())
    if not sources:
        raise LawDataError(f"{where} ({c.get('measure')}): every change needs a source")
    paragraph = "" if c.get("paragraph") is None else str(c["paragraph"])
    resolution = str(c["resolution"])
    ref = f"{resolution}, OP{paragraph}" if paragraph else resolution
    try:
        document = UNSymbol.parse(resolution).url  # the official text
    except ValueError:
        document = sources[0]
    citation = Citation(
        SourceKind.SC_RESOLUTION if resolution.startswith("S/RES/") else SourceKind.DATASET,
        ref,
        c.get("title", ""),
        document,
    )
    phases = tuple(_phase(p, f"{where}.phases[{i}]") for i, p in enumerate(c.get("phases") or ()))
    return Change(
        measure=str(c["measure"]),
        kind=kind,
        action=action,
        resolution=resolution,
        paragraph=paragraph,
        adopted=_date(c["adopted"], f"{where}.adopted"),
        effective=_date(c["effective"], f"{where}.effective"),
        title=str(c.get("title", "")),
        description=str(c.get("description", "")),
        until=None if c.get("until") is None else _date(c["until"], f"{where}.until"),
        phases=phases,
        citations=(citation,),
        sources=sources,
        note=str(c.get("note", "")),
        text=quote(resolution, paragraph),
    )


def _phase(p: Mapping[str, Any], where: str) -> Phase:
    try:
        kind = PeriodKind(p["period"])
    except ValueError:
        raise LawDataError(f"{where}.period: one of {', '.join(PeriodKind)}") from None
    limits = tuple(Limit(float(x["amount"]), str(x["unit"])) for x in p["limits"])
    end = None if p.get("end") is None else _date(p["end"], f"{where}.end")
    if kind is PeriodKind.FIXED and end is None:
        raise LawDataError(f"{where}: a fixed period needs an end")
    anchor = None if p.get("anchor") is None else _date(p["anchor"], f"{where}.anchor")
    return Phase(kind, _date(p["start"], f"{where}.start"), limits, end, anchor)
