"""Builds the held-out screening set: names the matcher is never tuned on.

Two parts, both labelled with the entry of the 2024-09-26 Consolidated List they must find:

1. ``amended_*``: the real spelling changes of the list. Every name, original-script name
   and alias of an entry in the 2020-11-30 snapshot that the 2024-09-26 snapshot writes
   otherwise under the same reference number (letters and digits compared, case and
   accents aside), when the 2024 entry still has a name close to it (the whole within a
   difflib ratio of 0.6, and its parts, split at spaces, hyphens and dashes, paired one to
   one with close parts: see ``is_respelling``; a name replaced by another altogether is
   left out and counted): respelled, or with a part added or dropped. The old spelling is
   screened against the 2024 list (``amended_old_spelling``). And the
   reverse: every spelling the 2024 list added close to a name the 2020 list had, screened
   against the 2020 list (``amended_new_spelling``; the ``list`` column says which list).
   A spelling whose nearest listed name is a low-quality alias is reported apart
   (``_weak``): alone, it is not meant to alert.
2. Perturbations of the 2024 list's names, written for this set alone (its own code and
   seed, not derived from ``build_screening_set.py``): typos at any position of a word of
   four letters or more (keyboard neighbours, a letter dropped, doubled or swapped), a
   middle part dropped, reordering, romanisation substitutions, Korean Revised
   Romanisation, legal forms, low-quality aliases typed as listed in other case and
   punctuation, and combinations. Non-matches: ordinary names from Faker's locale name
   lists (no name that is, word for word, a listed name), and hard ones recombined from the
   list's own given and family names (none whose words all sit in one listed name).

Run: .venv/bin/python scripts/build_heldout_set.py [--seed 1913] [--per 200]
       [-o benchmarks/data/screening_heldout.csv]
(Faker comes with the bench group: uv sync --group bench --inexact)
"""

from __future__ import annotations

import argparse
import csv
import difflib
import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from unsc.importers.unlist import bundled_list, read_list
from unsc.sanctions.listing import Entry, Quality

ROOT = Path(__file__).resolve().parents[1]
OLD_LIST = ROOT / "tests/data/unlist/consolidated_2020-11-30.xml"
OUT = ROOT / "benchmarks/data/screening_heldout.csv"

KEYBOARD = [
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
]
LEGAL = ["Co.", "Co., Ltd.", "Ltd", "LLC", "Company", "Corporation", "Corp.", "Limited", "JSC"]
PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "abou", "ben", "ould", "wad"}

# Romanisation substitutions, each a pair of spellings of one sound that lists and
# documents mix (Arabic, Persian, Pashto, Cyrillic and Korean names); applied one at a time.
SUBSTITUTIONS = [
    ("ou", "u"),
    ("u", "ou"),
    ("oo", "u"),
    ("ee", "i"),
    ("i", "ee"),
    ("kh", "h"),
    ("h", "kh"),
    ("j", "dj"),
    ("dj", "j"),
    ("y", "i"),
    ("ie", "y"),
    ("q", "k"),
    ("k", "q"),
    ("sh", "ch"),
    ("ch", "sh"),
    ("dh", "z"),
    ("z", "dh"),
    ("aa", "a"),
    ("a", "aa"),
    ("w", "ou"),
    ("ph", "f"),
    ("gh", "g"),
    ("e", "a"),
    ("ss", "s"),
    ("s", "ss"),
    ("mm", "m"),
    ("dd", "d"),
    ("ai", "ay"),
    ("ay", "ai"),
    ("ei", "ey"),
]

# Korean: McCune-Reischauer (as the list writes DPRK names) to Revised Romanisation, by
# syllable part.
KOREAN_VOWELS = [("ŏ", "eo"), ("ǔ", "eu"), ("o", "eo"), ("u", "eu"), ("ae", "ae")]
KOREAN_INITIALS = [("ch", "j"), ("k", "g"), ("p", "b"), ("t", "d")]


