"""The votes after the Sciences Po record ends (29 December 2025): the resolutions of 2026
from UN DGACM's metadata (``data_extract/2026.json``, the file ``unsc.importers.resolutions``
reads; see its SOURCE.yaml), each made a vote that the engine decides like every other.
The United Nations is the source, as its terms ask.

A resolution already in the vote record (matched by its number) is not made a vote again;
the 2025 metadata holds none adopted after the record's last day (S/RES/2810 and 2811
(2025), 29 December 2025, are its last and are in the record).

The metadata's quirks, each handled here:

- the adoption line ("Adopted 13-0-2, 10089th meeting", "Adopted unanimously, 10099th
  meeting", "Adopted 9-0-6, 10161st meeting") gives the tally, and it wins: "unanimously"
  is every member of the Council that day in favour; members the line leaves out of the
  three counts are absent;
- member lists (``MS_in_favour``, ``MS_against``, ``MS_abstaining``) that contradict the
  tally are not used (S/RES/2812 (2026): "Adopted 13-0-2", fifteen listed in favour, none
  abstaining): no member's vote is shown, none is invented, and the vote's note says what
  the metadata says and why; the counts (``MS_in_favour_count``...) are read only to be
  named in that note where they differ from the tally;
- a list given as a Python-literal string ("['CHINA', 'FRANCE']") is read as a list; a list
  whose last name is cut off ("UNITE") loses the fragment, and the member it named is found
  from the tally if only one member can be missing from it, else stays unknown;
- UN names (upper case, "DEMOCRATIC REPUBLIC OF THE CONGO", "BAHAMAS (THE)") are the law's
  names (``Law.resolve``) for the Council of the day;
- the adoption line may name another meeting than the other fields (S/RES/2816 (2026):
  "Adopted unanimously, 9812th meeting", while ``adoption_meeting``, ``outcome_letter`` and
  the document title give the 10104th meeting): the meeting the other fields agree on is
  kept and the difference is noted;
- a resolution given twice (2820-2822 (2026)) is one vote, from its first record; a second
  record with another adoption line is an error naming both lines.

Resolutions adopted without a vote or by acclamation are not votes; none was in 2026, and
such a line is refused here with the forms expected.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import IO, Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from unsc.analysis.replay import replay_one
from unsc.core.errors import NotSeatedError, UnknownMemberError, UnscError
from unsc.core.law import CouncilOn, Law
from unsc.core.recorded import RecordedOutcome, RecordedVote
from unsc.core.types import Cast, Member, Tally
from unsc.importers import resolutions as res
from unsc.importers.progress import Progress
from unsc.importers.textfiles import RowError
from unsc.record import models as m

SOURCE_ID = "unxml-votes"
YEAR = 2026
METADATA_FILE = f"{res.METADATA_DIR}/{YEAR}.json.gz"
ID_BASE = 100_000
"""A vote made from the metadata has id ``ID_BASE`` + its resolution number (S/RES/2812
(2026) is vote 102812): stable across builds, apart from the record's ids (1-3203) and from
the live sessions' (from 1,000,000)."""

_LISTS = (
    ("MS_in_favour", Cast.YES),
    ("MS_against", Cast.NO),
    ("MS_abstaining", Cast.ABSTAIN),
)
_ADOPTION = re.compile(
    r"Adopted\s*(?:(?P<unanimous>unanimously)|\(?\s*(?P<yes>\d+)-(?P<no>\d+)-(?P<abstain>\d+)"
    r"(?:\s*,\s*(?P<absent>\d+)\s+absent)?\s*\)?)\s*(?:[,;]\s*(?P<rest>.*))?",
    re.IGNORECASE,
)
_NAMED_MEETING = re.compile(r"(\d+)\s*(?:st|nd|rd|th)\s*(?:\([^)]*\)\s*)?meeting", re.IGNORECASE)
_THE = re.compile(r"^(?P<name>.+?)\s*\(THE\)$", re.IGNORECASE)
_WORDS = {Cast.YES: "in favour", Cast.NO: "against", Cast.ABSTAIN: "abstaining"}


@dataclass(frozen=True, slots=True)
class Adoption:
    """The adoption line, read: its tally and the meeting it names."""

    text: str
    tally: Tally
    unanimous: bool
    meeting: str | None


@dataclass(frozen=True, slots=True)
class UNVote:
    """A vote made from one metadata record.

    ``vote.casts`` holds every member's vote when the lists agree with the tally and name
    (or let the tally name) every member; else it is empty and the engine decides from the
    tally. ``casts`` holds the votes shown: only those the lists give and the tally allows.
    """

    vote: RecordedVote
    draft: str | None
    meeting: str | None
    casts: Mapping[str, Cast]
    note: str | None
    filename: str


