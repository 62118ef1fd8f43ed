"""Importing from files: each broken file gets an error naming file, line and field, and the
database is left exactly as it was, on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tests.record.test_database import digest
from unsc.cli import app
from unsc.importers.textfiles import RowError, open_text
from unsc.importers.vetolists import parse_dhl
from unsc.service.database import Database

BROKEN = Path(__file__).parents[1] / "corpus/broken"
EXPECTED = yaml.safe_load((BROKEN / "vetolists/expected.yaml").read_text(encoding="utf-8"))
runner = CliRunner()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_veto_list_names_file_line_and_field(name: str) -> None:
    with pytest.raises(RowError) as info:
        parse_dhl(open_text(BROKEN / "vetolists" / name), name)
    assert str(info.value) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_failed_import_leaves_the_database_as_it_was(record: Database, name: str) -> None:
    before = digest(record)
    result = runner.invoke(
        app, ["import", "vetoes", "--db", record.url, "--dhl", str(BROKEN / "vetolists" / name)]
    )
    assert result.exit_code == 2, result.output
    assert "nothing imported" in result.stderr and EXPECTED[name] in " ".join(result.stderr.split())
    assert digest(record) == before


def test_a_broken_vote_file_is_refused_and_changes_nothing(record: Database) -> None:
    before = digest(record)
    result = runner.invoke(
        app,
        ["import", "votes", "--db", record.url, "--file", str(BROKEN / "sciencespo/bad_date.csv")],
    )
    assert result.exit_code == 2
    assert "bad_date.csv, line 3, field 'Date'" in " ".join(result.stderr.split())
    assert digest(record) == before


def test_importing_the_bundled_lists_again_is_idempotent(record: Database, tmp_path: Path) -> None:
    before = digest(record)
    dhl = tmp_path / "dhl.csv"
    shutil.copy(
        Path(__file__).parents[2] / "src/unsc/data/vetolists/dhl_veto_list_1946_2022-05.csv", dhl
    )
    result = runner.invoke(app, ["import", "vetoes", "--db", record.url, "--dhl", str(dhl)])
    assert result.exit_code == 0, result.output
    assert "427 veto-list rows imported" in result.stdout
    assert digest(record) == before
    result = runner.invoke(app, ["import", "votes", "--db", record.url])
    assert result.exit_code == 0, result.output
    assert digest(record) == before  # meeting symbols and topics matched again


def test_a_failure_while_writing_rolls_the_whole_import_back(
    record: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The votes importer clears its tables, then fails half-way: nothing changes."""
    import unsc.importers.build as build
    from unsc.core.errors import UnscError

    def fail(*_: object, **__: object) -> int:
        raise UnscError("the disk is full (simulated)")

    before = digest(record)
    monkeypatch.setattr(build, "load_votes", fail)
    result = runner.invoke(app, ["import", "votes", "--db", record.url])
    assert result.exit_code == 2 and "simulated" in result.stderr
    assert digest(record) == before
