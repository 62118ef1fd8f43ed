"""The read model behind /api/votes and /api/resolutions answers as the database does, on
SQLite and on PostgreSQL: the same totals, the same rows in the same order."""

from __future__ import annotations

import datetime as dt

import orjson
import pytest

from unsc.record import documents, queries
from unsc.service.database import Database
from unsc.service.read_model import ReadModel, ResolutionFilter, VoteFilter
from unsc.service.record import bundled_law
from unsc.web.api import member_keys


def keys(name: str, start: str | None = None, end: str | None = None) -> frozenset[str]:
    return member_keys(
        bundled_law(),
        name,
        dt.date.fromisoformat(start) if start else None,
        dt.date.fromisoformat(end) if end else None,
    )


D = dt.date.fromisoformat
VOTE_FILTERS = [
    VoteFilter(),
    VoteFilter(simulations="include"),
    VoteFilter(simulations="only"),
    VoteFilter(outcome="vetoed"),
    VoteFilter(outcome="insufficient_votes"),
    VoteFilter(outcome="adopted"),
    VoteFilter(outcome="not_adopted"),
    VoteFilter(symbol="S/2022/431"),
    VoteFilter(subject="korea"),
    VoteFilter(subject="syria", outcome="vetoed"),
    VoteFilter(subject="MIDDLE EAST", start=D("2000-01-01")),
    VoteFilter(symbol="s/res/2397 (2017)"),
    VoteFilter(symbol="S/RES/2397(2017)"),
    VoteFilter(symbol="S/PV.9048"),
    VoteFilter(symbol="s/pv.9048"),
    VoteFilter(members=keys("China")),
    VoteFilter(members=keys("China", "1960-01-01", "1990-12-31"), start=D("1960-01-01")),
    VoteFilter(members=keys("Russia"), voted="no"),
    VoteFilter(members=keys("France"), voted="abstain", outcome="adopted"),
    VoteFilter(vetoed_by=keys("United States")),
    VoteFilter(vetoed_by=keys("China"), end=D("2022-03-07")),
    VoteFilter(vetoed_by=keys("USSR")),
    VoteFilter(q="korea"),
    VoteFilter(q="KOREA"),
    VoteFilter(q="s/2022"),
    VoteFilter(q="100%"),
    VoteFilter(q="a_b"),
    VoteFilter(q="palestin", start=D("1990-01-01"), end=D("1999-12-31")),
    VoteFilter(start=D("2022-01-01"), end=D("2022-12-31")),
    VoteFilter(start=D("1946-01-01"), end=D("1946-12-31")),
    VoteFilter(end=D("1945-12-31")),
    VoteFilter(members=frozenset({"XXX"})),  # a key no member has
]
RESOLUTION_FILTERS = [
    ResolutionFilter(),
    ResolutionFilter(subject="korea"),
    ResolutionFilter(subject="KOREA", chapter_vii=True),
    ResolutionFilter(chapter_vii=True),
    ResolutionFilter(chapter_vii=False),
    ResolutionFilter(q="cyprus", start=D("2024-01-01")),
    ResolutionFilter(q="Non-Proliferation"),
    ResolutionFilter(q="%"),
    ResolutionFilter(start=D("2026-01-01"), end=D("2026-12-31")),
    ResolutionFilter(start=D("2010-01-01"), end=D("2014-12-31"), subject="sanctions"),
    ResolutionFilter(end=D("1999-12-31")),
]


def as_json(rows: object) -> object:
    return orjson.loads(orjson.dumps(rows))


@pytest.fixture(scope="module")
def model(record: Database) -> ReadModel:
    model = ReadModel(record)
    model.load(0)
    return model


@pytest.mark.parametrize("f", VOTE_FILTERS, ids=repr)
def test_votes_as_the_database_answers(record: Database, model: ReadModel, f: VoteFilter) -> None:
    with record.sessions() as session:
        for limit, offset in ((1000, 0), (7, 3), (50, 3200)):
            expected = queries.list_votes(session, f, limit=limit, offset=offset)
            page = model.votes(f, limit=limit, offset=offset)
            assert page.total == expected.total
            assert page.items == expected.items
            assert page.encoded == tuple(orjson.dumps(row) for row in expected.items)
        assert page.sources == (documents.source(session, "sciencespo"),)


