"""Build a labelled evaluation set for name screening against the UN Consolidated List.

Each row is a name to screen, what a matcher should do with it and the kind of variation it
tests, so that recall and the false-alert rate can be reported per category. ``expect`` is
``alert`` (the matcher should return ``expected_reference`` at or above its alert threshold),
``no_alert`` (nothing from the list should alert) or ``weak`` (the list's low-quality aliases,
reported apart). Positive rows derive from the bundled list snapshot; negative rows come from
the name tables below and from recombining the list's own name parts. The output is the same
for the same seed.

Run: .venv/bin/python scripts/build_screening_set.py [--seed N] [--out PATH] [--stats]
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from unsc.importers.unlist import bundled_list
from unsc.sanctions.listing import Entry, Quality

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks/data/screening_set.csv"
SEED = 20261124
COLUMNS = (
    "id",
    "name",
    "dob",
    "nationality",
    "category",
    "expect",
    "expected_reference",
    "source_name",
)
CATEGORIES = (
    "exact",
    "good_alias",
    "fka",
    "low_alias",
    "reordered",
    "dropped_middle",
    "one_typo",
    "two_typos",
    "transliteration",
    "arabic_spelling",
    "korean_romanization",
    "original_script",
    "original_script_variant",
    "hangul",
    "legal_form",
    "romanisation_systems",
    "negative",
    "hard_negative",
)
NEGATIVE_CATEGORIES = frozenset({"negative", "hard_negative"})
CAP = 350
"""Most rows drawn for one positive category."""
NEGATIVES = 2000
COMPANY_SHARE = 0.15
HARD_NEGATIVES = 1000
ENTITY_SHARE = 0.25
DETAIL_SHARE = 0.3
"""Share of rows that carry a date of birth and a nationality (when known)."""
LONGEST_ALIAS = 100
"""Aliases longer than this (lists of names in one field) are not screening inputs."""

# --- Arabic-name romanisation -------------------------------------------------------------

ARABIC_GROUPS: tuple[tuple[str, ...], ...] = (
    ("MUHAMMAD", "MOHAMMED", "MOHAMED", "MUHAMMED", "MOHAMMAD", "MOHAMAD", "MUHAMAD"),
    ("AHMAD", "AHMED", "AHMET"),
    ("MAHMUD", "MAHMOUD", "MAHMOOD"),
    ("HUSAYN", "HUSSEIN", "HUSEIN", "HUSSAIN", "HUSAIN", "HOSSEIN"),
    ("HASAN", "HASSAN"),
    ("HUSNI", "HOSNI"),
    ("YUSUF", "YOUSEF", "YOUSSEF", "YUSSEF", "YOUSIF", "YUSEF"),
    ("ABU", "ABOU", "ABO"),
    ("IBN", "BIN", "BEN"),
    ("UMAR", "OMAR"),
    ("UTHMAN", "OTHMAN", "OSMAN", "USMAN"),
    ("ALI", "ALY"),
    ("SALIH", "SALEH"),
    ("SAID", "SAEED", "SA'ID"),
    ("KHALID", "KHALED"),
    ("WALID", "WALEED"),
    ("RASHID", "RASHEED"),
    ("HAMID", "HAMEED", "HAMED"),
    ("MAJID", "MAJEED", "MAGED"),
    ("ABDALLAH", "ABDULLAH", "ABDULLA", "ABDOULLAH", "ABDALLA"),
    ("IBRAHIM", "EBRAHIM", "IBRAHEEM", "IBRAHIEM"),
    ("ISMAIL", "ISMAEL", "ESMAIL", "ISMA'IL"),
    ("MUSTAFA", "MOSTAFA", "MUSTAPHA", "MOUSTAFA"),
    ("MUSA", "MOUSSA", "MOUSA", "MUSSA"),
    ("ISA", "ISSA", "EISA"),
    ("YAHYA", "YEHIA", "YAHIA"),
    ("ZAKARIYA", "ZAKARIA", "ZAKARIYYA", "ZAKARYA"),
    ("HAMZA", "HAMZAH"),
    ("AMIR", "AMEER"),
    ("NASIR", "NASSER", "NASER"),
    ("JAMAL", "GAMAL", "DJAMAL", "DJAMEL"),
    ("JAMIL", "JAMEEL"),
    ("KARIM", "KAREEM"),
    ("AZIZ", "AZEEZ"),
    ("FAISAL", "FAYSAL", "FAYCAL"),
    ("MANSUR", "MANSOUR", "MANSOOR"),
    ("SULAYMAN", "SULAIMAN", "SULEIMAN", "SOLIMAN", "SULEYMAN"),
    ("UBAYDA", "UBAIDA", "OBAIDA", "UBAIDAH", "OBEIDA"),
    ("SHAYKH", "SHEIKH", "SHAIKH"),
    ("HAJJI", "HAJI", "HADJI"),
    ("MULLAH", "MULLA", "MOLLA"),
    ("MAWLAWI", "MAULAWI", "MAWLAVI", "MAULVI"),
    ("QASIM", "QASEM", "KASSEM", "KASIM"),
    ("JAFAR", "JAAFAR", "JA'FAR"),
    ("SAYF", "SAIF", "SEIF"),
    ("ZUBAYR", "ZUBAIR", "ZOUBEIR"),
    ("TARIQ", "TAREK", "TAREQ"),
    ("FARUQ", "FAROUK", "FAROOQ"),
    ("GHAFAR", "GHAFFAR"),
    ("RAHMAN", "REHMAN"),
    ("ZAHIR", "ZAHEER"),
    ("KHALIL", "KHALEEL"),
    ("MAHDI", "MEHDI"),
    ("AYMAN", "AIMAN"),
    ("HAYTHAM", "HAITHAM"),
    ("HISHAM", "HESHAM"),
    ("IMAD", "EMAD"),
    ("IYAD", "EYAD"),
    ("USAMA", "OSAMA", "OUSSAMA"),
    ("ANWAR", "ANOUAR"),
    ("MUHSIN", "MOHSEN", "MOHSIN"),
    ("ABDUL", "ABDEL", "ABDOUL"),
    ("NUR", "NOUR", "NOOR"),
    ("SAYYID", "SAYED", "SAYYED"),
    ("HADI", "HADY"),
    ("RIDA", "REDA", "RIDHA"),
    ("FATHI", "FATHY"),
    ("SABRI", "SABRY"),
    ("HAMAD", "HAMMAD"),
    ("MUSAB", "MUS'AB", "MOSAB"),
    ("ADNAN", "ADNANE"),
    ("BAKR", "BAKER"),
    ("ZAYD", "ZAID", "ZEID"),
    ("SHARIF", "SHAREEF", "CHERIF"),
)
SUN_LETTERS = frozenset("tdrzsn")
ABD_RE = re.compile(
    r"\bAbd(?:[\s-]+(?:[ae]l|ul)[\s-]*|(?:u|e|a|ou)l[\s-]?|u(?=([tdrzsn])\1))(?P<root>[a-z]{3,})\b",
    re.IGNORECASE,
)
ARTICLE_RE = re.compile(r"(?<![\w'‘’])(?P<art>al|el)(?P<sep>[\s-])(?P<root>[a-z]{3,})\b", re.I)
WORD_RE = re.compile(r"[A-Za-z']+")

# --- Korean romanisation and Hangul ---------------------------------------------------------

KOREAN_SURNAME_ALTS: dict[str, tuple[str, ...]] = {
    "KIM": ("GIM",),
    "RI": ("LEE", "YI", "RHEE", "LI"),
    "PAK": ("PARK", "BAK"),
    "CHOE": ("CHOI", "CH'OE", "CHOY"),
    "JO": ("CHO",),
    "CHO": ("JO",),
    "JANG": ("CHANG",),
    "CHANG": ("JANG",),
    "KANG": ("GANG",),
    "HYON": ("HYUN", "HYEON"),
    "RYU": ("YU", "YOO", "RYOO"),
    "SON": ("SOHN",),
    "JON": ("JEON", "CHON", "CHUN"),
    "CHON": ("JEON", "JON"),
    "KO": ("GO", "KOH"),
    "MUN": ("MOON",),
    "PAEK": ("BAEK", "BAIK", "PAIK"),
    "YUN": ("YOON",),
    "PAE": ("BAE",),
    "KU": ("KOO", "GU"),
    "YU": ("YOO",),
    "RA": ("NA", "LA"),
    "CHU": ("JU", "JOO"),
    "YON": ("YEON",),
    "HAN": ("HAHN",),
    "MIN": (),
    "HWANG": (),
}
KOREAN_GIVEN_ALTS: dict[str, tuple[str, ...]] = {
    "CHOL": ("CHEOL", "CHUL", "CH'OL"),
    "CHUL": ("CHOL", "CHEOL"),
    "JONG": ("CHONG", "JEONG", "JUNG"),
    "CHONG": ("JONG", "JEONG", "CH'ONG"),
    "JUNG": ("CHUNG", "JOONG"),
    "CHUNG": ("JUNG", "JOONG"),
    "SOK": ("SEOK", "SUK"),
    "SONG": ("SEONG", "SUNG"),
    "SUNG": ("SONG", "SEONG"),
    "MYONG": ("MYUNG", "MYEONG"),
    "KWANG": ("GWANG",),
    "GWANG": ("KWANG",),
    "HYON": ("HYUN", "HYEON"),
    "KYONG": ("KYUNG", "GYEONG", "KYEONG"),
    "KYUNG": ("KYONG", "GYEONG"),
    "HYOK": ("HYUK", "HYEOK"),
    "PYONG": ("BYONG", "BYUNG", "BYEONG"),
    "BYONG": ("PYONG", "BYUNG", "BYEONG"),
    "YONG": ("YOUNG", "YEONG"),
    "RYONG": ("RYUNG", "LYONG", "YONG"),
    "SU": ("SOO",),
    "U": ("WOO",),
    "WON": ("WEON",),
    "SOP": ("SEOP", "SUP"),
    "JIN": ("CHIN",),
    "CHIN": ("JIN",),
    "CHUN": ("CHOON", "JUN"),
    "TONG": ("DONG",),
    "TO": ("DO",),
    "DO": ("TO",),
    "TAE": ("DAE",),
    "GUK": ("KUK", "KOOK"),
    "KUK": ("GUK",),
    "KIL": ("GIL",),
    "KYU": ("GYU",),
    "GYU": ("KYU",),
    "BOM": ("POM", "BEOM"),
    "POM": ("BOM", "BEOM"),
    "BONG": ("PONG",),
    "PONG": ("BONG",),
    "SIK": ("SHIK",),
    "GON": ("GEON", "KON", "KUN"),
    "HUN": ("HOON",),
    "UN": ("EUN",),
    "UK": ("WOOK",),
    "UNG": ("WOONG",),
    "HYONG": ("HYUNG", "HYEONG"),
    "CHAE": ("JAE",),
    "JAE": ("CHAE",),
    "JE": ("CHE",),
    "CHE": ("JE",),
    "CHANG": ("JANG", "CH'ANG"),
    "JANG": ("CHANG",),
    "GI": ("KI",),
    "KI": ("GI",),
    "MU": ("MOO",),
    "MUN": ("MOON",),
    "RO": ("NO", "LO"),
    "JA": ("CHA",),
    "CHA": ("JA",),
    "YU": ("YOO",),
    "SON": ("SEON", "SUN"),
    "HO": (),
    "IL": (),
    "SE": (),
    "NAM": (),
    "MAN": (),
    "HWAN": (),
    "SAM": (),
    "SAN": (),
    "HA": (),
    "HAN": (),
    "OK": (),
    "MIN": (),
    "HWA": (),
    "HONG": (),
    "HWI": (),
}
HANGUL_SURNAMES: dict[str, str] = {
    "KIM": "김", "RI": "리", "LI": "리", "PAK": "박", "CHOE": "최", "JO": "조", "CHO": "조",
    "JANG": "장", "CHANG": "장", "KANG": "강", "HAN": "한", "HYON": "현", "RYU": "류",
    "SON": "손", "JON": "전", "CHON": "전", "KO": "고", "MUN": "문", "MIN": "민",
    "PAEK": "백", "YUN": "윤", "HWANG": "황", "PAE": "배", "KU": "구", "YU": "유", "RA": "라",
    "CHU": "주", "JU": "주", "YON": "연", "SONG": "송", "O": "오", "SO": "서", "SIN": "신",
    "KWON": "권", "AN": "안", "HONG": "홍", "YANG": "양", "NAM": "남", "NO": "노", "RO": "로",
    "HA": "하", "KWAK": "곽", "CHIN": "진", "CHA": "차", "OM": "엄", "WON": "원",
    "PANG": "방", "KIL": "길", "PYON": "변", "TO": "도", "CHI": "지", "YOM": "염",
    "SOK": "석", "MAENG": "맹", "HO": "허", "TAK": "탁", "KYE": "계", "RYANG": "량",
    "RIM": "림", "IM": "임", "CHONG": "정", "JONG": "정", "MYONG": "명", "PYO": "표",
}  # fmt: skip
HANGUL_SYLLABLES: dict[str, str] = {
    "A": "아", "AE": "애", "AN": "안", "BOM": "범", "BONG": "봉", "BYONG": "병", "BOK": "복",
    "CHA": "자", "CHAE": "채", "CHAN": "찬", "CHANG": "창", "CHE": "제", "CHI": "지",
    "CHIN": "진", "CHO": "조", "CHOL": "철", "CHON": "천", "CHONG": "정", "CHU": "주",
    "CHUL": "철", "CHUN": "춘", "CHUNG": "중", "CHEOL": "철", "DAE": "대", "DO": "도",
    "DONG": "동", "DOK": "덕", "EUN": "은", "GI": "기", "GIL": "길", "GON": "건", "GUK": "국",
    "GWANG": "광", "GYU": "규", "GYONG": "경", "HA": "하", "HAE": "해", "HAK": "학",
    "HAN": "한", "HO": "호", "HOE": "회", "HONG": "홍", "HUI": "희", "HUN": "훈", "HWA": "화",
    "HWAN": "환", "HWI": "휘", "HYANG": "향", "HYE": "혜", "HYOK": "혁", "HYON": "현",
    "HYONG": "형", "HYO": "효", "HUNG": "흥", "I": "이", "IK": "익", "IL": "일", "IN": "인",
    "JA": "자", "JAE": "재", "JANG": "장", "JE": "제", "JI": "지", "JIN": "진", "JO": "조",
    "JONG": "정", "JU": "주", "JUN": "준", "JUNG": "중", "KAP": "갑", "KI": "기", "KIL": "길",
    "KON": "건", "KUK": "국", "KUM": "금", "KUN": "근", "KWAN": "관", "KWANG": "광",
    "KYE": "계", "KYONG": "경", "KYU": "규", "KYUNG": "경", "MAN": "만", "MI": "미",
    "MIN": "민", "MO": "모", "MU": "무", "MUN": "문", "MYONG": "명", "NAM": "남", "NAN": "난",
    "NYO": "녀", "OK": "옥", "PIL": "필", "POM": "범", "PONG": "봉", "POK": "복", "PYOK": "벽",
    "PYONG": "병", "RAN": "란", "RI": "리", "RIM": "림", "RIN": "린", "RO": "로", "ROK": "록",
    "RYANG": "량", "RYE": "례", "RYO": "려", "RYON": "련", "RYONG": "룡", "RYUL": "률",
    "SAM": "삼", "SAN": "산", "SANG": "상", "SE": "세", "SIK": "식", "SIN": "신", "SO": "소",
    "SOK": "석", "SON": "선", "SONG": "성", "SOP": "섭", "SU": "수", "SUK": "숙", "SUN": "순",
    "SUNG": "성", "TAE": "태", "TAEK": "택", "TO": "도", "TOK": "덕", "TONG": "동", "U": "우",
    "UK": "욱", "UN": "은", "UNG": "웅", "WAN": "완", "WI": "위", "WON": "원", "WOO": "우",
    "WOL": "월", "YA": "야", "YANG": "양", "YE": "예", "YO": "여", "YOL": "열", "YON": "연",
    "YONG": "영", "YOUNG": "영", "YU": "유", "YUK": "육", "YUN": "윤", "HEE": "희",
    "SEOK": "석", "SEONG": "성", "JEONG": "정", "HYUN": "현", "MYUNG": "명", "HYUK": "혁",
}  # fmt: skip
"""Bare McCune-Reischauer syllables (breves and apostrophes dropped, as the list writes them)
and the Hangul syllable they most often stand for in names."""
KOREAN_SYLLABLES = frozenset(HANGUL_SYLLABLES) | frozenset(KOREAN_GIVEN_ALTS)

# --- Cyrillic and Latin transliteration ---------------------------------------------------

CYRILLIC_BASE: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
CYRILLIC_SYSTEMS: dict[str, dict[str, str]] = {
    "english": {},
    "french": {
        "у": "ou", "ч": "tch", "ш": "ch", "щ": "chtch", "ж": "j", "й": "i", "ю": "iou",
        "я": "ia", "ё": "io",
    },
    "german": {
        "в": "w", "х": "ch", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ж": "sh", "з": "s",
        "й": "j", "ю": "ju", "я": "ja", "ё": "jo", "ц": "z",
    },
    "scholarly": {
        "х": "h", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ж": "ž", "й": "j", "ю": "ju",
        "я": "ja", "ё": "ë",
    },
    "informal": {"х": "h", "й": "i", "ж": "j"},
}  # fmt: skip
CYRILLIC_VOWELS = frozenset("аеёиоуыэюя")
IOTATED_E = {"english": "ye", "french": "ie", "german": "je", "scholarly": "e", "informal": "e"}

TRANSLIT_RULES: tuple[tuple[str, str], ...] = (
    (r"kh", "h"),
    (r"kh", "ch"),
    (r"(?<!o)u", "ou"),
    (r"ou", "u"),
    (r"y", "i"),
    (r"(?<=[aeiou])i(?=[aeiou])", "y"),
    (r"iev\b", "iyev"),
    (r"aev\b", "ayev"),
    (r"ov\b", "off"),
    (r"j", "dzh"),
    (r"j", "dj"),
    (r"dzh", "j"),
    (r"dj", "j"),
    (r"zh", "j"),
    (r"(?<![ts])ch", "tch"),
    (r"sh", "ch"),
    (r"sh", "sch"),
    (r"v", "w"),
    (r"ks", "x"),
    (r"x", "ks"),
    (r"ee", "i"),
    (r"oo", "u"),
    (r"q", "k"),
    (r"ph", "f"),
    (r"(?<=[aeiou])s(?=[aeiou])", "ss"),
    (r"([bdfgklmnprstz])\1", r"\1"),
    (r"(?<=[aeiou])([lmnrt])(?=[aeiou])", r"\1\1"),
    (r"ah\b", "a"),
    (r"(?<=[^aeiouh])a\b", "ah"),
    (r"th", "t"),
    (r"ai", "ay"),
    (r"ay", "ai"),
    (r"ei", "ey"),
    (r"ey", "ei"),
    (r"\bw", "ou"),
    (r"gh", "g"),
    (r"ia\b", "iya"),
    (r"c(?=[aou])", "k"),
    (r"e(?=[rnl]\b)", "a"),
)
"""Spelling changes a person writing a name from hearing or from another script makes."""
NON_LATIN_ORIGIN = frozenset(
    {
        "Afghanistan", "Algeria", "Chad", "Egypt", "Georgia", "Iraq", "Jordan", "Kazakhstan",
        "Kuwait", "Lebanon", "Libya", "Mauritania", "Morocco", "Pakistan", "Qatar",
        "Russian Federation", "Saudi Arabia", "Somalia", "State of Palestine", "Sudan",
        "Syrian Arab Republic", "Tajikistan", "Tunisia", "Uzbekistan", "Yemen",
        "former Soviet Union",
    }
)  # fmt: skip
"""Nationalities whose names are usually first written in Arabic or Cyrillic script: only
their Latin spellings get transliteration variants."""

# --- Legal forms ---------------------------------------------------------------------------

LEGAL_RE = re.compile(
    r"(?:,\s*|\s+)(?:co\.?,?\s*ltd\.?|company,?\s+(?:limited|ltd\.?)|pte\.?\s+ltd\.?"
    r"|corporation|corp\.?|company|co\.?|limited|ltd\.?|llc|jsc|inc\.?|s\.a\.|ag)"
    r"(?=[\s,]|$|\s*\()",
    re.IGNORECASE,
)
LEGAL_FORMS = (
    "CORPORATION",
    "CORP.",
    "CORP",
    "COMPANY",
    "CO.",
    "CO",
    "CO., LTD.",
    "CO. LTD",
    "COMPANY LIMITED",
    "LIMITED",
    "LTD",
    "LTD.",
    "LLC",
    "JSC",
    "INC.",
)
COMPANY_WORDS = re.compile(
    r"\b(bank|banking|trading|shipping|shpg|exchange|trust|group|international|technology|"
    r"engineering|airlines|house|impex|marine|freight|energy|electronics|development|insurance|"
    r"investment|services|machinery|hawala|company|corporation|anstalt|establishment|center|"
    r"finance|portfolio|spinning|money|joint venture)\b",
    re.IGNORECASE,
)

# --- Ordinary names in many languages ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Language:
    """First names (male, female) and surnames that are common in one language."""

    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...]
    countries: tuple[str, ...]
    weight: float = 1.0


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.replace("_", " ") for w in text.split())


LANGUAGES: dict[str, Language] = {
    "english": Language(
        _words(
            "James John Robert Michael William David Richard Joseph Thomas Charles Daniel "
            "Matthew Andrew George Oliver Harry Jack Edward Samuel Henry Peter Mark Paul"
        ),
        _words(
            "Mary Patricia Jennifer Linda Elizabeth Susan Jessica Sarah Karen Emily Olivia "
            "Charlotte Amelia Grace Hannah Rebecca Lucy Sophie Margaret"
        ),
        _words(
            "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore "
            "Jackson Thompson White Harris Clark Lewis Walker Hall Allen Young King Wright "
            "Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Evans Turner"
        ),
        (
            "United Kingdom of Great Britain and Northern Ireland",
            "United States of America",
            "Canada",
            "Australia",
            "Ireland",
            "New Zealand",
        ),
    ),
    "spanish": Language(
        _words(
            "José Juan Carlos Luis Miguel Javier Alejandro Francisco Antonio Manuel Pedro "
            "Diego Sergio Pablo Andrés Jorge Raúl Fernando Ricardo"
        ),
        _words(
            "María Carmen Ana Lucía Laura Isabel Sofía Elena Paula Marta Rosa Valentina "
            "Gabriela Daniela Pilar"
        ),
        _words(
            "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín "
            "Jiménez Ruiz Hernández Díaz Moreno Álvarez Romero Navarro Torres Domínguez "
            "Vázquez Ramos Gil Serrano Castillo Ortega Rubio Molina"
        ),
        ("Spain", "Mexico", "Argentina", "Colombia", "Peru", "Chile"),
    ),
    "french": Language(
        _words(
            "Jean Pierre Michel Philippe Nicolas Julien Antoine Thomas Alexandre Laurent "
            "François Olivier Mathieu Sébastien Guillaume Jean-Luc Jean-Pierre Benoît"
        ),
        _words(
            "Marie Sophie Camille Isabelle Nathalie Céline Claire Émilie Julie Chloé Manon "
            "Léa Aurélie Marie-Claire Hélène"
        ),
        _words(
            "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon "
            "Laurent Lefebvre Michel David Bertrand Roux Vincent Fournier Morel Girard André "
            "Mercier Dupont Lambert Bonnet Fontaine Rousseau Blanc"
        ),
        ("France", "Belgium", "Switzerland", "Canada", "Luxembourg"),
    ),
    "german": Language(
        _words(
            "Lukas Maximilian Felix Jonas Leon Paul Tobias Jan Stefan Michael Andreas "
            "Matthias Jürgen Klaus Wolfgang Florian Dieter Uwe"
        ),
        _words(
            "Anna Lena Laura Julia Katharina Sabine Petra Ursula Monika Claudia Johanna "
            "Greta Birgit Heike"
        ),
        _words(
            "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann "
            "Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun "
            "Krüger Hofmann Hartmann Lange Werner Krause Lehmann"
        ),
        ("Germany", "Austria", "Switzerland"),
    ),
    "portuguese": Language(
        _words(
            "João Pedro Lucas Gabriel Rafael Tiago Bruno Diogo Rodrigo André Paulo Fernando "
            "Marcelo Vinícius"
        ),
        _words("Ana Beatriz Mariana Inês Juliana Fernanda Camila Larissa Catarina Adriana Joana"),
        _words(
            "Silva Santos Oliveira Souza Pereira Costa Ferreira Rodrigues Almeida Nascimento "
            "Lima Araújo Carvalho Gomes Martins Ribeiro Barbosa Rocha Dias Teixeira Moreira "
            "Cardoso Correia Mendes Pinto"
        ),
        ("Portugal", "Brazil", "Angola", "Mozambique"),
    ),
    "italian": Language(
        _words(
            "Giuseppe Giovanni Antonio Marco Luca Francesco Alessandro Matteo Lorenzo Andrea "
            "Davide Stefano Roberto"
        ),
        _words("Giulia Chiara Francesca Sara Alessia Martina Elena Valentina Federica Silvia"),
        _words(
            "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno "
            "Gallo Conti De_Luca Mancini Costa Giordano Rizzo Lombardi Moretti"
        ),
        ("Italy", "Switzerland", "San Marino"),
    ),
    "russian": Language(
        _words(
            "Aleksandr Dmitry Sergey Andrey Aleksey Ivan Mikhail Nikolay Vladimir Pavel Yuri "
            "Oleg Igor Konstantin Maksim Artem Roman Viktor Boris Anton Yevgeny Kirill Denis "
            "Grigory Stanislav"
        ),
        _words(
            "Anna Maria Yelena Olga Tatyana Natalya Irina Svetlana Yekaterina Anastasia "
            "Darya Yulia Galina Lyudmila Vera Ksenia"
        ),
        _words(
            "Ivanov Smirnov Kuznetsov Popov Vasilyev Petrov Sokolov Mikhailov Novikov Fedorov "
            "Morozov Volkov Alekseyev Lebedev Semenov Yegorov Pavlov Kozlov Stepanov "
            "Nikolayev Orlov Andreyev Makarov Nikitin Zakharov Zaitsev Solovyov Borisov "
            "Yakovlev Grigoryev"
        ),
        ("Russian Federation", "Belarus", "Kazakhstan", "Kyrgyzstan"),
    ),
    "arabic": Language(
        _words(
            "Mohammed Ahmed Ali Omar Khalid Youssef Hassan Ibrahim Mustafa Tariq Karim Samir "
            "Nabil Walid Fadi Rami Ziad Bilal Hamza Yasin Amr Adel Hisham Ayman Majid Faisal "
            "Sultan Nasser Abdullah Mahmoud Saleh Anas"
        ),
        _words(
            "Fatima Aisha Mariam Layla Nour Huda Salma Rania Dina Hala Zainab Amal Yasmin Reem Lina"
        ),
        _words(
            "Al-Farsi Al-Masri Haddad Khoury Nasser Saleh Al-Amin Mansour Hamdan Al-Hashimi "
            "Al-Najjar Darwish Qasim Al-Zahrani Al-Qahtani Al-Ghamdi Al-Shamsi Al-Mutairi "
            "Barakat Al-Sayed Abdelaziz Taha Suleiman Rahal Bakri Al-Khatib Aziz Jaber "
            "Halabi Tamimi El-Sharif Al-Rifai Kanaan Mahfouz"
        ),
        (
            "Egypt",
            "Jordan",
            "Lebanon",
            "Saudi Arabia",
            "United Arab Emirates",
            "Oman",
            "Morocco",
            "Tunisia",
            "Iraq",
            "Syrian Arab Republic",
            "Kuwait",
            "Qatar",
            "Yemen",
            "Libya",
        ),
        weight=3.0,
    ),
    "persian": Language(
        _words(
            "Reza Ali Mohammad Hossein Mehdi Amir Hamid Saeed Majid Behnam Kaveh Dariush "
            "Farhad Babak Arash Omid Navid Peyman Kourosh Shahram"
        ),
        _words("Maryam Fatemeh Zahra Shirin Parisa Leila Nasrin Mina Roya Azadeh Niloufar Sara"),
        _words(
            "Hosseini Rezaei Mohammadi Ahmadi Karimi Hashemi Moradi Rahimi Jafari Mousavi "
            "Ebrahimi Kazemi Sadeghi Ghasemi Tehrani Shirazi Esfahani Akbari Bagheri Rostami "
            "Azizi Najafi Salehi Zamani Farahani"
        ),
        ("Iran (Islamic Republic of)", "Afghanistan"),
    ),
    "urdu": Language(
        _words(
            "Imran Asif Bilal Usman Hamza Faisal Kamran Shahid Adnan Naveed Zeeshan Waqas "
            "Junaid Saad Farhan Tahir Babar"
        ),
        _words("Ayesha Sana Hina Mehwish Saima Nadia Rabia Amna Maryam Iqra"),
        _words(
            "Khan Qureshi Malik Chaudhry Butt Sheikh Siddiqui Abbasi Mirza Raza Hashmi Bhatti "
            "Awan Javed Anwar Aslam Rana Gill Baig Niazi Shah Rizvi Zaidi"
        ),
        ("Pakistan", "India"),
    ),
    "hindi": Language(
        _words(
            "Rahul Amit Rohan Vikram Sanjay Deepak Arjun Aditya Rajesh Suresh Anil Vijay "
            "Manoj Ravi Nikhil Karan"
        ),
        _words("Priya Anjali Neha Pooja Kavita Sunita Sneha Divya Meera Lakshmi Shreya"),
        _words(
            "Sharma Verma Gupta Singh Kumar Patel Mehta Reddy Iyer Nair Rao Joshi Desai "
            "Kapoor Chopra Malhotra Agarwal Bhat Mishra Pandey Srivastava Chauhan Yadav Das "
            "Banerjee"
        ),
        ("India", "Nepal"),
    ),
    "chinese": Language(
        _words(
            "Wei Qiang Jun Lei Xiaoming Jianguo Zhiqiang Yong Jie Tao Ming Hao Yuxuan "
            "Haoran Yichen Wenjie Jianhua Guoqing"
        ),
        _words(
            "Fang Min Jing Yan Hui Haiyan Xiuying Guiying Zihan Mengyao Shuang Lina Dongmei "
            "Chunhua Xiaoli"
        ),
        _words(
            "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin "
            "Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Peng"
        ),
        ("China", "Singapore", "Malaysia"),
    ),
    "korean": Language(
        _words(
            "Min-jun Ji-hoon Do-yun Seo-jun Hyun-woo Jae-won Dong-hyun Sung-min Young-ho "
            "Kyung-soo Sang-woo Tae-yang Joon-ho Woo-jin Jun-seo Chol-min Kwang-hyok "
            "Yong-nam Hyon-u Song-jin Myong-ho Jin-woo"
        ),
        _words(
            "Seo-yeon Ha-eun Ji-woo Su-bin Ye-jin Eun-ji Jin-young Hye-jin Ji-min Yu-na "
            "Min-seo Chae-won So-yeon Hae-won Da-eun Song-hui Un-jong Myong-suk Kum-sil"
        ),
        _words(
            "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn "
            "Song Jeon Hong Yoo Ko Moon Yang Son Bae Baek Heo Nam Noh Ri Pak"
        ),
        ("Republic of Korea", "Republic of Korea", "Republic of Korea", "Japan", "China"),
        weight=3.0,
    ),
    "japanese": Language(
        _words(
            "Haruto Yuto Sota Hiroshi Takeshi Kenji Daisuke Shota Ren Naoki Kazuki Taro "
            "Ichiro Riku Kenta"
        ),
        _words("Sakura Yui Aoi Hina Yuna Mei Akiko Yoko Emi Keiko Yuki Haruka"),
        _words(
            "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato "
            "Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Mori "
            "Abe Ikeda Hashimoto Ishikawa Ogawa"
        ),
        ("Japan",),
    ),
    "turkish": Language(
        _words(
            "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Murat Emre Burak Can Cem Kemal "
            "Serkan Oğuz Volkan"
        ),
        _words("Ayşe Fatma Emine Zeynep Elif Merve Esra Hatice Özlem Derya Selin Gül"),
        _words(
            "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan "
            "Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Erdem Güneş Aksoy Korkmaz"
        ),
        ("Türkiye", "Germany", "Cyprus"),
    ),
    "swahili": Language(
        _words(
            "Juma Baraka Amani Hamisi Bakari Faraji Tumaini Jabari Otieno Kamau Wafula Kibet "
            "Mosi Daudi Salim"
        ),
        _words(
            "Neema Zawadi Imani Rehema Mwajuma Wanjiru Akinyi Njeri Achieng Chebet Pendo "
            "Upendo Furaha Makena"
        ),
        _words(
            "Mwangi Otieno Kamau Odhiambo Njoroge Kiptoo Wambui Mutua Omondi Kariuki "
            "Onyango Mollel Massawe Mushi Shirima Kimaro Mrema Mwakyusa Lema Swai Temba "
            "Mbwambo Ngowi"
        ),
        ("Kenya", "United Republic of Tanzania", "Uganda"),
    ),
    "indonesian": Language(
        _words("Budi Agus Rizky Andi Ahmad Bambang Wahyu Eko Hendra Fajar Yusuf Adi Dimas Arief"),
        _words("Siti Dewi Sri Putri Ayu Indah Dian Rina Nurul Fitri"),
        _words(
            "Wijaya Saputra Hidayat Kusuma Setiawan Pratama Nugroho Susanto Gunawan Lestari "
            "Wibowo Siregar Nasution Harahap Simanjuntak Halim Purnomo Hakim Permana"
        ),
        ("Indonesia", "Malaysia"),
    ),
    "nigerian": Language(
        _words(
            "Adebayo Oluwaseun Chinedu Emeka Babatunde Ifeanyi Aminu Musa Tunde Segun "
            "Obinna Chukwuemeka Kelechi"
        ),
        _words("Ngozi Funmilayo Yetunde Chiamaka Aisha Kemi Bola Nkechi Adaeze Halima"),
        _words(
            "Adeyemi Okafor Okonkwo Ogunleye Balogun Eze Nwosu Bello Danjuma Ogundipe "
            "Olawale Afolabi Chukwu Obi Ibekwe Lawal Adewale Okeke"
        ),
        ("Nigeria", "Benin", "Ghana"),
    ),
    "vietnamese": Language(
        _words("Minh Hung Tuan Dung Hai Long Nam Quang Khoa Phuc Thanh"),
        _words("Anh Huong Lan Thao Linh Phuong Trang Mai Ngoc Hoa"),
        _words("Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong"),
        ("Viet Nam",),
    ),
}
RUSSIAN_PATRONYMICS = _words(
    "Aleksandrovich Dmitriyevich Sergeyevich Andreyevich Ivanovich Mikhailovich Nikolayevich "
    "Vladimirovich Pavlovich Yuryevich Olegovich Igorevich Viktorovich Borisovich Petrovich "
    "Anatolyevich Vasilyevich Gennadyevich"
)
VIETNAMESE_MIDDLE = _words("Van Thi Duc Minh Quoc Ngoc Thanh")

COMPANY_ROOTS: dict[str, tuple[str, ...]] = {
    "english": _words(
        "Northstar Blue_Harbor Redwood Summit Silverline Oakfield Crescent Granite "
        "Harborview Pinecrest Bright_Path Evergreen Ironbridge Clearwater Westgate"
    ),
    "german": _words("Nordlicht Bergmann Rheintal Alpenblick Hansa Sonnenfeld Lindenhof"),
    "french": _words("Lumière Horizon Val_de_Loire Atlantique Saint-Martin Cap_Azur Belle_Rive"),
    "spanish": _words("Sol_Andino Costa_Azul Los_Pinos Río_Claro Sierra_Verde Altamira"),
    "chinese": _words(
        "Shenzhen_Hongda Zhejiang_Xinyuan Guangzhou_Tianli Ningbo_Haitong Shanghai_Jinhui "
        "Qingdao_Dongfang Xiamen_Huatai"
    ),
    "korean": _words("Hanil Daehan Samil Hana Mirae Donghae Sejong Hanbit Daesan Sinhan"),
    "arabic": _words(
        "Al_Noor Al_Baraka Al_Waha Al_Fajr Dar_Al_Salam Al_Rawda Al_Sahra Bab_Al_Bahr "
        "Al_Manar Al_Hilal"
    ),
    "japanese": _words("Sakura Fujimoto Yamato Hinode Kawaguchi Aozora"),
    "russian": _words("Volga Sibir Ural Sever Zvezda Vostok"),
    "turkish": _words("Anadolu Ege Marmara Karadeniz Yıldız Toros"),
    "hindi": _words("Shree_Ganesh Lakshmi Ganga Sagar Surya"),
    "swahili": _words("Kilimanjaro Jambo Pwani Safari Uhuru"),
}
COMPANY_INDUSTRIES = _words(
    "Trading Shipping Logistics Electronics Textiles Construction Foods Pharmaceuticals "
    "Holdings Import_Export Engineering Marine_Services Energy Consulting Motors "
    "Agro_Industries Software Petroleum Metals Travel General_Trading Freight Steel Plastics"
)
COMPANY_FORMS: dict[str, tuple[str, ...]] = {
    "english": ("Ltd", "Limited", "LLC", "Inc.", "PLC", "Co."),
    "german": ("GmbH", "AG", "KG"),
    "french": ("SARL", "SA", "SAS"),
    "spanish": ("S.A.", "S.L.", "S.A. de C.V."),
    "chinese": ("Co., Ltd.", "Limited", "Group Co., Ltd."),
    "korean": ("Co., Ltd.", "Corporation", "Inc."),
    "arabic": ("LLC", "Est.", "FZE", "Co."),
    "japanese": ("K.K.", "Co., Ltd."),
    "russian": ("OOO", "JSC", "LLC"),
    "turkish": ("A.Ş.", "Ltd. Şti."),
    "hindi": ("Pvt. Ltd.", "Limited"),
    "swahili": ("Ltd", "Limited"),
}
COMPANY_COUNTRIES: dict[str, tuple[str, ...]] = {
    "english": ("United Kingdom of Great Britain and Northern Ireland", "United States of America"),
    "german": ("Germany", "Austria"),
    "french": ("France", "Belgium"),
    "spanish": ("Spain", "Mexico", "Argentina"),
    "chinese": ("China",),
    "korean": ("Republic of Korea",),
    "arabic": ("United Arab Emirates", "Egypt", "Saudi Arabia", "Jordan"),
    "japanese": ("Japan",),
    "russian": ("Russian Federation",),
    "turkish": ("Türkiye",),
    "hindi": ("India",),
    "swahili": ("Kenya", "United Republic of Tanzania"),
}

# --- Name parts that carry little weight ---------------------------------------------------

PARTICLES = frozenset(
    _words(
        "al el ul ad ar as at az ash an bin ibn ben bint abu abou abo abd abdul abdel abdoul the "
        "of and de du des la le da di dos del von van der i e y wa wal fi"
    )
)
"""Tokens dropped before names are compared loosely."""
NAME_PARTICLES = frozenset(
    _words(
        "AL EL BIN IBN BEN BINT ABU ABOU ABD ‘ABD ABDUL ABDEL UMM OULD UL UD DE DA DOS DEL VAN VON "
        "HAJI HAJJI MULLAH MULLA MAULAWI MAWLAWI QARI SHEIKH SHAYKH SAYED SAYYID WA NA JR JR."
    )
)
"""Tokens that lean on the next one: neither dropped nor left without it."""
ENTITY_GENERIC = frozenset(
    _words(
        """
    a academy administration afghan afghanistan africa african agency aid al albania algeria
    and ansar arabian army asia associated association atomic authority bangladesh bank
    banking battalion battalions branch brigade brigades bureau center central centre
    charitable charity co combatant command commercial commission committee comoros
    companies company corp corporation council credit currency defence defense department
    development dprk east eastern economic economics el electronics energy engineering
    establishment ethiopia exchange fi finance first for force forces foreign foundation
    freight front general global greater group groupe hawala holy house humanitarian impex
    in indonesia industry insurance international iraq isil isis islam islamic islamiya
    jamaat jihad joint jsc jund kenya khorasan korea korean levant libya limited llc ltd
    machinery maghreb marine medical military ministry money movement mujahidin national
    natural netherlands network north of office organisation organization overseas pakistan
    party people peoples people’s portfolio province regiment relief science sciences second
    services shipping shpg society soldiers south space state strategic supporters syria
    tanzania technical technology the trade trading trust tunisia unit united uzbekistan
    venture wal welfare west western workers yemen
    """
    )
)
"""Entity-name words too common to make a name distinctive."""
ENTITY_VOCABULARY = frozenset(
    _words(
        """
    abdul abu afrique against ahle ahlis ahlus aide airlines allah allied alliees arab arme
    armed armee art asian avec base benevolence bilad biladis bin black blood building
    business caliphate call camp care ceux changer chapter charia chechen chemical chemicals
    choson chosun citizens combat combattante commander compagnie complex conquest continent
    cooperation country create crew crusaders cultural culture daawa daawah dawa dawah dawat
    dawlatul democratic democratiques des developpement devotees division djihad education
    egypt egyptian emigrants equipment export external fighting firqat floor followers fond
    gain god grands great green guidance haji harakat harakatul haraket harkat heritage
    hoesa hong hongkong ibn import indonesian institute intl investment islaam islami
    islamia islamiah islamique islamiste islamiyah islamiyya jaish jamaa jamaah jamaati
    jamaatu jamia jamiat jamiyat jammaatu jammah jaysh jehad jemaah jemmah jews jihaad
    jihads kaebal kashmir kazakh khataib khatiba kong kukpang kurdish kwahak kwahakwon lacs
    lakes land lashkar laskar law leader les liberation libyan lies liwa louest louganda
    lunification machine management maritime marketing marocain martyrs mashriq maulawi
    meaning media mining mojahedin monotheism moroccan mouvement mujaahidiin mujahideen
    mullah munitions muslimin muslimina muslims new ocean offices oil operation paix
    pakistani par partisans peacekeeping peninsula pine places plant pour predication
    preservation prevention pro project propaganda protection pte pure purpose qui
    reconnaissance research resistance resources revival revolutionary righteous rights
    rivers rocket rwanda sabotage salafist salafiste salvation sarayat sea sentinelles
    sentinels service shanghai sharia shariah shop sign signataires signent sin sinyong
    sites solid special spinning states studio sudan sunna sunnah supplies support
    supression surveillance taliban tanzeem tanzim tehreek tehrik third those tigers tool
    tools tous transport truth tuja tunisian tunisien two uganda ullah ummah unhaeng union
    unity usa vanguard vanguards veiled waal waliyatul war who wilayat wing world yonhap
    youth
    """
    )
)
"""Ordinary words found in entity names on the list: vocabulary, not names."""
SKELETON = (
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("tch", "ch"),
    ("sch", "sh"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ie", "i"),
    ("y", "i"),
    ("w", "v"),
    ("q", "k"),
    ("ck", "k"),
    ("x", "ks"),
)
REGIME_FAMILY = {
    "DPRK": "dprk",
    "Al-Qaida": "mena",
    "Taliban": "mena",
    "Iraq": "mena",
    "Libya": "mena",
    "Yemen": "mena",
    "Somalia": "mena",
    "Sudan": "mena",
    "DRC": "africa",
    "CAR": "africa",
    "SouthSudan": "africa",
    "GB": "africa",
    "Haiti": "africa",
}

# --- Normalisation -------------------------------------------------------------------------

QUOTES_RE = re.compile(r"['’‘`´ʼʻ\"“”]")


def literal(text: str) -> str:
    """The name as written, only case- and space-folded: two rows differ if this differs."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def key(text: str) -> str:
    """Case, accents, diacritics, quotes and punctuation folded; words separated by spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = QUOTES_RE.sub("", unicodedata.normalize("NFC", text)).replace("ـ", "")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def compact(text: str) -> str:
    """:func:`key` with spaces and hyphens collapsed: ``Hong-sop`` and ``Hongsop`` agree."""
    return key(text).replace(" ", "")


def _spelling_classes() -> dict[str, str]:
    """Every known spelling of an Arabic or Korean name part mapped to one representative."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    groups: list[Iterable[str]] = list(ARABIC_GROUPS)
    for table in (KOREAN_SURNAME_ALTS, KOREAN_GIVEN_ALTS):
        groups.extend((k, *alts) for k, alts in table.items())
    for group in groups:
        members = [key(g) for g in group]
        for other in members[1:]:
            a, b = find(members[0]), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {x: find(x) for x in sorted(parent)}


