"""Vetoes said in words, checked on the record: China's 17 to 7 March 2022, none on the
DPRK, and the first on the DPRK on 26 May 2022 (S/2022/431)."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from unsc.analysis.vetoes import CastVeto, in_words, period_in_words
from unsc.service.database import Database
from unsc.web.app import Settings, create_app


def test_sentences_count_each_member_and_its_vetoes_on_the_dprk() -> None:
    vetoes = [
        CastVeto("Russian Federation", "Non-proliferation - Democratic People's Republic of Korea"),
        CastVeto("Russian Federation", "Syria"),
        CastVeto("People's Republic of China", "North Korea"),
        CastVeto("United States", "Middle East"),
    ]
    assert in_words(vetoes, end=dt.date(2022, 5, 26)) == [
        "Russian Federation: 2 vetoes to 26 May 2022, 1 on the DPRK.",
        "People's Republic of China: 1 veto to 26 May 2022, all on the DPRK.",
        "United States: 1 veto to 26 May 2022, none on the DPRK.",
    ]
    assert period_in_words(dt.date(2000, 1, 1), None) == " since 1 January 2000"
    assert in_words([]) == []


def test_the_vetoes_page_says_chinas_count_in_words(record: Database) -> None:
    with TestClient(create_app(Settings(record.url))) as client:
        before = client.get("/vetoes", params={"member": "China", "to": "2022-03-07"}).text
        after = client.get("/vetoes", params={"member": "China", "to": "2022-05-26"}).text
    assert "People&#39;s Republic of China: 17 vetoes to 7 March 2022, none on the DPRK." in before
    assert "People&#39;s Republic of China: 18 vetoes to 26 May 2022, 1 on the DPRK." in after
