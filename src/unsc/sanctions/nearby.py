"""Words within a few edits of a word, found through the strings both reach by deleting
letters (the symmetric-deletion method): two words within ``d`` edits (substitutions,
insertions, deletions, adjacent transpositions) share a string made by deleting at most ``d``
letters from each. Candidates are then checked with the true distance."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz.distance import OSA


def deletions(word: str, most: int) -> set[str]:
    """``word`` and every string made by deleting up to ``most`` of its letters."""
    out = {word}
    level = {word}
    for _ in range(most):
        level = {w[:i] + w[i + 1 :] for w in level for i in range(len(w))}
        out |= level
    return out


class Nearby:
    """An index of words that answers: which of them lie within ``d`` edits of a word."""

    def __init__(self, words: Iterable[str], most: int = 2) -> None:
        self.most = most
        self.index: dict[str, set[str]] = defaultdict(set)
        self.longest = 0
        for word in set(words):
            self.longest = max(self.longest, len(word))
            for key in deletions(word, most):
                self.index[key].add(word)

    def within(self, word: str, edits: int) -> list[str]:
        """The indexed words at most ``edits`` edits (OSA distance) from ``word``."""
        if edits > self.most:
            raise ValueError(f"the index finds words within {self.most} edits, not {edits}")
        if len(word) - edits > self.longest:
            return []  # longer than any word indexed, by more than the edits allowed
        seen: set[str] = set()
        for key in deletions(word, edits):
            seen |= self.index.get(key, set())
        return sorted(w for w in seen if OSA.distance(word, w, score_cutoff=edits) <= edits)