SPELLING_CLASS = _spelling_classes()


def skeleton(token: str) -> str:
    """A rough sound-alike form of one token: digraphs folded, doubled letters single."""
    for a, b in SKELETON:
        token = token.replace(a, b)
    token = re.sub(r"(.)\1+", r"\1", token)
    return token[:-1] if len(token) > 3 and token.endswith("h") else token


def loose_tokens(name: str) -> tuple[str, ...]:
    """Tokens compared loosely: particles dropped, spelling variants and sound-alikes folded."""
    out = []
    for token in key(name).split():
        if token in PARTICLES:
            continue
        if token.startswith("abd") and len(token) > 6 and token not in SPELLING_CLASS:
            token = re.sub(r"^abd(?:ou|u|e|a)?l?", "", token)
        token = SPELLING_CLASS.get(token, token)
        out.append(skeleton(token))
    return tuple(t for t in out if t)


def title(text: str) -> str:
    """Each word capitalised; apostrophes stay inside words (``Ch'ol``, not ``Ch'Ol``)."""
    return re.sub(
        r"[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_]))*",
        lambda m: m.group(0)[:1].upper() + m.group(0)[1:].lower(),
        text,
    )


def restyle(rng: random.Random, text: str, weights: Sequence[float] = (0.5, 0.45, 0.05)) -> str:
    """The text in capitals, title case or lower case."""
    style = rng.choices(("upper", "title", "lower"), weights=weights)[0]
    if style == "upper":
        return text.upper()
    if style == "title":
        return title(text)
    return text.lower()


