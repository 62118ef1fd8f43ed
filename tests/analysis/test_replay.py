"""The golden corpus: every recorded vote 1946-2025, and the votes of 2026 made from the UN
metadata, decided again by the engine."""

from __future__ import annotations

from unsc.analysis.replay import AnnotationKind, replay
from unsc.core.recorded import RecordedOutcome
from unsc.service.record import bundled_law, bundled_record, replay_bundled


def test_every_recorded_outcome_is_reproduced() -> None:
    report = replay_bundled()
    assert (report.total, report.reproduced, len(report.mismatches)) == (3217, 3217, 0)
    assert report.counts() == {"adopted": 2824, "lack_of_majority": 122, "vetoed": 271}


def test_annotations_cover_exactly_the_rows_the_record_cannot_decide_alone() -> None:
    """Replayed without its vote annotations, the record fails on exactly the annotated rows."""
    record = bundled_record()
    annotated = {v for a in record.annotations.votes for v in a.votes}
    bare = replay(bundled_law(), record.votes, ())
    assert {m.vote.vote_id for m in bare.mismatches} == annotated
    assert len(annotated) == 10 + 38 + 1 + 2


def test_each_annotation_kind_is_reported_with_its_sources() -> None:
    report = replay_bundled()
    kinds = {a.kind for a in report.annotations}
    assert kinds == set(AnnotationKind)
    for annotation in report.annotations:
        assert annotation.sources and annotation.reason and annotation.votes
    column = [a for a in report.annotations if a.kind is AnnotationKind.COLUMN]
    assert {a.reason.split(":")[0] for a in column} == {
        "ALGERIA -> ARG",
        "TURKEY -> PRT",
        "SLOVAKIA -> SVN",
        "CZECH REPUBLIC -> CSK",
    }


def test_the_s_5134_duplicate_is_corrected_to_a_veto() -> None:
    result = next(r for r in replay_bundled().results if r.vote.vote_id == 360)
    assert result.vote.outcome is RecordedOutcome.LACK_OF_MAJORITY
    assert result.expected is RecordedOutcome.VETOED and result.is_reproduced


def test_vetoes_keep_predecessor_states_apart() -> None:
    vetoes: dict[str, int] = {}
    for result in replay_bundled().results:
        if result.decision is not None:
            for state in result.decision.vetoed_by:
                vetoes[state.key] = vetoes.get(state.key, 0) + 1
    assert set(vetoes) == {"SUN", "RUS", "USA", "GBR", "FRA", "CHN", "TWN"}
    assert vetoes["TWN"] == 1  # the Republic of China's only negative vote that was a veto
