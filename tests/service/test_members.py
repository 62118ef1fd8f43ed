"""The member views on both databases: every state that sat; one member's votes over a
period, in a fixed order, its agreement with the others and its vetoes."""

from __future__ import annotations

import datetime as dt

from unsc.service import members
from unsc.service.database import Database


def test_every_member_since_1946(record: Database) -> None:
    view = members.members_view(record)
    names = [m.name for m in view.members]
    assert names == sorted(names) and len(names) > 130
    china = next(m for m in view.members if m.key == "CHN")
    assert china.permanent and china.vetoes == 20
    assert china.terms[0].start == dt.date(1971, 10, 25) and china.terms[0].end is None


def test_chinas_votes_in_2022_in_the_order_yes_no_abstain(record: Database) -> None:
    view = members.member_view(record, "chn", dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert view is not None and view.member is not None
    assert view.state.key == "CHN" and view.state.name == "People's Republic of China"
    assert view.casts == (("yes", 47), ("no", 1), ("abstain", 13))
    assert view.agreement[0].key == "RUS" and view.agreement[0].agreement == 0.8525
    shares = [a.agreement for a in view.agreement]
    assert shares == sorted(shares, reverse=True)
    assert [v.draft_symbol for v in view.vetoes] == ["S/2022/431"]


def test_the_ways_a_member_voted_come_in_one_order_on_every_database(record: Database) -> None:
    view = members.member_view(record, "CHN")
    assert view is not None
    ways = [cast for cast, _ in view.casts]
    assert ways == [c for c in members.CASTS if c in ways] and "absent" in ways
    assert sum(n for _, n in view.casts) > 2_600


def test_no_such_member(record: Database) -> None:
    assert members.member_view(record, "XXX") is None