def is_latin(text: str) -> bool:
    """Every letter of ``text`` is a Latin letter (accented or not), and there is one."""
    return all(
        not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in text
    ) and any(c.isalpha() for c in text)


def script_of(text: str) -> str:
    """The script most letters of ``text`` are written in (``ARABIC``, ``CYRILLIC`` ...)."""
    counts = Counter(unicodedata.name(c, "?").split()[0] for c in text if c.isalpha())
    return counts.most_common(1)[0][0] if counts else ""


# --- The list, indexed for the checks ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the set (its id is given when the set is written)."""

    name: str
    dob: str
    nationality: str
    category: str
    expect: str
    expected_reference: str
    source_name: str


@dataclass
class Listed:
    """Every name on the list (names, original scripts, aliases) indexed for collision checks."""

    entries: tuple[Entry, ...]
    by_ref: dict[str, Entry] = field(default_factory=dict)
    compact_owner: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    literal_owner: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    loose_owner: dict[tuple[str, ...], set[str]] = field(default_factory=lambda: defaultdict(set))
    compacts: list[str] = field(default_factory=list)
    compact_refs: list[str] = field(default_factory=list)
    loose_names: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    token_index: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    pool_index: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    own_compacts: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    sorted_loose: frozenset[tuple[str, ...]] = frozenset()

    @classmethod
    def build(cls, entries: Sequence[Entry]) -> Listed:
        listed = cls(tuple(entries))
        for entry in listed.entries:
            listed.by_ref[entry.reference] = entry
            pool: set[str] = set()
            for alias in entry.names():
                ref, name = entry.reference, alias.name
                listed.literal_owner[literal(name)].add(ref)
                c = compact(name)
                if not c:
                    continue
                if ref not in listed.compact_owner[c]:
                    listed.compacts.append(c)
                    listed.compact_refs.append(ref)
                    listed.own_compacts[ref].append(c)
                listed.compact_owner[c].add(ref)
                loose = loose_tokens(name)
                if loose:
                    listed.loose_owner[loose].add(ref)
                    for token in sorted(set(loose)):
                        listed.token_index[token].append(len(listed.loose_names))
                    listed.loose_names.append((loose, ref))
                    pool.update(loose)
            for token in sorted(pool):
                listed.pool_index[token].append(entry.reference)
        listed.sorted_loose = frozenset(tuple(sorted(x)) for x in listed.loose_owner)
        return listed

    def owners(self, name: str) -> set[str]:
        return self.compact_owner.get(compact(name), set())

    def is_variant_of(self, name: str, ref: str, *, strict: bool = False) -> bool:
        """``name`` differs from every listed name as written and names no other entry; with
        ``strict``, it also differs from the entry's own names once folded."""
        if not compact(name) or self.literal_owner.get(literal(name)):
            return False
        owners = self.owners(name)
        if owners - {ref} or (strict and owners):
            return False
        loose = self.loose_owner.get(loose_tokens(name), set())
        return not loose - {ref}

    def nearest_is(self, name: str, ref: str) -> bool:
        """No other entry has a name as close to ``name`` (edit distance) as ``ref`` has."""
        c = compact(name)
        own = min(Levenshtein.distance(c, x) for x in self.own_compacts[ref])
        close = process.extract(
            c, self.compacts, scorer=Levenshtein.distance, score_cutoff=own, limit=None
        )
        return all(self.compact_refs[i] == ref for _, _, i in close)

    def collision(self, name: str, *, hard: bool = False) -> str | None:
        """Why ``name`` may not serve as a negative, or None: it equals a listed name once
        folded, is a listed name with tokens left out or added, a sound-alike of one, or
        within the edits the typo categories make; ``hard`` also refuses names whose tokens
        all belong to one entry."""
        c = compact(name)
        if not c or c in self.compact_owner:
            return "equal"
        loose = loose_tokens(name)
        if not loose:
            return "empty"
        if loose in self.loose_owner or tuple(sorted(loose)) in self.sorted_loose:
            return "sound-alike"
        mine = Counter(loose)
        rarest = min(loose, key=lambda t: len(self.token_index.get(t, ())))
        for i in self.token_index.get(rarest, ()):
            if not mine - Counter(self.loose_names[i][0]):
                return "part of a listed name"
        seen: set[int] = set()
        for token in sorted(set(loose)):
            for i in self.token_index.get(token, ()):
                if i in seen:
                    continue
                seen.add(i)
                theirs = self.loose_names[i][0]
                if len(theirs) >= 2 and not Counter(theirs) - mine:
                    return "contains a listed name"
        for _, distance, i in process.extract(
            c, self.compacts, scorer=Levenshtein.distance, score_cutoff=2, limit=None
        ):
            if distance <= 1 or _typo_reach(name, self.compacts[i]):
                return "within typo reach"
        if hard:
            refs = [set(self.pool_index.get(t, ())) for t in loose]
            if set.intersection(*refs):
                return "tokens of one entry"
        return None


