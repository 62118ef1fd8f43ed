"""The library's meeting tables: the bundled file parses whole, each quirk its README names
is handled, each broken file names its fault, and the build links votes to meetings."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from unsc.importers import meetings
from unsc.importers.textfiles import RowError, decode
from unsc.record import models as m
from unsc.service.database import Database

BROKEN = Path(__file__).parents[1] / "corpus/broken/meetings"
EXPECTED = yaml.safe_load((BROKEN / "expected.yaml").read_text(encoding="utf-8"))
HEADER = (
    "source_file,year,meeting_symbol,meeting_record_raw,format,date,date_text,"
    "press_release,topic,outcome,outcome_documents\n"
)


@pytest.fixture(scope="module")
def bundled() -> dict[str, meetings.MeetingRow]:
    return {row.key: row for row in meetings.bundled()}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_raises_an_error_naming_file_line_and_field(name: str) -> None:
    with pytest.raises(RowError) as info:
        meetings.parse(decode((BROKEN / name).read_bytes(), name), name)
    assert str(info.value) == EXPECTED[name]


def test_the_bundled_tables_parse_whole(bundled: dict[str, meetings.MeetingRow]) -> None:
    rows = list(bundled.values())
    assert sum(len(r.items) for r in rows) == 9564  # every CSV row, once
    numbered = [r for r in rows if r.symbol is not None]
    assert len(numbered) == 9081  # the README's distinct S/PV numbers
    assert min(r.date for r in rows) == dt.date(1946, 1, 17)
    assert bundled["S/PV.1"].date == dt.date(1946, 1, 17)
    assert bundled["S/PV.9085"].date == dt.date(2022, 6, 30)
    formats = Counter(r.format for r in rows)
    assert formats["vtc-open-no-spv"] == 72  # and one marked "[closed]", private
    assert formats["private"] > 600


def test_a_meeting_with_several_agenda_rows_keeps_them_in_order(
    bundled: dict[str, meetings.MeetingRow],
) -> None:
    # 1948: one meeting, two items (the README's continuation rows, forward-filled).
    assert [i.text for i in bundled["S/PV.396"].items] == [
        "The Indonesian question",
        "The Palestine question",
    ]
    assert bundled["S/PV.396"].outcome_documents == ("S/RES/66 (1948)",)
    # A resumed meeting, listed newest first, runs from its opening day.
    resumed = bundled["S/PV.3336"]
    assert [i.record for i in resumed.items] == [
        "S/PV.3336",
        "S/PV.3336 (Resumption 1)",
        "S/PV.3336 (Resumption 2)",
        "S/PV.3336 (Resumption 3)",
    ]
    assert resumed.date == dt.date(1994, 2, 14)


def test_video_conferences_without_an_spv_number_keep_a_key_of_their_own(
    bundled: dict[str, meetings.MeetingRow],
) -> None:
    day = [bundled[f"no-spv-2020-03-30-{n}"] for n in (1, 2, 3, 4)]
    assert [r.outcome_documents for r in day] == [
        ("S/RES/2518 (2020)",),
        ("S/RES/2517 (2020)",),
        ("S/RES/2516 (2020)",),
        ("S/RES/2515 (2020)",),
    ]
    assert [r.format for r in day] == ["vtc-open-no-spv"] * 3 + ["private"]
    assert {r.symbol for r in day} == {None}
    # The fourth is the one item the 2020 table marks "[closed]": the DPRK's, 2515 (2020).
    assert day[3].items[0].text.endswith("[closed]")
    # The private meeting on the Secretary-General of 8 June 2021 has no S/PV number in the
    # table either: private, and no number made up for it.
    private = bundled["no-spv-2021-06-08-1"]
    assert private.format == "private" and private.outcome_documents == ("S/RES/2580 (2021)",)


def test_private_meetings_and_date_ranges(bundled: dict[str, meetings.MeetingRow]) -> None:
    assert bundled["S/PV.77"].format == "private"  # "S/PV.77 (closed)"
    assert bundled["S/PV.11"].items[0].record == "S/PV.11 closed"
    assert bundled["S/PV.11"].format == "private"  # marked public in the file
    assert bundled["S/PV.9048"].format == "public"
    ranged = bundled["S/PV.1307"]
    assert (ranged.date, ranged.date_text) == (dt.date(1966, 10, 14), "14-15 October")


def test_outcome_documents_are_normalised(bundled: dict[str, meetings.MeetingRow]) -> None:
    # The table prints "S/RES/384(1975)"; the record writes resolutions one way.
    assert any("S/RES/384 (1975)" in r.outcome_documents for r in bundled.values())
    assert bundled["S/PV.9048"].outcome_documents == ("S/2022/431",)


def test_rows_of_a_small_file() -> None:
    text = HEADER + (
        "scact2020_covid_table_en.html,2020,,--,vtc-open-no-spv,2020-12-29,29 December,,"
        "Terrorism,S/RES/2560 (2020) ; 15-0-0,S/RES/2560 (2020)\n"
        "scact1948_table_en.html,1948,S/PV.396,S/PV.396,public,1948-12-29,29 December,,"
        "The Indonesian question,--,\n"
        "scact1948_table_en.html,1948,S/PV.396,S/PV.396,public,1948-12-29,29 December,,"
        "The Palestine question,S/RES/66 (1948) ; 8-0-3,S/RES/66 (1948)\n"
    )
    vtc, spv = meetings.parse(io.StringIO(text), "small.csv")
    assert (vtc.key, vtc.symbol, vtc.line) == ("no-spv-2020-12-29-1", None, 2)
    assert (spv.key, len(spv.items), spv.items[1].line) == ("S/PV.396", 2, 4)


def test_the_build_holds_every_meeting_and_links_votes(record: Database) -> None:
    with record.sessions() as session:
        meeting = session.get(m.Meeting, "S/PV.9048")
        assert meeting is not None
        assert (meeting.source_id, meeting.format, meeting.public) == (
            "dhl-meetings",
            "public",
            True,
        )
        assert [i.text for i in meeting.agenda] == [
            "Non-proliferation - Democratic People's Republic of Korea"
        ]
        linked = session.scalar(
            select(m.Vote.meeting_symbol).where(m.Vote.draft_symbol == "S/2022/431")
        )
        assert linked == "S/PV.9048"
        # A vote the record names by its meeting is that meeting's.
        assert session.scalar(select(m.Vote.meeting_symbol).where(m.Vote.id == 35)) == ("S/PV.131")
        # The fact sheet's meeting after June 2022 stays, from its own source.
        later = session.get(m.Meeting, "S/PV.9591")
        assert later is not None and later.source_id == "fact-sheet"


def test_text_mangled_upstream_is_read_back(bundled: dict[str, meetings.MeetingRow]) -> None:
    """The 2022 table has one agenda item whose apostrophe was UTF-8 read as Latin-1."""
    texts = [i.text for r in bundled.values() for i in r.items]
    assert not [t for t in texts if "\u00e2\u0080" in t]
    assert "Non-proliferation/Democratic People\u2019s Republic of Korea" in texts
