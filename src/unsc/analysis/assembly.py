"""How the members of the Security Council voted with each other in the General Assembly:
agreement in the Assembly's roll calls (Erik Voeten's data, 1946 to 14 January 2020, as
bundled in ``unsc.data.unga``). Pure: the roll calls come in as arrays, numbers go out.

Definitions:

- A state *voted* in a roll call when the data record its yes, no or abstain. The data
  record nothing else: a state absent, not yet a member or not voting has no row, so it
  counts in no figure of that roll call.
- The *agreement* of two states is the share of the roll calls in which both voted where
  they voted alike (both yes, both no or both abstain), with the count of roll calls
  behind it, as on the Council (``unsc.analysis.alignment``).

The data name each state from its Correlates of War code (the ``unvotes`` package,
``data-raw/un-data.R``), so one name can cover two states the Council tells apart, and a
state can change name in the data. ``match`` maps each state of the law (its key) to the
rows that are its own, with dates where needed, each exception with its source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pycountry

from unsc.analysis.alignment import Agreement

__all__ = [
    "FIRST_ROLL_CALL",
    "ISSUES",
    "LAST_ROLL_CALL",
    "AssemblyVotes",
    "Match",
    "Window",
    "agreement_by_year",
    "agreement_in",
    "match",
]

FIRST_ROLL_CALL = dt.date(1946, 1, 1)
"""The first roll call's date in the data (a placeholder for the first sessions)."""
LAST_ROLL_CALL = dt.date(2020, 1, 14)
"""The last roll call in the data."""

ISSUES = {
    "me": "Palestinian conflict",
    "nu": "Nuclear weapons and nuclear material",
    "di": "Arms control and disarmament",
    "hr": "Human rights",
    "co": "Colonialism",
    "ec": "Economic development",
}
"""The six issue codes of ``un_roll_call_issues`` and their names, as the data give them."""

CASTS = {"yes": 1, "no": 2, "abstain": 3}
"""The votes the data record, as the codes of ``AssemblyVotes.casts`` (0: no row)."""


@dataclass(frozen=True, slots=True)
class Window:
    """The rows of one ``country`` of the data that are a state's own, from ``start`` to
    ``end`` (inclusive; ``None`` leaves that side open)."""

    country: str
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """A state of the law and its rows in the data, or why it has none."""

    key: str
    windows: tuple[Window, ...]
    note: str
    """Where the rows are not simply the state's ISO 3166 code in the data: why, and the
    source; or why nothing matched."""

    @property
    def is_matched(self) -> bool:
        return bool(self.windows)


_BY_NAME: dict[str, tuple[tuple[str | None, dt.date | None, dt.date | None], ...]] = {
    "SUN": (("RU", None, dt.date(1991, 12, 23)),),
    "RUS": (("RU", dt.date(1991, 12, 24), None),),
    "TWN": (("TW", None, dt.date(1971, 10, 24)),),
    "CHN": (("CN", dt.date(1971, 10, 25), None),),
    "DEU": (
        ("Federal Republic of Germany", None, dt.date(1990, 10, 2)),
        ("DE", dt.date(1990, 10, 3), None),
    ),
    "YEM": (
        ("Yemen Arab Republic", dt.date(1990, 5, 22), dt.date(1990, 12, 31)),
        ("YE", dt.date(1990, 5, 22), None),
    ),
    "YUG": (("YU", None, dt.date(1992, 4, 26)),),
}
"""The states whose rows are not simply their ISO 3166 alpha-2 code: an entry is a code, or
the data's country name where the data give no code, with the dates that are the state's."""

NOTES = {
    "SUN": "the data's 'Russia' (Correlates of War 365) holds the USSR's votes to 1991; its "
    "rows to 23 December 1991 are the USSR's (the Russian Federation continued its membership: "
    "letter of President Yeltsin to the Secretary-General, 24 December 1991)",
    "RUS": "the data's 'Russia' from 24 December 1991 (letter of President Yeltsin to the "
    "Secretary-General, 24 December 1991); the rows before are the USSR's",
    "TWN": "the data's 'Taiwan' to 24 October 1971: the Republic of China's votes for China "
    "(A/RES/2758 (XXVI), 25 October 1971)",
    "CHN": "the data's 'China' from 25 October 1971 (A/RES/2758 (XXVI), 25 October 1971)",
    "DEU": "the data's 'Federal Republic of Germany' (no code) to 2 October 1990 and 'Germany' "
    "(DE) from 3 October 1990, the day of unification (UN Member States, Germany)",
    "YEM": "Yemen from its union on 22 May 1990 (UN Member States, Yemen): the data's 'Yemen "
    "Arab Republic' (no code) holds the united Yemen's votes of 1990 (the People's Democratic "
    "Republic of Yemen's rows stop in 1989), 'Yemen' (YE) those from 1991",
    "YUG": "the data's 'Yugoslavia' runs on after 1992 (Correlates of War 345: the Federal "
    "Republic of Yugoslavia, then Serbia); the Socialist Federal Republic's rows end on 26 "
    "April 1992 (A/RES/47/1: the FRY cannot continue its membership automatically)",
}