def _typo_reach(name: str, listed_compact: str) -> bool:
    """Could the typo categories turn a listed name into ``name``? They edit only tokens of
    four letters or more, so a two-edit distance confined to shorter tokens does not count."""
    tokens = key(name).split()
    for split in _splits(listed_compact, [len(t) for t in tokens]):
        edits = [(Levenshtein.distance(a, b), len(b)) for a, b in zip(tokens, split, strict=True)]
        if sum(d for d, _ in edits) <= 2 and all(n >= 4 for d, n in edits if d):
            return True
    return False


def _splits(text: str, lengths: list[int]) -> Iterable[list[str]]:
    """``text`` cut into as many pieces as ``lengths``, each within two of its length."""
    if not lengths:
        if not text:
            yield []
        return
    head, rest = lengths[0], lengths[1:]
    for n in range(max(1, head - 2), head + 3):
        if n <= len(text):
            for tail in _splits(text[n:], rest):
                yield [text[:n], *tail]


# --- Building rows -------------------------------------------------------------------------


@dataclass
class Builder:
    """Draws every category's rows from the list with one random generator."""

    rng: random.Random
    listed: Listed
    notes: list[str] = field(default_factory=list)

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self.listed.entries

    def details(self, entry: Entry) -> tuple[str, str]:
        """The entry's date of birth and nationality for some rows, when known."""
        if self.rng.random() >= DETAIL_SHARE:
            return "", ""
        dob = self.rng.choice(entry.birth_dates).text if entry.birth_dates else ""
        known = [n for n in entry.nationalities if n.lower() not in ("na", "n/a")]
        return dob, self.rng.choice(known) if known else ""

    def row(
        self, entry: Entry, name: str, category: str, source: str, expect: str = "alert"
    ) -> Row:
        dob, nationality = self.details(entry)
        return Row(name, dob, nationality, category, expect, entry.reference, source)

    def spread(self, candidates: dict[str, list[Row]], cap: int = CAP) -> list[Row]:
        """Up to ``cap`` rows, one per entry in turn (entries in random order)."""
        refs = sorted(candidates)
        self.rng.shuffle(refs)
        queues = {r: list(candidates[r]) for r in refs}
        out: list[Row] = []
        seen: set[str] = set()
        while len(out) < cap and any(queues.values()):
            for ref in refs:
                while queues[ref] and len(out) < cap:
                    row = queues[ref].pop(0)
                    if literal(row.name) not in seen:
                        seen.add(literal(row.name))
                        out.append(row)
                        break
        return sorted(out, key=lambda r: (r.expected_reference, literal(r.name)))

    def unambiguous(self, name: str) -> bool:
        return len(self.listed.owners(name)) == 1

    def variants(
        self,
        category: str,
        sources: Callable[[Entry], Iterable[str]],
        make: Callable[[str, Entry], str | None],
        accept: Callable[[str, Entry], bool],
        per_entry: int = 2,
        tries: int = 8,
    ) -> dict[str, list[Row]]:
        """Candidate rows per entry: ``make`` applied to each source name until ``per_entry``
        distinct variants pass ``accept``."""
        out: dict[str, list[Row]] = {}
        for entry in self.entries:
            rows: list[Row] = []
            seen: set[str] = set()
            for source in sources(entry):
                for _ in range(tries):
                    if len(rows) >= per_entry:
                        break
                    variant = make(source, entry)
                    if not variant or literal(variant) in seen or not accept(variant, entry):
                        continue
                    seen.add(literal(variant))
                    rows.append(self.row(entry, variant, category, source))
            if rows:
                out[entry.reference] = rows
        return out

    # Names and aliases as listed ----------------------------------------------------------

    def exact(self) -> list[Row]:
        candidates: dict[str, list[Row]] = {}
        ambiguous = 0
        for entry in self.entries:
            if not self.unambiguous(entry.name):
                ambiguous += 1
                continue
            style = self.rng.choices(("listed", "upper", "title", "lower"), (4, 2, 3, 1))[0]
            name = entry.name if style == "listed" else restyle(self.rng, entry.name, _only(style))
            candidates[entry.reference] = [self.row(entry, name, "exact", entry.name)]
        if ambiguous:
            self.notes.append(f"exact: {ambiguous} names shared by several entries skipped")
        return self.spread(candidates)

    def aliases(self, category: str, qualities: set[Quality], expect: str) -> list[Row]:
        candidates: dict[str, list[Row]] = defaultdict(list)
        skipped: Counter[str] = Counter()
        for entry in self.entries:
            for alias in entry.aliases:
                if alias.quality not in qualities:
                    continue
                if ";" in alias.name or len(alias.name) > LONGEST_ALIAS:
                    skipped["lists of names in one alias"] += 1
                elif not self.unambiguous(alias.name):
                    skipped["shared by several entries"] += 1
                elif compact(alias.name) == compact(entry.name):
                    skipped["same as the entry's name"] += 1
                else:
                    row = self.row(entry, alias.name, category, alias.name, expect)
                    candidates[entry.reference].append(row)
        if skipped:
            text = ", ".join(f"{n} {why}" for why, n in sorted(skipped.items()))
            self.notes.append(f"{category}: skipped {text}")
        return self.spread(candidates)

    def original_script(self) -> list[Row]:
        candidates: dict[str, list[Row]] = {}
        for entry in self.entries:
            text = entry.original_script
            if text and script_of(text) in ("ARABIC", "CYRILLIC") and self.unambiguous(text):
                candidates[entry.reference] = [self.row(entry, text, "original_script", text)]
        others = sum(
            1
            for e in self.entries
            if e.original_script and script_of(e.original_script) not in ("ARABIC", "CYRILLIC")
        )
        if others:
            self.notes.append(f"original_script: {others} in neither Arabic nor Cyrillic skipped")
        return self.spread(candidates)

    # Structural variants --------------------------------------------------------------------

    def reordered(self) -> list[Row]:
        def make(name: str, entry: Entry) -> str | None:
            parts = list(entry.name_parts) if len(entry.name_parts) >= 2 else name.split()
            if len(parts) < 2:
                return None
            choice = self.rng.random()
            if choice < 0.45:
                out = " ".join([parts[-1], *parts[:-1]])
            elif choice < 0.7:
                out = f"{parts[-1]}, {' '.join(parts[:-1])}"
            elif choice < 0.9 and len(parts) >= 3:
                out = " ".join([*parts[1:], parts[0]])
            else:
                out = " ".join(reversed(parts))
            return restyle(self.rng, out, (0.6, 0.4, 0.0))

        def accept(variant: str, entry: Entry) -> bool:
            return self.listed.is_variant_of(variant, entry.reference, strict=True)

        individuals = self._latin_individuals(dprk=True)
        return self.spread(self.variants("reordered", individuals, make, accept, 1))

    def dropped_middle(self) -> list[Row]:
        def make(name: str, _: Entry) -> str | None:
            tokens = name.split()
            if len(tokens) < 3 or "(" in name:
                return None
            choices = [
                i
                for i in range(1, len(tokens) - 1)
                if tokens[i].upper() not in NAME_PARTICLES
                and tokens[i - 1].upper() not in NAME_PARTICLES
            ]
            if not choices:
                return None
            i = self.rng.choice(choices)
            return restyle(self.rng, " ".join(tokens[:i] + tokens[i + 1 :]), (0.6, 0.4, 0.0))

        def accept(variant: str, entry: Entry) -> bool:
            return self.listed.is_variant_of(variant, entry.reference, strict=True)

        individuals = self._latin_individuals(dprk=False)
        return self.spread(self.variants("dropped_middle", individuals, make, accept, 1))

    def typos(self, category: str, edits: int) -> list[Row]:
        def make(name: str, _: Entry) -> str | None:
            out = name
            for _ in range(edits):
                edited = typo(self.rng, out)
                if edited is None:
                    return None
                out = edited
            if OSA.distance(key(out), key(name)) != edits:
                return None
            return out if self.rng.random() < 0.6 else title(out)

        def accept(variant: str, entry: Entry) -> bool:
            return self.listed.is_variant_of(
                variant, entry.reference, strict=True
            ) and self.listed.nearest_is(variant, entry.reference)

        def sources(entry: Entry) -> list[str]:
            return [entry.name] if is_latin(entry.name) else []

        return self.spread(self.variants(category, sources, make, accept, 1, tries=12))

    def two_typos_apart(self, rows: list[Row], rng: random.Random) -> list[Row]:
        """Two typos as people make them: in two words, or in one word of five letters or
        more. Two edits in a word of four letters change half of it ("Chol" as "Cgil" or
        "Hcl"): what is left is another name as much as a mistyped one, and a matcher that
        forgave it would alert on every other four-letter name two letters away. A row whose
        two typos fall in one word of four letters is drawn again for its entry (with
        ``rng``, so that the other categories' rows stay as they were); an entry none is
        found for is left out."""
        kept = [r for r in rows if typos_apart(r.source_name, r.name)]
        seen = {literal(r.name) for r in kept}
        saved, self.rng = self.rng, rng
        try:
            for row in rows:
                if typos_apart(row.source_name, row.name):
                    continue
                entry = self.listed.by_ref[row.expected_reference]
                for _ in range(40):
                    out: str | None = row.source_name
                    for _ in range(2):
                        out = typo(self.rng, out) if out else None
                    if (
                        not out
                        or OSA.distance(key(out), key(row.source_name)) != 2
                        or not typos_apart(row.source_name, out)
                        or literal(out) in seen
                        or not self.listed.is_variant_of(out, entry.reference, strict=True)
                        or not self.listed.nearest_is(out, entry.reference)
                    ):
                        continue
                    out = out if self.rng.random() < 0.6 else title(out)
                    seen.add(literal(out))
                    kept.append(self.row(entry, out, row.category, row.source_name))
                    break
        finally:
            self.rng = saved
        return sorted(kept, key=lambda r: (r.expected_reference, literal(r.name)))

    def romanisation_systems(self, rng: random.Random) -> list[Row]:
        """A listed name of Arabic-script origin respelled the way another published
        romanisation, or a common variant of one, writes it (``ARABIC_SYSTEMS``): between
        ALA-LC and the French, Urdu and Persian, Egyptian and Gulf renderings the list's own
        alias families carry; one or two changes a name. (Korean names between
        McCune-Reischauer, the Revised Romanization and the list's own spellings are
        ``korean_romanization``'s, syllable by syllable: a letter rule cannot tell ㅓ from ㅗ
        once the list has dropped the breve.) Drawn with ``rng``, so that the other
        categories' rows stay as they were."""

        def make(name: str, _: Entry) -> str | None:
            out = name.lower()
            for _ in range(2 if self.rng.random() < 0.4 else 1):
                found = [
                    (m, repl)
                    for pattern, repls in ARABIC_SYSTEMS
                    for m in re.finditer(pattern, out)
                    for repl in repls
                ]
                if not found:
                    return None
                m, repl = self.rng.choice(found)
                out = out[: m.start()] + m.expand(repl) + out[m.end() :]
            return restyle(self.rng, out, (0.5, 0.45, 0.05))

        def sources(entry: Entry) -> list[str]:
            if entry.kind != "individual" or not is_latin(entry.name):
                return []
            arabic = script_of(entry.original_script) == "ARABIC" or bool(
                set(entry.nationalities) & ARABIC_SCRIPT_ORIGIN
            )
            return [entry.name] if arabic else []

        saved, self.rng = self.rng, rng
        try:
            return self.spread(
                self.variants("romanisation_systems", sources, make, self._accept_spelling, 2)
            )
        finally:
            self.rng = saved

    # Spelling variants ----------------------------------------------------------------------

    def transliteration(self) -> list[Row]:
        def make(name: str, _: Entry) -> str | None:
            out = name.lower()
            for _ in range(2 if self.rng.random() < 0.35 else 1):
                rules = [(p, r) for p, r in TRANSLIT_RULES if re.search(p, out)]
                if not rules:
                    return None
                pattern, repl = self.rng.choice(rules)
                match = self.rng.choice(list(re.finditer(pattern, out)))
                out = out[: match.start()] + match.expand(repl) + out[match.end() :]
            return restyle(self.rng, out, (0.5, 0.5, 0.0))

        def sources(entry: Entry) -> list[str]:
            latin = self._latin_individuals(dprk=False)(entry)
            foreign = entry.original_script or set(entry.nationalities) & NON_LATIN_ORIGIN
            return latin if foreign else []

        cyrillic = self._cyrillic_variants()
        taken = {r.expected_reference for r in cyrillic}
        rest = self.variants("transliteration", sources, make, self._accept_spelling, 1)
        rest = {ref: rows for ref, rows in rest.items() if ref not in taken}
        return sorted(
            cyrillic + self.spread(rest, CAP - len(cyrillic)),
            key=lambda r: (r.expected_reference, literal(r.name)),
        )

    def _cyrillic_variants(self) -> list[Row]:
        """The Cyrillic original script romanised the English, French, German, scholarly and
        informal ways, in the listed name's word order."""
        rows: list[Row] = []
        for entry in self.entries:
            if script_of(entry.original_script) != "CYRILLIC":
                continue
            words = entry.original_script.split()
            order = _listed_order([key(romanise_cyrillic(w, "english")) for w in words], entry.name)
            seen: set[str] = set()
            for system in CYRILLIC_SYSTEMS:
                name = " ".join(romanise_cyrillic(words[i], system) for i in order)
                name = restyle(self.rng, name, (0.5, 0.5, 0.0))
                if literal(name) not in seen and self._accept_spelling(name, entry):
                    seen.add(literal(name))
                    rows.append(self.row(entry, name, "transliteration", entry.original_script))
        return rows

    def _accept_spelling(self, variant: str, entry: Entry) -> bool:
        ref = entry.reference
        if not self.listed.is_variant_of(variant, ref):
            return False
        return ref in self.listed.loose_owner.get(
            loose_tokens(variant), set()
        ) or self.listed.nearest_is(variant, ref)

    def arabic_spelling(self) -> list[Row]:
        def make(name: str, _: Entry) -> str | None:
            ops = arabic_ops(name)
            if not ops:
                return None
            self.rng.shuffle(ops)
            chosen: list[tuple[int, int, tuple[str, ...]]] = []
            for op in ops:
                if len(chosen) == (2 if self.rng.random() < 0.35 else 1):
                    break
                if all(op[1] <= s or op[0] >= e for s, e, _ in chosen):
                    chosen.append(op)
            out = name
            for start, end, forms in sorted(chosen, reverse=True):
                current = compact(out[start:end])
                options = [f for f in forms if compact(f) != current] or list(forms)
                out = out[:start] + self.rng.choice(options) + out[end:]
            return restyle(self.rng, out, (0.5, 0.5, 0.0))

        def sources(entry: Entry) -> list[str]:
            return [entry.name] if is_latin(entry.name) else []

        return self.spread(
            self.variants("arabic_spelling", sources, make, self._accept_spelling, 2)
        )

    def korean_romanization(self) -> list[Row]:
        unparsed: list[str] = []

        def make(name: str, entry: Entry) -> str | None:
            parsed = parse_korean(name)
            if parsed is None:
                if entry.name not in unparsed:
                    unparsed.append(entry.name)
                return None
            surname, given = parsed
            surname = self._korean_spelling(surname, KOREAN_SURNAME_ALTS)
            given = [self._korean_spelling(s, KOREAN_GIVEN_ALTS) for s in given]
            return render_korean(self.rng, surname, given)

        def sources(entry: Entry) -> list[str]:
            return [entry.name] if entry.regime == "DPRK" and entry.kind == "individual" else []

        rows = self.spread(
            self.variants("korean_romanization", sources, make, self._accept_spelling, 3, 16)
        )
        if unparsed:
            self.notes.append(f"korean_romanization: not Korean syllables: {', '.join(unparsed)}")
        return rows

    def _korean_spelling(self, syllable: str, table: dict[str, tuple[str, ...]]) -> str:
        alts = table.get(syllable, ())
        if alts and self.rng.random() < 0.5:
            return self.rng.choice(alts)
        return syllable

    def hangul(self) -> list[Row]:
        spelled: dict[str, tuple[str, ...]] = {}
        skipped: list[str] = []
        missing: Counter[str] = Counter()
        for entry in self.entries:
            if entry.regime != "DPRK" or entry.kind != "individual":
                continue
            parsed = parse_korean(entry.name)
            if parsed is None:
                skipped.append(entry.name)
                missing["(not a Korean name)"] += 1
                continue
            gaps = [s for s in parsed[1] if s not in HANGUL_SYLLABLES]
            if parsed[0] not in HANGUL_SURNAMES:
                gaps.append(parsed[0])
            if gaps:
                skipped.append(entry.name)
                missing.update(gaps)
                continue
            surname = HANGUL_SURNAMES[parsed[0]]
            given = "".join(HANGUL_SYLLABLES[s] for s in parsed[1])
            spelled[entry.reference] = (surname + given, f"{surname} {given}")
        owners = Counter(name for names in spelled.values() for name in names)
        clashes = sorted(name for name, n in owners.items() if n > 1)
        candidates = {
            ref: [
                self.row(self.listed.by_ref[ref], name, "hangul", self.listed.by_ref[ref].name)
                for name in names
                if owners[name] == 1
            ]
            for ref, names in spelled.items()
        }
        if skipped:
            gaps_text = ", ".join(f"{s} ({n})" for s, n in sorted(missing.items()))
            self.notes.append(
                f"hangul: {len(skipped)} DPRK individuals skipped ({'; '.join(skipped)}); "
                f"not covered: {gaps_text}"
            )
        if clashes:
            self.notes.append(f"hangul: spellings shared by two entries skipped: {clashes}")
        return self.spread(candidates)

    def original_script_variant(self) -> list[Row]:
        def make(text: str, _: Entry) -> str | None:
            ops = [op for op in ARABIC_SCRIPT_OPS if op(text, self.rng) != text]
            if not ops:
                return None
            out = text
            chosen = self.rng.sample(ops, min(len(ops), 2 if self.rng.random() < 0.4 else 1))
            for op in sorted(chosen, key=ARABIC_SCRIPT_OPS.index):
                out = op(out, self.rng)
            return out

        def sources(entry: Entry) -> list[str]:
            text = entry.original_script
            return [text] if text and script_of(text) == "ARABIC" else []

        def accept(variant: str, entry: Entry) -> bool:
            return self.listed.is_variant_of(variant, entry.reference)

        return self.spread(self.variants("original_script_variant", sources, make, accept, 1))

    def legal_form(self) -> list[Row]:
        def make(name: str, _: Entry) -> str | None:
            out = legal_variant(self.rng, name)
            if out is None:
                return None
            return out if self.rng.random() < 0.6 else title(out)

        def sources(entry: Entry) -> list[str]:
            if entry.kind != "entity":
                return []
            names = [entry.name] + [
                a.name
                for a in entry.aliases
                if a.quality is Quality.AKA and len(a.name) < 70 and COMPANY_WORDS.search(a.name)
            ]
            return [n for n in names if is_latin(n) and self.unambiguous(n)]

        def accept(variant: str, entry: Entry) -> bool:
            return self.listed.is_variant_of(variant, entry.reference)

        return self.spread(self.variants("legal_form", sources, make, accept, 2, tries=4))

    def _latin_individuals(self, *, dprk: bool) -> Callable[[Entry], list[str]]:
        def sources(entry: Entry) -> list[str]:
            if entry.kind != "individual" or (entry.regime == "DPRK" and not dprk):
                return []
            return [entry.name] if is_latin(entry.name) else []

        return sources

    # Negatives ------------------------------------------------------------------------------

    def negatives(self, taken: set[str]) -> list[Row]:
        """Ordinary personal and company names that name nobody on the list."""
        languages = sorted(LANGUAGES)
        weights = [LANGUAGES[lang].weight for lang in languages]
        rows: list[Row] = []
        seen = set(taken)
        companies = round(NEGATIVES * COMPANY_SHARE)
        rejected: Counter[str] = Counter()
        attempts = 0
        while len(rows) < NEGATIVES and attempts < NEGATIVES * 20:
            attempts += 1
            if len(rows) < companies:
                lang = self.rng.choice(sorted(COMPANY_ROOTS))
                name, nationality = company_name(self.rng, lang), ""
                if self.rng.random() < DETAIL_SHARE:
                    nationality = self.rng.choice(COMPANY_COUNTRIES[lang])
                dob = ""
            else:
                lang = self.rng.choices(languages, weights)[0]
                name = person_name(self.rng, lang)
                dob, nationality = self.random_details(LANGUAGES[lang].countries)
            c = compact(name)
            if c in seen:
                continue
            why = self.listed.collision(name)
            if why:
                rejected[why] += 1
                continue
            seen.add(c)
            rows.append(Row(name, dob, nationality, "negative", "no_alert", "", ""))
        self.notes.append(
            "negative: rejected " + ", ".join(f"{n} {w}" for w, n in sorted(rejected.items()))
        )
        return rows

    def random_details(self, countries: Sequence[str]) -> tuple[str, str]:
        if self.rng.random() >= DETAIL_SHARE:
            return "", ""
        year = self.rng.randint(1945, 2003)
        if self.rng.random() < 0.2:
            dob = str(year)
        else:
            dob = f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
        return dob, self.rng.choice(countries)

    def hard_negatives(self, taken: set[str]) -> list[Row]:
        """Names recombined from the list's own name parts, naming nobody on it."""
        pools: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for entry in self.entries:
            family = REGIME_FAMILY.get(entry.regime, "other")
            if entry.kind == "individual" and len(entry.name_parts) >= 2:
                pools[("individual", family)].append(entry)
            elif entry.kind == "entity" and len(_entity_tokens(entry.name)) >= 2:
                pools[("entity", family)].append(entry)
        marks = [
            distinctive(alias.name)
            for entry in self.entries
            if entry.kind == "entity"
            for alias in entry.names()
        ]
        marks = [m for m in marks if m]
        rows: list[Row] = []
        seen = set(taken)
        rejected: Counter[str] = Counter()
        for kind, share in (("individual", 1 - ENTITY_SHARE), ("entity", ENTITY_SHARE)):
            keys = sorted(k for k in pools if k[0] == kind and len(pools[k]) >= 2)
            weights = [math.sqrt(len(pools[k])) for k in keys]
            target = len(rows) + round(HARD_NEGATIVES * share)
            attempts = 0
            while len(rows) < target and attempts < HARD_NEGATIVES * 60:
                attempts += 1
                pool = pools[self.rng.choices(keys, weights)[0]]
                a, b = self.rng.sample(pool, 2)
                made = (
                    recombine_individuals(self.rng, a, b)
                    if kind == "individual"
                    else swap_entity_token(self.rng, a, b)
                )
                if made is None or compact(made) in seen:
                    continue
                if kind == "entity" and any(m <= distinctive(made) for m in marks):
                    rejected["distinctive words of a listed entity"] += 1
                    continue
                why = self.listed.collision(made, hard=True)
                if why:
                    rejected[why] += 1
                    continue
                seen.add(compact(made))
                name = made if self.rng.random() < 0.6 else title(made)
                dob, nationality = "", ""
                if kind == "individual":
                    known = [n for n in (*a.nationalities, *b.nationalities) if n != "na"]
                    dob, nationality = self.random_details(known or ["Afghanistan"])
                source = f"{a.reference} {a.name} + {b.reference} {b.name}"
                rows.append(Row(name, dob, nationality, "hard_negative", "no_alert", "", source))
        self.notes.append(
            "hard_negative: rejected " + ", ".join(f"{n} {w}" for w, n in sorted(rejected.items()))
        )
        return rows


