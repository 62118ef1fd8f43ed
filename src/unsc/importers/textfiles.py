"""Reading source files as text, with errors that name the file, the line and the field."""

from __future__ import annotations

import io
from pathlib import Path

from unsc.core.errors import UnscError


class RowError(UnscError):
    """A bad file or row: names the file, the line and the field."""

    def __init__(self, filename: str, line: int, field: str, message: str) -> None:
        super().__init__(f"{filename}, line {line}, field {field!r}: {message}")
        self.filename = filename
        self.line = line
        self.field = field


def decode(data: bytes, filename: str, encoding: str = "utf-8") -> io.StringIO:
    """``data`` as a text handle; bytes that are not ``encoding`` are an error naming the line."""
    try:
        return io.StringIO(data.decode(encoding), newline="")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise RowError(
            filename,
            line,
            "encoding",
            f"byte 0x{data[err.start]:02x} is not valid {encoding}; save the file as "
            f"{encoding.upper()} and import it again",
        ) from None


def open_text(path: Path, encoding: str = "utf-8") -> io.StringIO:
    return decode(path.read_bytes(), path.name, encoding)
