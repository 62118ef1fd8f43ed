"""Presidential statements 2000-2026 from UN DGACM's machine-readable documents: the bundled
file parses whole, each quirk of the source is handled, each broken file names its fault,
and the build holds every statement with its paragraphs, linked to its meeting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from unsc.importers import statements
from unsc.importers.build import import_statements
from unsc.importers.progress import Silent
from unsc.importers.textfiles import RowError, decode
from unsc.record import models as m
from unsc.service.database import Database

BROKEN = Path(__file__).parents[1] / "corpus/broken/statements"
EXPECTED = yaml.safe_load((BROKEN / "expected.yaml").read_text(encoding="utf-8"))


def read(name: str) -> statements.Parsed:
    return statements.parse(decode((BROKEN / name).read_bytes(), name), name)


@pytest.fixture(scope="module")
def bundled() -> statements.Parsed:
    return statements.bundled()


@pytest.fixture(scope="module")
def by_symbol(bundled: statements.Parsed) -> dict[str, statements.StatementRow]:
    return {row.symbol: row for row in bundled.statements}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_raises_an_error_naming_file_line_and_field(name: str) -> None:
    with pytest.raises(RowError) as info:
        read(name)
    assert str(info.value) == EXPECTED[name]


def test_a_file_that_is_not_gzip_is_refused() -> None:
    with pytest.raises(RowError, match=r"prst_en\.jsonl, line 1, field 'file': not a gzip"):
        statements.read_gzip(b'{"symbol": "S/PRST/2017/16"}\n', "prst_en.jsonl")


def test_each_quirk_in_a_small_file() -> None:
    parsed = read("quirks.jsonl")
    rows = {r.symbol: r for r in parsed.statements}
    assert list(rows) == [
        "S/PRST/2000/13",
        "S/PRST/2000/25",
        "S/PRST/2000/27/Corr.1",
        "S/PRST/2005/10",
        "S/PRST/2007/22",
        "S/PRST/2017/16",
        "S/PRST/2020/11",
    ]
    # Not well-formed XML, read leniently: kept, with its note, its text one paragraph.
    lenient = rows["S/PRST/2000/13"]
    assert lenient.parse_note is not None and lenient.parse_note.startswith("lenient")
    assert [p.kind for p in lenient.paragraphs] == ["text"]
    assert lenient.paragraphs[0].text.startswith("At the 4131st meeting")
    assert (lenient.meeting, lenient.agenda_item) == (
        "S/PV.4131",
        "The situation in the Middle East",
    )
    # The French copy of 2000/25 is set aside; the English one (20 July 2000) stays.
    assert rows["S/PRST/2000/25"].date == dt.date(2000, 7, 20)
    assert (
        "S/PRST/2000/25: PRST/2000/S_PRST_2000_25-0054631E.xml is not the English text"
        in (parsed.notes[0])
    )
    # No symbol in the file: its name gives it; a corrigendum names what it corrects.
    corr = rows["S/PRST/2000/27/Corr.1"]
    assert corr.corrigendum_of == "S/PRST/2000/27"
    assert corr.paragraphs[0].text == "Corrigendum Document S/PRST/2000/27 is hereby withdrawn."
    # "S/RES/1626 (2005)" and no date in S_PRST_2007_22: the name's symbol, the cover's date.
    assert rows["S/PRST/2007/22"].date == dt.date(2007, 6, 25)
    assert "S/PRST/2007/22: no date in the file; its cover's 2007-06-25 kept" in parsed.notes
    # Dated 17 February 2006 in the file; the meeting was "held on 2 March 2005".
    assert rows["S/PRST/2005/10"].date == dt.date(2005, 3, 2)
    assert "S/PRST/2005/10: the file dates it 2006-02-17; its opening words' 2005-03-02 kept" in (
        parsed.notes
    )
    # Filed as a resolution under 2020/English, and again under PRST: one statement.
    twice = rows["S/PRST/2020/11"]
    assert twice.file == "PRST/2020/S_PRST_2020_11.xml"
    assert (
        "S/PRST/2020/11: 2020/English/S_PRST_2020_11.xml is filed and typed as a resolution; "
        "it is a statement" in parsed.notes
    )


def test_the_bundled_file_parses_whole(
    bundled: statements.Parsed, by_symbol: dict[str, statements.StatementRow]
) -> None:
    # 760 records: 2020/11 twice, 2000/25 once more in French: 758 statements.
    assert len(bundled.statements) == 758
    # The data's README says "S/PRST/2000/9 to S/PRST/2026/2", its first line; it also
    # says upstream lacks 2000/1-5, 7 and 8: 2000/6 is there, and first by number.
    assert bundled.statements[0].symbol == "S/PRST/2000/6"
    assert bundled.statements[-1].symbol == "S/PRST/2026/2"
    assert sum(1 for r in bundled.statements if r.parse_note) == 118
    assert all(r.date.year == r.year for r in bundled.statements)
    assert sum(len(r.paragraphs) for r in bundled.statements) == 8542
    row = by_symbol["S/PRST/2017/16"]
    assert (row.date, row.meeting) == (dt.date(2017, 8, 29), "S/PV.8034")
    assert row.agenda_item == "Non-proliferation/ Democratic People’s Republic of Korea"
    assert row.paragraphs[0].kind == "opening"
    assert row.paragraphs[1].text.startswith(
        "“The Security Council strongly condemns the August 28 2017 (local time) ballistic "
        "missile launch"
    )


def test_the_build_holds_every_statement_linked_to_its_meeting(record: Database) -> None:
    with record.sessions() as session:
        assert session.scalar(select(func.count()).select_from(m.PresidentialStatement)) == 758
        assert session.scalar(select(func.count()).select_from(m.StatementParagraph)) == 8542
        linked = select(func.count()).where(m.PresidentialStatement.meeting_symbol.is_not(None))
        assert session.scalar(linked) == 756  # not 2000/27, after consultations, nor its Corr.1
        row = session.get(m.PresidentialStatement, "S/PRST/2017/16")
        assert row is not None and row.meeting_symbol == "S/PV.8034"
        meeting = session.get(m.Meeting, "S/PV.8034")
        assert meeting is not None and any(
            "S/PRST/2017/16" in item.outcome_documents for item in meeting.agenda
        )
        # Issued in the 2020 written procedure: the library's meeting without an S/PV number.
        assert session.get(m.PresidentialStatement, "S/PRST/2020/11").meeting_symbol == (  # type: ignore[union-attr]
            "no-spv-2020-12-04-2"
        )
        lenient = session.get(m.PresidentialStatement, "S/PRST/2000/13")
        assert lenient is not None and lenient.parse_note is not None
        assert lenient.paragraphs[0].text.startswith("At the 4131st meeting")
        # The DPRK fact sheet's statements are untouched.
        assert session.scalar(select(func.count()).select_from(m.Statement)) == 9
        source = session.get(m.Source, "unxml-prst")
        assert source is not None and "United Nations" in source.citation


def test_a_bad_file_changes_nothing(record: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> statements.Parsed:
        return read("bad_date.jsonl")

    monkeypatch.setattr(statements, "bundled", broken)
    with pytest.raises(RowError), record.sessions() as session:
        import_statements(session, Silent())
    with record.sessions() as session:
        assert session.scalar(select(func.count()).select_from(m.PresidentialStatement)) == 758
