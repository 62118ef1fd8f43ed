"""The Council's vocabulary as values: votes, questions, members and seats."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from unsc.core.citations import Citation


class Cast(StrEnum):
    """How a member stood on a question, as the record keeps it (domain facts §1.2)."""

    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    ABSENT = "absent"
    NOT_PARTICIPATING = "not_participating"


class QuestionKind(StrEnum):
    """Which voting rule of Art. 27 applies to a question."""

    SUBSTANTIVE = "substantive"
    PROCEDURAL = "procedural"
    PRELIMINARY = "preliminary"


class Subject(StrEnum):
    """What is put to the vote; its value is the noun the President uses."""

    DRAFT_RESOLUTION = "draft resolution"
    AMENDMENT = "amendment"
    MOTION = "motion"
    PROVISIONAL_AGENDA = "provisional agenda"
    PROPOSAL = "proposal"


class Chapter(StrEnum):
    """The part of the Charter a decision is taken under, where Art. 27(3) cares."""

    VI = "VI"
    VII = "VII"
    ART_52_3 = "52(3)"

    @property
    def requires_party_abstention(self) -> bool:
        """Art. 27(3): parties to a dispute abstain in decisions under Chapter VI and Art. 52(3)."""
        return self in (Chapter.VI, Chapter.ART_52_3)


@dataclass(frozen=True, slots=True)
class State:
    """A state as named on one date: its stable key, its ISO 3166 alpha-3 code and its name.

    ``key`` never changes (the USSR and the Russian Federation are two keys; Ceylon and
    Sri Lanka are one). ``un_name`` is the name the Council sorts by for the presidency.
    """

    key: str
    iso3: str
    name: str
    un_name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Member:
    """A state holding a seat on a given day."""

    state: State
    permanent: bool
    term_start: dt.date
    term_end: dt.date | None
    citation: Citation | None = field(default=None, compare=False)
    """What seats this member: its election, the Charter, a succession."""

    @property
    def key(self) -> str:
        return self.state.key

    @property
    def name(self) -> str:
        return self.state.name

    @property
    def iso3(self) -> str:
        return self.state.iso3


@dataclass(frozen=True, slots=True)
class Question:
    """What is put to the Council, and under which rule it is decided."""

    kind: QuestionKind = QuestionKind.SUBSTANTIVE
    subject: Subject = Subject.DRAFT_RESOLUTION
    chapter: Chapter | None = None
    parties_to_dispute: frozenset[str] = field(default_factory=frozenset)
    """Keys of the members that are parties to the dispute (Art. 27(3))."""
    symbol: str | None = None
    """The document put to the vote, e.g. ``S/2022/431``, where known."""
    ess_seized: bool = False
    """Whether an emergency special session of the General Assembly is already seized of
    the situation (A/RES/76/262, OP1)."""


@dataclass(frozen=True, slots=True)
class Tally:
    """Counts of each cast on one question."""

    yes: int = 0
    no: int = 0
    abstain: int = 0
    absent: int = 0
    not_participating: int = 0

    @classmethod
    def from_casts(cls, casts: list[Cast] | tuple[Cast, ...]) -> Tally:
        counts = dict.fromkeys(Cast, 0)
        for cast in casts:
            counts[cast] += 1
        return cls(
            yes=counts[Cast.YES],
            no=counts[Cast.NO],
            abstain=counts[Cast.ABSTAIN],
            absent=counts[Cast.ABSENT],
            not_participating=counts[Cast.NOT_PARTICIPATING],
        )

    @property
    def total(self) -> int:
        return self.yes + self.no + self.abstain + self.absent + self.not_participating
