"""The record in a real database, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from unsc.importers.progress import Silent
from unsc.record import models as m
from unsc.record import queries
from unsc.record.db import current_revision, head_revision
from unsc.service.database import Database, ensure_current, rebuild


def counts(database: Database) -> dict[str, int]:
    with database.sessions() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (
                m.Vote,
                m.Cast,
                m.Veto,
                m.VetoListEntry,
                m.Event,
                m.Statement,
                m.Meeting,
                m.State,
                m.Term,
                m.Source,
            )
        }


def digest(database: Database) -> str:
    """A hash of the content of every table: each row without its surrogate id, rows in a
    fixed order, the build time left out."""
    import hashlib

    h = hashlib.sha256()
    with database.sessions() as session:
        for table in m.Base.metadata.sorted_tables:
            columns = [c for c in table.columns if not (c.name == "id" and table.name != "votes")]
            rows = sorted(repr(tuple(r)) for r in session.execute(select(*columns)))
            for row in rows:
                if table.name == "meta" and "'built'" in row:
                    continue
                h.update(row.encode())
    return h.hexdigest()


def test_the_record_is_built_whole(record: Database) -> None:
    c = counts(record)
    assert c["votes"] == 3203 + 14  # the record, and the votes of 2026 from the UN metadata
    assert c["casts"] == 45_779 + 13 * 15  # every seated member's vote; none for the 38 adopted
    # without one, nor for S/RES/2812 (2026), whose member lists contradict its tally
    assert c["vetoes"] == 291  # per draft and per member
    assert c["veto_list_entries"] == 213 + 214
    assert c["events"] == 339 + 6
    assert current_revision(record.engine) == head_revision()


def test_building_again_changes_nothing(record: Database) -> None:
    before = digest(record)
    assert ensure_current(record.engine, Silent()) is None  # already current: no work
    summary = rebuild(record.engine, Silent())
    assert summary.votes == 3203 + 14
    assert digest(record) == before


def test_every_vote_keeps_its_source_row(record: Database) -> None:
    with record.sessions() as session:
        missing = session.scalar(
            select(func.count())
            .select_from(m.Vote)
            .where(
                ((m.Vote.source_id != "sciencespo") & (m.Vote.source_id != "unxml-votes"))
                | (m.Vote.source_row < 1)
                | ((m.Vote.source_id == "sciencespo") & (m.Vote.source_row < 2))
            )
        )
        vote = queries.get_vote(session, 2994)
    assert missing == 0
    assert vote is not None and vote.source.licence == "CC BY 4.0"
    assert vote.vote.source_row > 1 and vote.vote.meeting_symbol == "S/PV.9048"


def test_chinas_vetoes_to_7_march_2022_are_17_and_none_on_the_dprk(record: Database) -> None:
    with record.sessions() as session:
        page = queries.list_vetoes(
            session,
            queries.VetoFilter(frozenset({"CHN"}), end=_day("2022-03-07")),
            limit=100,
            offset=0,
        )
    assert page.total == 17
    assert not [v for v in page.items if "Korea" in v.subject]
    assert {v.name for v in page.items} == {"People's Republic of China"}


def test_russian_vetoes_include_the_two_dprk_drafts(record: Database) -> None:
    with record.sessions() as session:
        page = queries.list_vetoes(
            session, queries.VetoFilter(frozenset({"RUS"})), limit=1000, offset=0
        )
    drafts = {v.draft_symbol for v in page.items}
    assert {"S/2022/431", "S/2024/255"} <= drafts


def test_predecessor_states_are_counted_apart(record: Database) -> None:
    with record.sessions() as session:
        by_member = dict(
            session.execute(select(m.Veto.state_key, func.count()).group_by(m.Veto.state_key)).all()
        )
    assert by_member["SUN"] == 89 and by_member["RUS"] == 41
    assert by_member["TWN"] == 1 and by_member["CHN"] == 20


def test_veto_list_differences_are_reported_not_hidden(record: Database) -> None:
    with record.sessions() as session:
        differences = queries.veto_list_differences(session)
    s_pv_49 = [d for d in differences if d.draft_symbol == "S/PV.49"]
    assert s_pv_49 and "France" in s_pv_49[0].difference
    assert all(d.difference for d in differences)


def test_dprk_launch_dates_in_three_time_zones(record: Database) -> None:
    with record.sessions() as session:
        page = queries.list_events(
            session, "missile_launch", _day("2022-03-24"), _day("2022-03-24"), limit=10, offset=0
        )
    [icbm] = page.items
    assert icbm.utc == dt.datetime(2022, 3, 24, 5, 34)
    assert icbm.date_korea == icbm.date_new_york == dt.date(2022, 3, 24)
    assert icbm.icbm_class is True
    with record.sessions() as session:
        first = queries.list_events(
            session, "missile_launch", _day("2022-01-04"), _day("2022-01-05"), limit=10, offset=0
        ).items[0]
    assert (first.date, first.date_korea) == (dt.date(2022, 1, 4), dt.date(2022, 1, 5))


def test_the_agreement_of_a_member_with_itself_is_not_listed(record: Database) -> None:
    with record.sessions() as session:
        rows = queries.agreement(session, "CHN", _day("2022-01-01"), _day("2022-12-31"))
    assert rows and "CHN" not in {r.key for r in rows}
    russia = next(r for r in rows if r.key == "RUS")
    assert 0.5 < russia.agreement <= 1


def _day(text: str):  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date.fromisoformat(text)