def _alpha2(key: str) -> str | None:
    found = pycountry.countries.get(alpha_3=key) or pycountry.historic_countries.get(alpha_3=key)
    return None if found is None else str(found.alpha_2)


def match(key: str, countries: Mapping[str, str]) -> Match:
    """The rows of the data that are the state ``key``'s own. ``countries`` maps each
    country name of the data to its ``country_code`` ('' where the data give none)."""
    by_code = {code: name for name, code in countries.items() if code}
    if key in _BY_NAME:
        windows = []
        for ref, start, end in _BY_NAME[key]:
            name = ref if ref in countries else by_code.get(ref or "")
            if name is None:
                return Match(key, (), f"no rows under {ref!r} in the data")
            windows.append(Window(name, start, end))
        return Match(key, tuple(windows), NOTES[key])
    code = _alpha2(key)
    if code is None:
        return Match(key, (), f"{key} is not an ISO 3166 alpha-3 code (pycountry)")
    if code not in by_code:
        return Match(key, (), f"no rows under its ISO 3166 alpha-2 code {code} in the data")
    return Match(key, (Window(by_code[code]),), "")


@dataclass(frozen=True)
class AssemblyVotes:
    """The roll calls as arrays: row ``i`` is the roll call ``rcid[i]`` of ``dates[i]``
    (ordered by date, then rcid), column ``j`` the data's country ``countries[j]``;
    ``casts[i, j]`` is 1 (yes), 2 (no), 3 (abstain) or 0 (no row)."""

    rcid: npt.NDArray[np.int64]
    dates: npt.NDArray[np.datetime64]
    countries: tuple[str, ...]
    codes: tuple[str, ...]
    """Each country's ``country_code`` ('' where the data give none)."""
    casts: npt.NDArray[np.int8]
    issues: Mapping[str, npt.NDArray[np.bool_]]
    """For each issue code, the roll calls the data file under it."""

    @classmethod
    def from_columns(
        cls,
        *,
        rcid: npt.ArrayLike,
        dates: npt.ArrayLike,
        countries: Sequence[tuple[str, str]],
        vote_rcid: npt.ArrayLike,
        vote_country: npt.ArrayLike,
        vote: Sequence[str],
        vote_index: npt.ArrayLike,
        issue_rcid: Sequence[int],
        issue: Sequence[str],
    ) -> AssemblyVotes:
        """From the three files' columns: each roll call's ``rcid`` and ``dates``; each
        vote's ``vote_rcid``, its country (``vote_country``: an index into ``countries``,
        the pairs of name and code) and its vote (``vote_index`` into the labels ``vote``);
        each issue's ``issue_rcid`` and code. Raises ``ValueError`` naming what does not
        fit."""
        ids = np.asarray(rcid, dtype=np.int64)
        days = np.asarray(dates, dtype="datetime64[D]")
        order = np.lexsort((ids, days))
        ids, days = ids[order], days[order]
        by_id = np.argsort(ids, kind="stable")
        if len(np.unique(ids)) != len(ids):
            raise ValueError("un_roll_calls: an rcid appears twice")

        def rows_of(wanted: npt.NDArray[np.int64], what: str) -> npt.NDArray[np.int64]:
            at = np.clip(np.searchsorted(ids[by_id], wanted), 0, max(len(ids) - 1, 0))
            found = ids[by_id][at] == wanted if len(ids) else np.zeros(len(wanted), np.bool_)
            if not found.all():
                raise ValueError(f"{what}: rcid {int(wanted[~found][0])} is not a roll call")
            return np.asarray(by_id[at], dtype=np.int64)

        unknown = [v for v in vote if v not in CASTS]
        if unknown:
            raise ValueError(f"un_votes: vote {unknown[0]!r} is not yes, no or abstain")
        codes = np.array([CASTS[v] for v in vote], dtype=np.int8)
        rows = rows_of(np.asarray(vote_rcid, dtype=np.int64), "un_votes")
        cols = np.asarray(vote_country, dtype=np.int64)
        casts = np.zeros((len(ids), len(countries)), dtype=np.int8)
        casts[rows, cols] = codes[np.asarray(vote_index, dtype=np.int64)]
        bad = [c for c in issue if c not in ISSUES]
        if bad:
            raise ValueError(f"un_roll_call_issues: {bad[0]!r} is not one of {', '.join(ISSUES)}")
        marks: dict[str, npt.NDArray[np.bool_]] = {}
        issue_rows = rows_of(np.asarray(issue_rcid, dtype=np.int64), "un_roll_call_issues")
        labels = np.asarray(issue, dtype=object)
        for code in ISSUES:
            mark = np.zeros(len(ids), dtype=np.bool_)
            mark[issue_rows[labels == code]] = True
            marks[code] = mark
        names = tuple(name for name, _ in countries)
        return cls(ids, days, names, tuple(code for _, code in countries), casts, marks)

    @property
    def country_codes(self) -> dict[str, str]:
        return dict(zip(self.countries, self.codes, strict=True))

    def select(
        self, start: dt.date | None, end: dt.date | None, issue: str | None
    ) -> npt.NDArray[np.bool_]:
        """The roll calls from ``start`` to ``end`` (inclusive) under ``issue``, as a mask."""
        keep = np.ones(len(self.rcid), dtype=np.bool_)
        if start is not None:
            keep &= self.dates >= np.datetime64(start, "D")
        if end is not None:
            keep &= self.dates <= np.datetime64(end, "D")
        if issue is not None:
            keep &= self.issues[issue]
        return keep

    def column(self, windows: Sequence[Window]) -> npt.NDArray[np.int8]:
        """One state's vote in every roll call (0 where it has none), from its windows."""
        out = np.zeros(len(self.rcid), dtype=np.int8)
        index = {c: j for j, c in enumerate(self.countries)}
        for w in windows:
            j = index.get(w.country)
            if j is None:
                continue
            inside = self.select(w.start, w.end, None)
            out = np.where(inside & (self.casts[:, j] > 0), self.casts[:, j], out)
        return out


