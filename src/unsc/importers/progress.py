"""How importers report progress: a small protocol the CLI fills with a Rich progress bar."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def start(self, task: str, total: int) -> None: ...

    def advance(self, n: int = 1) -> None: ...


class Silent:
    """Progress that shows nothing (tests, the web app's first-run build)."""

    def start(self, task: str, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass
