"""The vote and veto views on both databases: a vote with its casts, citations and source;
the vetoes under a filter with their counts by member and decade."""

from __future__ import annotations

import datetime as dt

from unsc.core.citations import SourceKind
from unsc.service import votes
from unsc.service.database import Database


def test_s_2022_431_with_its_casts_citations_vetoes_and_source(record: Database) -> None:
    found = votes.vote_detail(record, 2994)
    assert found is not None
    assert found.vote.symbol == "S/2022/431" and found.vote.date == dt.date(2022, 5, 26)
    assert found.vetoed_by == ("People's Republic of China", "Russian Federation")
    assert len(found.casts) == 15
    no = {c.state_key for c in found.casts if c.cast == "no"}
    assert no == {"CHN", "RUS"} and all(c.permanent for c in found.casts if c.cast == "no")
    assert found.citations[0].kind is SourceKind.CHARTER
    assert found.citations[0].ref == "UN Charter, Art. 27(3)"
    assert found.source.id == "sciencespo" and found.source.licence == "CC BY 4.0"


def test_an_id_the_record_cannot_hold_is_no_vote_not_a_database_error(record: Database) -> None:
    # PostgreSQL's integer stops at 2**31 - 1: a larger id must not reach the query.
    assert votes.vote_detail(record, 2**31) is None
    assert votes.vote_detail(record, 0) is None
    assert votes.vote_detail(record, -1) is None
    assert votes.vote_detail(record, 99_999) is None


def test_the_vetoes_counted_by_member_and_decade(record: Database) -> None:
    view = votes.vetoes_view(record, votes.VetoFilter())
    assert sum(n for _, n in view.by_member) == len(view.vetoes) > 250
    counts = [n for _, n in view.by_member]
    assert counts == sorted(counts, reverse=True)
    assert dict(view.by_member)["Union of Soviet Socialist Republics"] == 89
    assert dict(view.by_member)["Russian Federation"] == 41
    assert list(view.by_decade) == [name for name, _ in view.by_member]
    assert view.decades[0] == 1940 and view.decades == tuple(sorted(view.decades))
    assert view.by_decade["Russian Federation"].keys() <= {1990, 2000, 2010, 2020}
    assert "once per draft" in view.rule and view.source.id == "sciencespo"


def test_chinas_vetoes_to_7_march_2022(record: Database) -> None:
    f = votes.VetoFilter(frozenset({"CHN"}), end=dt.date(2022, 3, 7))
    view = votes.vetoes_view(record, f)
    assert view.by_member == (("People's Republic of China", 17),)
    dates = [v.date for v in view.vetoes]
    assert dates == sorted(dates, reverse=True)
    page = votes.vetoes_page(record, f, limit=5, offset=15)
    assert page.page.total == 17 and len(page.page.items) == 2
    assert page.page.items == view.vetoes[15:]
