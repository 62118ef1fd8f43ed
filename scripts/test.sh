#!/usr/bin/env bash
# Sets up .venv/ and runs every check: ruff, mypy --strict, import-linter, then pytest.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/bootstrap.sh
.venv/bin/ruff check src tests benchmarks scripts
.venv/bin/mypy
.venv/bin/lint-imports
.venv/bin/pytest "$@"
