"""The Council's resolutions from 2000 (S/RES/1285) to 2026, with their text, from the UN's
own machine-readable documents: UN DGACM's Akoma Ntoso files (``unsc.data.unxml_resolutions``;
see its SOURCE.yaml). The United Nations is the source, as its terms ask.

Two files make one resolution: the metadata (``data_extract/<year>.json``, JSON Lines, one
record per resolution: meeting, agenda item, title, draft, Chapter VII, sponsors, subjects,
tally) and the English text (``resolutions_en.jsonl.gz``: preambular paragraphs and the body
with its numbered operative paragraphs). Every line parses or the import is refused with the
first bad line named by file, line and field.

The sources' quirks, each handled here:

- a resolution given twice (the text of 2193-2195 and 2464; the metadata of 2820-2822) is
  one row; the copies must agree, a field empty in one copy taking the other's value, and
  a real difference is an error naming both lines;
- a resolution with metadata and no text (2510, 2589) has no paragraphs; one with text and
  no metadata (2770, 2772) has only its symbol, date and text; 2762 is in neither;
- a resolution without numbered operative paragraphs (one-line admissions, 2623 (2022))
  keeps its unnumbered paragraphs as operative text with no number;
- the 2024 metadata schema (``pv``, ``sc_symbol``, counts such as "014", dates such as
  "2024-01-30 00:00:00") reads as the others;
- titles are kept as the library gives them, even where they are wrong (2397's says "the
  nuclear test of 28 Nov. 2017"; that day's event was a ballistic-missile launch).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields, replace
from importlib import resources
from typing import IO, Any

from unsc.importers.textfiles import RowError, decode

DATA_PACKAGE = "unsc.data.unxml_resolutions"
TEXT_FILE = "resolutions_en.jsonl.gz"
METADATA_DIR = "data_extract"
METADATA_YEARS = range(2000, 2027)
SOURCE_ID = "unxml"
NO_DATE = dt.date(1, 1, 1)
"""The text file's placeholder for a date its XML does not give."""

_SYMBOL = re.compile(r"S/RES/(\d+)\s*\((\d{4})\)")
_MEETING = re.compile(r"(\d+)(?:st|nd|rd|th)\b")
_SPV = re.compile(r"S/PV\.?(\d+)")
_DRAFT = re.compile(r"S/\d{4}/\d+")
_LONG_DATE = re.compile(r"(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})\b")
_OPENING = re.compile(r"The Security Council\s*[,:]?")
_OP = re.compile(r"\d+")
_LETTER = re.compile(r"\([a-z]{1,2}\)")
_ROMAN = re.compile(r"\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)\)")
_CHAPTER_VII = {"Chapter VII": True, "N.A.": False, "": None}
"""The metadata's ``chapter_VII``: "Chapter VII", "N.A." (not applicable) or empty (not
said: unknown, never false)."""
_SUBJECT_VOCABULARIES = ("UNBIS Thesaurus", "DHLAUTH")
"""The subject headings kept: the UNBIS Thesaurus terms and the library's authority names.
The other entries of ``subjects`` repeat the agenda item ("S/"), the title ("DHL") or the
Council's index headings ("S/<session>")."""
_KEYS = {
    "adopted": "adoption_date",
    "meeting": "adoption_meeting",
    "adoption": "adoption_type",
    "agenda_item": "agenda_item_name",
    "title": "resolution_title",
    "draft": "draft_resolution",
    "chapter_vii": "chapter_VII",
    "yes": "MS_in_favour_count",
    "no": "MS_against_count",
    "abstain": "MS_abstaining_count",
}
"""The metadata's key for each field read, for errors."""
_MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        start=1,
    )
}


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph: preambular (numbered by its place after "The Security Council,") or
    operative ("28", "26 (a)", "26 (a) (i)"; none for an unnumbered line)."""

    kind: str
    number: str | None
    parent: str | None
    section: str
    text: str


@dataclass(frozen=True, slots=True)
class Metadata:
    """One metadata record, as read."""

    filename: str
    line: int
    number: int
    symbol: str
    adopted: dt.date
    meeting: str | None
    adoption: str
    agenda_item: str
    title: str
    draft: str | None
    chapter_vii: bool | None
    sponsors: tuple[str, ...]
    subjects: tuple[str, ...]
    yes: int | None
    no: int | None
    abstain: int | None


@dataclass(frozen=True, slots=True)
class Text:
    """One resolution's English text, as read."""

    line: int
    number: int
    symbol: str
    adopted: dt.date | None
    """None where the file gives "0001-01-01" (1287-1291 (2000) and six others)."""
    file: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class ResolutionRow:
    """A resolution: its metadata where the source has it, and its paragraphs."""

    number: int
    symbol: str
    adopted: dt.date
    meeting: str | None
    adoption: str
    agenda_item: str
    title: str | None
    draft: str | None
    chapter_vii: bool | None
    sponsors: tuple[str, ...]
    subjects: tuple[str, ...]
    yes: int | None
    no: int | None
    abstain: int | None
    source_ref: str
    """Where the row comes from: the metadata file and line, the text file and line."""
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class Parsed:
    resolutions: tuple[ResolutionRow, ...]
    notes: tuple[str, ...]
    """What the reading found and settled: duplicates, resolutions with one half only."""


