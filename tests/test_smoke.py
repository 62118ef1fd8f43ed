import datetime as dt

from unsc.service.record import bundled_law, replay_bundled


def test_replay_reproduces_every_recorded_outcome() -> None:
    report = replay_bundled()
    assert report.total == 3203
    assert report.mismatches == ()


def test_council_on_veto_day_has_fifteen_members() -> None:
    assert len(bundled_law().on(dt.date(2022, 5, 26)).members) == 15
