"""The home and sources views on both databases."""

from __future__ import annotations

from unsc.service import overview
from unsc.service.database import Database


def test_the_home_page_lists_the_latest_votes_newest_first(record: Database) -> None:
    view = overview.home_view(record)
    latest = [(v.date, v.id) for v in view.latest]
    assert len(latest) == overview.LATEST and latest == sorted(latest, reverse=True)
    assert not any(v.simulation for v in view.latest)
    assert {"sciencespo", "unxml", "fact-sheet"} <= {s.id for s in view.sources}
    assert view.council["threshold"] == 9


def test_the_sources_page_has_every_difference_and_annotation(record: Database) -> None:
    view = overview.sources_view(record)
    assert view.differences and all(d.difference for d in view.differences)
    days = [d.date for d in view.differences]
    assert days == sorted(days)
    assert view.annotated and all(v.annotation for v in view.annotated)
    assert set(view.meta) == {"built", "fingerprint"}
    assert "votes" in {t.name for t in view.downloads}
