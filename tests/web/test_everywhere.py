"""Every page, as a phone and a screen reader meet it: no sideways scroll at 390 px, and no
serious or critical accessibility violation found by axe-core (from the npm registry, locked
in tests/a11y/, injected into each page)."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page

AXE = Path(__file__).parents[1] / "a11y" / "node_modules" / "axe-core" / "axe.min.js"

PAGES = [
    "/",
    "/votes",
    "/votes?member=China&outcome=vetoed",
    "/votes/3030",
    "/vetoes",
    "/members",
    "/members/CHN",
    "/dprk",
    "/sanctions",
    "/sanctions?on=2018-01-01&draft=S/2022/431",
    "/screen",
    "/screen?name=Kim+Jong+Un",
    "/search?q=Korea",
    "/sources",
    "/live",
    "/resolutions/2397",
    "/resolutions?subject=KOREA",
    "/meetings",
    "/meetings?agenda=Korea&type=public",
    "/meetings/S/PV.9048",
    "/statements",
    "/statements/S/PRST/2017/16",
    "/drafts/S/2024/255",
    "/whatif?rule=no-veto",
    "/alignment?from=2020-01-01&to=2022-12-31",
    "/power",
    "/power?on=1950-06-27",
    "/power?reform=uniting-for-consensus",
    "/not-a-page",
]
"""Every page a reader reaches from the menu, with a filled-in form where one exists."""


def live_pages(server: str) -> list[str]:
    """A live session's chair console, a delegation's phone and the projector."""
    body = json.dumps({"title": "Check", "date": "2022-05-26"}).encode()
    request = urllib.request.Request(
        server + "/api/sessions", body, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request) as answer:
        created: dict[str, Any] = json.load(answer)
    return [
        created["chair_url"],
        created["projector_url"],
        created["delegations"][0]["url"],
    ]


def horizontal_overflow(page: Page) -> list[str]:
    """The page's width beyond the viewport, and the widest elements that cause it."""
    return list(
        page.evaluate(
            """() => {
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= width) return [];
              const culprits = [];
              for (const el of document.querySelectorAll('body *')) {
                const box = el.getBoundingClientRect();
                if (box.right > width + 1 && !el.closest('.scroll, figure')) {
                  const cls = typeof el.className === 'string' && el.className
                    ? '.' + el.className.split(' ').join('.') : '';
                  const id = el.id ? '#' + el.id : '';
                  culprits.push(
                    `${el.tagName.toLowerCase()}${id}${cls} right=${Math.round(box.right)}`);
                }
              }
              const total = document.documentElement.scrollWidth;
              return [`scrollWidth=${total}`, ...culprits.slice(0, 8)];
            }"""
        )
    )


@pytest.fixture
def phone(browser: Browser) -> Any:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(phone: Page, server: str, path: str) -> None:
    phone.goto(server + path)
    phone.wait_for_load_state("networkidle")
    overflow = horizontal_overflow(phone)
    assert not overflow, f"{path}: " + "; ".join(overflow)


def test_no_live_page_scrolls_sideways_on_a_phone(phone: Page, server: str) -> None:
    for path in live_pages(server):
        phone.goto(server + path)
        phone.wait_for_load_state("networkidle")
        overflow = horizontal_overflow(phone)
        assert not overflow, f"{path}: " + "; ".join(overflow)


def axe_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at "
        + ", ".join(str(n["target"]) for n in v["nodes"][:4])
        for v in result
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_passes_axe(browser: Browser, server: str, width: int) -> None:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing: run bash scripts/system-deps.sh ({AXE})")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    found = {}
    for path in [*PAGES, *live_pages(server)]:
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    context.close()
    assert not found, "\n".join(f"{path}: {v}" for path, vs in found.items() for v in vs)


CHART_PAGES = [
    "/vetoes",
    "/members/CHN",
    "/dprk",
    "/sanctions",
    "/sanctions?draft=S/2022/431",
    "/meetings",
    "/statements",
    "/resolutions",
    "/whatif?rule=no-veto",
    "/alignment?from=2020-01-01&to=2022-12-31",
    "/power",
]


