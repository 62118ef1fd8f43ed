"""A live session in headless Chromium, one browser context per delegation: the Council of
26 May 2022 meets, votes, vetoes, fails to agree a statement, and eleven states sign a joint
statement. Every screen shows what the log says."""

from __future__ import annotations

from typing import Any

import httpx
from playwright.sync_api import Browser, Page, expect

VETO = "Vetoed by People's Republic of China, Russian Federation"
ELEVEN = ["USA", "ALB", "BRA", "FRA", "IRL", "NOR", "GBR", "ARE", "GAB", "GHA", "MEX"]


def open_page(browser: Browser, url: str, width: int = 1000) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url)
    expect(page.locator("#status")).to_have_text("Connected.")
    return page


def test_the_26_may_2022_meeting_on_every_screen(browser: Browser, server: str) -> None:
    created: dict[str, Any] = httpx.post(
        server + "/api/sessions", json={"date": "2022-05-26"}
    ).json()
    chair = open_page(browser, server + created["chair_url"])
    projector = open_page(browser, server + created["projector_url"])
    delegates = {
        d["seat"]: open_page(browser, server + d["url"], width=360) for d in created["delegations"]
    }
    screens = [chair, projector, *delegates.values()]
    expect(projector.locator("#council")).to_contain_text("President: United States")
    view_requests: list[str] = []
    projector.on(
        "request",
        lambda r: (
            view_requests.append(r.url)
            if r.url.endswith(f"/api/sessions/{created['id']}")
            else None
        ),
    )

    titles: list[str] = []

    def vote(title: str, kind: str) -> None:
        chair.get_by_label("Put to the vote").fill(title)
        chair.get_by_label("Question").select_option(kind)
        chair.get_by_role("button", name="Open the vote").click()
        for seat, page in delegates.items():
            button = "No" if seat in ("CHN", "RUS") else "Yes"
            page.get_by_role("button", name=button, exact=True).click()
            expect(page.locator("#mine")).to_have_text(
                f"Your vote is recorded: {button}, on vote {len(titles) + 1} ({title})."
            )
        expect(chair.locator("#line")).to_contain_text("9 needed — 13 so far")
        expect(projector.locator("#line")).to_contain_text("9 needed — 13 so far")
        if kind == "substantive":
            expect(projector.locator("#veto")).to_contain_text(
                "People's Republic of China, Russian Federation"
            )
        chair.get_by_role("button", name="Close the vote").click()
        titles.append(title)

    vote("Meeting in public", "procedural")
    for page in screens:
        expect(page.locator("#outcome")).to_have_text("The draft resolution has been adopted.")
    # Ballots carry the open tally: the projector followed fifteen of them without asking
    # for the whole view each time (it asks at the opening and at the close of the vote).
    assert len(view_requests) <= 6, view_requests
    vote("S/2022/431", "substantive")
    for page in screens:
        expect(page.locator("#outcome")).to_contain_text(
            "has not been adopted, owing to the negative vote of a permanent member"
        )
        expect(page.locator("#outcome")).to_contain_text(VETO)

    chair.locator("#statement").get_by_label("Text").fill("The Council condemns the launch.")
    chair.get_by_role("button", name="Start the silence procedure").click()
    for seat in ("CHN", "RUS"):
        delegates[seat].get_by_role("button", name="Break silence").click()
    expect(chair.locator("#statements")).to_contain_text("under silence procedure")
    chair.get_by_role("button", name="End the silence procedure").click()
    for page in screens:
        expect(page.locator("#statements")).to_contain_text(
            "No presidential statement has been agreed"
        )

    for seat in ELEVEN:
        chair.locator(f"#signatories input[value={seat}]").check()
    chair.locator("#joint").get_by_label("Text").fill("We condemn the launch.")
    chair.get_by_role("button", name="Record the joint statement").click()
    for page in screens:
        expect(page.locator("#statements")).to_contain_text(
            "Joint statement by 11 states (no Council status)"
        )


def test_the_setup_page_gives_links_and_codes(page: Page, server: str) -> None:
    page.goto(server + "/live")
    page.get_by_label("Name of the meeting").fill("Model UN, committee A")
    page.get_by_label("Or a custom roster").fill("*Atlantis\nBorduria\nSyldavia\nRuritania")
    page.get_by_role("button", name="Create the session").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Model UN, committee A")
    expect(page.locator(".card svg")).to_have_count(4)
    expect(page.locator(".card")).to_contain_text(["Atlantis", "Borduria", "Syldavia", "Ruritania"])


