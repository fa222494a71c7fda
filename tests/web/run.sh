#!/usr/bin/env bash
# Browser tests of the page: installs the npm packages (npm ci, only when the
# lock file changed), then runs browser_test.mjs, which starts `redflag serve`
# and drives Debian's Chromium with Playwright.
# Usage: tests/web/run.sh <redflag binary> [pattern cache dir]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
REDFLAG_BINARY=$(realpath "${1:?usage: run.sh <redflag binary> [cache dir]}")
cache=${2:-${REDFLAG_CACHE_DIR:-}}
[[ -z "$cache" ]] || cache=$(realpath -m "$cache")
export REDFLAG_BINARY REDFLAG_CACHE_DIR=$cache
if ! command -v node >/dev/null; then
  echo "SKIPPED: node is not installed; scripts/install-deps --test installs it"
  exit 77  # ctest: skipped
fi
cd "$here"
if ! cmp -s package-lock.json node_modules/.redflag-installed-lock 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.redflag-installed-lock
fi
exec node --test --test-reporter=spec browser_test.mjs
