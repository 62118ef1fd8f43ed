"""The errors the core raises: each says what is wrong and what to do."""

from __future__ import annotations


class UnscError(ValueError):
    """Base of every error ``unsc`` raises on bad input."""


class UnknownMemberError(UnscError):
    """A name that matches no state the Council has known."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown member {name!r}.{hint}")
        self.name = name
        self.suggestions = suggestions


class NotSeatedError(UnscError):
    """A state named in a ballot that did not sit on the Council on that day."""

    def __init__(self, name: str, day: str, seated: list[str]) -> None:
        super().__init__(
            f"{name} was not a member of the Security Council on {day}. "
            f"Members that day: {', '.join(seated)}."
        )
        self.name = name
        self.seated = seated


class DateOutOfRangeError(UnscError):
    """A date the Council's composition is not known for."""


class IncompleteCouncilError(DateOutOfRangeError):
    """A Council with seats the bundled data does not fill, asked for a whole decision."""


class ObligatoryAbstentionError(UnscError):
    """A party to a dispute voting yes or no under Chapter VI or Art. 52(3) (Art. 27(3))."""


class BallotError(UnscError):
    """A ballot that cannot be decided as given (a missing vote, a bad field)."""


class LawDataError(UnscError):
    """Bundled law data that is inconsistent or lacks a citation."""
