"""Citations: the Charter article, rule of procedure or practice source behind a rule."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class SourceKind(StrEnum):
    CHARTER = "charter"
    RULES_OF_PROCEDURE = "rules_of_procedure"
    GA_RESOLUTION = "ga_resolution"
    SC_RESOLUTION = "sc_resolution"
    PRACTICE = "practice"
    DATASET = "dataset"
    ICJ = "icj"


@dataclass(frozen=True, slots=True)
class Citation:
    """One source for a rule or a fact: what it is, where it is, and (optionally) a URL."""

    kind: SourceKind
    ref: str
    note: str = ""
    url: str = ""

    def __str__(self) -> str:
        return self.ref if not self.note else f"{self.ref} ({self.note})"

    def to_dict(self) -> dict[str, str]:
        out = {"kind": self.kind.value, "ref": self.ref}
        if self.note:
            out["note"] = self.note
        if self.url:
            out["url"] = self.url
        return out


_SYMBOL = re.compile(
    r"""^(?:
        S/RES/(?P<res>\d+)\s?\((?P<res_year>\d{4})\)      # S/RES/2397 (2017)
      | S/PRST/(?P<prst_year>\d{4})/(?P<prst>\d+)          # S/PRST/2017/16
      | S/PV\.(?P<pv>\d+)(?:\s?\((?P<pv_part>Resumption\s?\d*|Part\s?\w+)\))?  # S/PV.9048
      | S/(?P<doc_year>\d{4})/(?P<doc>\d+)                 # S/2022/431
      | S/(?P<old>\d+)(?:/Rev\.\d+)?                       # S/5134 (before 1994)
      | SC/(?P<press>\d+)                                  # SC/14911
      | A/RES/(?P<ga_session>\d+)/(?P<ga>\d+)              # A/RES/76/262
    )$""",
    re.VERBOSE,
)


class SymbolKind(StrEnum):
    RESOLUTION = "resolution"
    PRESIDENTIAL_STATEMENT = "presidential_statement"
    MEETING_RECORD = "meeting_record"
    DOCUMENT = "document"
    PRESS_RELEASE = "press_release"
    GA_RESOLUTION = "ga_resolution"


@dataclass(frozen=True, slots=True)
class UNSymbol:
    """A United Nations document symbol, parsed and normalised."""

    text: str
    kind: SymbolKind

    @classmethod
    def parse(cls, text: str) -> UNSymbol:
        """Parse ``S/RES/2397 (2017)``, ``S/RES/2397(2017)``, ``S/2022/431``, ``S/PV.9048``, ..."""
        cleaned = " ".join(text.strip().split())
        match = _SYMBOL.match(cleaned)
        if match is None:
            raise ValueError(
                f"not a UN document symbol: {text!r} "
                "(expected e.g. S/RES/2397 (2017), S/2022/431, S/PV.9048, S/PRST/2017/16, SC/14911)"
            )
        groups = match.groupdict()
        if groups["res"]:
            return cls(f"S/RES/{int(groups['res'])} ({groups['res_year']})", SymbolKind.RESOLUTION)
        if groups["prst"]:
            return cls(cleaned, SymbolKind.PRESIDENTIAL_STATEMENT)
        if groups["pv"]:
            return cls(cleaned, SymbolKind.MEETING_RECORD)
        if groups["press"]:
            return cls(cleaned, SymbolKind.PRESS_RELEASE)
        if groups["ga"]:
            return cls(cleaned, SymbolKind.GA_RESOLUTION)
        return cls(cleaned, SymbolKind.DOCUMENT)

    def __str__(self) -> str:
        return self.text

    @property
    def url(self) -> str:
        """The document at the UN's Official Document System (undocs.org/SYMBOL)."""
        return "https://undocs.org/" + self.text.replace(" ", "")


