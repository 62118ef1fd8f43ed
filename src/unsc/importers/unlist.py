"""The UN Security Council Consolidated List, read from its XML (the Council's own format,
schema sc-sanctions.xsd). Entity expansion and external references are refused."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from unsc.importers.textfiles import RowError
from unsc.sanctions.listing import Alias, BirthDate, Document, Entry, Quality, Snapshot

DATA_PACKAGE = "unsc.data.unlist"
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
BUNDLED = "consolidated_2024-09-26.xml"


def _text(element: Element | None) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def _values(element: Element, tag: str) -> tuple[str, ...]:
    return tuple(
        v for node in element.findall(tag) for x in node.findall("VALUE") if (v := _text(x))
    )


def parse_list(data: bytes, filename: str) -> Snapshot:
    """Every entry of the file, or an error naming the line."""
    try:
        root = fromstring(data)
    except ParseError as err:
        line = err.position[0] if err.position else 1
        raise RowError(filename, line, "xml", f"not well-formed XML ({err})") from None
    except DefusedXmlException as err:
        raise RowError(filename, 1, "xml", f"refused: {err}") from None
    if root.tag != "CONSOLIDATED_LIST":
        raise RowError(filename, 1, root.tag, "expected the Consolidated List (CONSOLIDATED_LIST)")
    entries = []
    for kind, path in (("individual", "INDIVIDUALS/INDIVIDUAL"), ("entity", "ENTITIES/ENTITY")):
        for node in root.findall(path):
            entries.append(_entry(node, kind, filename))
    return Snapshot(root.get("dateGenerated", ""), tuple(entries))


def _entry(node: Element, kind: str, filename: str) -> Entry:
    reference = _text(node.find("REFERENCE_NUMBER"))
    if not reference:
        dataid = _text(node.find("DATAID"))
        raise RowError(filename, 1, "REFERENCE_NUMBER", f"missing for DATAID {dataid}")
    parts = tuple(
        p
        for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
        if (p := _text(node.find(tag)))
    )
    aliases = []
    for alias in node.findall(f"{kind.upper()}_ALIAS"):
        name = _text(alias.find("ALIAS_NAME"))
        if not name:
            continue
        try:
            quality = Quality.from_list(_text(alias.find("QUALITY")) or "a.k.a.")
        except ValueError as err:
            raise RowError(filename, 1, f"{reference} QUALITY", str(err)) from None
        aliases.append(Alias(name, quality))
    births = []
    # Other dates of birth sit in an alias element of their own in lists since about 2021.
    for alias in node.findall(f"{kind.upper()}_ALIAS"):
        text = _text(alias.find("DATE_OF_BIRTH"))
        years = [int(y) for y in YEAR.findall(text)]
        if years:
            births.append(
                BirthDate("EXACT" if len(years) == 1 else "BETWEEN", text, min(years), max(years))
            )
    for birth in node.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        kind_of = _text(birth.find("TYPE_OF_DATE")) or "EXACT"
        date, year = _text(birth.find("DATE")), _text(birth.find("YEAR"))
        low, high = _text(birth.find("FROM_YEAR")), _text(birth.find("TO_YEAR"))
        if date:
            births.append(BirthDate(kind_of, date[:10], int(date[:4]), int(date[:4])))
        elif year:
            births.append(BirthDate(kind_of, year, int(year), int(year)))
        elif low and high:
            births.append(BirthDate(kind_of, f"{low}-{high}", int(low), int(high)))
    documents = tuple(
        Document(
            _text(d.find("TYPE_OF_DOCUMENT")),
            _text(d.find("NUMBER")),
            _text(d.find("ISSUING_COUNTRY")) or _text(d.find("COUNTRY_OF_ISSUE")),
        )
        for d in node.findall("INDIVIDUAL_DOCUMENT")
        if _text(d.find("NUMBER"))
    )
    return Entry(
        reference=reference,
        kind=kind,
        regime=_text(node.find("UN_LIST_TYPE")),
        name=" ".join(parts),
        name_parts=parts,
        original_script=_text(node.find("NAME_ORIGINAL_SCRIPT")),
        aliases=tuple(aliases),
        birth_dates=tuple(sorted(set(births), key=lambda b: b.text)),
        nationalities=_values(node, "NATIONALITY"),
        documents=documents,
        listed_on=_text(node.find("LISTED_ON")),
        updated=_values(node, "LAST_DAY_UPDATED"),
        designations=_values(node, "DESIGNATION"),
        comments=_text(node.find("COMMENTS1")),
    )


def read_list(path: Path) -> Snapshot:
    return parse_list(path.read_bytes(), path.name)


@lru_cache(maxsize=1)
def bundled_list() -> Snapshot:
    """The snapshot shipped with unsc (generated 2024-09-26)."""
    data = resources.files(DATA_PACKAGE).joinpath(BUNDLED).read_bytes()
    return parse_list(data, BUNDLED)
