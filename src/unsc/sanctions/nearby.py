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
    n = len(word)
    if most <= 2:  # the common case, without building each level from the last
        out = {word}
        if most >= 1:
            out.update([word[:i] + word[i + 1 :] for i in range(n)])
        if most >= 2:
            out.update(
                [
                    word[:i] + word[i + 1 : j] + word[j + 1 :]
                    for i in range(n)
                    for j in range(i + 1, n)
                ]
            )
        return out
    out = level = {word}
    for _ in range(most):
        level = {w[:i] + w[i + 1 :] for w in level for i in range(len(w))}
        out = out | level
    return out


class Nearby:
    """An index of words that answers: which of them lie within ``d`` edits of a word."""

    def __init__(self, words: Iterable[str], most: int = 2) -> None:
        self.most = most
        index: dict[str, set[str]] = defaultdict(set)
        self.longest = 0
        for word in set(words):
            self.longest = max(self.longest, len(word))
            for key in deletions(word, most):
                index[key].add(word)
        self.index = dict(index)

    def within(self, word: str, edits: int) -> list[str]:
        """The indexed words at most ``edits`` edits (OSA distance) from ``word``."""
        if edits > self.most:
            raise ValueError(f"the index finds words within {self.most} edits, not {edits}")
        if len(word) - edits > self.longest:
            return []  # longer than any word indexed, by more than the edits allowed
        return sorted(self.near(word, edits))

    def near(self, word: str, edits: int) -> set[str]:
        """``within``, unsorted."""
        if len(word) - edits > self.longest:
            return set()
        seen: set[str] = set()
        index = self.index
        for key in deletions(word, edits):
            found = index.get(key)
            if found:
                seen.update(found)
        distance = OSA.distance
        return {w for w in seen if distance(word, w, score_cutoff=edits) <= edits}