def _records(handle: IO[str], filename: str) -> Iterator[tuple[int, dict[str, Any]]]:
    for line, text in enumerate(handle, start=1):
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as err:
            raise RowError(
                filename, line, "json", f"not valid JSON ({err.msg}, column {err.colno})"
            ) from None
        if not isinstance(record, dict):
            raise RowError(filename, line, "json", "expected one JSON object per line")
        yield line, record


def _string(record: Mapping[str, Any], key: str, filename: str, line: int) -> str:
    value = record.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RowError(filename, line, key, f"expected text, got {json.dumps(value)[:60]}")
    return value.strip()


def _strings(record: Mapping[str, Any], key: str, filename: str, line: int) -> tuple[str, ...]:
    value = record.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RowError(filename, line, key, "expected a list of names")
    return tuple(v.strip() for v in value if v.strip())


def _symbol(value: str, filename: str, line: int) -> tuple[int, str]:
    match = _SYMBOL.fullmatch(value)
    if match is None:
        raise RowError(
            filename, line, "symbol", f"expected e.g. 'S/RES/2397 (2017)', got {value!r}"
        )
    return int(match.group(1)), f"S/RES/{match.group(1)} ({match.group(2)})"


def _date(value: str, filename: str, line: int, field: str) -> dt.date:
    """ "19 January 2017", "2024-01-10" or "2024-01-30 00:00:00"; 1569 (2004) adds the
    place: "19 November 2004 in Nairobi"; 2024's records write no-break spaces."""
    try:
        if "-" in value:
            return dt.date.fromisoformat(value[:10])
        match = _LONG_DATE.match(value)  # "19 November 2004 in Nairobi"
        if match is None:
            raise ValueError(value)
        day, month, year = match.groups()
        return dt.date(int(year), _MONTHS[month], int(day))
    except (ValueError, KeyError):
        raise RowError(
            filename, line, field, f"expected a date like '22 December 2017', got {value!r}"
        ) from None


def _count(record: Mapping[str, Any], key: str, filename: str, line: int) -> int | None:
    value = _string(record, key, filename, line)
    if not value:
        return None
    if not value.isdigit() or int(value) > 15:
        raise RowError(filename, line, key, f"expected a count of members 0-15, got {value!r}")
    return int(value)


def _meeting(record: Mapping[str, Any], filename: str, line: int) -> str | None:
    """The S/PV meeting, from ``adoption_meeting`` ("8151st meeting"); a resolution adopted
    by the 2020-21 written procedure ("Voting by mail") has none. ``outcome_letter`` is not
    trusted for it (2723 (2024), adopted at the 9539th meeting, gives S/PV.9527)."""
    text = _string(record, "adoption_meeting", filename, line)
    match = _MEETING.match(text)
    if match is not None:
        return f"S/PV.{match.group(1)}"
    if text.lower() == "voting by mail":
        return None
    spv = _SPV.match(_string(record, "outcome_letter", filename, line))
    if spv is not None:
        return f"S/PV.{spv.group(1)}"
    raise RowError(
        filename,
        line,
        "adoption_meeting",
        f"expected e.g. '8151st meeting' or 'Voting by mail', got {text!r}",
    )