# The provisions the rules engine relies on. Each is quoted or summarised in
# docs/rules.md with its source from the project's domain fact sheet.
ART_23 = Citation(SourceKind.CHARTER, "UN Charter, Art. 23", "composition of the Council")
ART_23_2 = Citation(
    SourceKind.CHARTER, "UN Charter, Art. 23(2)", "two-year terms; no immediate re-election"
)
ART_27_1 = Citation(SourceKind.CHARTER, "UN Charter, Art. 27(1)", "each member has one vote")
ART_27_2 = Citation(
    SourceKind.CHARTER,
    "UN Charter, Art. 27(2)",
    "procedural matters: affirmative vote of nine members (seven before 1966)",
    "https://www.un.org/en/about-us/un-charter/chapter-5",
)
ART_27_3 = Citation(
    SourceKind.CHARTER,
    "UN Charter, Art. 27(3)",
    "all other matters: nine affirmative votes (seven before 1966) including the concurring "
    "votes of the permanent members",
    "https://www.un.org/en/about-us/un-charter/chapter-5",
)
ART_27_3_PARTY = Citation(
    SourceKind.CHARTER,
    "UN Charter, Art. 27(3)",
    "in decisions under Chapter VI and under Art. 52(3), a party to a dispute shall abstain",
    "https://www.un.org/en/about-us/un-charter/chapter-5",
)
GA_1991_XVIII = Citation(
    SourceKind.GA_RESOLUTION,
    "A/RES/1991 (XVIII)",
    "amendment of Arts 23 and 27: 15 members, nine votes; in force 31 August 1965, "
    "applied from 1 January 1966",
)
ABSTENTION_PRACTICE = Citation(
    SourceKind.ICJ,
    "ICJ, Namibia advisory opinion, 21 June 1971, ICJ Reports 1971 p. 16, para. 22",
    "a permanent member's voluntary abstention is no bar to adoption; first applied to "
    "S/RES/4 (1946); absence: S/RES/82 (1950)",
)
VETO_COUNTING_RULE = Citation(
    SourceKind.PRACTICE,
    "Dag Hammarskjöld Library, Security Council veto list; Sievers & Daws, The Procedure of "
    "the UN Security Council, ch. 6 s. 2",
    "a veto is a negative vote by a permanent member that prevents the adoption of a "
    "proposal which received enough affirmative votes",
    "https://www.scprocedure.org/chapter-6-section-2",
)
PROCEDURAL_PRACTICE = Citation(
    SourceKind.PRACTICE,
    "Sievers & Daws, ch. 6 s. 3b; Security Council Report, 'Procedural Vote'",
    "agenda (rule 9), rule 33 motions, rule 37/39 invitations, public or private "
    "meetings and emergency special sessions are decided by procedural vote",
    "https://www.scprocedure.org/chapter-6-section-3b",
)
GA_267_III = Citation(
    SourceKind.GA_RESOLUTION,
    "A/RES/267 (III), 14 April 1949",
    "recommends that listed decisions be deemed procedural",
)
PRELIMINARY_QUESTION = Citation(
    SourceKind.PRACTICE,
    "S/PV.303 (24 May 1948), Czechoslovak question; Sievers & Daws, ch. 6 s. 3",
    "whether a matter is procedural is itself decided as a non-procedural question",
    "https://www.scprocedure.org/chapter-6-section-3",
)
AMENDMENT_ORDER = Citation(
    SourceKind.RULES_OF_PROCEDURE,
    "Provisional Rules of Procedure (S/96/Rev.7), rules 33 and 36",
    "amendments are voted on before the proposal they amend",
)
PRST_CONSENSUS = Citation(
    SourceKind.PRACTICE,
    "Note by the President S/26015 (1993); Sievers & Daws, ch. 7 s. 4",
    "presidential statements are agreed by consensus of all members",
    "https://www.scprocedure.org/chapter-7-section-4",
)
PRESS_STATEMENT_CONSENSUS = Citation(
    SourceKind.PRACTICE,
    "Dag Hammarskjöld Library, Ask DAG: presidential and press statements; Security Council "
    "Report, 'In Hindsight: Security Council Press Statement' (May 2012)",
    "press statements are agreed by all members in consultations",
)
JOINT_STATEMENT_STATUS = Citation(
    SourceKind.PRACTICE,
    "Joint stakeout statements, e.g. 7 March 2022 (US and 10 others) and 24 March 2022 "
    "(15 states) on DPRK launches",
    "issued by the states that sign them; no Council status",
)
GA_76_262 = Citation(
    SourceKind.GA_RESOLUTION,
    "A/RES/76/262, 26 April 2022, OP1",
    "the President of the General Assembly convenes a debate within ten working days of a "
    "veto, unless an emergency special session meets on the same situation",
)
RULE_18 = Citation(
    SourceKind.RULES_OF_PROCEDURE,
    "Provisional Rules of Procedure (S/96/Rev.7), rule 18",
    "the presidency is held in turn in the English alphabetical order of members' names, "
    "one calendar month each",
)
WITHOUT_VOTE_PRACTICE = Citation(
    SourceKind.PRACTICE,
    "Resolutions adopted without a vote, e.g. S/RES/1090 (1996) and the admissions of new "
    "Members 1991-2012",
    "the Council may adopt a resolution by consensus, without a vote",
)
