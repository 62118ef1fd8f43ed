"""Names as tokens that compare across spellings and scripts.

A name is split into tokens, each written in Latin letters (other scripts transliterated),
folded to lower case without diacritics; entity legal forms are set apart. Each token
also has a phonetic key under which common romanisation variants coincide: Korean
McCune–Reischauer against Revised Romanisation (Ch'ŏl / Chol / Cheol, Pak / Bak), Arabic
spellings (Muhammad / Mohammed), and given-name variants that no rule captures
(Ri / Lee / Yi) are listed as such.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

LEGAL_FORMS = frozenset(
    {
        "co",
        "corp",
        "corporation",
        "company",
        "companies",
        "ltd",
        "limited",
        "llc",
        "llp",
        "inc",
        "incorporated",
        "plc",
        "jsc",
        "ojsc",
        "cjsc",
        "pjsc",
        "ooo",
        "zao",
        "oao",
        "gmbh",
        "ag",
        "sa",
        "sarl",
        "srl",
        "bv",
        "nv",
        "spa",
        "pte",
        "pvt",
        "pty",
        "lp",
        "the",
        "and",
        "of",
    }
)
"""Words that say what kind of entity it is, not which: they weigh nothing."""

COUNTRY_WORDS = frozenset({"korea", "korean", "dprk"})
"""The country a firm is named after, which its own listing and others leave out: KPe.008
KOREAN TANGUN TRADING CORPORATION is "Korea Tangun Trading Corporation" in its comments and
"Tangun Trading Corporation" in KPe.018's. Light, as a legal form is."""

PARTICLES = frozenset(
    {
        "al",
        "el",
        "ul",
        "bin",
        "ibn",
        "bint",
        "abu",
        "abou",
        "bu",
        "da",
        "de",
        "del",
        "der",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
    }
)
"""Particles that connect name parts: light, and never enough to match alone."""

VARIANTS: dict[str, str] = {}
"""Token -> canonical form, for variants no spelling rule captures."""
for _group in (
    "ri lee yi rhee li i rhie",
    "pak park bak",
    "kim gim",
    "choe choi chey",
    "o oh",
    "u woo wu",
    "ro roh no",
    "ryu yu yoo",
    "rim lim im",
    "muhammad mohammed mohamed mohammad muhammed mohamad mohamud muhamad mohammod mehmet",
    "ahmad ahmed ahmet",
    "abd abdul abdel abdal abdol abdoul abdu",
    "husayn hussein husein hussain husain hossein",
    "hasan hassan hasen",
    "yusuf yousef youssef yousuf yusef josef",
    "abu abou",
    "bin ibn ben",
    "al el",
    "umar omar",
    "uthman othman osman usman",
    "jamal gamal djamal",
    "zayd zaid zeid",
    "said saeed sayed sayyid saied",
    "khalid khaled",
    "abdullah abdallah abdollah",
    "sulayman suleiman sulaiman soliman",
    "ibrahim ebrahim",
    "ismail ismael esmail",
    "mustafa mostafa moustafa moustapha mustapha",
    "mahmud mahmoud mahmood mahmut",
):
    _tokens = _group.split()
    for _token in _tokens:
        VARIANTS[_token] = _tokens[0]

ARABIC_SPELLINGS = {"mhmd": "muhammad", "mhmwd": "mahmud"}
"""Names in Arabic script (as transliterated letter for letter) that their consonants alone
cannot tell apart: محمد is Muhammad, محمود Mahmud. They match their own variants only."""

_HANGUL = re.compile("[\uac00-\ud7a3]")
_SPLIT = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    """Latin, lower case, no diacritics."""
    key: str
    """Phonetic key (see ``phonetic_key``)."""
    canonical: str
    """The variant group's first member, or the text itself."""
    script: str
    """``latin`` or the script it was transliterated from."""
    light: bool
    """A particle or a legal form: never enough to match alone."""
    skeleton: str
    """Consonants only (``skeleton``)."""


def _script(text: str) -> str:
    for ch in text:
        if ch.isalpha() and not ch.isascii():
            name = unicodedata.name(ch, "")
            if name.startswith(("LATIN", "MODIFIER")):
                continue
            return name.split(" ")[0].lower() or "other"
    return "latin"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_VOWEL_Y = re.compile("y(?![aeiou])")
_GLIDE_I = re.compile("(?<=[b-df-hj-np-tv-z])i(?=[aeou])")


