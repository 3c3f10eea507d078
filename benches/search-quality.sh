#!/usr/bin/env bash
# Search quality on the judged queries: the atlas's search page and
# Pagefind 1.6 over the same built shipped atlas, in headless Chromium.
#   benches/search-quality.sh [--verbose] [--json FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error
# Pagefind is only needed by the benchmarks: installed without saving.
[ -x node_modules/.bin/pagefind ] || npm install --no-save --no-audit --no-fund --loglevel=error pagefind@1.6.0
cargo build --release --locked --quiet
ATLAS_BIN="$PWD/target/release/atlas" exec node benches/search-quality.mjs "$@"