def _only(style: str) -> tuple[float, float, float]:
    return {"upper": (1.0, 0, 0), "title": (0, 1.0, 0), "lower": (0, 0, 1.0)}[style]


# --- Variant makers ------------------------------------------------------------------------

KEYBOARD = {
    "a": "qwsz", "b": "vghn", "c": "xdfv", "d": "serfcx", "e": "wsdr", "f": "drtgvc",
    "g": "ftyhbv", "h": "gyujnb", "i": "ujko", "j": "huikmn", "k": "jiolm", "l": "kop",
    "m": "njk", "n": "bhjm", "o": "iklp", "p": "ol", "q": "wa", "r": "edft", "s": "awedxz",
    "t": "rfgy", "u": "yhji", "v": "cfgb", "w": "qase", "x": "zsdc", "y": "tghu", "z": "asx",
}  # fmt: skip


def typo(rng: random.Random, name: str) -> str | None:
    """``name`` with one edit (substitute, delete, insert, transpose) in a token of four or
    more letters."""
    spans = [m.span() for m in re.finditer(r"[A-Za-z]{4,}", name)]
    if not spans:
        return None
    start, end = rng.choice(spans)
    token = name[start:end]
    upper = token.isupper()
    op = rng.choice(("substitute", "delete", "insert", "transpose"))
    i = rng.randrange(len(token))

    def letter(near: str) -> str:
        pool = KEYBOARD.get(near.lower(), "aeiou") if rng.random() < 0.7 else "abcdefghiklmnoprstuy"
        c = rng.choice(pool)
        return c.upper() if upper else c

    if op == "substitute":
        new = letter(token[i])
        if new.lower() == token[i].lower():
            return None
        token = token[:i] + new + token[i + 1 :]
    elif op == "delete":
        token = token[:i] + token[i + 1 :]
    elif op == "insert":
        token = token[:i] + letter(token[i]) + token[i:]
    else:
        i = min(i, len(token) - 2)
        if token[i].lower() == token[i + 1].lower():
            return None
        token = token[:i] + token[i + 1] + token[i] + token[i + 2 :]
    return name[:start] + token + name[end:]