@lru_cache(maxsize=65536)
def phonetic_key(token: str) -> str:
    """Spellings of one sound coincide: voiced and unvoiced stops (Korean romanisations),
    digraphs, doubled letters, and vowels reduced to their first."""
    t = token
    for a, b in (
        ("dzh", "j"), ("dj", "j"),
        ("tch", "ch"), ("ch", "j"), ("sh", "s"), ("ph", "f"), ("kh", "h"), ("gh", "g"),
        ("dh", "d"), ("th", "t"), ("ts", "s"), ("tz", "s"), ("ck", "k"), ("q", "k"),
        ("x", "ks"), ("c", "k"), ("z", "s"), ("v", "w"),
        ("eo", "o"), ("eu", "u"), ("oo", "u"), ("ou", "u"), ("ee", "i"), ("ae", "e"),
        ("ie", "i"), ("ui", "i"), ("iy", "y"),
    ):  # fmt: skip
        t = t.replace(a, b)
    # A "y" before a vowel is a consonant (Yang and Yong stay apart, Ryu and Ri too); so is
    # an "i" between a consonant and a vowel (Mariam / Maryam). Elsewhere it is a vowel.
    t = _GLIDE_I.sub("y", _VOWEL_Y.sub("i", t))
    if len(t) <= 10:
        # Korean syllables: McCune-Reischauer "o", Revised "eo" and the common "u" before
        # n, ng and l coincide (Son / Seon / Sun, Myong / Myeong / Myung, Chol / Cheol /
        # Chul), and so do Koh / Ko, Oh / O.
        t = t.replace("un", "on").replace("ul", "ol")
        if len(t) <= 4 and t.endswith("h") and t[-2:-1] in ("a", "e", "i", "o", "u"):
            t = t[:-1]
    t = t.translate(str.maketrans("gdbjf", "ktpcp"))
    out: list[str] = []
    for ch in t:
        if out and out[-1] == ch:
            continue
        if ch in "aeiou" and out and out[-1] in "aeiou":
            continue
        out.append(ch)
    return "".join(out)


def skeleton(token: str) -> str:
    """The consonants only (Arabic script writes few vowels): Muhammad and محمد coincide."""
    key = phonetic_key(token)
    return "".join(c for c in key if c not in "aeiouwy'`") or key[:1]


def _syllable(ch: str) -> str:
    """A Hangul syllable romanised; an initial ㄹ as r, as both romanisations write it."""
    latin = anyascii(ch)
    return "R" + latin[1:] if latin.startswith("L") else latin


@lru_cache(maxsize=65536)
def tokens(name: str) -> tuple[Token, ...]:
    """The tokens of a name in any script."""
    script, raw = words(name)
    return tuple(word_token(w, script) for w in raw)


def words(name: str) -> tuple[str, tuple[str, ...]]:
    """The script a name is written in and its words as its tokens' texts: two names with
    the same words have the same tokens."""
    if name.isascii():
        # Plain ASCII (most names screened): nothing to normalise, fold or transliterate.
        text = name.lower()
        if "'" in text or "`" in text:
            text = text.replace("'", "").replace("`", "")
        return "latin", tuple(_ALNUM.findall(text))
    text = unicodedata.normalize("NFKC", name)
    script = _script(text)
    if _HANGUL.search(text):
        # Each Hangul syllable is a romanised syllable of its own, as in "RI WON HO".
        text = _HANGUL.sub(lambda m: " " + _syllable(m.group(0)) + " ", text)
    text = anyascii(_fold(text)).lower() if script != "latin" else _fold(text).lower()
    text = _QUOTES.sub("", text)
    return script, tuple(w for w in _SPLIT.split(text) if w)


_ALNUM = re.compile("[0-9a-z]+")
_QUOTES = re.compile("['`\u2018\u2019\u02bc\u02bb]")


@lru_cache(maxsize=65536)
def word_token(raw: str, script: str) -> Token:
    """One word of a name, already folded to lower-case Latin letters and digits."""
    canonical = VARIANTS.get(raw, raw)
    if script == "arabic":
        canonical = ARABIC_SPELLINGS.get(raw, canonical)
    return Token(
        raw,
        phonetic_key(canonical),
        canonical,
        script,
        raw in PARTICLES or raw in LEGAL_FORMS or raw in COUNTRY_WORDS,
        skeleton(canonical),
    )
