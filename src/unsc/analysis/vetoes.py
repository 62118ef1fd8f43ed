"""Vetoes said in words, as a journalist would print them: how many each member cast over
a period, and how many of those were on the DPRK."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

DPRK_WORDS = ("korea", "dprk")
"""A veto is on the DPRK when its draft's subject or topic names the country (the record's
subjects read "Non-proliferation - Democratic People's Republic of Korea", topic "North
Korea")."""


@dataclass(frozen=True, slots=True)
class CastVeto:
    """One veto: the member that cast it and what the draft was about."""

    member: str
    about: str


def day_in_words(day: dt.date) -> str:
    """26 May 2022."""
    return f"{day.day} {day:%B} {day.year}"


def period_in_words(start: dt.date | None, end: dt.date | None) -> str:
    """' from 1 January 2000 to 7 March 2022', ' to 7 March 2022', or '' (all time)."""
    if start and end:
        return f" from {day_in_words(start)} to {day_in_words(end)}"
    if end:
        return f" to {day_in_words(end)}"
    if start:
        return f" since {day_in_words(start)}"
    return ""


def is_on_the_dprk(veto: CastVeto) -> bool:
    text = veto.about.casefold()
    return any(word in text for word in DPRK_WORDS)


def in_words(
    vetoes: Iterable[CastVeto], start: dt.date | None = None, end: dt.date | None = None
) -> list[str]:
    """One sentence per member, most vetoes first: "People's Republic of China: 17 vetoes
    to 7 March 2022, none on the DPRK." (one veto per draft and member)."""
    counts: dict[str, list[int]] = {}
    for veto in vetoes:
        tally = counts.setdefault(veto.member, [0, 0])
        tally[0] += 1
        tally[1] += is_on_the_dprk(veto)
    period = period_in_words(start, end)
    sentences = []
    for member, (total, dprk) in sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0])):
        on_dprk = "none" if dprk == 0 else ("all" if dprk == total else str(dprk))
        noun = "veto" if total == 1 else "vetoes"
        sentences.append(f"{member}: {total} {noun}{period}, {on_dprk} on the DPRK.")
    return sentences
