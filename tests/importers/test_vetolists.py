"""The veto lists reconciled with the vote record by draft symbol: a draft the lists date
differently is the same draft, said to be dated differently, not missing."""

from __future__ import annotations

import datetime as dt

from unsc.importers import vetolists
from unsc.importers.vetolists import EngineVeto, ListedVeto, reconcile
from unsc.record import queries
from unsc.service.database import Database

DATED_DIFFERENTLY = ("S/1653", "S/16077/Rev.1", "S/2001/270", "S/2001/1199")


def listed(draft: str, day: dt.date, members: tuple[str, ...] = ("USA",)) -> ListedVeto:
    return ListedVeto("dhl", 1, day, day, draft, "S/PV.1", "item", None, members)


def test_a_draft_dated_differently_is_matched_by_its_symbol() -> None:
    engine = [EngineVeto(7, dt.date(2001, 3, 28), "S/2001/270", frozenset({"USA"}))]
    [row] = reconcile([listed("S/2001/270", dt.date(2001, 3, 27))], engine, {"USA": "USA"})
    assert row.vote_ids == (7,)
    assert row.difference == (
        "dated differently: the list gives 2001-03-27, the vote record 2001-03-28"
    )
    # A draft of that symbol vetoed twice on other days is not guessed at.
    twice = [*engine, EngineVeto(8, dt.date(2001, 4, 2), "S/2001/270", frozenset({"USA"}))]
    [row] = reconcile([listed("S/2001/270", dt.date(2001, 3, 27))], twice, {"USA": "USA"})
    assert row.vote_ids == () and "no vetoed vote on S/2001/270 that day" in str(row.difference)
    # Nothing of that symbol anywhere: missing, and said so.
    [row] = reconcile([listed("S/2001/999", dt.date(2001, 3, 27))], engine, {"USA": "USA"})
    assert row.vote_ids == () and "no vetoed vote on S/2001/999 in the vote record" in str(
        row.difference
    )


def test_the_four_drafts_are_in_the_vote_record(record: Database) -> None:
    with record.sessions() as session:
        differences = queries.veto_list_differences(session)
    by_draft: dict[str, list[str]] = {}
    for d in differences:
        by_draft.setdefault(d.draft_symbol, []).append(d.difference)
    for draft in DATED_DIFFERENTLY:
        assert draft in by_draft, draft
        for text in by_draft[draft]:
            assert text.startswith("dated differently"), (draft, text)
    # Only the WPDL's S/PV.3038 (its meeting column: S/PV.303, the two votes vetoed that
    # day) stays unmatched.
    unmatched = [d.draft_symbol for d in differences if d.matched_vote_id is None]
    assert unmatched == ["S/PV.3038"]


def test_every_listed_row_is_parsed() -> None:
    dhl = vetolists.parse_dhl(vetolists.bundled(vetolists.DHL_FILE))
    wpdl = vetolists.parse_wpdl(vetolists.bundled(vetolists.WPDL_FILE))
    assert (len(dhl), len(wpdl)) == (213, 214)
