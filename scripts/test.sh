#!/usr/bin/env bash
# Sets up .venv/ (and Chromium and PostgreSQL if missing), then runs every check: ruff,
# mypy --strict, import-linter, then pytest (on SQLite and on a real PostgreSQL server).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/bootstrap.sh
bash scripts/system-deps.sh
.venv/bin/ruff check src tests benchmarks scripts
.venv/bin/mypy
.venv/bin/lint-imports
.venv/bin/pytest "$@"
