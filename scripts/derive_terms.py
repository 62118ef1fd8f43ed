"""Writes src/unsc/law/data/terms.yaml: the elected members' terms as the vote record shows them.

Each term cites the record rows where the member sat. Terms the record cannot show yet
(those running past its last vote) take their end from Art. 23(2) and their election source;
members elected for terms that start after the record are listed in FUTURE_TERMS with theirs.
The result is checked against the independently cited table law/data/elections.yaml by the
test suite. Run: .venv/bin/python scripts/derive_terms.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from unsc.analysis.terms import derive_terms
from unsc.importers.annotations import load_annotations
from unsc.importers.sciencespo import load_column_map, open_bundled, parse
from unsc.law.loader import load_law

OUT = Path(__file__).resolve().parents[1] / "src/unsc/law/data/terms.yaml"
S80 = {
    "kind": "practice",
    "ref": "General Assembly election of 3 June 2025, reported by anews.com.tr, 3 June 2025",
    "note": (
        "Bahrain, Colombia, the Democratic Republic of the Congo, Latvia and Liberia "
        "elected for 2026-2027"
    ),
    "url": "https://www.anews.com.tr/world/2025/06/03/un-general-assembly-elects-5-non-permanent-members-to-security-council",
}
FUTURE_TERMS = ["BHR", "COL", "COD", "LVA", "LBR"]


def main() -> None:
    law = load_law()
    annotations = load_annotations()
    with open_bundled() as handle:
        votes = parse(handle, load_column_map(annotations.column_corrections))
    record_end = max(v.day for v in votes)
    terms = []
    for seen in derive_terms(votes, law.permanent_keys):
        start = max(dt.date(seen.first_year, 1, 1), law.first_meeting)
        end = dt.date(seen.last_year, 12, 31)
        note = ""
        years = seen.last_year - seen.first_year + 1
        if seen.last_year == record_end.year and years == 1:
            end = dt.date(seen.last_year + 1, 12, 31)
            note = "two-year term (Art. 23(2)); the record ends on " + record_end.isoformat()
        elif years == 1:
            note = "one-year term: see elections.yaml"
        terms.append(
            {
                "key": seen.key,
                "start": start,
                "end": end,
                **({"note": note} if note else {}),
                "source": {
                    "kind": "dataset",
                    "ref": (
                        f"Sciences Po UNSC vote record, votes {seen.first_vote}-{seen.last_vote}"
                    ),
                    "note": f"sat from {seen.first_day} to {seen.last_day}",
                },
            }
        )
    for key in FUTURE_TERMS:
        terms.append(
            {"key": key, "start": dt.date(2026, 1, 1), "end": dt.date(2027, 12, 31), "source": S80}
        )
    header = (
        "# Elected members' terms, written by scripts/derive_terms.py from the bundled vote\n"
        "# record (each term cites the votes it sat in) and checked by the tests against the\n"
        "# cited table elections.yaml. Terms run 1 January to 31 December (17 January in 1946).\n"
    )
    lines = ["terms:"]
    for term in terms:
        flow = yaml.safe_dump(term, default_flow_style=True, sort_keys=False, width=10_000)
        lines.append(f"  - {flow.strip()}")
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(terms)} terms written to {OUT}")


if __name__ == "__main__":
    main()
