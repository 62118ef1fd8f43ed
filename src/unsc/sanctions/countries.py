"""Country names and codes as people and the Consolidated List write them, reduced to ISO
3166 alpha-3 codes (pycountry), so that "North Korea", "DPRK", "KP" and "Democratic
People's Republic of Korea" agree."""

from __future__ import annotations

import re
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


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """The alpha-3 code of a country name or code ("North Korea", "KP", "Iran (Islamic
    Republic of)"); None if it is none we know."""
    cleaned = " ".join(text.replace("’", "'").split()).strip(" .")
    if not cleaned:
        return None
    tried = [cleaned]
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
    return None