def test_roll_call_and_the_speakers_list_with_its_timer(browser: Browser, server: str) -> None:
    created: dict[str, Any] = httpx.post(
        server + "/api/sessions", json={"date": "2022-05-26"}
    ).json()
    chair = open_page(browser, server + created["chair_url"])
    projector = open_page(browser, server + created["projector_url"])
    chair.get_by_label("Roll call").select_option("GAB")
    chair.get_by_label("Presence").select_option("absent")
    chair.get_by_role("button", name="Record", exact=True).click()
    for seat in ("IND", "IRL"):
        chair.get_by_label("Add to the speakers list").select_option(seat)
        chair.get_by_role("button", name="Add", exact=True).click()
    expect(projector.locator("#speakers li")).to_have_text(["India", "Ireland"])
    chair.get_by_role("button", name="Give the floor to the next speaker").click()
    expect(projector.locator("#speaking")).to_contain_text("Speaking: India — 0:0")
    expect(projector.locator("#speakers li")).to_have_text(["Ireland"])
    gabon = next(d for d in created["delegations"] if d["seat"] == "GAB")
    chair.get_by_label("Put to the vote").fill("Agenda")
    chair.get_by_role("button", name="Open the vote").click()
    delegate = open_page(browser, server + gabon["url"], width=360)
    delegate.get_by_role("button", name="Yes", exact=True).click()
    expect(delegate.locator("#status")).to_contain_text("absent at the roll call")


def test_the_chair_corrects_a_closed_vote_and_reissues_a_link(
    browser: Browser, server: str
) -> None:
    created: dict[str, Any] = httpx.post(
        server + "/api/sessions", json={"date": "2022-05-26"}
    ).json()
    chair = open_page(browser, server + created["chair_url"])
    projector = open_page(browser, server + created["projector_url"])
    chair.get_by_label("Put to the vote").fill("Agenda")
    chair.get_by_label("Question").select_option("procedural")
    chair.get_by_role("button", name="Open the vote").click()
    expect(chair.locator("#line")).to_contain_text("open")
    chair.get_by_role("button", name="Close the vote").click()
    expect(projector.locator("#outcome")).to_contain_text("not been adopted")
    chair.get_by_label("Correct vote number").fill("1")
    chair.get_by_label("Delegation").select_option("KEN")
    chair.get_by_label("Recorded as").select_option("abstain")
    chair.get_by_label("Reason").fill("Kenya's delegate was in the room and abstained")
    chair.get_by_role("button", name="Record the correction").click()
    expect(projector.locator("#votes")).to_contain_text(
        "Correction to vote 1: Kenya recorded as abstain (was not_participating)"
    )
    chair.get_by_label("New link for").select_option("IND")
    chair.get_by_role("button", name="Reissue (the old link stops at once)").click()
    expect(chair.locator("#new-link")).to_contain_text("New link for IND")
    expect(chair.locator("#new-qr svg")).to_have_count(1)
    old = next(d["token"] for d in created["delegations"] if d["seat"] == "IND")
    refused = httpx.get(f"{server}/api/sessions/{created['id']}", params={"token": old})
    assert refused.status_code == 403


def test_an_amendment_before_its_draft_a_party_that_must_abstain_and_speaking_time(
    browser: Browser, server: str
) -> None:
    created: dict[str, Any] = httpx.post(
        server + "/api/sessions", json={"date": "2022-05-26"}
    ).json()
    chair = open_page(browser, server + created["chair_url"])
    projector = open_page(browser, server + created["projector_url"])
    albania = next(d for d in created["delegations"] if d["seat"] == "ALB")
    delegate = open_page(browser, server + albania["url"], width=360)

    chair.get_by_label("Put to the vote").fill("Amendment A")
    chair.get_by_label("Subject").select_option("amendment")
    chair.get_by_label("Draft (an amendment: the draft it amends)").fill("S/2022/431")
    chair.get_by_role("button", name="Open the vote").click()
    expect(projector.locator("#vote-title")).to_contain_text("amendment to S/2022/431")
    chair.get_by_role("button", name="Close the vote").click()
    expect(projector.locator("#outcome")).to_contain_text("not been adopted")

    chair.get_by_label("Put to the vote").fill("S/2022/431")
    chair.get_by_label("Subject").select_option("draft_resolution")
    chair.get_by_label("Draft (an amendment: the draft it amends)").fill("")
    chair.get_by_label("Under").select_option("VI")
    chair.locator("#parties input[value=ALB]").check()
    chair.get_by_role("button", name="Open the vote").click()
    expect(projector.locator("#vote-title")).to_contain_text(
        "under Chapter VI; parties to the dispute: Albania; amendment Amendment A not adopted"
    )
    delegate.get_by_role("button", name="Yes", exact=True).click()
    expect(delegate.locator("#status")).to_contain_text("shall abstain from voting")
    chair.get_by_role("button", name="Close the vote").click()

    # An amendment to a draft already voted on is refused, with the rule.
    chair.get_by_label("Put to the vote").fill("Amendment B")
    chair.get_by_label("Subject").select_option("amendment")
    chair.get_by_label("Draft (an amendment: the draft it amends)").fill("S/2022/431")
    chair.locator("#parties input[value=ALB]").uncheck()
    chair.get_by_label("Under").select_option("")
    chair.get_by_role("button", name="Open the vote").click()
    expect(chair.locator("#status")).to_contain_text("rules 33 and 36")

    chair.get_by_label("Each speaker's time, minutes (0: no limit)").fill("0.5")
    chair.get_by_role("button", name="Set", exact=True).click()
    chair.get_by_label("Add to the speakers list").select_option("IND")
    chair.get_by_role("button", name="Add", exact=True).click()
    chair.get_by_role("button", name="Give the floor to the next speaker").click()
    expect(projector.locator("#speaking")).to_contain_text("Speaking: India — 0:0")
    expect(projector.locator("#speaking")).to_contain_text("of 0:30")


