"""Resolutions 1-1284 (1946-1999) from the PVS plain texts: decoded without mojibake, the
Refworld header stripped, split into preamble and operative part as the text shows them,
each linked to its vote, and served by the API."""

from __future__ import annotations

import gzip
import io
import json
from importlib import resources

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from unsc.importers import pvs
from unsc.importers.build import import_early_resolutions
from unsc.importers.progress import Silent
from unsc.importers.textfiles import RowError
from unsc.record import models as m
from unsc.service.database import Database
from unsc.web.app import Settings, create_app


@pytest.fixture(scope="module")
def by_number() -> dict[int, pvs.TextRow]:
    return {row.number: row for row in pvs.bundled()}


def raw_records() -> list[dict[str, str]]:
    data = resources.files(pvs.DATA_PACKAGE).joinpath(pvs.TEXT_FILE).read_bytes()
    return [json.loads(line) for line in gzip.decompress(data).decode().split("\n") if line]


def test_the_bundled_texts_are_1_to_1284(by_number: dict[int, pvs.TextRow]) -> None:
    assert sorted(by_number) == list(range(1, 1285))
    assert by_number[1].symbol == "S/RES/1 (1946)" and by_number[1284].year == 1999
    assert all(row.paragraphs for row in by_number.values())


def test_no_mojibake_survives_the_cp1252_files() -> None:
    records = raw_records()
    cp1252 = [r for r in records if r["encoding"] == "cp1252"]
    assert len(cp1252) == 118
    for record in records:
        assert "â€" not in record["text"] and "\ufffd" not in record["text"], record["file"]
    # A file that is not UTF-8 reads with its dashes and quotes as the UN printed them.
    texts = "".join(r["text"] for r in cp1252)
    assert "—" in texts and "’" in texts


def test_mojibake_is_refused() -> None:
    bad = json.dumps({"file": "S-RES-5(1946).txt", "text": "The Council\u2019s â€œviewâ€\n"})
    with pytest.raises(RowError, match=r"line 1, field 'text': the text is mis-decoded"):
        pvs.parse(io.StringIO(bad + "\n"), "texts.jsonl")


def test_a_bad_file_name_is_refused() -> None:
    bad = json.dumps({"file": "S-RES-1285(2000).txt", "text": "The Security Council,\n"})
    with pytest.raises(RowError, match=r"field 'file': resolution 1285 is not in 1-1284"):
        pvs.parse(io.StringIO(bad + "\n"), "texts.jsonl")


def test_the_refworld_header_is_stripped(by_number: dict[int, pvs.TextRow]) -> None:
    assert sum(row.refworld for row in by_number.values()) == 776
    for row in by_number.values():
        for paragraph in row.paragraphs:
            assert "refworld" not in paragraph.text.lower(), row.symbol
            assert not paragraph.text.startswith("Cite as"), row.symbol


def test_242_has_its_operative_paragraphs(by_number: dict[int, pvs.TextRow]) -> None:
    paragraphs = by_number[242].paragraphs
    preamble = [p for p in paragraphs if p.kind == "preambular"]
    assert len(preamble) == 3
    assert preamble[1].text.startswith("Emphasizing the inadmissibility of the acquisition")
    numbers = [p.number for p in paragraphs if p.kind == "operative" and p.number]
    assert numbers == ["1", "1 (i)", "1 (ii)", "2", "2 (a)", "2 (b)", "2 (c)", "3", "4"]
    first = next(p for p in paragraphs if p.number == "1 (i)")
    assert first.parent == "1" and "Withdrawal of Israel armed forces" in first.text
    assert paragraphs[-1].section == pvs.AFTER
    assert paragraphs[-1].text == "Adopted unanimously at the 1382nd meeting."


def test_82_without_numbers_splits_on_the_preambles_commas(
    by_number: dict[int, pvs.TextRow],
) -> None:
    row = by_number[82]
    assert row.refworld
    kinds = [(p.kind, p.section) for p in row.paragraphs]
    assert kinds[:4] == [("preambular", "")] * 3 + [("operative", "")]
    assert row.paragraphs[3].text.startswith("Determines that this action constitutes a breach")


def test_a_text_without_the_opening_stays_unsplit(by_number: dict[int, pvs.TextRow]) -> None:
    # S/RES/4 (1946) opens "The attention of the Security Council has been drawn ...".
    row = by_number[4]
    assert {p.section for p in row.paragraphs} <= {pvs.UNSPLIT, pvs.AFTER}
    assert all(p.number is None for p in row.paragraphs)
    wrapped = by_number[1].paragraphs  # S/RES/1 (1946) wraps lines: one paragraph each
    assert not any(p.text[0].islower() for p in wrapped)


def test_the_build_holds_1284_early_resolutions_with_their_votes(record: Database) -> None:
    with record.sessions() as session:
        early = session.scalar(
            select(func.count()).select_from(m.Resolution).where(m.Resolution.number <= 1284)
        )
        assert early == 1284
        assert (
            session.scalar(
                select(func.count())
                .select_from(m.Resolution)
                .where(m.Resolution.source_id == "pvs")
            )
            == 1284
        )
        row = session.get(m.Resolution, 82)
        assert row is not None and row.symbol == "S/RES/82 (1950)"
        assert row.adopted.isoformat() == "1950-06-25" and row.paragraphs
        assert row.source_ref.endswith("Refworld citation header stripped")
        vote = session.get(m.Vote, row.vote_id)
        assert vote is not None and vote.resolution == 82
        row = session.get(m.Resolution, 1285)
        assert row is not None and row.source_id == "unxml"  # the UN's data wins from 2000
        source = session.get(m.Source, "pvs")
        assert source is not None and "United Nations" in source.citation


def test_api_resolution_242(record: Database) -> None:
    with TestClient(create_app(Settings(record.url))) as client:
        body = client.get("/api/resolutions/242").json()
    assert body["symbol"] == "S/RES/242 (1967)" and body["adopted"] == "1967-11-22"
    assert len(body["preamble"]) == 3
    assert [p["number"] for p in body["operative"]][:3] == ["1", "1 (i)", "1 (ii)"]


def test_a_bad_text_changes_nothing(record: Database) -> None:
    bad = json.dumps({"file": "S-RES-5(1946).txt", "text": "x\ufffd"}) + "\n"
    with pytest.raises(RowError), record.sessions() as session, session.begin():
        import_early_resolutions(session, Silent(), pvs.parse(io.StringIO(bad), "bad.jsonl"))
    with record.sessions() as session:
        assert session.scalar(select(func.count()).select_from(m.Resolution)) == 1540 + 1284
