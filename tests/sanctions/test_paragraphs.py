"""Every operative paragraph the 1718 regime cites, checked against the official English text
of the nine DPRK sanctions resolutions (UN DGACM's Akoma Ntoso files, tests/data/akn_dprk):
the paragraph (and its subparagraph) exists, and its text says what the change claims."""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources
from pathlib import Path

import pytest
import yaml

OFFICIAL = Path(__file__).parent.parent / "data" / "akn_dprk" / "dprk_operative_paragraphs.csv"

# What each measure's paragraph must say (a word of the official text, case-insensitive).
SAYS = {
    "arms-embargo": r"battle tanks|all arms",
    "wmd-missile-items": r"weapons of mass destruction|INFCIRC",
    "luxury-goods-ban": r"luxury goods",
    "asset-freeze": r"freeze",
    "travel-ban": r"entry into or transit",
    "sanctions-committee": r"Committee",
    "designations": r"designat",
    "panel-of-experts": r"Panel of Experts",
    "financial-services-ban": r"financial services|bulk cash",
    "cargo-inspection": r"inspect",
    "aviation-fuel-ban": r"aviation fuel",
    "coal-export-cap": r"coal",
    "coal-iron-export-ban": r"coal|iron",
    "helicopters-vessels-import-ban": r"helicopters",
    "trade-financing-ban": r"financial support .* for trade",
    "overseas-workers": r"work authorizations|repatriate",
    "joint-ventures": r"joint ventures",
    "crude-oil-freeze": r"crude oil",
    "crude-oil-cap": r"crude oil",
    "refined-petroleum-cap": r"refined petroleum",
    "sectoral-export-ban": r"food and agricultural products",
    "maritime-seize-inspect-impound": r"vessel",
    "oil-restriction-trigger": r"intercontinental ranges.*petroleum",
    "lead-export-ban": r"lead and lead ore",
    "seafood-export-ban": r"seafood",
    "condensates-ngl-ban": r"condensates",
    "textiles-export-ban": r"textiles",
}


@cache
def official() -> dict[str, dict[str, str]]:
    """Resolution number -> operative paragraph number -> its whole text (subparagraphs and
    continuation rows joined)."""
    paragraphs: dict[str, dict[str, str]] = {}
    with OFFICIAL.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            number = re.match(r"S/RES/(\d+)", row["symbol"])
            assert number is not None
            ops = paragraphs.setdefault(number.group(1), {})
            ops[row["parent_op"]] = (ops.get(row["parent_op"], "") + " " + row["text"]).strip()
    return paragraphs


def subparagraph(text: str, marker: str) -> str:
    """The part of ``text`` from ``(marker)`` to the next sibling marker (``(d)`` runs to
    ``(e)``, ``(iii)`` to ``(iv)``); an AssertionError if the marker is absent."""
    start = text.find(f"({marker})")
    assert start >= 0, f"no subparagraph ({marker})"
    romans = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
    following = romans[romans.index(marker) + 1] if marker in romans else chr(ord(marker) + 1)
    end = text.find(f"({following})", start + 1)
    return text[start:] if end < 0 else text[start:end]


def cited_parts(paragraph: str) -> list[tuple[str, list[str]]]:
    """``"8(a)(iii), 8(b)"`` -> ``[("8", ["a", "iii"]), ("8", ["b"])]``; ``"9-15"`` -> 9 to 15."""
    parts: list[tuple[str, list[str]]] = []
    for piece in (p.strip() for p in paragraph.split(",")):
        span = re.fullmatch(r"(\d+)-(\d+)", piece)
        if span:
            parts += [(str(n), []) for n in range(int(span[1]), int(span[2]) + 1)]
            continue
        one = re.fullmatch(r"(\d+)((?:\([a-z]+\))*)", piece)
        assert one, f"paragraph {piece!r} is not a number, a span or a number with subparagraphs"
        parts.append((one[1], re.findall(r"\(([a-z]+)\)", one[2])))
    return parts


def cited_changes() -> list[tuple[str, str, str]]:
    """(resolution number, paragraph, measure) for each change of the nine resolutions that
    names a paragraph."""
    text = resources.files("unsc.law").joinpath("data/sanctions/1718.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    found = []
    for change in data["changes"] + data.get("drafts", []):
        number = re.match(r"S/RES/(\d+)", change["resolution"])
        if number and number.group(1) in official() and change["paragraph"] is not None:
            found.append((number.group(1), str(change["paragraph"]), change["measure"]))
    return found


def test_the_official_text_holds_the_nine_resolutions() -> None:
    counts = {number: len(ops) for number, ops in official().items()}
    assert counts == {
        "1718": 17, "1874": 34, "2087": 20, "2094": 37, "2270": 52,
        "2321": 50, "2371": 30, "2375": 33, "2397": 29,
    }  # fmt: skip


def test_the_nine_resolutions_cite_at_least_twenty_paragraphs() -> None:
    assert len(cited_changes()) >= 20


@pytest.mark.parametrize(("resolution", "paragraph", "measure"), cited_changes())
def test_each_cited_paragraph_is_in_the_official_text_and_says_so(
    resolution: str, paragraph: str, measure: str
) -> None:
    key = next((k for k in SAYS if measure == k or measure.startswith(k + "-")), None)
    assert key is not None, f"{measure}: add what its paragraph must say to SAYS"
    texts = []
    for number, subs in cited_parts(paragraph):
        text = official()[resolution].get(number)
        assert text is not None, f"S/RES/{resolution} has no OP{number}"
        for marker in subs:
            text = subparagraph(text, marker)
        texts.append(text)
    assert any(re.search(SAYS[key], t, re.IGNORECASE | re.DOTALL) for t in texts), (
        f"S/RES/{resolution} OP{paragraph} does not say /{SAYS[key]}/ ({measure})"
    )


def test_the_petroleum_trigger_is_2397_op28() -> None:
    assert ("2397", "28", "oil-restriction-trigger") in cited_changes()
    assert "intercontinental ranges" in official()["2397"]["28"]
    assert "peaceful, diplomatic, and political solution" in official()["2397"]["27"]