def tally_text(tally: Tally) -> str:
    absent = f", {tally.absent} absent" if tally.absent else ""
    return f"{tally.yes}-{tally.no}-{tally.abstain}{absent}"


def parse_adoption(text: str, council: CouncilOn, filename: str, line: int) -> Adoption:
    """ "Adopted 13-0-2, 10089th meeting" -> 13 in favour, none against, 2 abstaining."""
    match = _ADOPTION.fullmatch(text.strip().rstrip("."))
    if match is None:
        raise RowError(
            filename,
            line,
            "adoption_type",
            "expected e.g. 'Adopted 13-0-2, 10089th meeting' or 'Adopted unanimously, "
            f"10099th meeting', got {text!r}",
        )
    seats = council.seats
    if match["unanimous"]:
        tally = Tally(yes=seats)
    else:
        yes, no, abstain = int(match["yes"]), int(match["no"]), int(match["abstain"])
        counted = yes + no + abstain + int(match["absent"] or 0)
        if counted > seats or (match["absent"] and counted != seats):
            raise RowError(
                filename,
                line,
                "adoption_type",
                f"{text!r} counts {counted} members; the Council had {seats} on "
                f"{council.day.isoformat()}",
            )
        tally = Tally(yes=yes, no=no, abstain=abstain, absent=seats - yes - no - abstain)
    named = _NAMED_MEETING.search(match["rest"] or "")
    meeting = None if named is None else f"S/PV.{named.group(1)}"
    return Adoption(text.strip(), tally, bool(match["unanimous"]), meeting)


def _names(record: Mapping[str, Any], key: str, filename: str, line: int) -> list[str]:
    """A member list; a Python-literal string ("['CHINA', 'FRANCE']") is read as one."""
    value = record.get(key) or []
    if isinstance(value, str):
        try:
            value = ast.literal_eval(value.strip())
        except (ValueError, SyntaxError):
            raise RowError(
                filename, line, key, f"expected a list of member names, got {value[:60]!r}"
            ) from None
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise RowError(filename, line, key, "expected a list of member names")
    return [v.strip() for v in value if v.strip()]


def _resolve(law: Law, name: str, council: CouncilOn) -> Member:
    """The member a UN name means: "BAHAMAS (THE)" is tried as "BAHAMAS", then "THE
    BAHAMAS"."""
    the = _THE.fullmatch(name)
    tries = [name] if the is None else [the["name"], f"THE {the['name']}", name]
    for i, attempt in enumerate(tries):
        try:
            return law.resolve(attempt, council)
        except UnknownMemberError:
            if i == len(tries) - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _is_fragment(name: str, members: Iterable[Member]) -> bool:
    """A cut-off name: the start of a member's name ("UNITE" of "UNITED KINGDOM")."""
    start = name.upper()
    return any(
        full.upper().startswith(start) and full.upper() != start
        for member in members
        for full in (member.name, member.state.un_name)
    )


def _meeting(
    record: Mapping[str, Any], adoption: Adoption, filename: str, line: int
) -> tuple[str | None, str | None]:
    """The meeting most of ``adoption_meeting``, ``outcome_letter`` and the document title
    agree on (``adoption_meeting`` on a tie), and a note where any field names another."""
    given: dict[str, str] = {}
    for key, pattern in (
        ("adoption_meeting", res._MEETING),
        ("outcome_letter", res._SPV),
        ("document_title", _NAMED_MEETING),
    ):
        found = pattern.search(res._string(record, key, filename, line))
        if found is not None:
            given[key] = f"S/PV.{found.group(1)}"
    if not given:
        return adoption.meeting, None
    votes = Counter(given.values())
    top = max(votes.values())
    chosen = next(v for v in given.values() if votes[v] == top)
    differ = [f"{k} gives {v}" for k, v in given.items() if v != chosen]
    if adoption.meeting is not None and adoption.meeting != chosen:
        named = _NAMED_MEETING.search(adoption.text)
        differ.insert(
            0,
            f"the adoption line ({adoption.text!r}) names the "
            f"{named.group(0) if named else adoption.meeting}",
        )
    if not differ:
        return chosen, None
    agreeing = [k for k, v in given.items() if v == chosen]
    fields = " and ".join([", ".join(agreeing[:-1]), agreeing[-1]] if agreeing[:-1] else agreeing)
    verb = "give" if len(agreeing) > 1 else "gives"
    return chosen, f"The meeting is {chosen}, as {fields} {verb}; {'; '.join(differ)}."