@pytest.mark.parametrize("path", CHART_PAGES)
def test_no_chart_text_is_clipped_at_1280_px(browser: Browser, server: str, path: str) -> None:
    """Every label, legend and note of every chart lies inside its chart (the veto chart's
    legend ran past its right edge)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + path)
    clipped = page.evaluate(
        """() => {
          const out = [];
          for (const svg of document.querySelectorAll('svg.chart')) {
            const frame = svg.getBoundingClientRect();
            for (const t of svg.querySelectorAll('text')) {
              const box = t.getBoundingClientRect();
              if (box.width && (box.right > frame.right + 1 || box.left < frame.left - 1)) {
                out.push(`${svg.getAttribute('aria-label').slice(0, 40)}: "${t.textContent}"`);
              }
            }
          }
          return out;
        }"""
    )
    context.close()
    assert clipped == []


def test_every_chart_has_a_text_alternative(page: Page, server: str) -> None:
    for path in CHART_PAGES:
        page.goto(server + path)
        labels = page.locator("svg.chart").evaluate_all(
            "els => els.map(e => [e.getAttribute('role'), e.getAttribute('aria-label')])"
        )
        assert labels, path
        for role, label in labels:
            assert role in ("img", "group") and label and len(label) > 40, (path, label)


def tab_to(page: Page, target: Locator, limit: int = 120) -> None:
    """Press Tab until ``target`` has the focus, as a keyboard user would reach it."""
    for _ in range(limit):
        if target.evaluate("e => e === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{target} cannot be reached with the Tab key")


def test_a_vote_by_keyboard_alone(browser: Browser, server: str) -> None:
    """The chair opens a vote, a delegation casts its ballot, the chair takes the roll call
    and closes the vote: Tab, typing, Enter and Space only, no pointer."""
    body = json.dumps({"title": "Keyboard", "date": "2022-05-26"}).encode()
    request = urllib.request.Request(
        server + "/api/sessions", body, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request) as answer:
        created: dict[str, Any] = json.load(answer)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    chair, phone = context.new_page(), context.new_page()
    chair.goto(server + created["chair_url"])
    phone.goto(server + created["delegations"][0]["url"])
    for page in (chair, phone):
        page.locator("#status").filter(has_text="Connected.").wait_for()

    tab_to(chair, chair.get_by_role("button", name="All present"))
    chair.keyboard.press("Enter")
    tab_to(chair, chair.get_by_label("Put to the vote"))
    chair.keyboard.type("S/2022/431")
    tab_to(chair, chair.get_by_role("button", name="Open the vote"))
    chair.keyboard.press("Enter")
    chair.locator("#grid-summary").filter(has_text="0 of 15 have voted").wait_for()

    no = phone.get_by_role("button", name="No", exact=True)
    phone.wait_for_function("() => !document.querySelector('button[data-cast=no]').disabled")
    tab_to(phone, no)
    phone.keyboard.press("Space")
    phone.locator("#mine").filter(has_text="Your vote is recorded: No").wait_for()
    chair.locator("#grid-summary").filter(has_text="1 of 15 have voted").wait_for()

    tab_to(chair, chair.get_by_role("button", name="Close the vote"))
    chair.keyboard.press("Enter")
    chair.locator("#outcome").filter(has_text="has not been adopted").wait_for()
    # What has the focus is always visible: an outline the user can see.
    outline = chair.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    context.close()


def test_screening_results_read_on_a_phone_without_scrolling(phone: Page, server: str) -> None:
    """Each candidate is a card: its score, listed name and explanation lie within the
    screen (they were cut off in a table scrolled sideways)."""
    phone.goto(server + "/screen?name=Abu+Hamza+Al-Masri")
    cells = phone.locator("#table-candidates td")
    assert cells.count() > 10
    outside = cells.evaluate_all(
        "els => els.filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
        ".map(e => e.dataset.label)"
    )
    assert outside == []
    first = phone.locator("#table-candidates tbody tr").first
    assert "QDi.067" in first.inner_text() and "0.875" in first.inner_text()
    labels = first.locator("td").evaluate_all(
        "els => els.map(e => getComputedStyle(e, '::before').content)"
    )
    assert '"Why"' in labels and '"Listed name"' in labels
