"""Reads the bundled, cited law data (YAML) into a core ``Law``.

This is the edge between files and the pure core: the core never reads a file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from unsc.core.citations import Citation, SourceKind
from unsc.core.errors import LawDataError
from unsc.core.law import (
    Law,
    PermanentSeat,
    PresidencyOverride,
    StateName,
    StateRecord,
    Term,
)
from unsc.core.timeline import Dated, Entry

DATA = "unsc.law.data"
RECORD_TERM_REF = "Sciences Po UNSC vote record (CC BY 4.0)"


def parse_yaml(text: str) -> Any:
    """Parse YAML safely, with libyaml's loader where PyYAML has it (several times faster)."""
    import yaml  # imported on first use: a cached law needs no YAML parser

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


def read_yaml(name: str) -> Any:
    """A bundled law data file, parsed (from the parse cache when the text is unchanged)."""
    return parse_yaml_cached(resources.files(DATA).joinpath(name).read_text(encoding="utf-8"))


def _cache_dir() -> Path:
    """``$XDG_CACHE_HOME/unsc`` (else ``~/.cache/unsc``): parsed law data, by content hash."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "unsc"


def parse_yaml_cached(text: str) -> Any:
    """YAML parsed once per content: the command line answers without parsing the law's
    files again (a cache entry is named by the SHA-256 of the text, so a changed file is
    never read from the cache). Without a writable cache, the text is simply parsed."""
    path = _cache_dir() / f"law-{hashlib.sha256(text.encode()).hexdigest()[:32]}.pickle"
    try:
        with path.open("rb") as cached:
            return pickle.load(cached)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    data = parse_yaml(text)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass
    return data


@lru_cache(maxsize=4)
def load_law(extra_spellings: tuple[tuple[str, str], ...] = ()) -> Law:
    """The Council's law as bundled: composition, thresholds, terms, names, presidency.

    ``extra_spellings`` are (spelling, state key) pairs users may type, such as a vote
    record's column names.
    """
    return build_law(
        read_yaml("council.yaml"),
        read_yaml("states.yaml"),
        read_yaml("terms.yaml"),
        extra_spellings,
    )


def build_law(
    council: Mapping[str, Any],
    states: Mapping[str, Any],
    terms: Mapping[str, Any],
    extra_spellings: Iterable[tuple[str, str]] = (),
) -> Law:
    """Build a ``Law`` from parsed data; every dated value must carry a source."""
    records = _states(states, extra_spellings)
    presidency = council["presidency"]
    return Law(
        first_meeting=council["first_meeting"]["date"],
        known_until=council["known_until"],
        states=records,
        permanent_seats=tuple(
            PermanentSeat(
                seat["seat"],
                Dated(
                    Entry(h["start"], h["end"], h["key"], citation(h, f"seat {seat['seat']}"))
                    for h in seat["holders"]
                ),
            )
            for seat in council["permanent_seats"]
        ),
        terms=tuple(_term(t) for t in terms["terms"]),
        seats=_dated_values(council["seats"], "seats"),
        threshold=_dated_values(council["threshold"], "threshold"),
        veto_initiative=_dated_values(council["veto_initiative"], "veto_initiative"),
        presidency_start=presidency["first"],
        presidency_overrides=tuple(
            PresidencyOverride(o["year"], o["month"], o["key"], citation(o, "presidency"))
            for o in presidency.get("overrides") or ()
        ),
        offset_presidency_until=_offset_until(presidency),
    )


def _offset_until(presidency: Mapping[str, Any]) -> dt.date | None:
    offset = presidency.get("offset_months")
    if not offset:
        return None
    citation(offset, "presidency offset_months")
    until: dt.date = offset["until"]
    return until


def citation(item: Mapping[str, Any], where: str) -> Citation:
    """The ``source`` of a data item as a ``Citation``; a missing source is an error."""
    source = item.get("source")
    if not isinstance(source, Mapping) or not source.get("ref"):
        raise LawDataError(f"{where}: every dated value needs a source with a 'ref'")
    try:
        kind = SourceKind(source.get("kind", "practice"))
    except ValueError:
        raise LawDataError(f"{where}: unknown source kind {source.get('kind')!r}") from None
    return Citation(
        kind, str(source["ref"]), str(source.get("note", "")), str(source.get("url", ""))
    )


def _dated_values(items: Iterable[Mapping[str, Any]], where: str) -> Dated[Any]:
    return Dated(Entry(i["start"], i["end"], i["value"], citation(i, where)) for i in items)


def _term(item: Mapping[str, Any]) -> Term:
    key = item["key"]
    start: dt.date = item["start"]
    end: dt.date = item["end"]
    if end < start:
        raise LawDataError(f"term of {key} ends ({end}) before it starts ({start})")
    return Term(key, start, end, citation(item, f"term of {key}"), str(item.get("note", "")))


def _states(
    data: Mapping[str, Any], extra_spellings: Iterable[tuple[str, str]]
) -> dict[str, StateRecord]:
    renames: dict[str, list[Mapping[str, Any]]] = {}
    for rename in data.get("renames") or ():
        citation(rename, f"earlier name of {rename['key']}")
        renames.setdefault(rename["key"], []).append(rename)
    extra: dict[str, list[str]] = {}
    for spelling, key in extra_spellings:
        extra.setdefault(key, []).append(spelling)
    out: dict[str, StateRecord] = {}
    for key, spec in data["states"].items():
        current = StateName(spec["name"], spec.get("un_name", spec["name"]), spec.get("iso3", key))
        entries: list[Entry[StateName]] = []
        start = dt.date(1945, 10, 24)
        for earlier in sorted(renames.get(key, ()), key=lambda r: r["until"]):
            name = StateName(
                earlier["name"],
                earlier.get("un_name", earlier["name"]),
                earlier.get("iso3", current.iso3),
            )
            entries.append(Entry(start, earlier["until"], name, citation(earlier, key)))
            start = earlier["until"] + dt.timedelta(days=1)
        entries.append(Entry(start, None, current))
        aliases = tuple(spec.get("aliases", ())) + tuple(extra.get(key, ()))
        out[key] = StateRecord(key, Dated(entries), aliases)
    unknown = set(renames) - set(out)
    if unknown:
        raise LawDataError(f"renames for unknown state keys: {sorted(unknown)}")
    return out
