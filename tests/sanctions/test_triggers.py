"""2397 OP28 evaluated on the record: the ICBM launches after 22 December 2017, each with
what the Council did next (for 24 March 2022: S/2022/431, vetoed on 26 May 2022)."""

from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner

from unsc.cli import app
from unsc.core.measures import in_force
from unsc.law.regimes import load_regime
from unsc.sanctions.triggers import Action, Event, evaluate
from unsc.service import sanctions
from unsc.service.database import Database

D = dt.date


def test_the_icbm_launches_of_2022_and_the_vetoed_draft(record: Database) -> None:
    with record.sessions() as session:
        view = sanctions.triggers(session, "1718")
    (trigger,) = view["triggers"]
    assert [c["ref"] for c in trigger["citations"]] == ["S/RES/2397 (2017), OP28"]
    events = trigger["events"]
    assert all(e["date"] > "2017-12-22" for e in events)
    in_2022 = [e for e in events if e["date"].startswith("2022")]
    assert [(e["date"], e["missile_type"]) for e in in_2022] == [
        ("2022-03-15", "ICBM"),
        ("2022-03-24", "ICBM"),
        ("2022-11-17", "ICBM"),
    ]
    march_24 = in_2022[1]
    vetoed = [r for r in march_24["responses"] if r["kind"] == "vetoed_draft"]
    assert vetoed == [
        {
            "date": "2022-05-26",
            "kind": "vetoed_draft",
            "symbol": "S/2022/431",
            "subject": vetoed[0]["subject"],
            "outcome": "vetoed",
        }
    ]
    assert march_24["responses_until"] == "2022-11-17"
    # No nuclear test since 2017 is in the record: every event is a launch.
    assert {e["kind"] for e in events} == {"missile_launch"}


def test_the_condition() -> None:
    trigger = next(
        m for m in in_force(load_regime("1718"), D(2018, 1, 1)) if m.id == "oil-restriction-trigger"
    )
    events = [
        Event(D(2017, 11, 28), "missile_launch", "Hwasong-15", "ICBM"),  # before adoption
        Event(D(2019, 5, 4), "missile_launch", "KN-23", "SRBM"),  # not of ICBM range
        Event(D(2020, 1, 1), "nuclear_test", "Nuclear test"),
        Event(D(2020, 6, 1), "missile_launch", "Hwasong-15", "ICBM"),
    ]
    actions = [
        Action(D(2020, 1, 2), "press_statement", None, "after the test"),
        Action(D(2020, 6, 1), "vetoed_draft", "S/2020/1", "the same day"),
    ]
    hits = evaluate(trigger, events, actions)
    assert [(h.event.name, [a.subject for a in h.responses]) for h in hits] == [
        ("Nuclear test", ["after the test"]),
        ("Hwasong-15", ["the same day"]),
    ]


def test_the_triggers_command(record: Database) -> None:
    url = record.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(
        app, ["sanctions", "triggers", "--regime", "1718", "--db", url, "--json"]
    )
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["triggers"][0]["events"]
    assert "S/2022/431" in {r["symbol"] for e in events for r in e["responses"]}
