"""The bundled record and law, loaded once, and the views the edges print."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from unsc.analysis.replay import ReplayReport, replay
from unsc.core.law import CouncilOn, Law
from unsc.core.recorded import RecordedVote
from unsc.importers.annotations import RecordAnnotations, load_annotations
from unsc.importers.sciencespo import DATA_PACKAGE, load_column_map, open_bundled, parse
from unsc.law.loader import load_law, parse_yaml


@dataclass(frozen=True, slots=True)
class BundledRecord:
    votes: tuple[RecordedVote, ...]
    annotations: RecordAnnotations


@lru_cache(maxsize=1)
def bundled_record() -> BundledRecord:
    """The Sciences Po vote record, parsed with its cited column corrections."""
    annotations = load_annotations()
    with open_bundled() as handle:
        votes = parse(handle, load_column_map(annotations.column_corrections))
    return BundledRecord(tuple(votes), annotations)


@lru_cache(maxsize=1)
def bundled_law() -> Law:
    """The law, with the record's column names accepted as member names."""
    spellings = tuple(load_column_map().keys())
    return load_law(spellings)


def record_source() -> dict[str, Any]:
    """Provenance of the bundled record (SOURCE.yaml)."""
    text = resources.files(DATA_PACKAGE).joinpath("SOURCE.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = parse_yaml(text)
    return {k: str(v) for k, v in data.items()}


def replay_bundled() -> ReplayReport:
    """Every vote of the bundled record decided again."""
    record = bundled_record()
    return replay(bundled_law(), record.votes, record.annotations.all(record.votes))


def council_view(council: CouncilOn) -> dict[str, Any]:
    """The Council on a day, as ``unsc council --json`` prints it."""
    return {
        "date": council.day.isoformat(),
        "seats": council.seats,
        "threshold": council.threshold,
        "members": [
            {
                "name": m.name,
                "iso3": m.iso3,
                "permanent": m.permanent,
                "term_start": m.term_start.isoformat(),
                "term_end": None if m.term_end is None else m.term_end.isoformat(),
            }
            for m in council.members
        ],
        "president": (
            None
            if council.president is None
            else {"name": council.president.name, "iso3": council.president.iso3}
        ),
        "citations": [c.to_dict() for c in council.citations],
    }


def today() -> dt.date:
    return dt.date.today()