ARABIC_SCRIPT_ORIGIN = NON_LATIN_ORIGIN - {
    "Georgia", "Kazakhstan", "Russian Federation", "Tajikistan", "Uzbekistan",
    "former Soviet Union",
}  # fmt: skip
"""Nationalities whose names are written in Arabic script (Arabic, Pashto, Dari, Urdu)."""

ARABIC_SYSTEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # The article: al- (ALA-LC), el- (Egyptian and Maghrebi), ul- inside Urdu and Persian
    # compounds (Zia-ul-Haq).
    (r"\bal-(?=[a-z])", ("el-", "ul-", "al ")),
    (r"\bel-(?=[a-z])", ("al-",)),
    # Long vowels: ū as u, ou (French) or oo (English); ī as i or ee.
    (r"(?<=[bcdfghjklmnpqrstvwxz])u(?=[bcdfghjklmnpqrstvwxz])", ("ou", "oo")),
    (r"(?<=[bcdfghjklmnpqrstvwxz])ou(?=[bcdfghjklmnpqrstvwxz])", ("u",)),
    (r"(?<=[bcdfghjklmnpqrstvwxz])i(?=[bcdfghjklmnpqrstvwxz])", ("ee",)),
    (r"(?<=[bcdfghjklmnpqrstvwxz])ee(?=[bcdfghjklmnpqrstvwxz])", ("i",)),
    (r"oo", ("u",)),
    # ذ and ظ: dh and ẓ in ALA-LC, z as Persian and Urdu speakers say them.
    (r"dh", ("z",)),
    # ق: q (ALA-LC), k (informal), g (Gulf, Sudanese and Upper Egyptian: Gaddafi).
    (r"q", ("k", "g")),
    # The diphthong ay: ay (ALA-LC), ai, ei (Husayn, Hussain, Hussein).
    (r"ay(?![aeiouy])", ("ai", "ei")),
    # Tā' marbūṭa: -ah or -a (Hamzah, Hamza).
    (r"(?<=[bcdfghjklmnpqrstvwxz])ah\b", ("a",)),
    (r"(?<=[bcdfghjklmnpqrstvwxz]{2})a\b", ("ah",)),
)
"""Spellings of names of Arabic origin between ALA-LC's romanisation table for Arabic (Library
of Congress, 2012) and the common English, French, Urdu, Persian and dialect renderings the
list's own aliases use for one person (e.g. QDi.432 is listed as Ashraf al-Qizani and
Ashraf al-Gizani, YEi.006 as Abu Saqar and Abu Sagar)."""


