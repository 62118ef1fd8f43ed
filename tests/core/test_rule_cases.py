"""Golden rule cases, written as the record words them (tests/corpus/rule_cases.yaml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from unsc.service.ballots import decide_ballot
from unsc.service.record import bundled_law

CASES = yaml.safe_load((Path(__file__).parents[1] / "corpus/rule_cases.yaml").read_text())["cases"]


def _json_ready(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        keys = {True: "yes", False: "no"}
        return {keys.get(k, str(k)): _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    return str(value) if not isinstance(value, int) else value


def _cast_words(ballot: dict[str, Any]) -> dict[str, Any]:
    """YAML reads bare yes/no as booleans; ballots spell them out."""
    words = {True: "yes", False: "no"}
    out = dict(ballot)
    if "others" in out:
        out["others"] = words.get(out["others"], out["others"])
    if "votes" in out:
        out["votes"] = {k: words.get(v, v) for k, v in out["votes"].items()}
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_rule_case(case: dict[str, Any]) -> None:
    ballot = _json_ready(_cast_words(case["ballot"]))
    result = decide_ballot(bundled_law(), ballot).to_dict()
    for field, expected in _json_ready(case["expect"]).items():
        assert result[field] == expected, f"{field}: {result[field]!r} != {expected!r}"
    assert result["citations"], "every outcome cites its sources"
