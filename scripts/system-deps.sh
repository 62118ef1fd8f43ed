#!/usr/bin/env bash
# Installs what the tests need from Debian's packages when it is missing: Chromium (for the
# page tests, driven by Playwright; no browser download) and PostgreSQL (the tests start
# their own throwaway server from its binaries), and axe-core from the npm registry. Needs root and apt-get; without them it
# says what is missing and the tests that need it will say so too.
set -euo pipefail
cd "$(dirname "$0")/.."
# axe-core for the accessibility tests, from the npm registry at the locked version.
if [ ! -f tests/a11y/node_modules/axe-core/axe.min.js ]; then
    if command -v npm >/dev/null 2>&1; then
        npm ci --prefix tests/a11y --no-audit --no-fund --silent >&2
    else
        echo "system-deps: npm is missing; the accessibility tests need it (Debian: apt-get install npm)" >&2
    fi
fi
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    missing+=(postgresql)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: missing ${missing[*]}; install them (Debian: apt-get install ${missing[*]})" >&2
    exit 0
fi
echo "system-deps: installing ${missing[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq "${missing[@]}" >&2