def fold(text: str) -> str:
    """Letters and digits, lower case, accents aside: how this script compares names."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^0-9a-z\u0600-\u06ff\u0400-\u04ff\uac00-\ud7a3]+", "", plain)


def words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,]+", text.strip()) if w]


def is_latin(text: str) -> bool:
    return all(ord(c) < 0x250 for c in text if c.isalpha())


def neighbour(rng: random.Random, ch: str) -> str:
    low = ch.lower()
    for row in KEYBOARD:
        i = row.find(low)
        if i >= 0:
            options = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
            out = rng.choice(options)
            return out.upper() if ch.isupper() else out
    return ch


def typo_word(rng: random.Random, word: str) -> str:
    """One edit anywhere in the word: a neighbouring key, a letter dropped, doubled or two
    swapped."""
    positions = [i for i, c in enumerate(word) if c.isalpha()]
    i = rng.choice(positions)
    kind = rng.choice(("neighbour", "drop", "double", "swap"))
    if kind == "neighbour":
        return word[:i] + neighbour(rng, word[i]) + word[i + 1 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    j = i + 1 if i + 1 < len(word) and word[i + 1].isalpha() else i - 1
    a, b = sorted((i, j))
    return word[:a] + word[b] + word[a] + word[b + 1 :]


def typos(rng: random.Random, name: str, n: int) -> str | None:
    parts = words(name)
    long = [i for i, w in enumerate(parts) if sum(c.isalpha() for c in w) >= 4]
    if not long:
        return None
    chosen = rng.sample(long, min(n, len(long)))
    while len(chosen) < n:  # one long word takes both edits if it is the only one
        if sum(c.isalpha() for c in parts[chosen[0]]) < 7:
            return None
        chosen.append(chosen[0])
    for i in chosen:
        parts[i] = typo_word(rng, parts[i])
    return " ".join(parts)


def drop_middle(rng: random.Random, name: str) -> str | None:
    parts = words(name)
    inner = [i for i in range(1, len(parts) - 1) if parts[i].lower() not in PARTICLES]
    if len(parts) < 3 or not inner:
        return None
    i = rng.choice(inner)
    return " ".join(parts[:i] + parts[i + 1 :])


def drop_arabic_part(rng: random.Random, name: str) -> str | None:
    """An Arabic name with a part left out: the article (al-), or a nasab (bin X), or a
    middle name."""
    parts = words(name)
    options: list[Callable[[], str | None]] = []
    if any(re.match(r"(?i)(al|el)-", p) for p in parts):
        options.append(lambda: " ".join(re.sub(r"(?i)^(al|el)-", "", p) for p in parts))
    for i, p in enumerate(parts[:-1]):
        if p.lower() in ("bin", "ibn", "ben") and i > 0 and i + 2 < len(parts):
            options.append(lambda i=i: " ".join(parts[:i] + parts[i + 2 :]))
    options.append(lambda: drop_middle(rng, name))
    return rng.choice(options)()


def reorder(rng: random.Random, name: str) -> str | None:
    parts = words(name)
    if len(parts) < 2:
        return None
    if rng.random() < 0.5:
        return " ".join(parts[-1:] + parts[:-1])
    return parts[-1] + ", " + " ".join(parts[:-1])


def substitute(rng: random.Random, name: str) -> str | None:
    lowered = name.lower()
    options = [(a, b) for a, b in SUBSTITUTIONS if a in lowered]
    rng.shuffle(options)
    for a, b in options:
        spots = [m.start() for m in re.finditer(re.escape(a), lowered)]
        i = rng.choice(spots)
        out = name[:i] + (b.upper() if name[i : i + len(a)].isupper() else b) + name[i + len(a) :]
        if fold(out) != fold(name):
            return out
    return None


def combined(rng: random.Random, name: str) -> str | None:
    """A romanisation substitution and then a typo, a reordering or a part dropped."""
    first = substitute(rng, name)
    if first is None:
        return None
    then = rng.choice((lambda n: typos(rng, n, 1), lambda n: reorder(rng, n), drop_middle))
    return then(first) if then is not drop_middle else drop_middle(rng, first)


def korean(rng: random.Random, name: str) -> str | None:
    """A DPRK name in Revised Romanisation: a vowel or an initial as South Korea writes it,
    given-name syllables joined or hyphenated."""
    parts = [p.lower() for p in words(name.replace("-", " "))]
    if len(parts) < 2 or not all(p.isalpha() and len(p) <= 5 for p in parts):
        return None
    surname, given = parts[0], parts[1:]
    changed = False
    for k, syllable in enumerate(given):
        for a, b in rng.sample(KOREAN_VOWELS + KOREAN_INITIALS, 3):
            if (a, b) in KOREAN_INITIALS and syllable.startswith(a):
                given[k] = b + syllable[len(a) :]
                changed = True
                break
            if (a, b) in KOREAN_VOWELS and a in syllable and b not in syllable:
                given[k] = syllable.replace(a, b, 1)
                changed = True
                break
    style = rng.choice(("joined", "hyphen", "apart"))
    text = {"joined": "".join, "hyphen": "-".join, "apart": " ".join}[style](given)
    out = f"{surname.title()} {text.title() if style != 'hyphen' else text.capitalize()}"
    return out if changed or style != "apart" else None


def legal_form(rng: random.Random, name: str) -> str | None:
    parts = words(name)
    bare = [p for p in parts if p.lower().strip(".,") not in {x.lower().strip(".,") for x in LEGAL}]
    bare = [p for p in bare if p.lower() not in ("corporation", "company", "co", "ltd", "limited")]
    if not bare:
        return None
    form = rng.choice(LEGAL)
    out = " ".join(bare) + ("" if rng.random() < 0.25 else " " + form)
    return out if fold(out) != fold(name) else " ".join(bare) + " " + form


def restyle(rng: random.Random, name: str) -> str:
    """Case and punctuation only: upper, lower or title case; hyphens and quotes dropped or
    turned into spaces."""
    out = name.replace("“", "").replace("”", "").replace('"', "")
    out = rng.choice((out.replace("-", " "), out.replace("-", ""), out))
    return rng.choice((out.upper(), out.lower(), out.title()))


Row = dict[str, str]


def row(i: int, name: str, category: str, expect: str, ref: str, source: str) -> Row:
    return {
        "id": f"h{i:05d}",
        "name": name,
        "dob": "",
        "nationality": "",
        "category": category,
        "expect": expect,
        "expected_reference": ref,
        "source_name": source,
        "list": "",
    }


# Legal forms the list writes in full in one snapshot and abbreviated in the other
# (KPe.062 KOREA ANSAN SHPG COMPANY / Korea Ansan SHPG CO).
SAME_FORM = {"co": "company", "corp": "corporation", "ltd": "limited"}


def name_parts(text: str) -> list[str]:
    """A name's parts as the list separates them: by spaces, commas, hyphens, dashes,
    slashes and brackets (SOK-HWA is two parts, as SOK HA is), each folded."""
    return [f for w in re.split(r"[\s,\-\u2010-\u2015/()]+", text) if (f := fold(w))]


def close(x: str, y: str) -> bool:
    """Two folded name parts that are one, spelled otherwise (difflib ratio of 0.6 or more,
    or a legal form and its abbreviation)."""
    return (
        SAME_FORM.get(x, x) == SAME_FORM.get(y, y)
        or difflib.SequenceMatcher(None, x, y).ratio() >= 0.6
    )


def is_respelling(new: str, old: str) -> bool:
    """The same name written otherwise. Its parts, particles (al, bin, abu...) aside, are
    paired one to one, closest first; every part of the one with fewer is paired with a
    close part of the other, and the pairs are at least half of the other's parts. A name
    respelled (HWANG SOK-HWA / HWANG SOK HA, KIM YONG CHOL / Kim Young-Cheol), a part added
    or dropped (ABU ZAYD UMAR DORDA / Abu Zayd Umar Hmeid Dorda); not another alias that
    shares a part or two (Mullah Khuwayt / Taha al-Khuwayt), nor a part replaced by another
    (... Abdal-Rahman al-Mawla / ... Abdal-Rahman al-Salbi)."""
    a, b = (
        [w for w in parts if w not in PARTICLES] or parts
        for parts in (name_parts(new), name_parts(old))
    )
    if not a or not b:
        return False
    fewer, more = sorted((a, b), key=len)
    pairs = sorted(
        ((difflib.SequenceMatcher(None, x, y).ratio(), i, j) for i, x in enumerate(fewer)
         for j, y in enumerate(more) if close(x, y)),
        reverse=True,
    )  # fmt: skip
    used_fewer: set[int] = set()
    used_more: set[int] = set()
    for _, i, j in pairs:
        if i not in used_fewer and j not in used_more:
            used_fewer.add(i)
            used_more.add(j)
    return len(used_fewer) == len(fewer) and len(used_more) * 2 >= len(more)


def respelled(
    queried: Sequence[Entry], written: Sequence[Entry], category: str
) -> tuple[list[tuple[str, str, str, str]], int]:
    """(spelling, category, reference, nearest name) for every name of an entry in
    ``written`` that ``queried`` (the other snapshot) writes otherwise under the same
    reference, to be screened against ``queried``; and how many such names were left out
    as no respelling (no name of the entry close to them)."""
    target = {e.reference: e for e in queried}
    out = []
    left_out = 0
    for entry in written:
        other = target.get(entry.reference)
        if other is None:
            continue
        there = {fold(a.name): a for a in other.names()}
        for alias in entry.names():
            key = fold(alias.name)
            if not key or key in there:
                continue
            scored = [
                (difflib.SequenceMatcher(None, key, k).ratio(), a)
                for k, a in there.items()
                if is_respelling(alias.name, a.name)
            ]
            if not scored or max(r for r, _ in scored) < 0.6:
                left_out += 1
                continue
            _, nearest = max(scored, key=lambda s: s[0])
            weak = nearest.quality is Quality.LOW or alias.quality is Quality.LOW
            out.append(
                (alias.name, category + ("_weak" if weak else ""), entry.reference, nearest.name)
            )
    return out, left_out


def listed_words(entries: Sequence[Entry]) -> tuple[set[str], list[set[str]]]:
    names = [a.name for e in entries for a in e.names()]
    exact = {" ".join(fold(w) for w in words(n)) for n in names}
    bags = [{fold(w) for w in words(n)} for n in names]
    return exact, bags


def ordinary(rng: random.Random, n: int, entries: Sequence[Entry]) -> list[str]:
    from faker import Faker

    locales = [
        "en_US", "en_GB", "fr_FR", "de_DE", "es_ES", "it_IT", "pt_BR", "pl_PL", "tr_TR",
        "ru_RU", "uk_UA", "ar_AA", "fa_IR", "hi_IN", "ko_KR", "zh_CN", "ja_JP", "nl_NL",
        "sv_SE", "id_ID", "vi_VN", "th_TH", "el_GR", "he_IL", "cs_CZ",
    ]  # fmt: skip
    fakes = {loc: Faker(loc) for loc in locales}
    for i, fake in enumerate(fakes.values()):
        fake.seed_instance(rng.randrange(1 << 30) + i)
    exact, _ = listed_words(entries)
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        fake = fakes[rng.choice(locales)]
        name = fake.name() if rng.random() < 0.7 else f"{fake.first_name()} {fake.last_name()}"
        key = " ".join(fold(w) for w in words(name))
        if key in exact or key in seen:
            continue
        seen.add(key)
        out.append(name)
    return out


def hard(rng: random.Random, n: int, entries: Sequence[Entry]) -> list[str]:
    """A given name of one listed individual and the family name of another of the same
    regime, in Latin letters; none whose words all sit in one listed name."""
    _, bags = listed_words(entries)
    by_regime: dict[str, list[list[str]]] = {}
    for e in entries:
        parts = words(e.name)
        if e.kind == "individual" and len(parts) >= 2 and is_latin(e.name):
            by_regime.setdefault(e.regime, []).append(parts)
    regimes = [r for r, v in by_regime.items() if len(v) >= 5]
    out: list[str] = []
    seen: set[str] = set()
    tries = 0
    while len(out) < n and tries < 100 * n:
        tries += 1
        pool = by_regime[rng.choice(regimes)]
        a, b = rng.sample(pool, 2)
        name = " ".join([a[0], *([a[1]] if len(a) > 2 and rng.random() < 0.3 else []), b[-1]])
        bag = {fold(w) for w in words(name)}
        if name in seen or any(bag <= listed for listed in bags):
            continue
        seen.add(name)
        out.append(name.title())
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=1913)
    parser.add_argument("--per", type=int, default=200, help="rows per perturbation category")
    parser.add_argument("--negatives", type=int, default=2000)
    parser.add_argument("--hard", type=int, default=1000)
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    entries = bundled_list().entries

    rows: list[Row] = []

    def add(name: str, category: str, expect: str, ref: str, source: str) -> None:
        rows.append(row(len(rows) + 1, name, category, expect, ref, source))

    older = read_list(OLD_LIST).entries
    # The old spelling against the 2024 list, and the spelling the 2024 list added against
    # the 2020 list (which did not have it): both are the list's own respellings.
    changes, left_out = respelled(entries, older, "amended_old_spelling")
    added, left_added = respelled(older, entries, "amended_new_spelling")
    left_out += left_added
    for name, category, ref, nearest in changes + added:
        add(name, category, "weak" if category.endswith("_weak") else "alert", ref, nearest)
        if category.startswith("amended_new"):
            rows[-1]["list"] = "2020-11-30"

    strong = [
        (e, a.name)
        for e in entries
        for a in e.names()
        if a.quality is not Quality.LOW and is_latin(a.name) and fold(a.name)
    ]
    weak = [(e, a.name) for e in entries for a in e.aliases if a.quality is Quality.LOW]
    individuals = [(e, n) for e, n in strong if e.kind == "individual"]
    arabic_regimes = {"Al-Qaida", "Taliban", "Iraq", "Libya", "Yemen", "Somalia", "Sudan"}
    arabic = [(e, n) for e, n in individuals if e.regime in arabic_regimes]
    dprk = [(e, n) for e, n in individuals if e.regime == "DPRK"]
    firms = [(e, n) for e, n in strong if e.kind == "entity"]

    perturbations: list[tuple[str, list[tuple[Entry, str]], Callable[[str], str | None]]] = [
        ("weak_alias_as_listed", weak, lambda n: restyle(rng, n)),
        ("typo_one", strong, lambda n: typos(rng, n, 1)),
        ("typo_two", strong, lambda n: typos(rng, n, 2)),
        ("middle_dropped", individuals, lambda n: drop_middle(rng, n)),
        ("arabic_part_dropped", arabic, lambda n: drop_arabic_part(rng, n)),
        ("reordering", individuals, lambda n: reorder(rng, n)),
        ("romanisation", strong, lambda n: substitute(rng, n)),
        ("romanisation_combined", strong, lambda n: combined(rng, n)),
        ("korean_revised", dprk, lambda n: korean(rng, n)),
        ("firm_legal_form", firms, lambda n: legal_form(rng, n)),
    ]
    for category, pool, change in perturbations:
        picked = 0
        order = list(pool)
        rng.shuffle(order)
        for entry, name in order:
            if picked >= args.per:
                break
            out = change(name)
            if (
                not out
                or not out.strip()
                or (fold(out) == fold(name) and category != "weak_alias_as_listed")
            ):
                continue
            expect = "alert"
            add(out, category, expect, entry.reference, name)
            picked += 1

    for name in ordinary(rng, args.negatives, entries):
        add(name, "ordinary", "no_alert", "", "")
    for name in hard(rng, args.hard, entries):
        add(name, "hard_recombined", "no_alert", "", "")

    with args.output.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["category"]] = counts.get(r["category"], 0) + 1
    print(f"{len(rows)} rows to {args.output}: {counts}")
    print(f"names changed between the snapshots but not respelled (left out): {left_out}")


if __name__ == "__main__":
    main()
