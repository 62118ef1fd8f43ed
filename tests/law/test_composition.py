"""The Council's composition on any date: seats, succession, names, terms, presidency."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

from unsc.analysis.terms import check_terms, derive_terms
from unsc.core.errors import DateOutOfRangeError, IncompleteCouncilError
from unsc.law.loader import load_law
from unsc.service.record import bundled_law, bundled_record

CORPUS = Path(__file__).parents[1] / "corpus"


def keys_on(day: str) -> set[str]:
    return {m.key for m in load_law().on(dt.date.fromisoformat(day)).members}


def test_every_day_since_the_first_meeting_has_a_full_council() -> None:
    law = load_law()
    day = law.first_meeting
    while day <= law.known_until:
        council = law.on(day)  # raises if the terms do not fill the seats
        expected = (11, 7) if day < dt.date(1966, 1, 1) else (15, 9)
        assert (council.seats, council.threshold) == expected, day
        assert len(council.permanent) == 5, day
        day += dt.timedelta(days=1)


def test_china_seat_passes_to_the_peoples_republic_on_25_october_1971() -> None:
    law = load_law()
    before = law.on(dt.date(1971, 10, 24)).member("TWN")
    after = law.on(dt.date(1971, 10, 25)).member("CHN")
    assert before is not None and before.name == "Republic of China" and before.permanent
    assert after is not None and after.name == "People's Republic of China"
    assert "TWN" not in keys_on("1971-10-25") and "CHN" not in keys_on("1971-10-24")


def test_soviet_seat_is_continued_by_the_russian_federation_on_24_december_1991() -> None:
    assert "SUN" in keys_on("1991-12-23") and "RUS" not in keys_on("1991-12-23")
    assert "RUS" in keys_on("1991-12-24") and "SUN" not in keys_on("1991-12-24")
    ussr = load_law().on(dt.date(1991, 12, 23)).member("SUN")
    assert ussr is not None
    assert (ussr.name, ussr.iso3) == ("Union of Soviet Socialist Republics", "SUN")


@pytest.mark.parametrize(
    ("day", "key", "name", "iso3"),
    [
        ("1961-06-01", "EGY", "United Arab Republic", "EGY"),
        ("1960-06-01", "LKA", "Ceylon", "LKA"),
        ("1974-06-01", "BLR", "Byelorussian Soviet Socialist Republic", "BYS"),
        ("1984-06-01", "UKR", "Ukrainian Soviet Socialist Republic", "UKR"),
        ("1990-06-01", "COD", "Zaire", "ZAR"),
        ("1980-06-01", "DDR", "German Democratic Republic", "DDR"),
        ("1978-06-01", "CSK", "Czechoslovakia", "CSK"),
        ("1977-06-01", "DEU", "Federal Republic of Germany", "DEU"),
        ("1988-06-01", "YUG", "Yugoslavia", "YUG"),
        ("2010-06-01", "TUR", "Turkey", "TUR"),
        ("2026-06-01", "COD", "Democratic Republic of the Congo", "COD"),
    ],
)
def test_historic_states_sit_under_their_names_of_the_day(
    day: str, key: str, name: str, iso3: str
) -> None:
    member = load_law().on(dt.date.fromisoformat(day)).member(key)
    assert member is not None, f"{key} not seated on {day}"
    assert (member.name, member.iso3) == (name, iso3)


def test_the_council_of_2026() -> None:
    elected = {"BHR", "COL", "COD", "LVA", "LBR", "DNK", "GRC", "PAK", "PAN", "SOM"}
    assert keys_on("2026-11-24") == elected | {"CHN", "FRA", "RUS", "GBR", "USA"}


def test_the_council_of_2027_elected_on_3_june_2026() -> None:
    elected = {"AUT", "KGZ", "PRT", "TTO", "ZWE", "BHR", "COL", "COD", "LVA", "LBR"}
    assert keys_on("2027-01-02") == elected | {"CHN", "FRA", "RUS", "GBR", "USA"}
    council = load_law().on(dt.date(2027, 1, 2))
    assert council.is_complete and council.unknown_seats == 0
    kyrgyzstan = council.member("KGZ")
    assert kyrgyzstan is not None and kyrgyzstan.term_end == dt.date(2028, 12, 31)


def test_dates_before_the_first_meeting_are_refused() -> None:
    with pytest.raises(DateOutOfRangeError, match="first meeting"):
        load_law().on(dt.date(1946, 1, 16))


@pytest.mark.parametrize(
    ("day", "known_elected", "unknown"),
    [
        ("2028-01-01", {"AUT", "KGZ", "PRT", "TTO", "ZWE"}, 5),
        ("2028-12-31", {"AUT", "KGZ", "PRT", "TTO", "ZWE"}, 5),
        ("2029-01-01", set(), 10),
        ("2031-06-01", set(), 10),
    ],
)
def test_after_the_last_known_election_the_council_says_what_it_does_not_know(
    day: str, known_elected: set[str], unknown: int
) -> None:
    law = load_law()
    council = law.on(dt.date.fromisoformat(day))
    assert {m.key for m in council.elected} == known_elected
    assert {m.key for m in council.permanent} == {"CHN", "FRA", "RUS", "GBR", "USA"}
    assert (council.seats, council.threshold, council.unknown_seats) == (15, 9, unknown)
    assert not council.is_complete
    # Rule 18 run on over the known members only: the President is one of them.
    assert council.president is not None and council.president.key in council.keys
    with pytest.raises(IncompleteCouncilError, match=f"{unknown} elected seats not in the"):
        council.require_complete()


def test_the_last_known_day_is_the_last_full_council() -> None:
    law = load_law()
    assert law.on(law.known_until).is_complete
    assert not law.on(law.known_until + dt.timedelta(days=1)).is_complete


def test_the_presidency_runs_on_from_the_last_known_month() -> None:
    law = load_law()
    december = law.on(dt.date(2027, 12, 15)).president
    january = law.on(dt.date(2028, 1, 15)).president
    assert december is not None and january is not None
    # Rule 18 among the members known in January 2028: the next name after December's.
    known = sorted(law.on(dt.date(2028, 1, 15)).members, key=lambda m: m.state.un_name)
    names = [m.state.un_name for m in known]
    after = [n for n in names if n > december.un_name]
    assert january.un_name == (after or names)[0]


def test_terms_derived_from_the_record_match_the_law() -> None:
    record = bundled_record()
    seen = derive_terms(record.votes, load_law().permanent_keys)
    last_day = max(v.day for v in record.votes)
    assert check_terms(load_law(), seen, last_day) == []


def test_every_vote_seats_exactly_the_members_the_law_seats() -> None:
    law = bundled_law()
    for vote in bundled_record().votes:
        assert set(vote.seated) == {m.key for m in law.on(vote.day).members}, vote.vote_id


def test_the_cited_elections_table_agrees_with_the_terms() -> None:
    data = yaml.safe_load(
        resources.files("unsc.law.data").joinpath("elections.yaml").read_text(encoding="utf-8")
    )
    terms = {(t.key, t.start.year, t.end.year) for t in load_law().terms}
    checked = 0
    for row in data["elections"]:
        assert row["source"].get("ref"), row
        for key in row["members"]:
            assert (key, row["start"], row["start"] + row["years"] - 1) in terms, (key, row)
            checked += 1
    assert checked > 200


def test_split_and_one_year_terms_of_the_early_years() -> None:
    one_year = {(t.key, t.start.year) for t in load_law().terms if t.start.year == t.end.year}
    assert one_year == {
        ("EGY", 1946),
        ("MEX", 1946),
        ("NLD", 1946),
        ("YUG", 1956),
        ("PHL", 1957),
        ("POL", 1960),
        ("TUR", 1961),
        ("LBR", 1961),
        ("IRL", 1962),
        ("ROU", 1962),
        ("PHL", 1963),
        ("CSK", 1964),
        ("MYS", 1965),
        ("NZL", 1966),
        ("UGA", 1966),
        ("ITA", 2017),
        ("NLD", 2018),
    }


def test_presidency_follows_rule_18_through_every_published_month() -> None:
    data = yaml.safe_load((CORPUS / "presidencies.yaml").read_text(encoding="utf-8"))
    law = load_law()
    for month, key in data["months"].items():
        year, mon = map(int, month.split("-"))
        president = law.on(dt.date(year, mon, 20)).president
        assert president is not None and president.key == key, month


def test_presidency_ran_from_the_17th_in_1946() -> None:
    law = load_law()
    assert law.on(dt.date(1946, 2, 16)).president.key == "AUS"  # type: ignore[union-attr]
    assert law.on(dt.date(1946, 2, 17)).president.key == "BRA"  # type: ignore[union-attr]
    assert law.on(dt.date(1946, 12, 31)).president.key == "USA"  # type: ignore[union-attr]
    assert law.on(dt.date(1947, 1, 1)).president.key == "AUS"  # type: ignore[union-attr]


_DAY = re.compile(
    r"\b(\d{1,2}) (January|February|March|April|May|June|July|August|"
    r"September|October|November|December) (\d{4})\b"
)


def test_dated_law_values_carry_citations_that_agree_with_their_dates() -> None:
    law = load_law()
    entries = [e for seat in law.permanent_seats for e in seat.holders]
    entries += list(law.seats) + list(law.threshold) + list(law.veto_initiative)
    for entry in entries:
        assert entry.citation is not None and entry.citation.ref, entry
        text = f"{entry.citation.ref} {entry.citation.note}"
        days = {dt.datetime.strptime(" ".join(m), "%d %B %Y").date() for m in _DAY.findall(text)}
        if days and entry.start != law.first_meeting and entry.start.month != 1:
            assert entry.start in days, (entry.start, text)
    for term in law.terms:
        assert term.citation.ref, term
        seen = re.findall(r"\d{4}-\d{2}-\d{2}", term.citation.note)
        for day in seen:
            assert term.start <= dt.date.fromisoformat(day) <= term.end, (term, day)
