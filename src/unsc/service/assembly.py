"""How the members of the Security Council over a period voted with each other in the
General Assembly: the bundled roll calls (``unsc.data.unga``, read once per process), the
members from the law, the figures from ``unsc.analysis.assembly``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from unsc.analysis.assembly import (
    FIRST_ROLL_CALL,
    ISSUES,
    LAST_ROLL_CALL,
    AssemblyVotes,
    Match,
    Window,
    agreement_by_year,
    agreement_in,
    match,
)
from unsc.core.errors import UnscError
from unsc.core.law import Law
from unsc.law.loader import parse_yaml
from unsc.service.alignment import PairAgreement
from unsc.service.record import bundled_law

__all__ = [
    "AssemblyMember",
    "AssemblyView",
    "SeatYear",
    "assembly_source",
    "assembly_view",
    "assembly_votes",
    "council_matches",
    "issue_code",
]

DATA_PACKAGE = "unsc.data.unga"

DEFINITIONS = (
    "General Assembly roll calls (Erik Voeten's data, 1946 to 14 January 2020). A state "
    "voted in a roll call when the data record its yes, no or abstain; the data record no "
    "absences, so a state absent, not yet a member or not voting counts in no figure of that "
    "roll call. Agreement: the share of the roll calls both voted in where they voted alike. "
    "Every member that sat on the Council in the period is counted over all the period's "
    "roll calls, not only while it sat."
)


@dataclass(frozen=True, slots=True)
class AssemblyMember:
    key: str
    name: str
    permanent: bool
    voted: int
    """Roll calls of the period in which it voted (yes, no or abstain)."""
    rows: str
    """Which rows of the data are its own, where that is not simply its ISO code."""


@dataclass(frozen=True, slots=True)
class Unmatched:
    key: str
    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class SeatYear:
    """A year's agreement between the holders of the permanent seats (seat names)."""

    year: int
    pairs: tuple[PairAgreement, ...]


@dataclass(frozen=True, slots=True)
class AssemblyView:
    start: dt.date
    end: dt.date
    issue: str | None
    issue_name: str | None
    roll_calls: int
    """Roll calls of the period (and issue) in the data."""
    note: str
    """What the data cannot give for this period, in words ('' when they cover it)."""
    definitions: str
    members: tuple[AssemblyMember, ...]
    """Permanent members first, then most roll calls voted."""
    agreement: tuple[PairAgreement, ...]
    """Every pair that voted in the same roll calls (each pair once, a member with itself)."""
    unmatched: tuple[Unmatched, ...]
    """Members of the period whose rows the data do not hold, with why."""
    permanent_by_year: tuple[SeatYear, ...]


@lru_cache(maxsize=1)
def assembly_votes() -> AssemblyVotes:
    """The bundled roll calls, parsed once per process (about a tenth of a second)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    files = resources.files(DATA_PACKAGE)

    def read(name: str, types: dict[str, Any]) -> Any:
        options = pacsv.ConvertOptions(  # strings stay strings: Namibia's code is "NA"
            column_types=types, strings_can_be_null=False, include_columns=list(types)
        )
        with resources.as_file(files.joinpath(name)) as path:
            return pacsv.read_csv(path, convert_options=options)

    calls = read("un_roll_calls.csv", {"rcid": pa.int64(), "date": pa.date32()})
    votes = read(
        "un_votes.csv.gz",
        {
            "rcid": pa.int64(),
            "country": pa.string(),
            "country_code": pa.string(),
            "vote": pa.string(),
        },
    )
    issues = read("un_roll_call_issues.csv", {"rcid": pa.int64(), "short_name": pa.string()})
    country = votes.column("country").combine_chunks().dictionary_encode()
    vote = votes.column("vote").combine_chunks().dictionary_encode()
    index = country.indices.to_numpy()
    first = np.zeros(len(country.dictionary), dtype=np.int64)  # a row of each country: its code
    first[index] = np.arange(len(index))
    codes = votes.column("country_code").take(pa.array(first)).to_pylist()
    names = country.dictionary.to_pylist()
    return AssemblyVotes.from_columns(
        rcid=calls.column("rcid").to_numpy(),
        dates=calls.column("date").to_numpy(),
        countries=list(zip(names, codes, strict=True)),
        vote_rcid=votes.column("rcid").to_numpy(),
        vote_country=index,
        vote=vote.dictionary.to_pylist(),
        vote_index=vote.indices.to_numpy(),
        issue_rcid=issues.column("rcid").to_pylist(),
        issue=issues.column("short_name").to_pylist(),
    )


def assembly_source() -> dict[str, str]:
    """Provenance of the bundled roll calls (SOURCE.yaml), as the answers carry it."""
    text = resources.files(DATA_PACKAGE).joinpath("SOURCE.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = parse_yaml(text)
    keep = ("dataset", "source", "commit", "licence", "licence_url", "citation", "coverage")
    return {k: str(data[k]).strip() for k in keep}


def issue_code(text: str | None) -> str | None:
    """The issue code for a code or a name of the data's six issues, in any case."""
    if text is None or not text.strip():
        return None
    wanted = text.strip().lower()
    for code, name in ISSUES.items():
        if wanted in (code, name.lower()):
            return code
    listed = "; ".join(f"{c} ({n})" for c, n in ISSUES.items())
    raise UnscError(f"issue {text!r} is not one of the data's six: {listed}")


