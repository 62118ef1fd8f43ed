"""The cited annotations to the bundled vote record: what it lacks and what it mislabels."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from unsc.analysis.replay import Annotation, AnnotationKind
from unsc.core.errors import UnscError
from unsc.core.recorded import RecordedOutcome, RecordedVote
from unsc.importers.sciencespo import ColumnCorrection
from unsc.law.loader import parse_yaml

PACKAGE = "unsc.data.annotations"
FILE = "sciencespo.yaml"


@dataclass(frozen=True, slots=True)
class RecordAnnotations:
    votes: tuple[Annotation, ...]
    column_corrections: tuple[ColumnCorrection, ...]

    def all(self, votes: Sequence[RecordedVote]) -> tuple[Annotation, ...]:
        """Vote annotations and, for reporting, one per column correction with its rows."""
        return self.votes + tuple(column_annotations(self.column_corrections, votes))


def load_annotations() -> RecordAnnotations:
    text = resources.files(PACKAGE).joinpath(FILE).read_text(encoding="utf-8")
    return parse_annotations(parse_yaml(text), FILE)


def parse_annotations(data: Any, filename: str) -> RecordAnnotations:
    """Validate and read the annotation file; every entry needs a reason and sources."""
    votes: list[Annotation] = []
    for i, item in enumerate(data.get("votes") or (), start=1):
        where = f"{filename}, votes entry {i}"
        try:
            kind = AnnotationKind(item["kind"])
        except (KeyError, ValueError):
            raise UnscError(
                f"{where}: 'kind' must be one of {', '.join(k.value for k in AnnotationKind)}"
            ) from None
        _require_sources(item, where)
        corrected = item.get("corrected_outcome")
        votes.append(
            Annotation(
                kind=kind,
                votes=tuple(int(v) for v in item["votes"]),
                reason=str(item["reason"]),
                sources=tuple(str(s) for s in item["sources"]),
                corrected_outcome=None
                if corrected is None
                else RecordedOutcome(corrected.replace(" ", "_")),
                max_yes=item.get("max_yes"),
            )
        )
    corrections: list[ColumnCorrection] = []
    for i, item in enumerate(data.get("column_corrections") or (), start=1):
        where = f"{filename}, column_corrections entry {i}"
        _require_sources(item, where)
        corrections.append(
            ColumnCorrection(
                column=item["column"],
                start=item["from"],
                end=item["to"],
                key=item["key"],
                reason=" ".join(str(item["reason"]).split()),
                sources=tuple(str(s) for s in item["sources"]),
            )
        )
    return RecordAnnotations(tuple(votes), tuple(corrections))


def column_annotations(
    corrections: Iterable[ColumnCorrection], votes: Sequence[RecordedVote]
) -> list[Annotation]:
    """One annotation per column correction, listing the rows where it applied."""
    out: list[Annotation] = []
    for c in corrections:
        rows = tuple(v.vote_id for v in votes if c.start <= v.day <= c.end and c.key in v.seated)
        out.append(
            Annotation(AnnotationKind.COLUMN, rows, f"{c.column} -> {c.key}: {c.reason}", c.sources)
        )
    return out


def _require_sources(item: Any, where: str) -> None:
    if not item.get("reason") or not item.get("sources"):
        raise UnscError(f"{where}: every annotation needs a 'reason' and 'sources'")
