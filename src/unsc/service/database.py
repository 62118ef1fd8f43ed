"""The record's database as the edges use it: opened, migrated and built on first use."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from unsc.importers.build import (
    BuildSummary,
    build_all,
    fingerprint,
    import_dprk,
    import_veto_lists,
    import_votes,
)
from unsc.importers.progress import Progress, Silent
from unsc.record import models as m
from unsc.record.db import current_revision, default_url, head_revision, make_engine, upgrade
from unsc.service.record import bundled_law, replay_bundled


@dataclass(frozen=True)
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]


def open_database(url: str | None = None, *, progress: Progress | None = None) -> Database:
    """Open ``url`` (default: ``UNSC_DATABASE_URL`` or the user's SQLite file), bring the
    schema to the latest migration, and build it from the bundled data if it is empty or
    was built from other data."""
    url = url or default_url()
    engine = make_engine(url)
    ensure_current(engine, progress or Silent())
    return Database(url, engine, sessionmaker(engine, expire_on_commit=False))


def is_current(engine: Engine) -> bool:
    if current_revision(engine) != head_revision():
        return False
    with Session(engine) as session:
        stored = session.scalar(select(m.Meta.value).where(m.Meta.key == "fingerprint"))
    return stored == fingerprint(head_revision())


def ensure_current(engine: Engine, progress: Progress) -> BuildSummary | None:
    """Migrate and (re)build if needed; ``None`` when the database was already current."""
    if is_current(engine):
        return None
    return rebuild(engine, progress)


def rebuild(engine: Engine, progress: Progress) -> BuildSummary:
    """Migrate, then load every bundled dataset in one transaction."""
    upgrade(engine)
    law = bundled_law()
    report = replay_bundled()
    with Session(engine) as session, session.begin():
        return build_all(session, law, report, progress, fingerprint(head_revision()))


def run_import(url: str, which: str, progress: Progress) -> str:
    """Run one importer (votes, vetoes or dprk) in its own transaction; says what it did."""
    engine = make_engine(url)
    upgrade(engine)
    law = bundled_law()
    with Session(engine) as session, session.begin():
        if which == "votes":
            return f"{import_votes(session, law, replay_bundled(), progress)} votes imported"
        if which == "vetoes":
            rows, differ = import_veto_lists(session, law, replay_bundled(), progress)
            return f"{rows} veto-list rows imported; {differ} differ from the vote record"
        if which == "dprk":
            events, statements, meetings = import_dprk(session, progress)
            return f"{events} events, {statements} statements, {meetings} meetings imported"
    raise ValueError(f"unknown importer {which!r}; choose votes, vetoes or dprk")
