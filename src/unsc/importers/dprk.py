"""DPRK events (missile launches, nuclear tests) and the Council's statements on the DPRK."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from unsc.importers.textfiles import RowError
from unsc.law.loader import parse_yaml

DATA_PACKAGE = "unsc.data.dprk"
TESTS_FILE = "nagix_test.en.json"
MISSILES_FILE = "nagix_missile.en.json"
FACILITIES_FILE = "nagix_facility.en.json"
RECORD_FILE = "dprk_record.yaml"
NEW_YORK = ZoneInfo("America/New_York")
KOREA = ZoneInfo("Asia/Seoul")


@dataclass(frozen=True, slots=True)
class Launch:
    """One missile of a launch, as the CNS-derived data records it (dates in UTC)."""

    row: int
    date: dt.date
    precision: str
    utc: dt.datetime | None
    name: str
    missile_type: str | None
    outcome: str | None
    facility: str | None
    apogee_km: float | None
    distance_km: float | None

    @property
    def date_new_york(self) -> dt.date | None:
        return None if self.utc is None else self.utc.astimezone(NEW_YORK).date()

    @property
    def date_korea(self) -> dt.date | None:
        return None if self.utc is None else self.utc.astimezone(KOREA).date()

    @property
    def is_icbm_class(self) -> bool:
        return self.missile_type == "ICBM"


def parse_launches(
    tests: Any,
    missiles: Mapping[str, Any],
    facilities: Mapping[str, Any],
    filename: str = TESTS_FILE,
) -> list[Launch]:
    """Every test of ``tests`` (the nk-missile-tests layout), in file order."""
    if not isinstance(tests, Mapping) or not isinstance(tests.get("timeBins"), list):
        raise RowError(filename, 1, "timeBins", "expected {'timeBins': [{'year', 'data'}, ...]}")
    launches: list[Launch] = []
    row = 0
    for time_bin in tests["timeBins"]:
        for item in time_bin.get("data", []):
            row += 1
            launches.append(_launch(row, item, missiles, facilities, filename))
    return launches


def _launch(
    row: int,
    item: Mapping[str, Any],
    missiles: Mapping[str, Any],
    facilities: Mapping[str, Any],
    filename: str,
) -> Launch:
    text = str(item.get("date", ""))
    try:
        if len(text) == 7:
            day, precision = dt.date.fromisoformat(text + "-01"), "month"
        else:
            day, precision = dt.date.fromisoformat(text), "day"
    except ValueError:
        raise RowError(
            filename, row, "date", f"expected YYYY-MM-DD or YYYY-MM, got {text!r}"
        ) from None
    utc = None
    time_text = str(item.get("time", "unknown"))
    if time_text != "unknown" and precision == "day":
        try:
            clock = dt.datetime.strptime(time_text.replace(" (UTC)", ""), "%H:%M").time()
        except ValueError:
            raise RowError(
                filename, row, "time", f"expected 'HH:MM (UTC)', got {time_text!r}"
            ) from None
        utc = dt.datetime.combine(day, clock, tzinfo=dt.UTC)
    missile_key = str(item.get("missile", "unknown"))
    missile = missiles.get(missile_key)
    if missile is None:
        raise RowError(filename, row, "missile", f"unknown missile key {missile_key!r}")
    facility = facilities.get(str(item.get("facility", "unknown")))
    return Launch(
        row=row,
        date=day,
        precision=precision,
        utc=utc,
        name=str(missile.get("name", missile_key)),
        missile_type=missile.get("type"),
        outcome=item.get("outcome"),
        facility=None if facility is None else str(facility.get("name")),
        apogee_km=_km(item.get("apogee")),
        distance_km=_km(item.get("distance")),
    )


def _km(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def bundled_launches() -> list[Launch]:
    files = resources.files(DATA_PACKAGE)

    def load(name: str) -> Any:
        try:
            return json.loads(files.joinpath(name).read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise RowError(name, err.lineno, "json", err.msg) from None

    return parse_launches(
        load(TESTS_FILE), load(MISSILES_FILE), load(FACILITIES_FILE)["facilities"]
    )


@lru_cache(maxsize=1)
def bundled_record() -> Any:
    """Nuclear tests, statements, joint statements and meetings (dprk_record.yaml)."""
    text = resources.files(DATA_PACKAGE).joinpath(RECORD_FILE).read_text(encoding="utf-8")
    return parse_yaml(text)