def _subjects(record: Mapping[str, Any], filename: str, line: int) -> tuple[str, ...]:
    value = record.get("subjects") or []
    headings: list[str] = []
    if not isinstance(value, list):
        raise RowError(filename, line, "subjects", "expected a list of [heading, vocabulary]")
    for entry in value:
        if (
            not isinstance(entry, list)
            or len(entry) != 2
            or not all(isinstance(e, str) for e in entry)
        ):
            raise RowError(
                filename,
                line,
                "subjects",
                f"expected [heading, vocabulary] pairs, got {json.dumps(entry)[:60]}",
            )
        if entry[1] in _SUBJECT_VOCABULARIES and entry[0].strip():
            headings.append(entry[0].strip())
    return tuple(dict.fromkeys(headings))


def parse_metadata(handle: IO[str], filename: str) -> list[Metadata]:
    """Every record of one year's metadata file, in the file's order."""
    rows: list[Metadata] = []
    for line, record in _records(handle, filename):
        number, symbol = _symbol(_string(record, "symbol", filename, line), filename, line)
        adopted = _date(
            _string(record, "adoption_date", filename, line), filename, line, "adoption_date"
        )
        chapter = _string(record, "chapter_VII", filename, line)
        if chapter not in _CHAPTER_VII:
            raise RowError(
                filename,
                line,
                "chapter_VII",
                f"expected 'Chapter VII', 'N.A.' or empty, got {chapter!r}",
            )
        draft = _string(record, "draft_resolution", filename, line) or None
        if draft is not None and not _DRAFT.fullmatch(draft):
            raise RowError(
                filename, line, "draft_resolution", f"expected e.g. 'S/2017/1092', got {draft!r}"
            )
        counts = [
            _count(record, key, filename, line)
            for key in ("MS_in_favour_count", "MS_against_count", "MS_abstaining_count")
        ]
        if counts == [0, 0, 0]:
            # Adopted without a vote or by acclamation (1326 (2000) and ten others): no
            # tally, not a vote of 0-0-0.
            counts = [None, None, None]
        elif counts[0] is not None:
            # The 2024 schema leaves a zero count empty ("015", "", "").
            counts = [c if c is not None else 0 for c in counts]
        rows.append(
            Metadata(
                filename,
                line,
                number,
                symbol,
                adopted,
                _meeting(record, filename, line),
                _string(record, "adoption_type", filename, line),
                _string(record, "agenda_item_name", filename, line),
                _string(record, "resolution_title", filename, line),
                draft,
                _CHAPTER_VII[chapter],
                tuple(
                    dict.fromkeys(
                        _strings(record, "sponsors", filename, line)
                        + _strings(record, "additional_sponsors", filename, line)
                    )
                ),
                _subjects(record, filename, line),
                counts[0],
                counts[1],
                counts[2],
            )
        )
    return rows


