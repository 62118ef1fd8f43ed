"""The README's examples run as written, and every command is documented."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from unsc.cli import app

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```console\n(.*?)```", README, flags=re.DOTALL)


def examples() -> list[tuple[str, list[str]]]:
    out = []
    for block in BLOCKS:
        lines = block.strip().splitlines()
        assert lines[0].startswith("$ "), block
        out.append((lines[0][2:], lines[1:]))
    return out


@pytest.mark.parametrize(("command", "expected"), examples(), ids=lambda x: str(x)[:60])
def test_readme_example(command: str, expected: list[str]) -> None:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    result = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command}"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert "Traceback" not in result.stderr
    shows_an_error = any('"error"' in line for line in expected)
    assert result.returncode == (1 if shows_an_error else 0), result.stderr
    for line in expected:
        assert line in result.stdout, f"{line!r} not in the output of {command!r}"


def test_every_command_is_documented() -> None:
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert names
    for name in names:
        assert f"unsc {name}" in README, name


def test_the_readme_gives_the_two_commands_and_ci_calls_the_test_one() -> None:
    assert "bash scripts/unsc.sh serve" in README
    assert "bash scripts/test.sh" in README
    assert "bash scripts/test.sh" in (ROOT / ".ci/run").read_text(encoding="utf-8")
