"""The bundled record and law, loaded once, and the views the edges print."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from unsc.core.law import CouncilOn, Law
from unsc.core.recorded import RecordedVote
from unsc.importers.sciencespo import DATA_PACKAGE, load_column_map, open_bundled, parse
from unsc.law.loader import load_law, parse_yaml
from unsc.service.clock import today

if TYPE_CHECKING:  # the record and its replay are loaded when asked for, not at start-up
    from unsc.analysis.replay import ReplayReport
    from unsc.importers.annotations import RecordAnnotations

__all__ = ["BundledRecord", "bundled_law", "bundled_record", "council_view", "today"]


@dataclass(frozen=True, slots=True)
class BundledRecord:
    votes: tuple[RecordedVote, ...]
    annotations: RecordAnnotations


@lru_cache(maxsize=1)
def bundled_record() -> BundledRecord:
    """The Sciences Po vote record, parsed with its cited column corrections."""
    from unsc.importers.annotations import load_annotations

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
    """Every vote of the bundled record decided again, with the votes of 2026 made from the
    UN metadata (``unsc.importers.unvotes``)."""
    from unsc.analysis.replay import replay
    from unsc.importers import unvotes

    record, law = bundled_record(), bundled_law()
    recent = tuple(u.vote for u in unvotes.bundled(law, record.votes))
    return replay(law, record.votes + recent, record.annotations.all(record.votes))


def unknown_seats_note(council: CouncilOn) -> str | None:
    """What a reader must know of a Council whose elected seats are not all known."""
    if council.is_complete:
        return None
    n = council.unknown_seats
    return (
        f"{n} of the {council.seats} seats {'is' if n == 1 else 'are'} not in the bundled data: "
        "their members are chosen in General Assembly elections later than the last one it "
        "holds. "
        "Shown are the permanent members and the elected members whose terms continue. "
        "The presidency is computed by rule 18 over these known members only."
    )


def council_view(council: CouncilOn) -> dict[str, Any]:
    """The Council on a day, as ``unsc council --json`` prints it."""
    return {
        "date": council.day.isoformat(),
        "seats": council.seats,
        "threshold": council.threshold,
        "unknown_seats": council.unknown_seats,
        "note": unknown_seats_note(council),
        "members": [
            {
                "name": m.name,
                "iso3": m.iso3,
                "permanent": m.permanent,
                "term_start": m.term_start.isoformat(),
                "term_end": None if m.term_end is None else m.term_end.isoformat(),
                "source": None if m.citation is None else m.citation.to_dict(),
            }
            for m in council.members
        ],
        "president": (
            None
            if council.president is None
            else {
                "name": council.president.name,
                "iso3": council.president.iso3,
                "basis": (
                    "rule 18"
                    if council.is_complete
                    else "rule 18 over the known members only (elected seats unknown)"
                ),
            }
        ),
        "citations": [c.to_dict() for c in council.citations],
    }
