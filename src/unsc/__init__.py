"""unsc: the United Nations Security Council as software.

>>> import datetime as dt
>>> from unsc import Cast, Question, decide, load_law
>>> law = load_law()
>>> council = law.on(dt.date(2022, 5, 26))
>>> casts = {m.key: Cast.YES for m in council.members} | {"CHN": Cast.NO, "RUS": Cast.NO}
>>> decision = decide(council, Question(), casts)
>>> decision.reason.value
'veto'
>>> print(decision.explanation)  # doctest: +NORMALIZE_WHITESPACE
The draft resolution has not been adopted, owing to the negative vote of a permanent
member of the Council.
>>> [state.name for state in decision.vetoed_by]
["People's Republic of China", 'Russian Federation']
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from unsc.core.consensus import ConsensusKind, JointStatement, decide_consensus
    from unsc.core.errors import (
        BallotError,
        DateOutOfRangeError,
        NotSeatedError,
        ObligatoryAbstentionError,
        UnknownMemberError,
        UnscError,
    )
    from unsc.core.law import CouncilOn, Law
    from unsc.core.rules import Decision, Outcome, Reason, decide, decide_amended
    from unsc.core.types import Cast, Chapter, Member, Question, QuestionKind, State, Subject
    from unsc.law.loader import load_law

_HOMES = {
    "unsc.core.consensus": ("ConsensusKind", "JointStatement", "decide_consensus"),
    "unsc.core.errors": (
        "BallotError",
        "DateOutOfRangeError",
        "NotSeatedError",
        "ObligatoryAbstentionError",
        "UnknownMemberError",
        "UnscError",
    ),
    "unsc.core.law": ("CouncilOn", "Law"),
    "unsc.core.rules": ("Decision", "Outcome", "Reason", "decide", "decide_amended"),
    "unsc.core.types": (
        "Cast",
        "Chapter",
        "Member",
        "Question",
        "QuestionKind",
        "State",
        "Subject",
    ),
    "unsc.law.loader": ("load_law",),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    """The public API, imported on first use (a command that needs none of it starts fast)."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'unsc' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "BallotError",
    "Cast",
    "Chapter",
    "ConsensusKind",
    "CouncilOn",
    "DateOutOfRangeError",
    "Decision",
    "JointStatement",
    "Law",
    "Member",
    "NotSeatedError",
    "ObligatoryAbstentionError",
    "Outcome",
    "Question",
    "QuestionKind",
    "Reason",
    "State",
    "Subject",
    "UnknownMemberError",
    "UnscError",
    "decide",
    "decide_amended",
    "decide_consensus",
    "load_law",
]
