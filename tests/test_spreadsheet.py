"""CSV cells a spreadsheet would run as formulas are kept as text."""

from __future__ import annotations

import csv
import io

from unsc.service.spreadsheet import safe_cell
from unsc.web.live import links_csv


def test_formula_text_is_kept_as_text_and_numbers_stay_numbers() -> None:
    assert safe_cell("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert safe_cell("@SUM(A1:A9)") == "'@SUM(A1:A9)"
    assert safe_cell("+1+1") == "'+1+1"
    assert safe_cell("-5") == "-5" and safe_cell(-5) == -5 and safe_cell(None) is None
    assert safe_cell("S/2022/431") == "S/2022/431"


def test_a_roster_name_cannot_become_a_formula_in_the_links_file() -> None:
    sheet = {
        "chair_url": "http://192.168.1.20:8000/live/x/chair#c",
        "projector_url": "http://192.168.1.20:8000/live/x/projector#p",
        "delegations": [
            {"seat": "~CMD", "name": "=cmd|' /C calc'!A0", "url": "http://h/live/x/delegate#d"}
        ],
    }
    rows = list(csv.DictReader(io.StringIO(links_csv(sheet))))
    assert rows[2]["delegation"] == "'=cmd|' /C calc'!A0"
    assert rows[2]["link"] == "http://h/live/x/delegate#d"
