"""The drafts the Council did not adopt in 2023-2025, from UN DGACM's machine-readable
documents: the bundled file parses whole with every sponsor, each broken file names its
fault, and the build links each draft to the vote on it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from unsc.importers import drafts
from unsc.importers.build import import_drafts
from unsc.importers.progress import Silent
from unsc.importers.textfiles import RowError, decode
from unsc.record import models as m
from unsc.service.database import Database

BROKEN = Path(__file__).parents[1] / "corpus/broken/drafts"
EXPECTED = yaml.safe_load((BROKEN / "expected.yaml").read_text(encoding="utf-8"))


def read(name: str) -> tuple[drafts.DraftRow, ...]:
    return drafts.parse(decode((BROKEN / name).read_bytes(), name), name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_raises_an_error_naming_file_line_and_field(name: str) -> None:
    with pytest.raises(RowError) as info:
        read(name)
    assert str(info.value) == EXPECTED[name]


def test_sponsors_as_the_preface_names_them() -> None:
    assert drafts.sponsors("Brazil and Switzerland: draft resolution") == ("Brazil", "Switzerland")
    assert drafts.sponsors(
        "Sierra Leone and United Kingdom of Great Britain and Northern Ireland: draft resolution"
    ) == ("Sierra Leone", "United Kingdom of Great Britain and Northern Ireland")
    assert drafts.sponsors(
        "Morocco, , Namibia, New Zealand Nicaragua and Oman: draft resolution"
    ) == (
        "Morocco",
        "Namibia",
        "New Zealand",
        "Nicaragua",
        "Oman",
    )


def test_the_bundled_file_parses_whole() -> None:
    rows = {r.symbol: r for r in drafts.bundled()}
    assert len(rows) == 19
    assert min(rows) == "S/2023/212" and max(rows) == "S/2025/353"
    vetoed = rows["S/2024/255"]
    assert (vetoed.date, vetoed.sponsors) == (dt.date(2024, 3, 28), ("United States of America",))
    ops = [p for p in vetoed.paragraphs if p.kind == "operative"]
    assert ops[0].number == "1" and "Panel of Experts" in ops[0].text
    # The derived file cut these lists short; read whole from the XML's preface.
    assert len(rows["S/2023/970"].sponsors) == 102
    assert rows["S/2023/970"].sponsors[-2:] == ("Yemen", "Zimbabwe")
    assert len(rows["S/2024/302"].sponsors) == 65
    assert "Trinidad and Tobago" in rows["S/2023/970"].sponsors


def test_the_build_links_each_draft_to_its_vote(record: Database) -> None:
    with record.sessions() as session:
        assert session.scalar(select(func.count()).select_from(m.Draft)) == 19
        linked = select(func.count()).where(m.Draft.vote_id.is_not(None))
        assert session.scalar(linked) == 19
        draft = session.get(m.Draft, "S/2024/255")
        assert draft is not None
        vote = session.get(m.Vote, draft.vote_id)
        assert vote is not None and vote.draft_symbol == "S/2024/255"
        assert vote.date == dt.date(2024, 3, 28) and vote.reason == "veto"


def test_a_bad_file_changes_nothing(record: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> tuple[drafts.DraftRow, ...]:
        return read("duplicate.jsonl")

    monkeypatch.setattr(drafts, "bundled", broken)
    with pytest.raises(RowError), record.sessions() as session:
        import_drafts(session, Silent())
    with record.sessions() as session:
        assert session.scalar(select(func.count()).select_from(m.Draft)) == 19