def _casts(
    law: Law,
    record: Mapping[str, Any],
    council: CouncilOn,
    adoption: Adoption,
    filename: str,
    line: int,
) -> tuple[dict[str, Cast], str | None]:
    """The member votes the lists give, if they agree with the tally, and a note on what
    was not used."""
    listed: dict[str, Cast] = {}
    twice: list[str] = []
    fragments: list[str] = []
    for key, cast in _LISTS:
        names = _names(record, key, filename, line)
        for i, name in enumerate(names):
            try:
                member = _resolve(law, name, council)
            except UnknownMemberError as err:
                if i == len(names) - 1 and _is_fragment(name, council.members):
                    fragments.append(
                        f"The list {key} ends with a cut-off name, {name!r}, left out."
                    )
                    continue
                members = ", ".join(mb.name for mb in council.members)
                raise RowError(
                    filename,
                    line,
                    key,
                    f"{err} Name one of the members of the Council on "
                    f"{council.day.isoformat()}: {members}.",
                ) from None
            except NotSeatedError as err:
                raise RowError(filename, line, key, str(err)) from None
            if member.key in listed:
                twice.append(member.name)
            listed[member.key] = cast
    tally = adoption.tally
    named = Tally.from_casts(tuple(listed.values()))
    room = {
        Cast.YES: tally.yes - named.yes,
        Cast.NO: tally.no - named.no,
        Cast.ABSTAIN: tally.abstain - named.abstain,
        Cast.ABSENT: tally.absent,
    }
    notes = list(fragments)
    if twice or any(n < 0 for n in room.values()):
        said = ", ".join(
            f"{getattr(named, c.value)} {_WORDS[c]}" for c in (Cast.YES, Cast.NO, Cast.ABSTAIN)
        )
        why = f" ({', '.join(twice)} in two lists)" if twice else ""
        notes.append(
            f"The UN metadata's adoption line says {adoption.text!r}, but its member lists "
            f"(MS_in_favour, MS_against, MS_abstaining) name {said}{why}. The adoption line "
            f"wins: the tally is {tally_text(tally)}; no member's vote is shown, as the lists "
            "contradict it and cannot say how each member voted."
        )
        return {}, " ".join(notes) or None
    casts = dict(listed)
    unnamed = [mb for mb in council.members if mb.key not in listed]
    left = [(c, n) for c, n in room.items() if n > 0]
    if unnamed and len(left) == 1 and left[0][1] == len(unnamed):
        cast = left[0][0]
        casts.update((mb.key, cast) for mb in unnamed)
        if cast is not Cast.ABSENT or fragments:
            notes.append(
                f"{', '.join(mb.name for mb in unnamed)}: in no member list; counted "
                f"{_WORDS.get(cast, 'absent')} from the adoption line's tally "
                f"({tally_text(tally)})."
            )
    elif unnamed:
        notes.append(
            f"{', '.join(mb.name for mb in unnamed)}: in no member list, and the tally "
            f"({tally_text(tally)}) does not say how they voted; their votes are not known."
        )
    return casts, " ".join(notes) or None


def _counts_note(record: Mapping[str, Any], tally: Tally, filename: str, line: int) -> str | None:
    counts = [
        res._count(record, key, filename, line) or 0
        for key in ("MS_in_favour_count", "MS_against_count", "MS_abstaining_count")
    ]
    if counts == [tally.yes, tally.no, tally.abstain]:
        return None
    return (
        f"Its counts (MS_in_favour_count, MS_against_count, MS_abstaining_count) say "
        f"{counts[0]}-{counts[1]}-{counts[2]}; the adoption line's tally is kept."
    )