@pytest.mark.parametrize("f", RESOLUTION_FILTERS, ids=repr)
def test_resolutions_as_the_database_answers(
    record: Database, model: ReadModel, f: ResolutionFilter
) -> None:
    with record.sessions() as session:
        for limit, offset in ((1000, 0), (1000, 1000), (9, 11)):
            expected = queries.list_resolutions(
                session, f.start, f.end, f.subject, f.chapter_vii, f.q, limit=limit, offset=offset
            )
            page = model.resolutions(f, limit=limit, offset=offset)
            assert page.total == expected.total
            assert page.items == expected.items
            assert page.encoded == tuple(orjson.dumps(row) for row in expected.items)
        assert page.sources == (documents.source(session, "unxml"),)


def test_the_questions_find_rows(model: ReadModel) -> None:
    """The comparisons above compare something: most questions match votes."""
    totals = [model.votes(f, limit=1, offset=0).total for f in VOTE_FILTERS]
    assert sum(t > 0 for t in totals) >= len(VOTE_FILTERS) - 5
    assert model.votes(VoteFilter(symbol="S/2022/431"), limit=5, offset=0).total == 1
    korea = model.resolutions(ResolutionFilter(subject="korea"), limit=1, offset=0)
    assert korea.total > 10


def test_a_new_generation_is_read_again(record: Database) -> None:
    model = ReadModel(record)
    model.load(0)
    assert model.is_current(0) and not model.is_current(1)
    first = model.votes(VoteFilter(), limit=1, offset=0)
    model.load(1)
    assert model.is_current(1)
    assert model.votes(VoteFilter(), limit=1, offset=0) == first


def test_a_change_made_by_another_process_is_found_by_a_recheck(record: Database) -> None:
    """A live session ended on another worker stores its votes there: this process's read
    model finds them when it next asks the database (``recheck``), and only then."""
    from unsc.record import models as m

    model = ReadModel(record)
    model.load(0)
    only = VoteFilter(simulations="only")
    assert model.votes(only, limit=5, offset=0).total == 0
    assert model.recheck() is False  # nothing changed
    with record.sessions() as session, session.begin():
        first = session.get(m.Vote, 1)
        assert first is not None
        columns = [c.key for c in m.Vote.__table__.columns if c.key not in ("id", "simulation")]
        values = {c: getattr(first, c) for c in columns}
        session.add(m.Vote(**values, id=1_000_001, simulation=True))
    try:
        assert model.votes(only, limit=5, offset=0).total == 0  # not asked yet
        assert model.recheck() is True
        page = model.votes(only, limit=5, offset=0)
        assert page.total == 1 and page.items[0].id == 1_000_001
        real = model.votes(VoteFilter(), limit=1, offset=0).total
        assert model.votes(VoteFilter(simulations="include"), limit=1, offset=0).total == real + 1
    finally:
        with record.sessions() as session, session.begin():
            session.execute(m.Vote.__table__.delete().where(m.Vote.id == 1_000_001))
    assert model.recheck() is True
    assert model.votes(only, limit=5, offset=0).total == 0


def test_a_recheck_is_claimed_once_every_few_seconds(
    record: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from unsc.service import read_model

    model = ReadModel(record)
    assert model.claim_recheck() is False  # nothing read yet
    model.load(0)
    assert model.claim_recheck() is False  # just read
    monkeypatch.setattr(read_model, "RECHECK_SECONDS", 0.0)
    assert model.claim_recheck() is True
    assert model.claim_recheck() is False  # one at a time
    model.recheck()
    assert model.claim_recheck() is True


@pytest.mark.parametrize(
    ("q", "kinds", "limit", "offset"),
    [
        ("North Korea", (), 20, 0),
        ("North Korea", (), 7, 100),
        ("sanctions", (), 100, 1600),
        ("Hwasong", ("meeting", "statement"), 5, 0),
        ("S/PRST/2017/16", (), 3, 0),
    ],
)
def test_searches_as_the_database_answers(
    record: Database, model: ReadModel, q: str, kinds: tuple[str, ...], limit: int, offset: int
) -> None:
    """A page of a kept search is the page the database gives, and so is its JSON."""
    from unsc.service.read_model import encode_result
    from unsc.service.search import search_in

    kept = model.search(q, kinds=kinds, limit=limit, offset=offset)
    again = model.search(q, kinds=kinds, limit=limit, offset=offset)
    direct = search_in(record, q, kinds=kinds, limit=limit, offset=offset)
    assert model.has_search(q, kinds, None, None)
    assert kept.page.total == direct.total and kept.page.groups == direct.groups
    assert kept.page.items == direct.items == again.page.items
    assert kept.encoded == tuple(encode_result(r) for r in direct.items)
    assert len(kept.page.items) == min(limit, max(direct.total - offset, 0))
