"""Every operative paragraph the 1718 regime cites, checked against the official English text
bundled with the app (UN DGACM's Akoma Ntoso files, src/unsc/data/official_text): the nine
DPRK sanctions resolutions and the other resolutions the regime cites (the Panel of Experts'
renewals, 2356). Every change cites a paragraph or says why none exists; each cited paragraph
(and subparagraph) exists, and its text says what the change claims: the words the change
lists in ``quote_must_contain``, the word its measure rests on, and every limit figure."""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml

OFFICIAL = resources.files("unsc.data.official_text").joinpath("dprk_paragraphs.csv")

# Forums, content farms, mirrors, document-sharing sites and blogs: never a source of a fact.
NOT_A_SOURCE = (
    "5ch.net", "celebcafe.org", "profilpelajar.com", "pdfslide.us", "socialnews.xyz",
    "fashionnetwork.com", "unacademy.com", "docslib.org", "cloudflare-ipfs.com", "owiki.org",
    "wordscope.be", "plnmw.com", "nhub.news", "maeeshat.in", "infosurhoy.com",
    "nirpumbrella.com", "oilnewsjournal.com", "worldenergynews.com", "investing.com",
    "noticiabrasil.net.br", "freekorea.us", "wordpress.com", "comcapint.com",
    "amitiefrancecoree.org", "nie.org.tw", "betterregulation.com", "heraldk.com",
)  # fmt: skip

# What each measure's paragraph must say (a word of the official text, case-insensitive).
SAYS = {
    "arms-embargo": r"battle tanks|all arms",
    "wmd-missile-items": r"weapons of mass destruction|INFCIRC",
    "luxury-goods-ban": r"luxury goods",
    "asset-freeze": r"freeze",
    "travel-ban": r"entry into or transit",
    "sanctions-committee": r"Committee",
    "designations": r"designat|annex",
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
    "technical-training-services-ban": r"technical training",
    "financial-measures": r"financial",
    "trigger-significant-action": r"significant action",
    "bank-branches-restrictions": r"branches",
    "minerals-export-ban": r"gold",
    "metals-statues-export-ban": r"copper",
    "diplomatic-mission-restrictions": r"diplomatic",
    "vessel-designation-port-ban": r"vessels",
    "high-seas-inspection": r"high seas",
    "sectoral-import-ban": r"industrial machinery",
}


@cache
def official() -> dict[str, dict[str, str]]:
    """Resolution number -> operative paragraph number -> its whole text (subparagraphs and
    continuation rows joined)."""
    paragraphs: dict[str, dict[str, str]] = {}
    with OFFICIAL.open(encoding="utf-8", newline="") as handle:
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


@cache
def regime() -> dict[str, Any]:
    text = resources.files("unsc.law").joinpath("data/sanctions/1718.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def cited_changes() -> list[tuple[str, str, str]]:
    """(resolution number, paragraph, measure) for each change of the nine resolutions that
    names a paragraph."""
    found = []
    for change in regime()["changes"] + regime().get("drafts", []):
        number = re.match(r"S/RES/(\d+)", change["resolution"])
        if number and number.group(1) in official() and change["paragraph"] is not None:
            found.append((number.group(1), str(change["paragraph"]), change["measure"]))
    return found


def cited_text(resolution: str, paragraph: str) -> list[str]:
    """The official text of each part of ``paragraph`` of ``resolution``, narrowed to its
    subparagraphs; an AssertionError naming what the official text does not show."""
    texts = []
    for number, subs in cited_parts(paragraph):
        text = official().get(resolution, {}).get(number)
        assert text is not None, f"S/RES/{resolution} has no OP{number} in the official text"
        for marker in subs:
            text = subparagraph(text, marker)
        texts.append(text)
    return texts


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).casefold()


def figures(amount: float) -> tuple[str, ...]:
    """How the official text may write a limit: 4,000,000 or 4 million."""
    whole = f"{int(amount):,}"
    return (whole, f"{amount / 1e6:g} million") if amount % 1e6 == 0 else (whole,)


def label(change: dict[str, Any]) -> str:
    return f"{change['resolution']} {change['measure']}"


def test_the_official_text_holds_the_nine_resolutions() -> None:
    nine = ("1718", "1874", "2087", "2094", "2270", "2321", "2371", "2375", "2397")
    counts = {number: len(official()[number]) for number in nine}
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


@pytest.mark.parametrize("change", regime()["changes"], ids=label)
def test_every_change_cites_a_paragraph_of_the_official_text_or_says_why_none(
    change: dict[str, Any],
) -> None:
    paragraph, reason = change.get("paragraph"), change.get("no_paragraph")
    assert (paragraph is None) != (reason is None), (
        f"{label(change)}: cite the operative paragraph (paragraph:) or say why none exists "
        "(no_paragraph:), not both and not neither"
    )
    if paragraph is None:
        assert str(reason).strip(), f"{label(change)}: no_paragraph needs a reason"
        return
    number = re.fullmatch(r"S/RES/(\d+) \(\d{4}\)", change["resolution"])
    assert number, f"{label(change)}: only a resolution's paragraph can be cited"
    texts = [plain(t) for t in cited_text(number[1], str(paragraph))]
    whole = " ".join(texts)
    for words in change.get("quote_must_contain") or ():
        assert plain(words) in whole, f"{label(change)}: OP{paragraph} does not say {words!r}"
    for phase in change.get("phases") or ():
        for limit in phase["limits"]:
            assert any(f in whole for f in figures(limit["amount"])), (
                f"{label(change)}: OP{paragraph} does not give the limit {limit['amount']:,.0f}"
            )
    key = next((k for k in SAYS if re.fullmatch(rf"{k}(-.+)?", change["measure"])), None)
    assert change.get("quote_must_contain") or key, (
        f"{label(change)}: list the words its paragraph must say (quote_must_contain:)"
    )
    if key:
        assert re.search(SAYS[key], whole, re.IGNORECASE | re.DOTALL), (
            f"{label(change)}: OP{paragraph} does not say /{SAYS[key]}/"
        )


def test_all_seventy_nine_changes_cite_a_paragraph() -> None:
    changes = regime()["changes"]
    assert len(changes) == 79
    assert sum(c["paragraph"] is not None for c in changes) == 79


def test_the_caps_rest_on_their_figures() -> None:
    assert "4 million barrels" in official()["2397"]["4"]
    assert "500,000 barrels" in official()["2397"]["5"]
    assert "1,000,866 metric tons" in subparagraph(official()["2321"]["26"], "b")


@pytest.mark.parametrize("change", regime()["changes"] + regime()["drafts"], ids=label)
def test_no_fact_is_read_from_a_forum_or_content_farm(change: dict[str, Any]) -> None:
    for url in change["sources"]:
        host = urlparse(url).netloc.lower()
        assert not any(host == d or host.endswith("." + d) for d in NOT_A_SOURCE), (
            f"{label(change)}: {url} is not a source of record"
        )


def test_the_official_text_holds_the_other_resolutions_the_regime_cites() -> None:
    cited = {re.sub(r"\D", "", c["resolution"].split()[0]) for c in regime()["changes"]}
    assert cited <= set(official())
    assert "7 April 2014" in official()["2094"]["29"]
