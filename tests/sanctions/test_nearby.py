"""The symmetric-deletion index finds exactly the words a brute-force scan finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from unsc.importers.unlist import bundled_list
from unsc.sanctions.names import tokens
from unsc.sanctions.nearby import Nearby, deletions

WORDS = sorted(
    {t.text for e in bundled_list().entries for a in e.names() for t in tokens(a.name)} - {""}
)
INDEX = Nearby(WORDS)


def test_deletions_of_a_word() -> None:
    assert deletions("kim", 1) == {"kim", "im", "km", "ki"}
    assert deletions("ab", 2) == {"ab", "a", "b", ""}


@given(
    word=st.sampled_from(WORDS),
    edits=st.lists(
        st.tuples(st.sampled_from("sdit"), st.integers(0, 30), st.sampled_from("aeikmnorsu")),
        max_size=3,
    ),
    most=st.sampled_from([1, 2]),
)
@settings(max_examples=300, deadline=None, derandomize=True)
def test_the_index_finds_what_a_scan_finds(
    word: str, edits: list[tuple[str, int, str]], most: int
) -> None:
    for kind, at, letter in edits:  # substitute, delete, insert or transpose a letter
        at = at % (len(word) + 1)
        if kind == "s":
            word = word[:at] + letter + word[at + 1 :]
        elif kind == "d":
            word = word[:at] + word[at + 1 :]
        elif kind == "i":
            word = word[:at] + letter + word[at:]
        elif at + 1 < len(word):
            word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    scan = sorted(w for w in WORDS if OSA.distance(word, w) <= most)
    assert INDEX.within(word, most) == scan


def test_more_edits_than_indexed_is_refused() -> None:
    with pytest.raises(ValueError, match="within 2 edits"):
        INDEX.within("kim", 3)


def test_a_word_longer_than_any_indexed_costs_nothing() -> None:
    assert INDEX.longest == max(map(len, WORDS))
    assert INDEX.within("a" * 5_000, 2) == []
