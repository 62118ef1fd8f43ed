"""The DPRK file's questions answered from the record: what the Council did after the
launches, when its permanent members first split, how often it met and in what format,
and which statements it made or could not make. Pure: typed rows in, sentences out."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from unsc.core.documents import VoteRow, YearCount

DPRK_NAMES = re.compile(
    r"Democratic\s+P\w{4,6}\W{0,3}s?\s+Republic\s+of\s+Korea|\bDPRK\b|\bD\.P\.R\.K\b",
    re.IGNORECASE,
)
"""How the DPRK is named in the library's agenda items and the UN's texts, with their
spellings ("Poeple's", a curly or a garbled apostrophe)."""

P5 = ("CHN", "FRA", "GBR", "RUS", "USA")
"""The permanent members by state key (Charter Art. 23(1); the People's Republic of China
and the Russian Federation hold the seats of China and the USSR)."""


def names_the_dprk(text: str | None) -> bool:
    return bool(text and DPRK_NAMES.search(text))


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class Launch:
    day: dt.date
    """UTC, as the launch data give it."""
    outcome: str | None


@dataclass(frozen=True, slots=True)
class FactStatement:
    """A statement on the DPRK from the fact sheet: presidential, press or joint."""

    day: dt.date
    kind: str
    symbol: str | None
    subject: str
    council_status: bool
    read_by: str | None = None
    signatories: tuple[str, ...] = ()
    source_ref: str = ""


@dataclass(frozen=True, slots=True)
class PermanentVotes:
    """A vote with how each permanent member then sitting cast its vote."""

    vote: VoteRow
    casts: Mapping[str, tuple[str, str]]
    """State key → (name, cast)."""

    @property
    def split(self) -> bool:
        return len({cast for _, cast in self.casts.values()}) > 1


def first_split(votes: Sequence[PermanentVotes]) -> PermanentVotes | None:
    """The first vote, by date, on which the permanent members did not all vote alike."""
    for v in sorted(votes, key=lambda v: (v.vote.date, v.vote.id)):
        if v.split:
            return v
    return None


def _names(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


CAST_WORDS = {
    "yes": "in favour",
    "no": "against",
    "abstain": "abstaining",
    "absent": "absent",
    "not_participating": "not participating",
}


def split_in_words(v: PermanentVotes) -> str:
    """ "S/2022/431, 26 May 2022: China and the Russian Federation against; France, ..."."""
    groups: dict[str, list[str]] = {}
    for name, cast in sorted(v.casts.values()):
        groups.setdefault(cast, []).append(name)
    order = sorted(groups, key=lambda c: (len(groups[c]), c))
    parts = [f"{_names(groups[c])} {CAST_WORDS.get(c, c)}" for c in order]
    return f"{v.vote.symbol}, {v.vote.date:%-d %B %Y}: " + "; ".join(parts)


def per_year_by_format(days: Sequence[tuple[dt.date, str | None]]) -> list[YearCount]:
    """Meetings (each a day and a format) counted per year, by format."""
    counts: dict[int, dict[str, int]] = {}
    for day, format_ in days:
        year = counts.setdefault(day.year, {})
        year[format_ or "unknown"] = year.get(format_ or "unknown", 0) + 1
    return [YearCount(y, tuple(sorted(counts[y].items()))) for y in sorted(counts)]


def meetings_in_words(per_year: Sequence[YearCount]) -> str:
    """How many meetings, in which years, how many closed."""
    if not per_year:
        return "No meeting in the library's tables names the DPRK in its agenda."
    total = sum(y.total for y in per_year)
    private = sum(y.count("private") for y in per_year)
    busiest = max(per_year, key=lambda y: (y.total, y.year))
    closed = [f"{y.year} ({y.count('private')})" for y in per_year if y.count("private")]
    words = (
        f"{total} meetings from {per_year[0].year} to {per_year[-1].year}; "
        f"the most in {busiest.year} ({busiest.total}). "
    )
    if private:
        words += f"{private} private (closed): {', '.join(closed)}; the rest public."
    else:
        words += "All public."
    return words


def seed_answers(
    launches: Sequence[Launch],
    sanctions: Sequence[VoteRow],
    vetoed: Sequence[tuple[VoteRow, Sequence[str]]],
    resolutions: Sequence[VoteRow],
    statements: Sequence[FactStatement],
    prsts: Sequence[tuple[str, dt.date]],
    prsts_until: dt.date | None,
    sanctions_votes: Sequence[PermanentVotes],
    dprk_votes: Sequence[PermanentVotes],
    meetings: Sequence[YearCount],
) -> list[Answer]:
    """The DPRK file's questions, each answered from the record (never from text in the
    code): the vetoed drafts, the sanctions resolutions, the launches of 2022, the
    Council's products in 2022, the first split of the permanent members, the meetings by
    format, and the statements made and not made."""
    answers = [
        Answer(
            f"{v.draft_symbol or v.symbol}, {v.date.isoformat()}",
            f"{v.yes} in favour, {v.no} against, {v.abstain} abstaining; vetoed by "
            f"{_names(list(by))}.",
        )
        for v, by in vetoed
    ]
    unanimous = all(v.yes == 15 and not v.no and not v.abstain for v in sanctions)
    years = sorted({v.date.year for v in sanctions})
    answers.append(
        Answer(
            f"Sanctions resolutions {years[0]}-{years[-1]}" if years else "Sanctions",
            f"{len(sanctions)} ({', '.join(v.symbol for v in sanctions)}); "
            f"{'all' if unanimous else 'not all'} adopted 15-0-0",
        )
    )
    first_veto = min((v.date for v, _ in vetoed), default=None)
    in_2022 = [e for e in launches if e.day.year == 2022]
    if first_veto is not None:
        to_veto = [e for e in in_2022 if e.day <= first_veto]
        answers.append(
            Answer(
                f"Missiles launched in 2022 up to {first_veto.isoformat()} (UTC dates)",
                f"{len(to_veto)} missiles on {len({e.day for e in to_veto})} days",
            )
        )
    answers.append(
        Answer(
            "Missiles launched in 2022",
            f"{len(in_2022)} missiles on {len({e.day for e in in_2022})} days "
            f"({sum(e.outcome != 'failure' for e in in_2022)} not recorded as failures)",
        )
    )
    adopted = [v for v in resolutions if v.date.year == 2022]
    vetoed_2022 = [v for v, _ in vetoed if v.date.year == 2022]
    council = [s for s in statements if s.day.year == 2022 and s.council_status]
    joint = [s for s in statements if s.day.year == 2022 and not s.council_status]
    made = (
        f"{len(adopted)} resolution{'s' if len(adopted) != 1 else ''} "
        f"({', '.join(v.symbol for v in adopted)})"
        if adopted
        else "no resolution"
    )
    answers.append(
        Answer(
            "The Council's products on the DPRK in 2022",
            f"{made}, {len(council)} presidential or press statements in the record; "
            f"{len(vetoed_2022)} draft vetoed "
            f"({', '.join(v.draft_symbol or v.symbol for v in vetoed_2022)}); {len(joint)} "
            "joint statements by groups of states, which have no Council status",
        )
    )
    split = first_split(sanctions_votes)
    answers.append(
        Answer(
            "The first split of the permanent members on a DPRK sanctions draft",
            split_in_words(split) + f". The {sum(not v.split for v in sanctions_votes)} "
            "sanctions votes before and after it on which all five voted alike are in the "
            "table below."
            if split
            else "None: the permanent members voted alike on every DPRK sanctions draft.",
        )
    )
    split_any = first_split(dprk_votes)
    if split_any and (split is None or split_any.vote.id != split.vote.id):
        answers.append(
            Answer(
                "The first split of the permanent members in any vote on the DPRK",
                split_in_words(split_any) + ".",
            )
        )
    answers.append(
        Answer("The Council's meetings on the DPRK, by format", meetings_in_words(meetings))
    )
    by_year = sorted(prsts, key=lambda p: p[1])
    joint_all = [s for s in statements if not s.council_status]
    answers.append(
        Answer(
            "The statements the Council made, and those it did not",
            f"{len(by_year)} presidential statements name the DPRK "
            f"({', '.join(symbol for symbol, _ in by_year)})"
            + (
                f"; none after {by_year[-1][1]:%-d %B %Y} (the record's statements run to "
                f"{prsts_until:%-d %B %Y})"
                if by_year and prsts_until
                else ""
            )
            + f". Where the Council could not agree, groups of states read {len(joint_all)} "
            "joint statements instead ("
            + ", ".join(f"{s.day:%-d %B %Y}" for s in joint_all)
            + "), which have no Council status.",
        )
    )
    return answers