def _packed(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.uint64]:
    """Each column of a (roll calls, states) mask as a row of 64-bit words."""
    bits = np.packbits(mask.T, axis=1)
    pad = -bits.shape[1] % 8
    if pad:
        bits = np.pad(bits, ((0, 0), (0, pad)))
    return np.ascontiguousarray(bits).view(np.uint64)


def _both(words: npt.NDArray[np.uint64]) -> npt.NDArray[np.int64]:
    """For every pair of states, the roll calls set in both rows: a popcount of the AND."""
    return np.asarray(
        np.bitwise_count(words[:, None, :] & words[None, :, :]).sum(axis=2, dtype=np.int64)
    )


def _pairs(keys: Sequence[str], cols: npt.NDArray[np.int8]) -> dict[tuple[str, str], Agreement]:
    """Agreement of every pair of columns (roll calls by states), keyed both ways, each
    state with itself included; pairs that never voted in the same roll call are left out."""
    together = _both(_packed(cols > 0))
    same = np.zeros_like(together)
    for code in CASTS.values():
        same += _both(_packed(cols == code))
    out: dict[tuple[str, str], Agreement] = {}
    for i, a in enumerate(keys):
        row, alike = together[i].tolist(), same[i].tolist()
        for j in range(i, len(keys)):
            if row[j]:
                out[a, keys[j]] = out[keys[j], a] = Agreement(a, keys[j], row[j], alike[j])
    return out


def agreement_in(
    votes: AssemblyVotes,
    states: Mapping[str, Sequence[Window]],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    issue: str | None = None,
) -> tuple[int, dict[str, int], dict[tuple[str, str], Agreement]]:
    """Over the roll calls of the period (and issue): how many there were, in how many each
    state voted, and the agreement of every pair of states that voted in the same ones."""
    keep = votes.select(start, end, issue)
    keys = list(states)
    if not keys:
        return int(keep.sum()), {}, {}
    cols = np.stack([votes.column(states[k])[keep] for k in keys], axis=1)
    voted = {k: int((cols[:, i] > 0).sum()) for i, k in enumerate(keys)}
    return int(keep.sum()), voted, _pairs(keys, cols)


def agreement_by_year(
    votes: AssemblyVotes,
    states: Mapping[str, Sequence[Window]],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    issue: str | None = None,
) -> dict[int, dict[tuple[str, str], Agreement]]:
    """The agreement of every pair of ``states`` in each year's roll calls of the period."""
    keep = votes.select(start, end, issue)
    keys = list(states)
    if not keys or not keep.any():
        return {}
    cols = np.stack([votes.column(states[k]) for k in keys], axis=1)
    years = votes.dates.astype("datetime64[Y]").astype(np.int64) + 1970
    return {
        int(y): _pairs(keys, cols[keep & (years == y)]) for y in np.unique(years[keep]).tolist()
    }
