#!/usr/bin/env bash
# Sets up .venv/ if needed, then runs the unsc command line with the given arguments.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/bootstrap.sh"
exec "$root/.venv/bin/unsc" "$@"