def _paragraphs(record: Mapping[str, Any], filename: str, line: int) -> tuple[Paragraph, ...]:
    preamble = record.get("preamble")
    body = record.get("body")
    if not isinstance(preamble, list) or not all(isinstance(p, str) for p in preamble):
        raise RowError(filename, line, "preamble", "expected a list of paragraphs (text)")
    if not isinstance(body, list) or not all(isinstance(b, dict) for b in body):
        raise RowError(filename, line, "body", "expected a list of paragraph objects")
    out: list[Paragraph] = []
    texts = [p.strip() for p in preamble if p.strip()]
    if texts and _OPENING.fullmatch(texts[0]):
        texts = texts[1:]  # the opening formula is not a paragraph
    out.extend(Paragraph("preambular", str(i), None, "", t) for i, t in enumerate(texts, 1))
    op: str | None = None
    letter: str | None = None
    for i, item in enumerate(body, start=1):
        if item.get("kind") != "paragraph":
            continue  # headings, sections and containers name the paragraphs' section
        text, num, section = (item.get(k, "") for k in ("text", "num", "section"))
        if not isinstance(text, str) or not isinstance(num, str) or not isinstance(section, str):
            raise RowError(filename, line, f"body[{i}]", "expected text, num and section as text")
        text, num = text.strip(), num.strip()
        if not text:
            continue
        if _OP.fullmatch(num):
            op, letter = num, None
            out.append(Paragraph("operative", num, None, section, text))
        elif op is not None and _ROMAN.fullmatch(num) and letter not in (None, "(h)"):
            # (i) after (h) is a letter; after any other lettered subparagraph, a numeral.
            number = f"{op} {letter} {num}"
            out.append(Paragraph("operative", number, f"{op} {letter}", section, text))
        elif op is not None and (_LETTER.fullmatch(num) or _ROMAN.fullmatch(num)):
            letter = num
            out.append(Paragraph("operative", f"{op} {num}", op, section, text))
        else:
            # Unnumbered text, dashes, bullets, parts "A"/"B": kept in place, no number.
            out.append(Paragraph("operative", None, op, section, text))
    return tuple(out)


def parse_texts(handle: IO[str], filename: str = TEXT_FILE) -> list[Text]:
    """Every record of the text file, in the file's order."""
    rows: list[Text] = []
    for line, record in _records(handle, filename):
        number, symbol = _symbol(_string(record, "symbol", filename, line), filename, line)
        adopted: dt.date | None = _date(
            _string(record, "adoption_date", filename, line), filename, line, "adoption_date"
        )
        if adopted == NO_DATE:
            adopted = None
        rows.append(
            Text(
                line,
                number,
                symbol,
                adopted,
                _string(record, "file", filename, line),
                _paragraphs(record, filename, line),
            )
        )
    return rows


def _merge_metadata(rows: Iterable[Metadata], notes: list[str]) -> dict[int, Metadata]:
    """One record per resolution: a second copy must agree with the first; a field empty in
    one copy takes the other's value (2820 (2026): its second copy has no title)."""
    merged: dict[int, Metadata] = {}
    for row in rows:
        first = merged.get(row.number)
        if first is None:
            merged[row.number] = row
            continue
        filled: dict[str, Any] = {}
        lacking: list[str] = []
        for field in (f.name for f in fields(Metadata)):
            if field in ("filename", "line"):
                continue
            a, b = getattr(first, field), getattr(row, field)
            if a == b:
                continue
            if b in (None, "", ()):
                lacking.append(field)
                continue
            if a in (None, "", ()):
                filled[field] = b
                continue
            raise RowError(
                row.filename,
                row.line,
                _KEYS.get(field, field),
                f"{row.symbol} appears again (first at {first.filename}, line {first.line}) "
                f"with a different value: {b!r} against {a!r}; keep one record",
            )
        merged[row.number] = replace(first, **filled)
        notes.append(
            f"{row.symbol}: given twice ({first.filename}, lines {first.line} and {row.line}); "
            + "; ".join(
                [f"the second fills {', '.join(filled)}"] * bool(filled)
                + [f"the second lacks {', '.join(lacking)}"] * bool(lacking)
                or ["identical"]
            )
        )
    return merged


def _merge_texts(rows: Iterable[Text], filename: str, notes: list[str]) -> dict[int, Text]:
    merged: dict[int, Text] = {}
    for row in rows:
        first = merged.get(row.number)
        if first is None:
            merged[row.number] = row
            continue
        for field in ("adopted", "paragraphs"):
            if getattr(first, field) != getattr(row, field):
                raise RowError(
                    filename,
                    row.line,
                    "adoption_date" if field == "adopted" else "body",
                    f"{row.symbol} appears again (first at line {first.line}, from "
                    f"{first.file}) with a different text; keep one record",
                )
        notes.append(
            f"{row.symbol}: text given twice ({filename}, lines {first.line} and {row.line}, "
            f"from {first.file} and {row.file}); identical"
        )
    return merged


