"""The record's database as the edges use it: opened, migrated and built on first use."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from unsc.analysis.replay import ReplayReport, replay
from unsc.core.errors import UnscError
from unsc.importers import vetolists
from unsc.importers.annotations import load_annotations
from unsc.importers.build import (
    BuildSummary,
    build_all,
    fingerprint,
    import_dprk,
    import_veto_lists,
    import_votes,
    link_votes,
)
from unsc.importers.progress import Progress, Silent
from unsc.importers.sciencespo import load_column_map, parse
from unsc.importers.textfiles import open_text
from unsc.record import models as m
from unsc.record.db import current_revision, default_url, head_revision, make_engine, upgrade
from unsc.service.record import bundled_law, replay_bundled

__all__ = [
    "Database",
    "DatabaseError",
    "build",
    "default_url",
    "open_database",
    "reading",
    "rebuild",
    "run_import",
]


class DatabaseError(UnscError):
    """The database could not be opened, built or read; the message says why."""


@contextmanager
def reading(what: str) -> Iterator[None]:
    """Turns a database driver's error into a ``DatabaseError`` that says what was being
    done, so the edges need not know the driver."""
    try:
        yield
    except SQLAlchemyError as e:
        raise DatabaseError(f"{what}: {e}") from e


@dataclass(frozen=True)
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    def close(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, progress: Progress | None = None) -> Database:
    """Open ``url`` (default: ``UNSC_DATABASE_URL`` or the user's SQLite file), bring the
    schema to the latest migration, and build it from the bundled data if it is empty or
    was built from other data."""
    url = url or default_url()
    with reading(f"cannot open {url}"):
        engine = _engine(url)
        ensure_current(engine, progress or Silent())
    return Database(url, engine, sessionmaker(engine, expire_on_commit=False))


def _engine(url: str) -> Engine:
    try:
        return make_engine(url)
    except (SQLAlchemyError, ValueError) as e:
        raise DatabaseError(
            f"--db: {e}; give sqlite:///path/to/file or postgresql://user@host/dbname"
        ) from e


def build(url: str | None, progress: Progress) -> tuple[str, BuildSummary]:
    """Build the database at ``url`` (default: the user's) from the bundled data, whatever
    it held: migrations, then every importer, in one transaction."""
    url = url or default_url()
    engine = _engine(url)
    try:
        with reading(f"could not build {url}"):
            return url, rebuild(engine, progress)
    finally:
        engine.dispose()


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


def run_import(
    url: str | None, which: str, progress: Progress, files: Mapping[str, Path] | None = None
) -> str:
    """Run one importer (votes, vetoes or dprk) in its own transaction; says what it did.

    ``files`` replaces bundled files: ``votes`` (a Sciences Po CSV), ``dhl`` and ``wpdl``
    (veto lists). A bad file raises an error naming file, line and field, before anything
    is written; a failure while writing rolls the whole import back.
    """
    engine = _engine(url or default_url())
    try:
        with reading("nothing imported"):
            upgrade(engine)
            return _import(engine, which, progress, files or {})
    finally:
        engine.dispose()


def _import(engine: Engine, which: str, progress: Progress, files: Mapping[str, Path]) -> str:
    law = bundled_law()
    if which == "votes":
        report = replay_file(files["votes"]) if "votes" in files else replay_bundled()
        with Session(engine) as session, session.begin():
            count = import_votes(session, law, report, progress)
            # Meeting symbols and topics come from the veto lists: match them again.
            rows, differ = import_veto_lists(session, law, progress)
            link_votes(session)
            return (
                f"{count} votes imported; {rows} veto-list rows matched again, {differ} "
                "differ from the vote record"
            )
    if which == "vetoes":
        dhl = (
            vetolists.parse_dhl(open_text(files["dhl"]), files["dhl"].name)
            if "dhl" in files
            else None
        )
        wpdl = (
            vetolists.parse_wpdl(open_text(files["wpdl"]), files["wpdl"].name)
            if "wpdl" in files
            else None
        )
        with Session(engine) as session, session.begin():
            rows, differ = import_veto_lists(session, law, progress, dhl, wpdl)
            link_votes(session)
            return f"{rows} veto-list rows imported; {differ} differ from the vote record"
    if which == "dprk":
        with Session(engine) as session, session.begin():
            events, statements, meetings = import_dprk(session, progress)
            return (
                f"{events} events and {statements} statements imported; {meetings} meetings added"
            )
    raise ValueError(f"unknown importer {which!r}; choose votes, vetoes or dprk")


def replay_file(path: Path) -> ReplayReport:
    """A Sciences Po vote file (e.g. a newer release), parsed and decided again."""
    annotations = load_annotations()
    votes = parse(
        open_text(path), load_column_map(annotations.column_corrections), filename=path.name
    )
    return replay(bundled_law(), votes, annotations.all(votes))