def parse(
    handle: IO[str], law: Law, *, recorded: Collection[int] = (), filename: str = "2026.json"
) -> list[UNVote]:
    """One vote per resolution of the metadata file not in ``recorded`` (resolution
    numbers already in the vote record), in the file's order; the first bad line raises
    ``RowError`` naming file, line and field."""
    votes: dict[int, UNVote] = {}
    adoption_of: dict[int, tuple[int, str]] = {}
    for line, record in res._records(handle, filename):
        number, symbol = res._symbol(res._string(record, "symbol", filename, line), filename, line)
        if number in recorded:
            continue
        text = res._string(record, "adoption_type", filename, line)
        if number in adoption_of:
            first_line, first = adoption_of[number]
            if text and text != first:
                raise RowError(
                    filename,
                    line,
                    "adoption_type",
                    f"{symbol} appears again (first at line {first_line}) with another "
                    f"adoption line: {text!r} against {first!r}; keep one record",
                )
            continue
        adoption_of[number] = (line, text)
        day = res._date(
            res._string(record, "adoption_date", filename, line), filename, line, "adoption_date"
        )
        council = law.on(day)
        if not council.is_complete:
            raise RowError(
                filename,
                line,
                "adoption_date",
                f"{council.unknown_seats} seats of the Council on {day.isoformat()} are not in "
                "the bundled law; add the General Assembly's election to its data first",
            )
        adoption = parse_adoption(text, council, filename, line)
        meeting, meeting_note = _meeting(record, adoption, filename, line)
        casts, casts_note = _casts(law, record, council, adoption, filename, line)
        counts_note = _counts_note(record, adoption.tally, filename, line)
        draft = res._string(record, "draft_resolution", filename, line) or None
        if draft is not None and not res._DRAFT.fullmatch(draft):
            raise RowError(
                filename, line, "draft_resolution", f"expected e.g. 'S/2026/23', got {draft!r}"
            )
        title = (
            res._string(record, "resolution_title", filename, line)
            or res._string(record, "agenda_item_name", filename, line)
            or f"Security Council resolution {number} ({day.year})"
        )
        notes = [n for n in (casts_note, counts_note, meeting_note) if n]
        complete = len(casts) == council.seats
        vote = RecordedVote(
            vote_id=ID_BASE + number,
            symbol=symbol,
            day=day,
            outcome=RecordedOutcome.ADOPTED,
            title=title,
            seated=tuple(mb.key for mb in council.members),
            casts=casts if complete else {},
            tally=adoption.tally,
            resolution=number,
            source_row=line,
        )
        where = f" (UN DGACM, UNxml/SCresolutions, data_extract/{filename}, line {line})"
        note = f"{symbol}: {' '.join(notes)}{where}" if notes else None
        votes[number] = UNVote(vote, draft, meeting, casts, note, filename)
    return list(votes.values())


def bundled(law: Law, recorded: Iterable[RecordedVote]) -> list[UNVote]:
    """The bundled 2026 metadata's votes, less the resolutions ``recorded`` holds."""
    numbers = {v.resolution for v in recorded if v.resolution is not None}
    name = res.metadata_name(YEAR)
    data = resources.files(res.DATA_PACKAGE).joinpath(METADATA_FILE).read_bytes()
    return parse(res.read_gzip(data, name), law, recorded=numbers, filename=name)


def clear(session: Session) -> None:
    made = select(m.Vote.id).where(m.Vote.source_id == SOURCE_ID)
    session.execute(delete(m.Veto).where(m.Veto.vote_id.in_(made)))
    session.execute(delete(m.Cast).where(m.Cast.vote_id.in_(made)))
    session.execute(delete(m.Vote).where(m.Vote.source_id == SOURCE_ID))


def load(session: Session, law: Law, votes: Sequence[UNVote], progress: Progress) -> int:
    """Write each vote, decided by the engine, with the member votes shown (after
    ``clear``), in the session's transaction. Returns how many votes."""
    progress.start("votes of 2026 (UN metadata)", len(votes))
    rows: list[dict[str, object]] = []
    casts: list[dict[str, object]] = []
    for u in votes:
        vote = u.vote
        result = replay_one(law, vote, None)
        decision = result.decision
        if decision is None:
            raise UnscError(f"{vote.symbol} was not decided: {result.error}")
        counts = decision.to_dict()
        rows.append(
            {
                "id": vote.vote_id,
                "symbol": vote.symbol,
                "draft_symbol": u.draft,
                "resolution_symbol": vote.symbol,
                "resolution": vote.resolution,
                "meeting_symbol": u.meeting,
                "date": vote.day,
                "title": vote.title,
                "kind": decision.kind,
                "recorded_outcome": vote.outcome.value,
                "outcome": decision.outcome.value,
                "reason": None if decision.reason is None else decision.reason.value,
                "yes": counts["yes"],
                "no": counts["no"],
                "abstain": counts["abstain"],
                "absent": counts["absent"],
                "not_participating": counts["not_participating"],
                "threshold": decision.threshold,
                "explanation": decision.explanation,
                "details": list(decision.details),
                "citations": counts["citations"],
                "annotation": u.note,
                "simulation": False,
                "source_id": SOURCE_ID,
                "source_row": vote.source_row,
            }
        )
        for position, member in enumerate(law.on(vote.day).members):
            cast = u.casts.get(member.key)
            if cast is not None:
                casts.append(
                    {
                        "vote_id": vote.vote_id,
                        "state_key": member.key,
                        "name": member.name,
                        "permanent": member.permanent,
                        "cast": cast.value,
                        "position": position,
                    }
                )
        progress.advance()
    for model, batch in ((m.Vote, rows), (m.Cast, casts)):
        if batch:
            session.execute(insert(model), batch)
    return len(rows)
