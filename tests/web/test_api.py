"""The JSON API on SQLite and PostgreSQL: the record's numbers, filters, pagination, errors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from unsc.service.database import Database
from unsc.web.app import Settings, create_app


@pytest.fixture(scope="module")
def client(record: Database) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(record.url))) as c:
        yield c


def test_chinas_vetoes_to_7_march_2022(client: TestClient) -> None:
    body = client.get("/api/vetoes", params={"member": "China", "to": "2022-03-07"}).json()
    assert body["total"] == 17
    assert {v["name"] for v in body["items"]} == {"People's Republic of China"}
    assert not [v for v in body["items"] if "Korea" in v["subject"]]
    assert "once per draft" in body["counting_rule"]


def test_russian_federation_vetoes_include_both_dprk_drafts(client: TestClient) -> None:
    body = client.get("/api/vetoes", params={"member": "Russian Federation", "limit": 1000}).json()
    drafts = {v["draft_symbol"] for v in body["items"]}
    assert {"S/2022/431", "S/2024/255"} <= drafts
    assert body["total"] == len(body["items"]) == 41


def test_china_means_the_republic_of_china_in_a_period_before_1971(client: TestClient) -> None:
    def vetoes(**params: str) -> list[str]:
        body = client.get("/api/vetoes", params={"member": "China", **params}).json()
        return sorted({v["name"] for v in body["items"]} | {str(body["total"])})

    assert vetoes(to="1971-10-24") == ["1", "Republic of China"]
    assert vetoes(to="1971-10-25") == ["0"]
    assert vetoes(**{"from": "1946-01-01", "to": "1980-12-31"}) == [
        "3",
        "People's Republic of China",
        "Republic of China",
    ]
    assert vetoes() == ["20", "People's Republic of China"]


def test_the_ussr_is_not_the_russian_federation(client: TestClient) -> None:
    ussr = client.get("/api/vetoes", params={"member": "USSR", "limit": 1}).json()
    assert ussr["total"] == 89 and ussr["items"][0]["name"] == "Union of Soviet Socialist Republics"


def test_vote_s_2022_431_with_each_member_and_the_explanation(client: TestClient) -> None:
    page = client.get("/api/votes", params={"symbol": "S/2022/431"}).json()
    assert page["total"] == 1 and page["sources"][0]["licence"] == "CC BY 4.0"
    vote = client.get(f"/api/votes/{page['items'][0]['id']}").json()
    assert (vote["yes"], vote["no"], vote["abstain"], vote["threshold"]) == (13, 2, 0, 9)
    assert sorted(vote["vetoed_by"]) == ["People's Republic of China", "Russian Federation"]
    assert len(vote["casts"]) == 15
    assert vote["explanation"].startswith("The draft resolution has not been adopted, owing")
    assert any(c["ref"] == "UN Charter, Art. 27(3)" for c in vote["citations"])


def test_votes_filters_and_pagination(client: TestClient) -> None:
    vetoed = client.get("/api/votes", params={"outcome": "vetoed", "limit": 5}).json()
    assert vetoed["total"] == 271 and len(vetoed["items"]) == 5
    second = client.get("/api/votes", params={"outcome": "vetoed", "limit": 5, "offset": 5}).json()
    assert {v["id"] for v in vetoed["items"]}.isdisjoint(v["id"] for v in second["items"])
    dprk = client.get(
        "/api/votes",
        params={"q": "Democratic People", "from": "2006-01-01", "to": "2017-12-31", "limit": 100},
    ).json()
    assert "S/RES/2397 (2017)" in {v["symbol"] for v in dprk["items"]}
    sat = client.get(
        "/api/votes", params={"member": "Ukrainian SSR", "to": "1949-12-31", "limit": 1}
    ).json()
    assert sat["total"] > 0


def test_members_council_and_events(client: TestClient) -> None:
    members = client.get("/api/members").json()
    names = {m["name"] for m in members["items"]}
    assert {"Union of Soviet Socialist Republics", "Russian Federation", "Yugoslavia"} <= names
    council = client.get("/api/council", params={"on": "1971-10-24"}).json()
    assert council["members"][0]["name"] == "Republic of China"
    tests = client.get("/api/events", params={"kind": "nuclear_test"}).json()
    assert tests["total"] == 6
    in_2022 = client.get(
        "/api/events",
        params={"kind": "missile_launch", "from": "2022-01-01", "to": "2022-12-31", "limit": 1},
    ).json()
    assert in_2022["total"] == 69


def test_decide_answers_like_the_cli(client: TestClient) -> None:
    ballot = {"date": "2022-05-26", "votes": {"China": "no", "Russia": "no"}, "others": "yes"}
    body = client.post("/api/decide", json=ballot).json()
    assert body["reason"] == "veto" and body["ga_debate_deadline"] == "2022-06-09"


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "words"),
    [
        ("get", "/api/votes", {"params": {"from": "2022-13-01"}}, 422, "from"),
        (
            "get",
            "/api/votes",
            {"params": {"from": "2022-05-01", "to": "2022-01-01"}},
            422,
            "swap them",
        ),
        ("get", "/api/votes", {"params": {"limit": 0}}, 422, "limit"),
        ("get", "/api/vetoes", {"params": {"member": "Atlantis"}}, 422, "unknown member"),
        ("get", "/api/votes/99999", {}, 404, "no vote 99999"),
        ("get", "/api/council", {"params": {"on": "1900-01-01"}}, 422, "first meeting"),
        (
            "post",
            "/api/decide",
            {"json": {"date": "2022-05-26", "votes": {"Chinaa": "no"}, "others": "yes"}},
            422,
            "Did you mean",
        ),
        ("post", "/api/decide", {"json": ["not", "an", "object"]}, 422, "ballot"),
        ("get", "/api/nothing", {}, 404, "Not Found"),
    ],
)
def test_errors_are_json_and_say_what_to_fix(
    client: TestClient, method: str, path: str, kwargs: dict[str, object], status: int, words: str
) -> None:
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status
    assert words in response.json()["error"]


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {
        "/api/votes",
        "/api/votes/{vote_id}",
        "/api/vetoes",
        "/api/members",
        "/api/council",
        "/api/power",
        "/api/decide",
        "/api/events",
        "/api/meetings",
        "/api/meetings/{symbol}",
        "/api/resolutions",
        "/api/resolutions/{number}",
        "/api/statements",
        "/api/statements/{symbol}",
        "/api/drafts/{symbol}",
        "/api/export/{table}",
        "/api/search",
        "/api/sessions",
        "/api/sessions/{session_id}",
        "/api/sessions/{session_id}/commands",
        "/api/sessions/{session_id}/delegations/{seat}/reissue",
        "/api/sessions/{session_id}/events",
        "/api/sessions/{session_id}/power",
        "/api/sanctions/regimes",
        "/api/sanctions/{regime}/measures",
        "/api/sanctions/{regime}/diff",
        "/api/sanctions/{regime}/caps",
        "/api/sanctions/{regime}/triggers",
        "/api/screen",
        "/api/whatif",
        "/api/alignment",
        "/api/alignment/assembly",
    }
    assert client.get("/docs").status_code == 200


def test_answers_match_their_declared_models(client: TestClient) -> None:
    from unsc.web import schemas

    checks = [
        ("/api/votes", schemas.VotesPage),
        ("/api/votes/2994", schemas.VoteDetail),
        ("/api/vetoes", schemas.VetoesPage),
        ("/api/members", schemas.MembersPage),
        ("/api/council?on=2022-05-26", schemas.CouncilView),
        ("/api/events?kind=nuclear_test", schemas.EventsPage),
        ("/api/meetings?format=vtc", schemas.MeetingsPage),
        ("/api/meetings/S/PV.9048", schemas.MeetingDetail),
        ("/api/meetings/no-spv-2020-03-30-4", schemas.MeetingDetail),
        ("/api/resolutions?subject=korea", schemas.ResolutionsPage),
        ("/api/resolutions/2397", schemas.ResolutionDetail),
        ("/api/resolutions/2770", schemas.ResolutionDetail),
        ("/api/statements?q=korea", schemas.StatementsPage),
        ("/api/statements/S/PRST/2017/16", schemas.StatementDetail),
        ("/api/statements/S/PRST/2000/27/Corr.1", schemas.StatementDetail),
        ("/api/drafts/S/2024/255", schemas.DraftDetail),
    ]
    for path, model in checks:
        model.model_validate(client.get(path).json())
    decided = client.post("/api/decide", json={"date": "2022-05-26", "others": "yes"})
    schemas.DecisionOut.model_validate(decided.json())


def test_repeated_questions_are_answered_from_the_cache(client: TestClient) -> None:
    path = "/api/vetoes?member=France&limit=3"
    first, second = client.get(path), client.get(path)
    assert second.headers["x-unsc-cache"] == "hit"
    assert first.content == second.content
    assert client.get("/api/votes/99999").headers["x-unsc-cache"] == "miss"
    assert client.get("/api/votes/99999").headers["x-unsc-cache"] == "miss"  # errors not kept


def test_votes_by_who_sat_how_a_member_voted_and_who_vetoed(client: TestClient) -> None:
    """member= is every vote China sat in (156 vetoed drafts, mostly others' vetoes);
    vetoed_by= is China's own vetoes (20), and voted=no on vetoed drafts agrees."""
    sat = client.get("/api/votes", params={"member": "China", "outcome": "vetoed"}).json()
    assert sat["total"] == 156
    own = client.get("/api/votes", params={"vetoed_by": "China", "limit": 100}).json()
    assert own["total"] == 20
    assert all(v["outcome"] == "not_adopted" for v in own["items"])
    voted_no = client.get(
        "/api/votes",
        params={"member": "China", "voted": "no", "outcome": "vetoed", "limit": 100},
    ).json()
    assert {v["id"] for v in voted_no["items"]} == {v["id"] for v in own["items"]}
    abstained = client.get("/api/votes", params={"member": "China", "voted": "abstain"}).json()
    assert (
        0
        < abstained["total"]
        < client.get("/api/votes", params={"member": "China"}).json()["total"]
    )
    assert client.get("/api/votes", params={"voted": "no"}).status_code == 422
    assert client.get("/api/votes", params={"member": "China", "voted": "maybe"}).status_code == 422


def test_every_meeting_to_june_2022_and_the_private_ones(client: TestClient) -> None:
    every = client.get("/api/meetings", params={"to": "2022-06-30", "limit": 1}).json()
    assert every["total"] > 9000
    private = client.get(
        "/api/meetings", params={"to": "2022-06-30", "format": "private", "limit": 1000}
    ).json()
    assert private["total"] > 600
    assert {m["format"] for m in private["items"]} == {"private"}
    vtc = client.get("/api/meetings", params={"format": "vtc", "limit": 1000}).json()
    assert vtc["total"] == 72  # the 73rd, marked "[closed]" by the library, is private
    assert all(
        m["symbol"].startswith("no-spv-2020-") or m["symbol"].startswith("no-spv-2021-")
        for m in vtc["items"]
    )
    assert [s["id"] for s in every["sources"]] == ["dhl-meetings"]


def test_meetings_filters_and_pagination(client: TestClient) -> None:
    page = client.get(
        "/api/meetings",
        params={"from": "1948-12-29", "to": "1948-12-29", "q": "palestine"},
    ).json()
    assert [m["symbol"] for m in page["items"]] == ["S/PV.396"]
    assert page["items"][0]["agenda"] == ["The Indonesian question", "The Palestine question"]
    first, second = (
        client.get("/api/meetings", params={"limit": 2, "offset": o}).json()["items"]
        for o in (0, 1)
    )
    assert first[1] == second[0]
    dprk = client.get(
        "/api/meetings", params={"q": "Democratic People's Republic of Korea", "from": "2022-01-01"}
    ).json()
    assert "S/PV.9048" in {m["symbol"] for m in dprk["items"]}


def test_meeting_s_pv_9048_with_its_agenda_and_its_vote(client: TestClient) -> None:
    body = client.get("/api/meetings/S/PV.9048").json()
    assert (body["symbol"], body["date"], body["format"]) == ("S/PV.9048", "2022-05-26", "public")
    [item] = body["agenda"]
    assert item["text"] == "Non-proliferation - Democratic People's Republic of Korea"
    assert item["press_release"] == "SC/14911"
    assert body["outcome_documents"] == ["S/2022/431"]
    assert [(v["id"], v["draft_symbol"], v["reason"]) for v in body["votes"]] == [
        (2994, "S/2022/431", "veto")
    ]
    assert body["source"]["id"] == "dhl-meetings"
    # A video-conference without an S/PV number, by its own key, with its resolution's vote.
    # (The library marks this one "[closed]": a private meeting.)
    vtc = client.get("/api/meetings/no-spv-2020-03-30-4").json()
    assert vtc["format"] == "private"
    assert [v["resolution_symbol"] for v in vtc["votes"]] == ["S/RES/2515 (2020)"]


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/api/meetings/S/PV.99999", 404, "no meeting S/PV.99999"),
        ("/api/meetings?format=closed", 422, "format"),
        ("/api/meetings?from=2022-01-02&to=2022-01-01", 422, "swap them"),
    ],
)
def test_meeting_errors_say_what_to_fix(
    client: TestClient, path: str, status: int, words: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert words in response.json()["error"]


def test_resolution_2397_with_the_trigger_in_operative_paragraph_28(client: TestClient) -> None:
    body = client.get("/api/resolutions/2397").json()
    assert (body["symbol"], body["adopted"], body["meeting_symbol"], body["draft_symbol"]) == (
        "S/RES/2397 (2017)",
        "2017-12-22",
        "S/PV.8151",
        "S/2017/1092",
    )
    assert (body["chapter_vii"], body["sponsors"], body["yes"], body["no"]) == (
        True,
        ["UNITED STATES"],
        15,
        0,
    )
    ops = {p["number"]: p["text"] for p in body["operative"]}
    assert list(ops) == [str(n) for n in range(1, 30)]
    assert (
        "a launch of a ballistic missile system capable of reaching intercontinental" in ops["28"]
    )
    assert "restrict further the export to the DPRK of petroleum" in ops["28"]
    assert "4 million barrels or 525,000 tons" in ops["4"]
    assert body["preamble"][0]["text"].startswith("Recalling its previous relevant resolutions")
    vote = client.get(f"/api/votes/{body['vote_id']}").json()
    assert vote["resolution_symbol"] == "S/RES/2397 (2017)"
    assert body["source"]["id"] == "unxml"
    assert "United Nations" in body["source"]["citation"]


def test_resolutions_on_the_dprk_by_subject(client: TestClient) -> None:
    body = client.get("/api/resolutions", params={"subject": "korea", "limit": 1000}).json()
    numbers = [r["number"] for r in body["items"]]
    assert {2270, 2397} <= set(numbers)
    assert numbers == sorted(numbers) and body["total"] == len(numbers)
    # The heading the metadata uses for the DPRK, exactly.
    dprk = client.get(
        "/api/resolutions",
        params={"subject": "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", "from": "2016-01-01",
                "to": "2017-12-31", "chapter_vii": "true"},
    ).json()  # fmt: skip
    assert [r["number"] for r in dprk["items"]] == [2270, 2321, 2371, 2375, 2397]
    assert [s["id"] for s in body["sources"]] == ["unxml"]


def test_resolutions_counts_and_filters(client: TestClient) -> None:
    every = client.get("/api/resolutions", params={"limit": 1}).json()
    # 1 (1946) to 1284 (1999) from the PVS texts; 1285 (2000) to 2825 (2026) from the UN's
    # structured files, 2762 absent upstream.
    assert every["total"] == 1284 + 1540
    year = client.get(
        "/api/resolutions", params={"from": "2026-01-01", "to": "2026-12-31", "limit": 100}
    ).json()
    assert [r["number"] for r in year["items"]] == list(range(2812, 2826))
    # The vote record ends in 2025; the votes of 2026 are made from the UN metadata.
    assert [r["vote_id"] for r in year["items"]] == [100_000 + n for n in range(2812, 2826)]
    under = client.get("/api/resolutions", params={"chapter_vii": "true"}).json()["total"]
    said_not = client.get("/api/resolutions", params={"chapter_vii": "false"}).json()["total"]
    assert (under, said_not) == (725, 10)  # the other 805 do not say
    cyprus = client.get("/api/resolutions", params={"q": "cyprus", "from": "2024-01-01"}).json()
    assert 2723 in [r["number"] for r in cyprus["items"]]
    first, second = (
        client.get("/api/resolutions", params={"limit": 2, "offset": o}).json()["items"]
        for o in (0, 1)
    )
    assert first[1] == second[0]


def test_resolutions_errors(client: TestClient) -> None:
    missing = client.get("/api/resolutions/2762")
    assert missing.status_code == 404
    assert "GET /api/resolutions lists them" in missing.json()["error"]
    bad = client.get("/api/resolutions", params={"chapter_vii": "maybe"})
    assert bad.status_code == 422 and "chapter_vii" in bad.json()["error"]
    late = client.get("/api/resolutions", params={"from": "2020-01-01", "to": "2019-01-01"})
    assert late.status_code == 422
    # A resolution adopted without a vote (1326 (2000)) has no tally; 2623 (2022) has no
    # numbered operative paragraph.
    assert client.get("/api/resolutions/1326").json()["yes"] is None
    ops = client.get("/api/resolutions/2623").json()["operative"]
    assert [p["number"] for p in ops] == [None]


def test_presidential_statement_on_the_dprk_launch_of_29_august_2017(client: TestClient) -> None:
    body = client.get("/api/statements/S/PRST/2017/16").json()
    assert (body["symbol"], body["date"], body["meeting_symbol"]) == (
        "S/PRST/2017/16",
        "2017-08-29",
        "S/PV.8034",
    )
    assert body["agenda_item"] == "Non-proliferation/ Democratic People’s Republic of Korea"
    assert body["parse_note"] is None and body["source"]["id"] == "unxml-prst"
    assert "United Nations" in body["source"]["citation"]
    opening, first = body["paragraphs"][:2]
    assert opening["kind"] == "opening" and opening["text"].startswith("At the 8034th meeting")
    assert first["text"].startswith("“The Security Council strongly condemns the August 28 2017")
    # Any case and spacing finds it.
    assert client.get("/api/statements/s/prst/2017/16 ").json()["symbol"] == "S/PRST/2017/16"


def test_statements_counts_quirks_and_filters(client: TestClient) -> None:
    every = client.get("/api/statements", params={"limit": 1}).json()
    assert every["total"] == 758 and every["items"][0]["symbol"] == "S/PRST/2000/6"
    assert [s["id"] for s in every["sources"]] == ["unxml-prst"]
    # A file that is not well-formed XML: kept, with its note, its text in one paragraph.
    lenient = client.get("/api/statements/S/PRST/2000/13").json()
    assert lenient["parse_note"].startswith("lenient (source XML not well-formed")
    assert [p["kind"] for p in lenient["paragraphs"]] == ["text"]
    # Filed upstream as a resolution: here a statement, at the 2020 written procedure's meeting.
    misfiled = client.get("/api/statements/S/PRST/2020/11").json()
    assert misfiled["meeting_symbol"] == "no-spv-2020-12-04-2"
    assert misfiled["source_ref"].endswith("(PRST/2020/S_PRST_2020_11.xml)")
    corr = client.get("/api/statements/S/PRST/2000/27/corr.1").json()
    assert corr["corrigendum_of"] == "S/PRST/2000/27"
    year = client.get(
        "/api/statements", params={"from": "2017-01-01", "to": "2017-12-31", "limit": 100}
    ).json()
    assert {s["date"][:4] for s in year["items"]} == {"2017"} and year["total"] == len(
        year["items"]
    )
    korea = client.get("/api/statements", params={"q": "korea", "limit": 100}).json()
    assert "S/PRST/2017/16" in {s["symbol"] for s in korea["items"]}
    assert "S/PRST/2006/41" in {
        s["symbol"] for s in korea["items"]
    }  # on the test the DPRK announced, 6 Oct 2006


def test_statements_errors(client: TestClient) -> None:
    missing = client.get("/api/statements/S/PRST/2000/1")
    assert missing.status_code == 404
    assert "GET /api/statements lists them" in missing.json()["error"]
    assert client.get("/api/statements/S/RES/2397").status_code == 404
    late = client.get("/api/statements", params={"from": "2020-01-01", "to": "2019-01-01"})
    assert late.status_code == 422 and "swap them" in late.json()["error"]


def test_the_draft_vetoed_on_28_march_2024(client: TestClient) -> None:
    body = client.get("/api/drafts/s/2024/255").json()
    assert (body["symbol"], body["date"], body["sponsors"]) == (
        "S/2024/255",
        "2024-03-28",
        ["United States of America"],
    )
    assert "Panel of Experts" in body["operative"][0]["text"]
    assert body["preamble"][0]["text"].startswith("Recalling its previous relevant resolutions")
    vote = client.get(f"/api/votes/{body['vote_id']}").json()
    assert vote["draft_symbol"] == "S/2024/255" and vote["date"] == "2024-03-28"
    assert body["source"]["id"] == "unxml-drafts"
    missing = client.get("/api/drafts/S/2024/256")
    assert missing.status_code == 404 and "19 drafts not adopted" in missing.json()["error"]


def test_votes_by_subject_find_every_dprk_resolution_and_veto(client: TestClient) -> None:
    """The UN's headings of some DPRK resolutions name no country (2087 (2013)); the agenda
    item of the resolution or of its meeting does, and a vetoed draft's veto-list entry."""
    body = client.get("/api/votes", params={"subject": "korea", "limit": 1000}).json()
    symbols = {v["symbol"] for v in body["items"]} | {v["draft_symbol"] for v in body["items"]}
    sanctions = [1718, 1874, 2087, 2094, 2270, 2321, 2356, 2371, 2375, 2397]
    years = [2006, 2009, 2013, 2013, 2016, 2016, 2017, 2017, 2017, 2017]
    for n, year in zip(sanctions, years, strict=True):
        assert f"S/RES/{n} ({year})" in symbols
    assert {"S/2022/431", "S/2024/255"} <= symbols
    assert all("Syria" not in v["title"] for v in body["items"])
