"""The Sciences Po importer: the bundled file parses whole; each broken file names its fault."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

import pytest
import yaml

from unsc.core.recorded import RecordedOutcome
from unsc.core.types import Cast
from unsc.importers.annotations import load_annotations, parse_annotations
from unsc.importers.sciencespo import RowError, load_column_map, parse
from unsc.service.record import bundled_record, record_source

BROKEN = Path(__file__).parents[1] / "corpus/broken/sciencespo"
EXPECTED = yaml.safe_load((BROKEN / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_raises_an_error_naming_file_line_and_field(name: str) -> None:
    columns = load_column_map(load_annotations().column_corrections)
    with (BROKEN / name).open(encoding="utf-8") as handle, pytest.raises(RowError) as info:
        parse(handle, columns, filename=name)
    assert str(info.value) == EXPECTED[name]


def test_the_bundled_record_parses_whole() -> None:
    votes = bundled_record().votes
    assert len(votes) == 3203
    assert [v.vote_id for v in votes] == list(range(1, 3204))
    outcomes = {o: sum(v.outcome is o for v in votes) for o in RecordedOutcome}
    assert outcomes == {
        RecordedOutcome.ADOPTED: 2810,
        RecordedOutcome.VETOED: 270,
        RecordedOutcome.LACK_OF_MAJORITY: 123,
    }


def test_s_2022_431_as_recorded() -> None:
    vote = next(v for v in bundled_record().votes if v.symbol == "S/2022/431")
    assert vote.day.isoformat() == "2022-05-26" and vote.outcome is RecordedOutcome.VETOED
    assert {k for k, c in vote.casts.items() if c is Cast.NO} == {"CHN", "RUS"}
    assert sum(c is Cast.YES for c in vote.casts.values()) == 13


def test_merged_columns_split_by_date() -> None:
    votes = {v.vote_id: v for v in bundled_record().votes}
    assert "SUN" in votes[5].seated and "TWN" in votes[5].seated  # res. 4 (1946)
    assert "RUS" in votes[3110].seated and "CHN" in votes[3110].seated  # S/2024/255


def test_the_bundled_file_matches_its_recorded_checksum() -> None:
    data = resources.files("unsc.data.sciencespo").joinpath("unsc_votes_1946_2025.csv")
    digest = hashlib.sha256(data.read_bytes()).hexdigest()
    source = record_source()
    assert digest == source["sha256"]
    assert source["licence"] == "CC BY 4.0"


def test_an_annotation_without_sources_is_refused() -> None:
    bad = {"votes": [{"kind": "procedural", "votes": [65], "reason": "because"}]}
    with pytest.raises(ValueError, match="needs a 'reason' and 'sources'"):
        parse_annotations(bad, "bad.yaml")
