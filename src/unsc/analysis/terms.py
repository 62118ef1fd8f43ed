"""Elected members' terms as the vote record shows them, and their check against the law."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from unsc.core.law import Law
from unsc.core.recorded import RecordedVote


@dataclass(frozen=True, slots=True)
class SeenTerm:
    """Consecutive calendar years in which a state sat, by the record's votes."""

    key: str
    first_year: int
    last_year: int
    first_vote: int
    last_vote: int
    first_day: dt.date
    last_day: dt.date


def derive_terms(votes: Iterable[RecordedVote], permanent: Iterable[str]) -> list[SeenTerm]:
    """Group the years each non-permanent state sat into runs of consecutive years."""
    skip = set(permanent)
    seen: dict[str, dict[int, tuple[RecordedVote, RecordedVote]]] = {}
    for vote in votes:
        for key in vote.seated:
            if key in skip:
                continue
            years = seen.setdefault(key, {})
            first, last = years.get(vote.day.year, (vote, vote))
            years[vote.day.year] = (
                min(first, vote, key=lambda v: (v.day, v.vote_id)),
                max(last, vote, key=lambda v: (v.day, v.vote_id)),
            )
    terms: list[SeenTerm] = []
    for key, years in seen.items():
        run: list[int] = []
        for year in sorted(years):
            if run and year != run[-1] + 1:
                terms.append(_term(key, run, years))
                run = []
            run.append(year)
        terms.append(_term(key, run, years))
    return sorted(terms, key=lambda t: (t.first_year, t.key))


def _term(
    key: str, run: Sequence[int], years: dict[int, tuple[RecordedVote, RecordedVote]]
) -> SeenTerm:
    first = years[run[0]][0]
    last = years[run[-1]][1]
    return SeenTerm(key, run[0], run[-1], first.vote_id, last.vote_id, first.day, last.day)


@dataclass(frozen=True, slots=True)
class TermMismatch:
    key: str
    detail: str


def check_terms(law: Law, seen: Iterable[SeenTerm], record_ends: dt.date) -> list[TermMismatch]:
    """Compare the law's elected terms with the record's, up to the record's last day.

    Every year a state sat in the record must fall in one of its terms, and every term
    year up to ``record_ends`` must be seen in the record.
    """
    law_years: dict[str, set[int]] = {}
    for term in law.terms:
        for year in range(term.start.year, min(term.end, record_ends).year + 1):
            law_years.setdefault(term.key, set()).add(year)
    seen_years: dict[str, set[int]] = {}
    for s in seen:
        seen_years.setdefault(s.key, set()).update(range(s.first_year, s.last_year + 1))
    problems: list[TermMismatch] = []
    for key in sorted(set(law_years) | set(seen_years)):
        only_law = law_years.get(key, set()) - seen_years.get(key, set())
        only_record = seen_years.get(key, set()) - law_years.get(key, set())
        if only_law:
            problems.append(TermMismatch(key, f"term years not in the record: {sorted(only_law)}"))
        if only_record:
            problems.append(
                TermMismatch(key, f"record years outside any term: {sorted(only_record)}")
            )
    return problems