def _sat(law: Law, start: dt.date, end: dt.date) -> dict[str, tuple[dt.date, bool]]:
    """Each state that sat on the Council between ``start`` and ``end``: its last day in
    the period and whether it held a permanent seat."""
    found: dict[str, tuple[dt.date, bool]] = {}
    for term in law.terms:
        if term.start <= end and term.end >= start:
            last = min(term.end, end)
            if term.key not in found or found[term.key][0] < last:
                found[term.key] = (last, False)
    for seat in law.permanent_seats:
        for entry in seat.holders:
            if entry.start <= end and (entry.end is None or entry.end >= start):
                last = min(entry.end or end, end)
                found[entry.value] = (last, True)
    return found


def council_matches(law: Law | None = None) -> dict[str, Match]:
    """Every state that sat on the Council while the data run (17 January 1946 to 14 January
    2020), matched to its rows of the data (or not, with why)."""
    law = law or bundled_law()
    countries = assembly_votes().country_codes
    return {k: match(k, countries) for k in sorted(_sat(law, law.first_meeting, LAST_ROLL_CALL))}


def _clip(windows: tuple[Window, ...], start: dt.date, end: dt.date | None) -> list[Window]:
    out = []
    for w in windows:
        a = max(w.start or start, start)
        b = min(w.end or end, end) if end else w.end
        if b is None or a <= b:
            out.append(Window(w.country, a, b))
    return out


def _seats(law: Law, countries: dict[str, str]) -> dict[str, list[Window]]:
    """Each permanent seat's rows: its holders' rows, each while it held the seat."""
    return {
        seat.seat: [
            w
            for e in seat.holders
            for w in _clip(match(e.value, countries).windows, e.start, e.end)
        ]
        for seat in law.permanent_seats
    }


def _pair(a: str, b: str, together: int, same: int) -> PairAgreement:
    return PairAgreement(a, b, together, same, round(same / together, 4) if together else 0.0)


def _note(start: dt.date, end: dt.date | None, roll_calls: int, issue: str | None) -> str:
    """What the data cannot give for the period, in words ('' when they cover it)."""
    last = LAST_ROLL_CALL.isoformat()
    period = f"from {start} to {end}" if end else f"on or after {start}"
    if start > LAST_ROLL_CALL:
        return (
            f"The General Assembly roll calls bundled stop on {last} (Erik Voeten's data as "
            f"the unvotes package holds them): none falls {period}. Give a period that "
            f"starts on or before {last}."
        )
    said = []
    if end and end > LAST_ROLL_CALL:
        said.append(f"The roll calls stop on {last}: the figures cover {start} to {last}.")
    if roll_calls == 0:
        what = f" under the issue {ISSUES[issue]!r}" if issue else ""
        said.append(f"No roll call of the data falls {period}{what}.")
    return " ".join(said)


def assembly_view(
    *, start: dt.date | None = None, end: dt.date | None = None, issue: str | None = None
) -> AssemblyView:
    """The agreement in the General Assembly's roll calls of the period (and issue) between
    the members that sat on the Council in it. The data and the law are bundled, so each
    answer is kept (the last 64) and asked again costs nothing."""
    if start and end and start > end:
        raise UnscError(f"'from' ({start}) is after 'to' ({end}); swap them")
    return _view(start, end, issue_code(issue))


@lru_cache(maxsize=64)
def _view(start: dt.date | None, end: dt.date | None, code: str | None) -> AssemblyView:
    law = bundled_law()
    given_end = end
    start = start or FIRST_ROLL_CALL
    end = end or max(LAST_ROLL_CALL, start)
    votes = assembly_votes()
    countries = votes.country_codes
    sat = _sat(law, max(start, law.first_meeting), end)
    matches = {k: match(k, countries) for k in sat}
    states = {k: m.windows for k, m in matches.items() if m.is_matched}
    roll_calls, voted, pairs = agreement_in(votes, states, start=start, end=end, issue=code)
    members = tuple(
        sorted(
            (
                AssemblyMember(
                    key=k,
                    name=law.state(k, day).name,
                    permanent=permanent,
                    voted=voted.get(k, 0),
                    rows=matches[k].note,
                )
                for k, (day, permanent) in sat.items()
                if matches[k].is_matched
            ),
            key=lambda m: (not m.permanent, -m.voted, m.name),
        )
    )
    order = [m.key for m in members]
    agreement = tuple(
        _pair(a, b, x.together, x.same)
        for i, a in enumerate(order)
        for b in order[i:]
        if (x := pairs.get((a, b))) is not None
    )
    seats = _seats(law, countries)
    years = agreement_by_year(votes, seats, start=start, end=end, issue=code)
    names = list(seats)
    by_year = tuple(
        SeatYear(
            year,
            tuple(
                _pair(a, b, x.together, x.same)
                for i, a in enumerate(names)
                for b in names[i + 1 :]
                if (x := found.get((a, b))) is not None
            ),
        )
        for year, found in sorted(years.items())
    )
    return AssemblyView(
        start=start,
        end=end,
        issue=code,
        issue_name=ISSUES[code] if code else None,
        roll_calls=roll_calls,
        note=_note(start, given_end, roll_calls, code),
        definitions=DEFINITIONS,
        members=members,
        agreement=agreement,
        unmatched=tuple(
            Unmatched(k, law.state(k, sat[k][0]).name, m.note)
            for k, m in sorted(matches.items())
            if not m.is_matched
        ),
        permanent_by_year=by_year,
    )
