"""Looking states up by any of their names, codes or aliases."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache


@lru_cache(maxsize=8192)
def normalise(name: str) -> str:
    """Fold case, accents, apostrophes and spacing so that names compare as people read them."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("’", "'").replace("‘", "'").replace(".", "")
    return " ".join(stripped.casefold().split())


def sort_key(name: str) -> str:
    """The key for 'English alphabetical order' (rule 18): case- and accent-blind."""
    return normalise(name)


class NameIndex:
    """Maps every known spelling of a state to the keys it may mean (``China`` means two)."""

    __slots__ = ("_display", "_keys")

    def __init__(self, spellings: Iterable[tuple[str, str]]) -> None:
        keys: dict[str, set[str]] = {}
        display: dict[str, str] = {}
        for spelling, key in spellings:
            norm = normalise(spelling)
            if not norm:
                continue
            keys.setdefault(norm, set()).add(key)
            display.setdefault(norm, spelling)
        self._keys: Mapping[str, frozenset[str]] = {k: frozenset(v) for k, v in keys.items()}
        self._display = display

    def keys_for(self, name: str) -> frozenset[str]:
        """Every state key ``name`` may mean; empty when it means none."""
        return self._keys.get(normalise(name), frozenset())

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """The closest known spellings, one per state, for an error message."""
        close = difflib.get_close_matches(normalise(name), list(self._keys), n=20, cutoff=0.6)
        seen: set[str] = set()
        out: list[str] = []
        for spelling in close:
            if not self._keys[spelling] <= seen:
                seen |= self._keys[spelling]
                out.append(self._display[spelling])
        return out[:limit]
