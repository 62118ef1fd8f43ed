"""Resolutions 2000-2026 from UN DGACM's machine-readable documents: the bundled files parse
whole, each quirk their README names is handled, each broken file names its fault, and the
build holds every resolution with its paragraphs, linked to its vote."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from unsc.importers import resolutions
from unsc.importers.build import import_resolutions
from unsc.importers.progress import Silent
from unsc.importers.textfiles import RowError, decode
from unsc.record import models as m
from unsc.service.database import Database

BROKEN = Path(__file__).parents[1] / "corpus/broken/resolutions"
EXPECTED = yaml.safe_load((BROKEN / "expected.yaml").read_text(encoding="utf-8"))


def read_broken(name: str) -> resolutions.Parsed:
    handle = decode((BROKEN / name).read_bytes(), name)
    if name.endswith(".jsonl"):
        return resolutions.combine([], resolutions.parse_texts(handle, name), name)
    return resolutions.combine(resolutions.parse_metadata(handle, name), [])


@pytest.fixture(scope="module")
def bundled() -> resolutions.Parsed:
    return resolutions.bundled()


@pytest.fixture(scope="module")
def by_number(bundled: resolutions.Parsed) -> dict[int, resolutions.ResolutionRow]:
    return {row.number: row for row in bundled.resolutions}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_raises_an_error_naming_file_line_and_field(name: str) -> None:
    with pytest.raises(RowError) as info:
        read_broken(name)
    assert str(info.value) == EXPECTED[name]


def test_a_file_that_is_not_gzip_is_refused() -> None:
    with pytest.raises(RowError, match=r"2017\.json, line 1, field 'file': not a gzip file"):
        resolutions.read_gzip(b'{"symbol": "S/RES/2397 (2017)"}\n', "2017.json")


def test_the_bundled_files_parse_whole(
    bundled: resolutions.Parsed, by_number: dict[int, resolutions.ResolutionRow]
) -> None:
    # 1,541 metadata records and 1,542 texts; 1,540 resolutions from 1285 to 2825.
    assert len(bundled.resolutions) == 1540
    assert min(by_number) == 1285 and max(by_number) == 2825
    assert by_number[1285].adopted.year == 2000
    assert by_number[2825].adopted == dt.date(2026, 6, 29)
    missing = set(range(1285, 2826)) - set(by_number)
    assert missing == {2762}  # in neither file
    assert sum(len(r.paragraphs) for r in bundled.resolutions) == 44229


def test_duplicates_are_one_row_each_and_checked(bundled: resolutions.Parsed) -> None:
    notes = "\n".join(bundled.notes)
    for number in (2193, 2194, 2195):
        assert f"S/RES/{number} (2014): text given twice" in notes
    assert "S/RES/2464 (2019): text given twice" in notes
    # The metadata gives 2820-2822 (2026) twice; 2820's second copy is partly empty.
    assert (
        "S/RES/2820 (2026): given twice (2026.json, lines 9 and 12); the second lacks "
        "agenda_item, title, subjects, yes, no, abstain" in notes
    )
    assert "S/RES/2821 (2026): given twice (2026.json, lines 10 and 13); identical" in notes
    numbers = [r.number for r in bundled.resolutions]
    assert len(numbers) == len(set(numbers))


def test_resolutions_with_one_half_only(
    bundled: resolutions.Parsed, by_number: dict[int, resolutions.ResolutionRow]
) -> None:
    for number, year in ((2510, 2020), (2589, 2021)):
        assert f"S/RES/{number} ({year}): metadata without text" in bundled.notes
        assert by_number[number].paragraphs == ()
        assert by_number[number].title
    for number in (2770, 2772):
        assert f"S/RES/{number} (2025): text without metadata" in bundled.notes
        row = by_number[number]
        assert row.title is None and row.meeting is None and row.paragraphs


def test_the_dates_the_files_disagree_on(
    bundled: resolutions.Parsed, by_number: dict[int, resolutions.ResolutionRow]
) -> None:
    # The metadata dates 2423 (2018) in 2016: the text's date, in the symbol's year, wins.
    assert by_number[2423].adopted == dt.date(2018, 6, 28)
    assert by_number[1609].adopted == dt.date(2005, 6, 24)
    # The text gives no date for 1287 (2000) ("0001-01-01"): the metadata's stands.
    assert by_number[1287].adopted == dt.date(2000, 1, 31)
    assert any(n.startswith("S/RES/2423 (2018): the files give 2016-06-29") for n in bundled.notes)


def test_2397_as_the_un_gives_it(by_number: dict[int, resolutions.ResolutionRow]) -> None:
    row = by_number[2397]
    assert (row.symbol, row.adopted, row.meeting, row.draft) == (
        "S/RES/2397 (2017)",
        dt.date(2017, 12, 22),
        "S/PV.8151",
        "S/2017/1092",
    )
    assert (row.chapter_vii, row.sponsors, (row.yes, row.no, row.abstain)) == (
        True,
        ("UNITED STATES",),
        (15, 0, 0),
    )
    assert "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA" in row.subjects
    # The title is kept as the library gives it, though 28 November 2017 was a launch.
    assert row.title is not None and "condemning the nuclear test of 28 Nov. 2017" in row.title
    ops = {p.number: p for p in row.paragraphs if p.kind == "operative"}
    assert list(ops) == [str(n) for n in range(1, 30)]
    assert "4 million barrels or 525,000 tons" in ops["4"].text
    assert ops["4"].section == "Sectoral"
    assert "capable of reaching intercontinental ranges" in ops["28"].text
    preamble = [p for p in row.paragraphs if p.kind == "preambular"]
    assert preamble[0].number == "1" and preamble[0].text.startswith("Recalling")


def test_subparagraphs_and_records_without_numbered_paragraphs(
    by_number: dict[int, resolutions.ResolutionRow],
) -> None:
    sub = [(p.number, p.parent) for p in by_number[2321].paragraphs if p.parent == "26"]
    # OP26 replaces a paragraph of 2270 (2016): its quoted text is an unnumbered child.
    assert sub == [(None, "26"), ("26 (a)", "26"), ("26 (b)", "26"), ("26 (c)", "26")]
    # 2623 (2022) calls an emergency special session in one unnumbered paragraph.
    ops = [p for p in by_number[2623].paragraphs if p.kind == "operative"]
    assert [(p.number, p.text[:28]) for p in ops] == [(None, "Decides to call an emergency")]


def test_the_2024_schema_and_its_quirks(by_number: dict[int, resolutions.ResolutionRow]) -> None:
    # 2724 (2024): the new schema's counts "014", "", "001".
    row = by_number[2724]
    assert (row.yes, row.no, row.abstain, row.meeting) == (14, 0, 1, "S/PV.9568")
    # 2723 (2024): its outcome_letter names S/PV.9527; it was adopted at the 9539th.
    assert by_number[2723].meeting == "S/PV.9539"
    assert by_number[2723].adopted == dt.date(2024, 1, 30)
    # Adopted without a vote: no tally, not 0-0-0.
    assert (by_number[1326].yes, by_number[1326].adoption) == (
        None,
        "Adopted without vote, 4215th meeting",
    )
    # Written procedure, 2020: no meeting.
    assert by_number[2518].meeting is None


def _pair(meta_date: str, text_date: str) -> resolutions.Parsed:
    record = json.loads((BROKEN / "duplicate_differs.json").read_text().splitlines()[0])
    record["adoption_date"] = meta_date
    text = {"symbol": "S/RES/2397(2017)", "adoption_date": text_date, "file": "x.xml",
            "preamble": ["The Security Council,", "Recalling"], "body": []}  # fmt: skip
    meta = resolutions.parse_metadata(io.StringIO(json.dumps(record)), "2017.json")
    texts = resolutions.parse_texts(io.StringIO(json.dumps(text)), "t.jsonl")
    return resolutions.combine(meta, texts, "t.jsonl")


def test_a_date_the_two_files_disagree_on() -> None:
    parsed = _pair("22 December 2017", "2017-12-21")
    assert parsed.resolutions[0].adopted == dt.date(2017, 12, 22)
    assert parsed.resolutions[0].source_ref == "data_extract/2017.json, line 1; t.jsonl, line 1"
    assert [p.text for p in parsed.resolutions[0].paragraphs] == ["Recalling"]
    assert parsed.notes == (
        "S/RES/2397 (2017): the files give 2017-12-22 (2017.json) and 2017-12-21 (t.jsonl); "
        "kept 2017-12-22, not 2017-12-21",
    )
    with pytest.raises(RowError) as info:
        _pair("22 December 2016", "2015-12-22")
    assert str(info.value) == (
        "t.jsonl, line 1, field 'adoption_date': S/RES/2397 (2017) adopted 2015-12-22 here "
        "and 2016-12-22 in 2017.json, line 1: neither is in the symbol's year"
    )


def test_the_build_holds_every_resolution_linked_to_its_vote(record: Database) -> None:
    with record.sessions() as session:
        # The UN's structured files give 1285 (2000) onwards; 1-1284 come from the PVS texts.
        unxml = select(func.count()).select_from(m.Resolution).where(m.Resolution.number > 1284)
        assert session.scalar(unxml) == 1540
        paragraphs = select(func.count()).select_from(m.ResolutionParagraph)
        assert session.scalar(paragraphs.where(m.ResolutionParagraph.resolution_number > 1284)) == (
            44229
        )
        row = session.get(m.Resolution, 2397)
        assert row is not None and row.source_id == "unxml"
        vote = session.get(m.Vote, row.vote_id)
        assert vote is not None and vote.resolution_symbol == "S/RES/2397 (2017)"
        assert vote.date == row.adopted and row.draft_symbol == "S/2017/1092"
        assert row.source_ref == (
            "data_extract/2017.json, line 61; resolutions_en.jsonl.gz, line 1435"
        )
        linked = session.scalar(
            select(func.count())
            .select_from(m.Resolution)
            .where(m.Resolution.vote_id.is_not(None), m.Resolution.number > 1284)
        )
        assert linked == 1525 + 14  # every resolution of 2000-2025 the vote record holds, and 2026
        source = session.get(m.Source, "unxml")
        assert source is not None and "United Nations" in source.citation


def test_a_bad_file_changes_nothing(record: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> resolutions.Parsed:
        return read_broken("bad_date.json")

    monkeypatch.setattr(resolutions, "bundled", broken)
    with pytest.raises(RowError), record.sessions() as session:
        import_resolutions(session, Silent())
    with record.sessions() as session:
        assert session.scalar(select(func.count()).select_from(m.Resolution)) == 1540 + 1284
