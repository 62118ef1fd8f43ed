"""The Consolidated List: read whole, names and aliases with their quality, and the diff
between the 2020 and 2024 snapshots."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from unsc.cli import app
from unsc.importers.textfiles import RowError
from unsc.importers.unlist import bundled_list, parse_list, read_list
from unsc.sanctions.listing import Quality, list_diff
from unsc.service.database import Database
from unsc.web.app import Settings, create_app

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


def newer_list(tmp_path: Path, *, day: str = "2026-11-20") -> Path:
    """The bundled list as if the UN had published it on ``day`` with KPi.024 listed as
    KIM YONG CHOL II: a newer list a user downloaded."""
    text = NEW.read_text(encoding="utf-8")
    text = text.replace("dateGenerated='2024-09-26T00:00:07.514Z'", f"dateGenerated='{day}T00:00Z'")
    head, _, tail = text.partition("<REFERENCE_NUMBER>KPi.024</REFERENCE_NUMBER>")
    head = head[: head.rindex("<SECOND_NAME>YONG CHOL</SECOND_NAME>")] + (
        "<SECOND_NAME>YONG CHOL</SECOND_NAME><THIRD_NAME>II</THIRD_NAME>"
        + head[head.rindex("<SECOND_NAME>YONG CHOL</SECOND_NAME>") + 37 :]
    )
    path = tmp_path / "consolidated.xml"
    path.write_text(head + "<REFERENCE_NUMBER>KPi.024</REFERENCE_NUMBER>" + tail, encoding="utf-8")
    return path


def test_list_update_keeps_a_newer_list_and_screening_uses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    downloaded = newer_list(tmp_path)
    result = CliRunner().invoke(app, ["sanctions", "list-update", str(downloaded), "--json"])
    assert result.exit_code == 0, result.output
    view = json.loads(result.output)
    assert view["stored"] == str(tmp_path / "data/unsc/consolidated.xml")
    assert view["diff"]["new"].startswith("2026-11-20")
    assert [a["reference"] for a in view["diff"]["amended"]] == ["KPi.024"]
    assert view["diff"]["amended"][0]["changes"]["name"]["new"] == "KIM YONG CHOL II"
    screened = CliRunner().invoke(app, ["screen", "Kim Yong Chol", "--json", "--limit", "1"])
    answer = json.loads(screened.output)
    assert answer["list_date"] == "2026-11-20" and answer["list_source"] == "loaded"
    assert answer["candidates"][0]["name"] == "KIM YONG CHOL II"
    # The same list again, or an older one, is refused: nothing changes.
    again = CliRunner().invoke(app, ["sanctions", "list-update", str(OLD)])
    said = " ".join(again.output.split())
    assert again.exit_code == 2 and "not newer than the list in use (2026-11-20)" in said


def test_list_update_refuses_a_broken_list_and_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    whole = newer_list(tmp_path).read_text(encoding="utf-8")
    cut = tmp_path / "cut.xml"
    cut.write_text(whole[: len(whole) // 2], encoding="utf-8")  # a download cut short
    result = CliRunner().invoke(app, ["sanctions", "list-update", str(cut)])
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "cut.xml" in said and "not well-formed XML" in said
    assert "Traceback" not in result.output
    assert not (tmp_path / "data/unsc/consolidated.xml").exists()
    missing = CliRunner().invoke(app, ["sanctions", "list-update", str(tmp_path / "none.xml")])
    assert missing.exit_code == 2 and "cannot read" in missing.output


def test_the_screen_page_and_api_load_a_newer_list(
    record: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with TestClient(create_app(Settings(record.url))) as client:
        before = client.post("/api/screen", json={"name": "Kim Yong Chol", "limit": 1}).json()
        assert before["list_date"] == "2024-09-26" and before["list_warning"]  # > 90 days
        assert before["candidates"][0]["entry"]["listed_on"] == "2016-03-02"
        page = client.get("/screen?name=Kim+Yong+Chol").text
        assert "days old" in page and "472310168" in page  # the list's age; a document
        cut = newer_list(tmp_path).read_bytes()[:50_000]
        refused = client.post("/screen", files={"list": ("cut.xml", cut, "text/xml")})
        assert refused.status_code == 422 and "not well-formed XML" in refused.text
        assert not (tmp_path / "data/unsc/consolidated.xml").exists()
        whole = newer_list(tmp_path).read_bytes()
        loaded = client.post("/screen", files={"list": ("consolidated.xml", whole, "text/xml")})
        assert loaded.status_code == 200
        assert "The list of 2026-11-20 is now in use" in loaded.text and "KPi.024" in loaded.text
        after = client.post("/api/screen", json={"name": "Kim Yong Chol", "limit": 1}).json()
        assert after["list_date"] == "2026-11-20" and after["list_source"] == "loaded"
        assert after["candidates"][0]["name"] == "KIM YONG CHOL II"
