#!/usr/bin/env bash
# Installs what the tests need from Debian's packages when it is missing: Chromium (for the
# page tests, driven by Playwright; no browser download) and PostgreSQL (the tests start
# their own throwaway server from its binaries). Needs root and apt-get; without them it
# says what is missing and the tests that need it will say so too.
set -euo pipefail
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
