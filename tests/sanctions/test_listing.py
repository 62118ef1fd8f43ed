"""The Consolidated List: read whole, names and aliases with their quality, and the diff
between the 2020 and 2024 snapshots."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unsc.cli import app
from unsc.importers.textfiles import RowError
from unsc.importers.unlist import bundled_list, parse_list, read_list
from unsc.sanctions.listing import Quality, list_diff

ROOT = Path(__file__).parents[2]
OLD = ROOT / "tests/data/unlist/consolidated_2020-11-30.xml"
NEW = ROOT / "src/unsc/data/unlist/consolidated_2024-09-26.xml"


def references(path: Path) -> set[str]:
    """Counted apart from the parser: every REFERENCE_NUMBER in the raw text."""
    text = path.read_text(encoding="utf-8")
    return {r.strip() for r in re.findall(r"<REFERENCE_NUMBER>([^<]+)</REFERENCE_NUMBER>", text)}


def test_the_bundled_list() -> None:
    snapshot = bundled_list()
    assert len(snapshot.entries) == 875
    kinds = [e.kind for e in snapshot.entries]
    assert kinds.count("individual") == 682 and kinds.count("entity") == 193
    dprk = [e for e in snapshot.entries if e.regime == "DPRK"]
    assert len(dprk) == 155
    komid = snapshot.by_reference()["KPe.001"]
    assert komid.name.startswith("KOREA MINING DEVELOPMENT TRADING CORPORATION")
    assert komid.listed_on == "2009-04-24"
    anwari = snapshot.by_reference()["TAi.005"]
    assert anwari.original_script == "محمد طاهر أنوري"
    assert [(a.name, a.quality) for a in anwari.aliases][-1] == ("Haji Mudir", Quality.LOW)
    # Other dates of birth moved into alias elements in later lists: both are kept.
    assert [b.text for b in snapshot.by_reference()["CDi.011"].birth_dates] == [
        "1965-12-28",
        "1965-12-29",
    ]


def test_the_diff_from_2020_to_2024() -> None:
    diff = list_diff(read_list(OLD), read_list(NEW))
    old_refs, new_refs = references(OLD), references(NEW)
    assert {e["reference"] for e in diff["added"]} == new_refs - old_refs
    assert {e["reference"] for e in diff["removed"]} == old_refs - new_refs
    assert (len(diff["added"]), len(diff["removed"])) == (41, 184)
    removed = {e["regime"] for e in diff["removed"]}
    assert {"Iran", "Mali"} <= removed  # regimes that ended before 2024
    assert sum(e["regime"] == "Iran" for e in diff["removed"]) == 84
    assert sum(e["regime"] == "Mali" for e in diff["removed"]) == 8
    amended = {e["reference"]: e["fields"] for e in diff["amended"]}
    assert len(amended) == 662
    assert all(ref in old_refs & new_refs for ref in amended)
    # Moving a date of birth into an alias element is not a change.
    assert "birth_dates" not in amended.get("CDi.011", [])
    # Each amendment shows what the field was and what it became.
    for entry in diff["amended"]:
        assert set(entry["changes"]) == set(entry["fields"])
        for field, change in entry["changes"].items():
            assert field == "comments" or change["old"] != change["new"]
    renamed = [e for e in diff["amended"] if "name" in e["fields"]]
    assert len(renamed) == 8 and all(e["changes"]["name"]["new"] == e["name"] for e in renamed)


def test_a_bad_file_gets_an_error_naming_the_line() -> None:
    with pytest.raises(RowError, match=r"list.xml, line 3, field 'xml': not well-formed"):
        parse_list(b"<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n</ENTITIES>", "list.xml")
    with pytest.raises(RowError, match="expected the Consolidated List"):
        parse_list(b"<html></html>", "page.xml")
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        b"<CONSOLIDATED_LIST>&b;</CONSOLIDATED_LIST>"
    )
    with pytest.raises(RowError, match="refused"):
        parse_list(bomb, "bomb.xml")


def test_the_list_diff_command() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["sanctions", "list-diff", str(OLD), str(NEW), "--json"])
    assert result.exit_code == 0, result.output
    view = json.loads(result.stdout)
    assert set(view) >= {"added", "removed", "amended"}
    assert len(view["removed"]) == 184
    result = runner.invoke(app, ["sanctions", "list-diff", str(OLD), str(NEW), "--show", "2"])
    assert "Delisted (184)" in result.stdout and "… and 182 more" in result.stdout
    result = runner.invoke(app, ["sanctions", "list-diff", "missing.xml", str(NEW)])
    assert result.exit_code == 2 and "cannot read missing.xml" in result.stderr
