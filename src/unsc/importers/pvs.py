"""The texts of resolutions 1-1284 (1946-1999), from the plain texts of the PVS replication
data (``unsc.data.pvs_resolutions``; see its SOURCE.yaml): the United Nations' resolutions,
collected in felixhaass/pvs_securitycouncil (MIT). From 1285 (2000) the UN's own structured
files (``unsc.importers.resolutions``) are used instead: where both hold a resolution, the
UN's wins, so the PVS texts of 1285-2259 are not bundled.

The number and the year come from the file name (``S-RES-242(1967).txt``); the date, the
meeting and the title from the vote record or the library's meeting tables (see
``unsc.importers.build.import_early_resolutions``). Every record parses or the import is
refused with the first bad line named by file, line and field.

The texts' quirks, each handled here:

- 445 of the 2,259 upstream files are not UTF-8 (118 of 1-1284): they were decoded once,
  as cp1252, when bundled; no mojibake ("â€", U+FFFD) is left;
- 776 texts begin with UNHCR Refworld's citation header (Publisher, Publication Date,
  Citation / Document Symbol, Reference, "Cite as ... [accessed 4 April 2016]"): it is
  stripped, and the row's source reference says so;
- the heading ("Resolution 242 (1967) of 22 November 1967") before "The Security Council,"
  is not a paragraph; the opening formula neither;
- a paragraph is a line, or lines apart by a blank line; a line that begins in lower case
  continues the paragraph before it (wrapped text, S/RES/1 (1946));
- operative paragraphs are numbered "1." and sub-paragraphs "(a)", "(i)" (a numeral after
  a lettered sub-paragraph, as in ``unsc.importers.resolutions``); paragraphs before the
  first numbered one are preambular;
- a text without "The Security Council," on a line of its own, or without numbered
  paragraphs, is not split into preamble and operative part: its paragraphs are kept, in
  order, as unnumbered operative text, with the section "not split" saying why.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from importlib import resources
from typing import IO

from unsc.importers.resolutions import Paragraph, _records, _string
from unsc.importers.textfiles import RowError, decode

DATA_PACKAGE = "unsc.data.pvs_resolutions"
TEXT_FILE = "texts_1946_1999.jsonl.gz"
SOURCE_ID = "pvs"
LAST = 1284

_NAME = re.compile(r"S-RES-(\d+)\((\d{4})\)\.txt")
_OPENING = re.compile(r"The Security Council\s*[,:]?")
_REFWORLD_END = re.compile(r"available at: http://www\.refworld\.org/[^\n]*\n")
_OP = re.compile(r"(\d+)\s*\.\s+(.*)", re.DOTALL)
_SUB = re.compile(r"\(([a-z]{1,2})\)\s*(.*)", re.DOTALL)
_ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}
UNSPLIT = "not split: the text has no opening 'The Security Council,' on a line of its own"
AFTER = "after the text: the adoption record and notes"
_ADOPTED = re.compile(r"Adopted\b")


@dataclass(frozen=True, slots=True)
class TextRow:
    number: int
    year: int
    symbol: str
    file: str
    line: int
    refworld: bool
    """The text came with Refworld's citation header, now stripped."""
    paragraphs: tuple[Paragraph, ...]


def strip_refworld(text: str) -> tuple[str, bool]:
    """The text without Refworld's citation header, and whether it had one."""
    match = _REFWORLD_END.search(text)
    if match is None or "Cite as" not in text[: match.start()]:
        return text, False
    return text[match.end() :], True


def _blocks(text: str) -> list[str]:
    """Paragraphs: lines, a line starting in lower case joined to the one before."""
    out: list[str] = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        if out and line[0].islower():
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def split(text: str) -> tuple[Paragraph, ...]:
    """Preambular and operative paragraphs, as the text shows them."""
    blocks = _blocks(text)
    opening = next((i for i, b in enumerate(blocks) if _OPENING.fullmatch(b)), None)
    body = blocks[opening + 1 :] if opening is not None else blocks
    end = next((i for i, b in enumerate(body) if i and _ADOPTED.match(b)), len(body))
    body, tail = body[:end], body[end:]
    after = [Paragraph("operative", None, None, AFTER, b) for b in tail]
    if opening is None or not body:
        return tuple(Paragraph("operative", None, None, UNSPLIT, b) for b in body) + tuple(after)
    # The preamble runs to the first numbered paragraph; unnumbered, to the first paragraph
    # that does not end with a comma (preambular paragraphs do, operative ones do not).
    first_op = next((i for i, b in enumerate(body) if _OP.fullmatch(b)), None)
    if first_op is None:
        first_op = next((i for i, b in enumerate(body) if not b.endswith(",")), len(body))
    out = [Paragraph("preambular", str(i), None, "", b) for i, b in enumerate(body[:first_op], 1)]
    op: str | None = None
    letter: str | None = None
    for block in body[first_op:]:
        numbered, sub = _OP.fullmatch(block), _SUB.fullmatch(block)
        if numbered is not None:
            op, letter = numbered.group(1), None
            out.append(Paragraph("operative", op, None, "", numbered.group(2).strip()))
        elif sub is not None and op is not None:
            mark, inner = f"({sub.group(1)})", sub.group(1)
            nested = (
                letter is not None
                and letter[1:-1] not in _ROMAN
                and inner in _ROMAN
                and not (letter == "(h)" and inner == "i")
            )
            if nested:
                number = f"{op} {letter} {mark}"
                out.append(Paragraph("operative", number, f"{op} {letter}", "", block))
            else:
                letter = mark
                out.append(Paragraph("operative", f"{op} {mark}", op, "", block))
        else:
            out.append(Paragraph("operative", None, op, "", block))
    return (*out, *after)


def parse(handle: IO[str], filename: str = TEXT_FILE) -> list[TextRow]:
    """Every record of the bundled texts, in number order."""
    rows: list[TextRow] = []
    for line, record in _records(handle, filename):
        name = _string(record, "file", filename, line)
        match = _NAME.fullmatch(name)
        if match is None:
            raise RowError(
                filename, line, "file", f"expected e.g. 'S-RES-242(1967).txt', got {name!r}"
            )
        number, year = int(match.group(1)), int(match.group(2))
        if not 1 <= number <= LAST:
            raise RowError(filename, line, "file", f"resolution {number} is not in 1-{LAST}")
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            raise RowError(filename, line, "text", "expected the resolution's text")
        if "\ufffd" in text or "â€" in text:
            raise RowError(
                filename, line, "text", "the text is mis-decoded (mojibake); decode it again"
            )
        body, refworld = strip_refworld(text)
        rows.append(
            TextRow(
                number,
                year,
                f"S/RES/{number} ({year})",
                name,
                line,
                refworld,
                split(body),
            )
        )
    rows.sort(key=lambda r: r.number)
    return rows


def bundled() -> list[TextRow]:
    data = resources.files(DATA_PACKAGE).joinpath(TEXT_FILE).read_bytes()
    try:
        raw = gzip.decompress(data)
    except (OSError, EOFError):
        raise RowError(TEXT_FILE, 1, "file", "not a gzip file; compress it with gzip") from None
    return parse(decode(raw, TEXT_FILE))
