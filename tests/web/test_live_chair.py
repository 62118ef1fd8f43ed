"""What a chair, a delegate and a room see, in headless Chromium: the chair's seat-by-seat
grid filling in as the Council of 26 May 2022 votes on S/2022/431, the phone's confirmation
naming its vote, the projector after the close (every member's vote, the outcome, the
vetoing members, in large type, without the site's menu); and a Model UN set-up: a printable
sheet of cards with QR codes, a CSV of the links, the public address in links and codes (a
loopback address warned of), a roster's own name and threshold, roll call all present then
exceptions."""

from __future__ import annotations

import csv
import io
import os
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import zxingcpp
from playwright.sync_api import Browser, Locator, Page, expect

from unsc.service.database import open_database

UNSC = str(Path(__file__).resolve().parents[2] / ".venv/bin/unsc")
VETOED = "People's Republic of China, Russian Federation"


def open_page(browser: Browser, url: str, width: int = 1280) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url)
    expect(page.locator("#status")).to_have_text("Connected.")
    return page


def cast(server: str, created: dict[str, Any], seat: str, vote: str) -> None:
    token = next(d["token"] for d in created["delegations"] if d["seat"] == seat)
    answer = httpx.post(
        f"{server}/api/sessions/{created['id']}/commands",
        json={"command": "cast", "data": {"cast": vote, "ballot_id": f"api-{seat}"}},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 200, answer.text


def qr_text(code: Locator) -> str:
    """The text of a QR code as the page draws it: its SVG painted on a canvas, the pixels
    decoded by zxing-cpp."""
    pixels = code.evaluate(
        """async (svg) => {
          const xml = new XMLSerializer().serializeToString(svg);
          const image = new Image();
          image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(xml);
          await image.decode();
          const scale = 4, margin = 24;
          const canvas = document.createElement("canvas");
          canvas.width = image.width * scale + 2 * margin;
          canvas.height = image.height * scale + 2 * margin;
          const context = canvas.getContext("2d");
          context.imageSmoothingEnabled = false;
          context.fillStyle = "white";
          context.fillRect(0, 0, canvas.width, canvas.height);
          context.drawImage(image, margin, margin, image.width * scale, image.height * scale);
          const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
          const grey = [];
          for (let i = 0; i < rgba.length; i += 4) grey.push(rgba[i]);
          return { width: canvas.width, height: canvas.height, grey: grey };
        }"""
    )
    image = np.array(pixels["grey"], dtype=np.uint8).reshape(pixels["height"], pixels["width"])
    found = zxingcpp.read_barcodes(image)
    assert found, "no QR code could be read"
    text: str = found[0].text
    return text


def test_the_chairs_grid_the_phones_confirmation_and_the_projector_after_the_close(
    browser: Browser, server: str
) -> None:
    created: dict[str, Any] = httpx.post(
        server + "/api/sessions", json={"date": "2022-05-26"}
    ).json()
    chair = open_page(browser, server + created["chair_url"])
    projector = open_page(browser, server + created["projector_url"])
    phones = {
        d["seat"]: open_page(browser, server + d["url"], width=390)
        for d in created["delegations"]
        if d["seat"] in ("CHN", "USA")
    }
    # The projector is for the room: no site menu, no search box, large type.
    expect(projector.locator("header nav")).to_have_count(0)
    expect(projector.locator("#q")).to_have_count(0)
    chair.get_by_label("Put to the vote").fill("S/2022/431")
    chair.get_by_role("button", name="Open the vote").click()
    grid = chair.locator("#grid")
    expect(grid.locator("tbody tr")).to_have_count(15)
    expect(grid.locator("tr[data-seat=CHN] .cast")).to_have_text("not yet")
    expect(chair.locator("#grid-summary")).to_have_text("0 of 15 have voted")

    phones["CHN"].get_by_role("button", name="No", exact=True).click()
    expect(phones["CHN"].locator("#mine")).to_have_text(
        "Your vote is recorded: No, on vote 1 (S/2022/431)."
    )
    expect(grid.locator("tr[data-seat=CHN] .cast")).to_have_text("no")
    phones["USA"].get_by_role("button", name="Yes", exact=True).click()
    expect(phones["USA"].locator("#mine")).to_contain_text("Your vote is recorded: Yes")
    expect(grid.locator("tr[data-seat=USA] .cast")).to_have_text("yes")
    expect(chair.locator("#grid-summary")).to_have_text("2 of 15 have voted")
    # While the vote is open the room sees the tally, not who voted what.
    expect(projector.locator("#line")).to_contain_text("9 needed — 1 so far")
    expect(projector.locator("#grid")).to_be_hidden()

    for d in created["delegations"]:
        if d["seat"] not in phones:
            cast(server, created, d["seat"], "no" if d["seat"] == "RUS" else "yes")
    expect(chair.locator("#grid-summary")).to_have_text("15 of 15 have voted")
    expect(grid.locator("tr[data-seat=RUS] .cast")).to_have_text("no")
    chair.get_by_role("button", name="Close the vote").click()

    expect(projector.locator("#grid")).to_be_visible()
    rows = projector.locator("#grid tbody tr")
    expect(rows).to_have_count(15)
    expect(projector.locator("#grid tr[data-seat=CHN] .cast")).to_have_text("no")
    expect(projector.locator("#grid tr[data-seat=RUS] .cast")).to_have_text("no")
    expect(projector.locator("#grid tr[data-seat=FRA] .cast")).to_have_text("yes")
    expect(projector.locator("#outcome")).to_contain_text(
        "The draft resolution has not been adopted, owing to the negative vote of a "
        "permanent member of the Council."
    )
    expect(projector.locator("#outcome")).to_contain_text(f"Vetoed by {VETOED}")
    expect(projector.locator("#line")).to_contain_text("in favour 13, against 2")
    size = projector.locator("#line").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 32, f"the projector's tally is {size}px"
    # After the close: the result, the outcome naming the vetoing members (said once), and
    # every member's vote, all on one screen of the room (nobody scrolls a projector).
    expect(projector.locator("#line")).to_have_text(
        "Closed: in favour 13, against 2, abstaining 0 (9 needed)"
    )
    expect(projector.locator("#veto")).to_have_text("")
    assert projector.evaluate("document.documentElement.scrollHeight <= window.innerHeight")
    # Readable across the room and on a phone alike: nothing scrolls sideways.
    for page in (projector, phones["CHN"], chair):
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    # The phone keeps saying what it cast once the vote is closed.
    expect(phones["CHN"].locator("#mine")).to_have_text(
        "Your vote was recorded: No, on vote 1 (S/2022/431)."
    )


def test_model_un_set_up_print_sheet_csv_public_address_threshold_and_roll_call(
    page: Page, server: str
) -> None:
    page.goto(server + "/live")
    address = page.get_by_label("Address phones use to reach this server")
    expect(address).to_have_value(server)  # the address this page was opened at
    expect(page.locator("#loopback")).to_contain_text("Phones cannot reach 127.0.0.1")
    page.get_by_label("Name of the meeting").fill("Model UN, committee A")
    page.get_by_label("Or a custom roster").fill(
        "*Atlantis\nBorduria\nSyldavia\nRuritania\nFreedonia\nGrand Fenwick\nLatveria"
    )
    page.get_by_label("Votes needed").fill("4")
    address.fill("http://192.168.1.20:8000/")
    page.get_by_role("button", name="Create the session").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Model UN, committee A")
    expect(page.locator("#loopback")).to_have_count(0)
    cards = page.locator(".card")
    expect(cards).to_have_count(7)
    expect(cards.first).to_contain_text("Atlantis")
    links = [a.get_attribute("href") or "" for a in page.locator(".card a.link").all()]
    assert len(links) == 7
    assert all(link.startswith("http://192.168.1.20:8000/live/") for link in links), links
    assert qr_text(cards.nth(1).locator("svg")) == links[1]  # Borduria's own link

    # The printable sheet: the cards only, each kept whole on its page.
    page.emulate_media(media="print")
    expect(page.locator("header")).to_be_hidden()
    expect(page.locator("#print")).to_be_hidden()
    expect(cards).to_have_count(7)
    assert cards.first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    page.emulate_media(media="screen")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the links (CSV)").click()
    assert download.value.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert [r["role"] for r in rows] == ["chair", "projector"] + ["delegation"] * 7
    assert [r["delegation"] for r in rows[2:4]] == ["Atlantis", "Borduria"]
    assert [r["link"] for r in rows[2:]] == links
    assert rows[0]["link"].startswith("http://192.168.1.20:8000/live/")

    # The chair's console names the meeting and its threshold; roll call, all at once.
    chair_link = rows[0]["link"].replace("http://192.168.1.20:8000", server)
    page.goto(chair_link)
    expect(page.locator("#status")).to_have_text("Connected.")
    expect(page.locator("#council")).to_have_text(
        "Model UN, committee A: 7 members, 4 votes needed."
    )
    page.get_by_role("button", name="All present").click()
    grid = page.locator("#grid")
    expect(grid.locator(".presence")).to_have_text(["present"] * 7)
    page.get_by_label("Roll call").select_option(label="Borduria")
    page.get_by_label("Presence").select_option("absent")
    page.get_by_role("button", name="Record", exact=True).click()
    expect(grid.locator(".presence")).to_have_text(["present", "absent"] + ["present"] * 5)


def test_a_bad_threshold_or_address_on_the_set_up_page_is_explained(
    page: Page, server: str
) -> None:
    page.goto(server + "/live")
    page.get_by_label("Or a custom roster").fill("Atlantis\nBorduria\nSyldavia")
    page.get_by_label("Votes needed").fill("5")
    page.get_by_role("button", name="Create the session").click()
    expect(page.locator("main")).to_contain_text("threshold: between 1 and 3")
    page.goto(server + "/live")
    page.get_by_label("Address phones use to reach this server").fill("192.168.1.20")
    page.get_by_role("button", name="Create the session").click()
    expect(page.locator("main")).to_contain_text("such as http://192.168.1.20:8000")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_public_url_sets_the_address_in_links_and_codes(page: Page, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'unsc.sqlite3'}"
    open_database(url).engine.dispose()
    bad = subprocess.run(
        [UNSC, "serve", "--db", url, "--public-url", "phones.example"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert bad.returncode != 0 and "--public-url" in bad.stderr and "Traceback" not in bad.stderr
    port = free_port()
    public = "http://192.168.1.20:8000"
    process = subprocess.Popen(
        [UNSC, "serve", "--port", str(port), "--db", url, "--public-url", public + "/"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/api/council", timeout=1)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        page.goto(base + "/live")
        expect(page.get_by_label("Address phones use to reach this server")).to_have_value(public)
        expect(page.locator("#loopback")).to_have_count(0)
        page.get_by_role("button", name="Create the session").click()
        cards = page.locator(".card")
        expect(cards).to_have_count(15)
        link = cards.first.locator("a.link").get_attribute("href") or ""
        assert link.startswith(public + "/live/")
        assert qr_text(cards.first.locator("svg")) == link
        # A reissued link's code, from the chair's console, carries the address too.
        chair = page.locator("#chair-link").get_attribute("href") or ""
        page.goto(chair.replace(public, base))
        expect(page.locator("#status")).to_have_text("Connected.")
        seat = page.locator("#reissue-seat option").first.get_attribute("value") or ""
        page.get_by_label("New link for").select_option(seat)
        page.get_by_role("button", name="Reissue (the old link stops at once)").click()
        expect(page.locator("#new-link")).to_contain_text(public + "/live/")
        assert qr_text(page.locator("#new-qr svg")).startswith(public + "/live/")
    finally:
        process.kill()
        process.wait(timeout=10)