def typos_apart(source: str, variant: str) -> bool:
    """No word of four letters or fewer in ``source`` is two edits or more from its
    counterpart in ``variant`` (typos keep the words apart: they edit letters only)."""
    before, after = WORD_RE.findall(source.lower()), WORD_RE.findall(variant.lower())
    if len(before) != len(after):
        return False
    return all(len(a) > 4 or OSA.distance(a, b) < 2 for a, b in zip(before, after, strict=True))


def arabic_ops(name: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Spans of ``name`` that are romanised Arabic name parts, each with other spellings."""
    ops: list[tuple[int, int, tuple[str, ...]]] = []
    for m in ABD_RE.finditer(name):
        root = m.group("root")
        if root.upper() in ("LAH", "LAHI", "LLAH", "LAHU"):
            continue
        if m.group(1):
            root = root[1:]
        r, cap = root.lower(), title(root)
        forms = [
            f"Abd al-{cap}",
            f"Abd el-{cap}",
            f"Abdul {cap}",
            f"Abdul-{cap}",
            f"Abdel {cap}",
            f"Abdel{r}",
            f"Abdul{r}",
            f"Abdoul {cap}",
        ]
        if r[0] in SUN_LETTERS and r[:2] not in ("sh", "th", "dh"):
            forms += [f"Abdu{r[0]}{r}", f"Abdu{r[0]} {cap}", f"Abdu{r[0]}-{cap}"]
        ops.append((m.start(), m.end(), tuple(forms)))
    for m in ARTICLE_RE.finditer(name):
        before = name[: m.start()].rstrip(" -").upper()
        if before.endswith(("ABD", "ABD‘")):
            continue
        root = m.group("root")
        r, cap = root.lower(), title(root)
        forms = [f"al-{cap}", f"el-{cap}", f"al {cap}", f"Al{r}", cap]
        sun = r[:2] if r[:2] in ("sh", "th", "dh") else r[0]
        if sun in SUN_LETTERS or sun in ("sh", "th", "dh"):
            forms += [f"a{sun}-{cap}", f"e{sun}-{cap}"]
        ops.append((m.start(), m.end(), tuple(forms)))
    groups = {g: group for group in ARABIC_GROUPS for g in group}
    for m in WORD_RE.finditer(name):
        group = groups.get(m.group(0).upper())
        if group:
            ops.append((m.start(), m.end(), tuple(title(g) for g in group)))
    return ops


def parse_korean(name: str) -> tuple[str, list[str]] | None:
    """Surname and given-name syllables of a romanised Korean name, apostrophes dropped;
    None if a part is not a Korean syllable in the tables."""
    tokens = re.split(r"[\s-]+", QUOTES_RE.sub("", name).upper().strip())
    if len(tokens) < 2 or tokens[0] not in HANGUL_SURNAMES:
        return None
    given: list[str] = []
    for token in tokens[1:]:
        pieces = _syllables(token)
        if pieces is None:
            return None
        given.extend(pieces)
    return tokens[0], given


def _syllables(token: str) -> list[str] | None:
    """``token`` cut into known syllables, longest first (``HONGSOP`` -> HONG, SOP)."""
    if token in KOREAN_SYLLABLES:
        return [token]
    for n in range(min(len(token) - 1, 6), 0, -1):
        if token[:n] in KOREAN_SYLLABLES:
            rest = _syllables(token[n:])
            if rest is not None:
                return [token[:n], *rest]
    return None


def render_korean(rng: random.Random, surname: str, given: list[str]) -> str:
    """A Korean name in one of the ways it is written: ``RI HONG-SOP``, ``Ri Hong Sop``,
    ``Ri Hongsop``, ``Ri Hong-sop``, ``Ri Hong-Sop``."""
    sep = rng.choice(("-", "-", " ", "")) if len(given) > 1 else ""
    if rng.random() < 0.35:
        return f"{surname} {sep.join(given)}".upper()
    if sep == "-" and rng.random() < 0.6:
        return f"{title(surname)} {title(given[0])}-{'-'.join(g.lower() for g in given[1:])}"
    return f"{title(surname)} {title(sep.join(given).lower())}"


def romanise_cyrillic(word: str, system: str) -> str:
    """One Cyrillic word in Latin letters the way ``system`` writes it."""
    table = {**CYRILLIC_BASE, **CYRILLIC_SYSTEMS[system]}
    out = []
    lower = word.lower()
    for i, ch in enumerate(lower):
        prev = lower[i - 1] if i else ""
        nxt = lower[i + 1] if i + 1 < len(lower) else ""
        if ch == "е" and (not prev or prev in CYRILLIC_VOWELS or prev in "ьъ-"):
            out.append(IOTATED_E[system])
        elif (
            ch == "с"
            and system in ("french", "german")
            and prev in CYRILLIC_VOWELS
            and (nxt in CYRILLIC_VOWELS)
        ):
            out.append("ss")
        else:
            out.append(table.get(ch, ch))
    return title("".join(out))


def _listed_order(words: list[str], name: str) -> list[int]:
    """Indexes of ``words`` sorted by where each best matches a word of ``name``."""
    listed = key(name).split()

    def place(i: int) -> int:
        scores = [Levenshtein.distance(words[i], w) for w in listed]
        return scores.index(min(scores)) if scores else i

    return sorted(range(len(words)), key=place)


def _arabic_words(text: str) -> list[str]:
    return text.split(" ")


def _drop_article(text: str, rng: random.Random) -> str:
    words = _arabic_words(text)
    spots = [i for i, w in enumerate(words) if w.startswith("ال") and len(w) > 3 and w != "الله"]
    if not spots:
        return text
    i = rng.choice(spots)
    words[i] = words[i][2:]
    return " ".join(words)


def _add_article(text: str, _: random.Random) -> str:
    words = _arabic_words(text)
    if len(words) < 2 or words[-1].startswith("ال") or len(words[-1]) < 3:
        return text
    words[-1] = "ال" + words[-1]
    return " ".join(words)


def _join_or_split_abd(text: str, rng: random.Random) -> str:
    joined = re.sub(r"(عبد|أبو|ابو) (ال)", r"\1\2", text)
    split = re.sub(r"(عبد)(ال)", r"\1 \2", text)
    options = [t for t in (joined, split) if t != text]
    return rng.choice(options) if options else text


def _replace_at(pattern: str, repl: str) -> Callable[[str, random.Random], str]:
    def op(text: str, rng: random.Random) -> str:
        matches = list(re.finditer(pattern, text))
        if not matches:
            return text
        m = rng.choice(matches)
        return text[: m.start()] + repl + text[m.end() :]

    return op


HARAKAT = ("\u064e", "\u064f", "\u0650", "\u0652")
"""Fatha, damma, kasra, sukun."""


def _add_harakat(text: str, rng: random.Random) -> str:
    spots = [i for i, c in enumerate(text) if "\u0628" <= c <= "\u064a"]
    if not spots:
        return text
    chars = list(text)
    for i in sorted(rng.sample(spots, min(len(spots), rng.randint(1, 3))), reverse=True):
        chars.insert(i + 1, rng.choice(HARAKAT))
    return "".join(chars)


def _remove_harakat(text: str, _: random.Random) -> str:
    return re.sub("[\u064b-\u0652]", "", text)


def _kashida(text: str, rng: random.Random) -> str:
    spots = [
        i
        for i in range(len(text) - 1)
        if text[i] in "بتثجحخسشصضطظعغفقكلمنهيی" and "\u0621" <= text[i + 1] <= "\u064a"
    ]
    if not spots:
        return text
    i = rng.choice(spots)
    return text[: i + 1] + "ـ" + text[i + 1 :]


def _presentation_forms(text: str, _: random.Random) -> str:
    return unicodedata.normalize("NFKC", text)


ARABIC_SCRIPT_OPS: tuple[Callable[[str, random.Random], str], ...] = (
    _drop_article,
    _add_article,
    _join_or_split_abd,
    _replace_at(r"ة(?=\s|$)", "ه"),
    _replace_at(r"ى(?=\s|$)", "ي"),
    _replace_at(r"ي(?=\s|$)", "ى"),
    _replace_at(r"[أإآ]", "ا"),
    _replace_at(r"(?<!\S)ا(?!ل)", "أ"),
    _replace_at(r"ی", "ي"),
    _replace_at(r"ي", "ی"),
    _replace_at(r"ک", "ك"),
    _add_harakat,
    _remove_harakat,
    _kashida,
    _presentation_forms,
)
"""Arabic-script spelling changes: article, ta marbuta, alif maqsura, hamza seats, Persian
letters, vowel marks, kashida and presentation forms (applied in this order)."""


def legal_variant(rng: random.Random, name: str) -> str | None:
    """``name`` with a legal form changed, added or dropped, or with "THE" added or dropped."""
    matches = list(LEGAL_RE.finditer(name))
    if matches:
        op = "the" if rng.random() < 0.2 else rng.choice(("change", "change", "drop"))
    elif COMPANY_WORDS.search(name):
        op = "the" if rng.random() < 0.2 else "add"
    elif rng.random() < 0.5:
        op = "the"
    else:
        return None
    upper = name.isupper() or sum(c.isupper() for c in name) > sum(c.islower() for c in name)

    def form() -> str:
        f = rng.choice(LEGAL_FORMS + ("TRADING COMPANY",) * (0 if "TRADING" in name.upper() else 1))
        return f if upper else title(f).replace("Llc", "LLC").replace("Jsc", "JSC")

    if op == "the":
        if re.match(r"the\s", name, re.I):
            return name[4:].lstrip()
        return ("THE " if upper else "The ") + name
    if op == "add":
        m = re.search(r"\s*\([^)]*\)\s*$", name)
        cut = m.start() if m else len(name)
        return f"{name[:cut]} {form()}{name[cut:]}"
    m = rng.choice(matches)
    if op == "drop":
        rest = name[: m.start()] + name[m.end() :]
        return rest if len(re.findall(r"\w+", rest)) >= 2 else None
    current = key(m.group(0))
    new = form()
    if key(new) == current:
        return None
    sep = ", " if rng.random() < 0.2 and "L" in new.upper() else " "
    return name[: m.start()] + sep + new + name[m.end() :]


def person_name(rng: random.Random, lang: str) -> str:
    """An ordinary personal name as written in ``lang``."""
    table = LANGUAGES[lang]
    female = rng.random() < 0.4
    first = rng.choice(table.female if female else table.male)
    last = rng.choice(table.surnames)
    if lang == "russian":
        if female:
            last = last + "a"
        if rng.random() < 0.5:
            patronymic = rng.choice(RUSSIAN_PATRONYMICS)
            if female:
                patronymic = patronymic[: -len("ich")] + "na"
            name = f"{first} {patronymic} {last}"
        else:
            name = f"{first} {last}"
    elif lang in ("spanish", "portuguese"):
        name = f"{first} {last}"
        if rng.random() < 0.5:
            name += " " + rng.choice([s for s in table.surnames if s != last])
    elif lang == "arabic":
        father = rng.choice(table.male)
        with_father = rng.random() < 0.5 and father != first
        name = f"{first} {father} {last}" if with_father else f"{first} {last}"
    elif lang == "chinese":
        name = f"{last} {first}" if rng.random() < 0.7 else f"{first} {last}"
    elif lang == "korean":
        given = first
        roll = rng.random()
        if roll < 0.2:
            given = first.replace("-", "").capitalize()
        elif roll < 0.35:
            given = " ".join(p.capitalize() for p in first.split("-"))
        name = f"{last} {given}" if rng.random() < 0.8 else f"{given} {last}"
    elif lang == "japanese":
        name = f"{first} {last}" if rng.random() < 0.6 else f"{last} {first}"
    elif lang == "vietnamese":
        name = f"{last} {rng.choice(VIETNAMESE_MIDDLE)} {first}"
    else:
        name = f"{first} {last}"
        if rng.random() < 0.12:
            middle = rng.choice(table.male + table.female)
            middle = f"{middle[0]}." if lang == "english" else middle
            name = f"{first} {middle} {last}"
    roll = rng.random()
    return name.upper() if roll < 0.2 else name.lower() if roll < 0.23 else name


def company_name(rng: random.Random, lang: str) -> str:
    """An ordinary company name: a name, a trade and a legal form of ``lang``'s country."""
    root = rng.choice(COMPANY_ROOTS[lang])
    trade = rng.choice(COMPANY_INDUSTRIES)
    name = f"{root} {trade} {rng.choice(COMPANY_FORMS[lang])}"
    return name.upper() if rng.random() < 0.3 else name


def recombine_individuals(rng: random.Random, a: Entry, b: Entry) -> str | None:
    """The first name part of ``a`` with the last name part(s) of ``b``."""
    parts_a, parts_b = a.name_parts, b.name_parts
    first = parts_a[0]
    if first.upper().lstrip("‘'") in ("ABD", "ABU", "ABDUL", "AL") and len(parts_a) >= 3:
        first = f"{parts_a[0]} {parts_a[1]}"
    if a.regime == "DPRK":
        tail = " ".join(parts_b[1:])
    elif len(parts_b) >= 3 and rng.random() < 0.4:
        tail = " ".join(parts_b[-2:])
    else:
        tail = parts_b[-1]
    if key(first) == key(parts_b[0]) or key(tail) == key(" ".join(parts_a[1:])):
        return None
    return f"{first} {tail}"


def _entity_tokens(name: str) -> list[str]:
    return re.sub(r"\([^)]*\)", " ", name).split()


def distinctive(name: str) -> frozenset[str]:
    """The words of an entity name that set it apart (parentheses and generic words left out)."""
    words = (key(t) for t in _entity_tokens(name))
    return frozenset(
        w
        for t in words
        for w in t.split()
        if len(w) >= 3 and w.isalpha() and w not in ENTITY_GENERIC and w not in ENTITY_VOCABULARY
    )


def swap_entity_token(rng: random.Random, a: Entry, b: Entry) -> str | None:
    """``a``'s name (or one of its aliases) whose only distinctive word is replaced by a
    distinctive word of ``b``'s."""
    names = [a.name] + [x.name for x in a.aliases if x.quality is Quality.AKA]
    names = [n for n in names if is_latin(n) and len(distinctive(n)) == 1]
    theirs = sorted(distinctive(b.name) - {w for n in names for w in key(n).split()})
    if not names or not theirs:
        return None
    pieces = re.split(r"([\s/-]+)", " ".join(_entity_tokens(rng.choice(names))))
    (mark,) = {w for p in pieces for w in distinctive(p)}
    i = next(i for i, p in enumerate(pieces) if key(p) == mark)
    pick = rng.choice(theirs)
    new = next(p for p in re.split(r"[\s/-]+", b.name) if key(p) == pick)
    pieces[i] = new.upper() if pieces[i].isupper() else title(new)
    return "".join(pieces)


# --- The set -------------------------------------------------------------------------------


def build(seed: int) -> tuple[list[Row], list[str]]:
    """Every row of the set, and notes on what could not be built."""
    snapshot = bundled_list()
    entries = sorted(snapshot.entries, key=lambda e: e.reference)
    listed = Listed.build(entries)
    b = Builder(random.Random(seed), listed)
    rows = [
        *b.exact(),
        *b.aliases("good_alias", {Quality.GOOD, Quality.AKA}, "alert"),
        *b.aliases("fka", {Quality.FKA}, "alert"),
        *b.aliases("low_alias", {Quality.LOW}, "weak"),
        *b.reordered(),
        *b.dropped_middle(),
        *b.typos("one_typo", 1),
        *b.two_typos_apart(b.typos("two_typos", 2), random.Random(seed + 2)),
        *b.transliteration(),
        *b.arabic_spelling(),
        *b.korean_romanization(),
        *b.original_script(),
        *b.original_script_variant(),
        *b.hangul(),
        *b.legal_form(),
        *b.romanisation_systems(random.Random(seed + 3)),
    ]
    taken = {compact(r.name) for r in rows}
    rows += b.negatives(taken)
    taken |= {compact(r.name) for r in rows}
    rows += b.hard_negatives(taken)
    check(rows, listed)
    return rows, b.notes


def check(rows: Sequence[Row], listed: Listed) -> None:
    """Stop if a row is duplicated, names an unknown entry, or a negative names a listed one."""
    problems = []
    seen: set[tuple[str, str]] = set()
    for row in rows:
        pair = (literal(row.name), row.category)
        if pair in seen:
            problems.append(f"duplicate {row.category} row {row.name!r}")
        seen.add(pair)
        if row.expect in ("alert", "weak") and row.expected_reference not in listed.by_ref:
            problems.append(f"{row.name!r}: unknown reference {row.expected_reference!r}")
        if row.category in NEGATIVE_CATEGORIES:
            if row.expect != "no_alert" or row.expected_reference:
                problems.append(f"{row.name!r}: a negative row that expects an alert")
            if compact(row.name) in listed.compact_owner:
                problems.append(f"{row.name!r}: a negative that is a listed name")
        if row.category not in CATEGORIES:
            problems.append(f"{row.name!r}: unknown category {row.category!r}")
    if problems:
        sys.exit("screening set failed its checks:\n  " + "\n  ".join(problems[:20]))


def write(rows: Sequence[Row], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    order = {c: i for i, c in enumerate(CATEGORIES)}
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for i, row in enumerate(sorted(rows, key=lambda r: order[r.category]), 1):
            writer.writerow(
                (
                    f"s{i:05d}",
                    row.name,
                    row.dob,
                    row.nationality,
                    row.category,
                    row.expect,
                    row.expected_reference,
                    row.source_name,
                )
            )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--stats", action="store_true", help="print rows per category")
    args = parser.parse_args(argv)
    rows, notes = build(args.seed)
    write(rows, args.out)
    if args.stats:
        counts = Counter(r.category for r in rows)
        for category in CATEGORIES:
            print(f"{category:25} {counts[category]:5}")
        print(f"{'total':25} {len(rows):5}")
        for note in notes:
            print(f"note: {note}")
    print(f"wrote {len(rows)} rows to {args.out}")


if __name__ == "__main__":
    main()
