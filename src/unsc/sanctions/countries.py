"""Country names and codes as people and the Consolidated List write them, reduced to ISO
3166 alpha-3 codes (pycountry), so that "North Korea", "DPRK", "KP" and "Democratic
People's Republic of Korea" agree."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry

ALIASES = {
    "dprk": "PRK",
    "rok": "KOR",
    "republic of korea": "KOR",
    "russia": "RUS",
    "uk": "GBR",
    "britain": "GBR",
    "great britain": "GBR",
    "us": "USA",
    "uae": "ARE",
    "ivory coast": "CIV",
    "turkey": "TUR",
    "palestine": "PSE",
    "state of palestine": "PSE",
    "drc": "COD",
    "dr congo": "COD",
    "democratic republic of the congo": "COD",
    "burma": "MMR",
    "swaziland": "SWZ",
    "macedonia": "MKD",
    "cape verde": "CPV",
    "east timor": "TLS",
    "vatican": "VAT",
    "kosovo": "XKX",
    "ussr": "SUN",
    "soviet union": "SUN",
    "former soviet union": "SUN",
}
"""Common names the ISO tables do not hold (SUN: the Soviet Union's former code)."""

UNKNOWN = frozenset({"na", "n/a", "n.a", "none", "unknown", "stateless", "-"})
"""What the list writes where it knows no nationality ("na" is not Namibia)."""


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """The alpha-3 code of a country name or code ("North Korea", "KP", "Iran (Islamic
    Republic of)"); None if it is none we know."""
    cleaned = " ".join(text.replace("’", "'").split()).strip(" .")
    if not cleaned or cleaned.lower() in UNKNOWN:
        return None
    # People write Cote d'Ivoire and Turkiye without their accents.
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", cleaned) if not unicodedata.combining(c)
    )
    tried = [cleaned, plain] if plain != cleaned else [cleaned]
    # The UN writes "Iran (Islamic Republic of)": also try "Islamic Republic of Iran", "Iran".
    found = re.fullmatch(r"(.+?)\s*\((.+)\)", cleaned)
    if found:
        tried += [f"{found[2]} {found[1]}", found[1]]
    for name in tried:
        alias = ALIASES.get(name.lower())
        if alias:
            return alias
        try:
            return str(pycountry.countries.lookup(name).alpha_3)
        except LookupError:
            continue
    return _BY_PLAIN_NAME.get(plain.lower())


_BY_PLAIN_NAME = {
    "".join(
        c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
    ).lower(): country.alpha_3
    for country in pycountry.countries
    for name in (
        country.name,
        getattr(country, "common_name", ""),
        getattr(country, "official_name", ""),
    )
    if name
}
"""ISO names without their accents: Cote d'Ivoire, Turkiye."""