def combine(
    metadata: Iterable[Metadata], texts: Iterable[Text], text_file: str = TEXT_FILE
) -> Parsed:
    """One row per resolution from the metadata and the text; they must agree on the date."""
    notes: list[str] = []
    meta = _merge_metadata(metadata, notes)
    text = _merge_texts(texts, text_file, notes)
    rows: list[ResolutionRow] = []
    for number in sorted(meta.keys() | text.keys()):
        m, t = meta.get(number), text.get(number)
        paragraphs = t.paragraphs if t is not None else ()
        where = []
        if m is not None:
            where.append(f"{METADATA_DIR}/{m.filename}, line {m.line}")
        if t is not None:
            where.append(f"{text_file}, line {t.line}")
        if m is None:
            assert t is not None
            if t.adopted is None:
                raise RowError(
                    text_file, t.line, "adoption_date", f"{t.symbol} has no date and no metadata"
                )
            notes.append(f"{t.symbol}: text without metadata")
            rows.append(
                ResolutionRow(
                    number, t.symbol, t.adopted, None, "", "", None, None, None, (), (),
                    None, None, None, "; ".join(where), paragraphs,
                )
            )  # fmt: skip
            continue
        adopted = m.adopted
        if t is None:
            notes.append(f"{m.symbol}: metadata without text")
        elif t.adopted is not None and t.adopted != m.adopted:
            adopted = _settle_date(m, t, text_file, notes)
        rows.append(
            ResolutionRow(
                number, m.symbol, adopted, m.meeting, m.adoption, m.agenda_item,
                m.title or None, m.draft, m.chapter_vii, m.sponsors, m.subjects,
                m.yes, m.no, m.abstain, "; ".join(where), paragraphs,
            )
        )  # fmt: skip
    return Parsed(tuple(rows), tuple(notes))


def _settle_date(m: Metadata, t: Text, text_file: str, notes: list[str]) -> dt.date:
    """When the two files disagree on the date, the one in the symbol's year wins, the
    metadata's if both are (2423 (2018): the metadata says 29 June 2016, the text 28 June
    2018; 1609 (2005): the metadata 24 June, the text 22 June)."""
    assert t.adopted is not None
    year = int(m.symbol[-5:-1])
    if m.adopted.year == year:
        chosen, other = m.adopted, t.adopted
    elif t.adopted.year == year:
        chosen, other = t.adopted, m.adopted
    else:
        raise RowError(
            text_file,
            t.line,
            "adoption_date",
            f"{t.symbol} adopted {t.adopted.isoformat()} here and {m.adopted.isoformat()} in "
            f"{m.filename}, line {m.line}: neither is in the symbol's year",
        )
    notes.append(
        f"{m.symbol}: the files give {m.adopted.isoformat()} ({m.filename}) and "
        f"{t.adopted.isoformat()} ({text_file}); kept {chosen.isoformat()}, not {other.isoformat()}"
    )
    return chosen


def metadata_name(year: int) -> str:
    return f"{year}.json"


def read_gzip(data: bytes, filename: str) -> IO[str]:
    try:
        raw = gzip.decompress(data)
    except (OSError, EOFError):
        raise RowError(filename, 1, "file", "not a gzip file; compress it with gzip") from None
    return decode(raw, filename)


def bundled() -> Parsed:
    package = resources.files(DATA_PACKAGE)
    metadata: list[Metadata] = []
    for year in METADATA_YEARS:
        name = metadata_name(year)
        data = package.joinpath(METADATA_DIR, f"{name}.gz").read_bytes()
        metadata.extend(parse_metadata(read_gzip(data, name), name))
    texts = parse_texts(read_gzip(package.joinpath(TEXT_FILE).read_bytes(), TEXT_FILE))
    return combine(metadata, texts)
