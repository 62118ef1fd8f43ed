#!/usr/bin/env bash
# Creates the project's virtual environment at .venv/ from the lock file (uv.lock).
# Installs uv first if the machine has none. Safe to run again: it only syncs.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION="0.13.8"
if ! command -v uv >/dev/null 2>&1 || [ "$(uv --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
    python3 -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION" >&2
fi
export UV_PYTHON_DOWNLOADS=never
# Bytecode is compiled once here, so that every command starts fast even where
# PYTHONDONTWRITEBYTECODE keeps Python from caching it at run time.
uv sync --frozen --quiet --python python3 --compile-bytecode >&2
.venv/bin/python -m compileall -q src/unsc >&2