def test_without_websockets_the_pages_fall_back_to_long_polling(
    browser: Browser, server: str
) -> None:
    created: dict[str, Any] = httpx.post(
        server + "/api/sessions", json={"date": "2022-05-26"}
    ).json()
    chair = open_page(browser, server + created["chair_url"])
    # A network that drops WebSockets: every attempt is cut before it opens.
    context = browser.new_context(viewport={"width": 360, "height": 800})
    context.route_web_socket("**/ws*", lambda ws: ws.close(code=1011, reason="blocked"))
    delegate = context.new_page()
    china = next(d for d in created["delegations"] if d["seat"] == "CHN")
    delegate.goto(server + china["url"])
    expect(delegate.locator("#status")).to_have_text("Connected (without WebSockets: polling).")
    chair.get_by_label("Put to the vote").fill("S/2022/431")
    chair.get_by_role("button", name="Open the vote").click()
    expect(delegate.locator("#question")).to_have_text("Vote 1: S/2022/431")
    delegate.get_by_role("button", name="No", exact=True).click()
    expect(delegate.locator("#mine")).to_have_text(
        "Your vote is recorded: No, on vote 1 (S/2022/431)."
    )
    expect(chair.locator("#veto")).to_contain_text("People's Republic of China")
    chair.get_by_role("button", name="Close the vote").click()
    expect(delegate.locator("#outcome")).to_contain_text("has not been adopted")
    context.close()


def test_silence_ends_at_its_deadline_on_the_chairs_console(browser: Browser, server: str) -> None:
    created: dict[str, Any] = httpx.post(
        server + "/api/sessions", json={"date": "2022-05-26"}
    ).json()
    chair = open_page(browser, server + created["chair_url"])
    ghana = next(d for d in created["delegations"] if d["seat"] == "GHA")
    delegate = open_page(browser, server + ghana["url"], width=360)
    answer = httpx.post(
        f"{server}/api/sessions/{created['id']}/commands",
        json={
            "command": "propose_statement",
            "data": {"kind": "press_statement", "text": "Condemns.", "minutes": 0.05},
        },
        headers={"Authorization": f"Bearer {created['chair_token']}"},
    )
    assert answer.status_code == 200, answer.text
    expect(delegate.locator("#statements")).to_contain_text("left)")
    expect(delegate.get_by_role("button", name="Break silence")).to_be_enabled()
    # Three seconds later nobody has broken silence: the console ends the procedure.
    expect(delegate.locator("#statements")).to_contain_text("press statement", timeout=15_000)
    expect(delegate.locator("#statements")).not_to_contain_text(
        "under silence procedure", timeout=15_000
    )
    expect(delegate.get_by_role("button", name="Break silence")).to_be_disabled()
    expect(chair.locator("#statements")).not_to_contain_text("under silence procedure")
    view = httpx.get(
        f"{server}/api/sessions/{created['id']}", params={"token": ghana["token"]}
    ).json()
    assert view["statements"][0]["ended"] and view["statements"][0]["decision"]["outcome"] == (
        "adopted"
    )


def test_while_polling_the_chairs_commands_arrive_in_the_order_given(
    browser: Browser, server: str
) -> None:
    from playwright.sync_api import Route

    created: dict[str, Any] = httpx.post(
        server + "/api/sessions", json={"date": "2022-05-26"}
    ).json()
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    context.route_web_socket("**/ws*", lambda ws: ws.close(code=1011, reason="blocked"))
    held: list[Route] = []
    passed: list[str] = []

    def hold_the_first(route: Route) -> None:
        if not held:  # the first command is held up on the network
            held.append(route)
            return
        passed.append(route.request.post_data or "")
        route.continue_()

    context.route("**/commands", hold_the_first)
    chair = context.new_page()
    chair.goto(server + created["chair_url"])
    expect(chair.locator("#status")).to_have_text("Connected (without WebSockets: polling).")
    for seat in ("IND", "IRL"):
        chair.get_by_label("Add to the speakers list").select_option(seat)
        chair.get_by_role("button", name="Add", exact=True).click()
    chair.wait_for_timeout(500)
    assert passed == []  # the second waits for the answer to the first
    held[0].continue_()
    expect(chair.locator("#speakers li")).to_have_text(["India", "Ireland"])
    assert len(passed) == 1 and '"IRL"' in passed[0]
    context.close()
