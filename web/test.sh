#!/usr/bin/env bash
# The playground's tests in a real browser (Debian's Chromium, driven by playwright-core), on
# what web/build.sh built. Without Chromium the tests cannot run: this says so and fails unless
# ALLOW_SKIP=1, so that CI never passes them silently.
set -euo pipefail
cd "$(dirname "$0")"
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "SKIPPED: the playground's browser tests: no Chromium at $chromium (apt-get install chromium)" >&2
  [ "${ALLOW_SKIP:-0}" = 1 ] && exit 0 || exit 1
fi
[ -f dist/index.html ] || { echo "web/dist is missing: run web/build.sh first" >&2; exit 1; }
[ -d node_modules ] || npm ci --no-audit --no-fund
CHROMIUM="$chromium" node --test --test-concurrency=1 test/
