#!/usr/bin/env bash
# Search benchmark (atlas vs Pagefind) on a 10,000-record synthetic corpus.
# Uses the synthetic corpus generator examples/synth when this repository
# (or the repository at $SYNTH_REPO) has it, else benches/corpus.mjs.
#   benches/search-bench.sh [RECORDS]
set -euo pipefail
cd "$(dirname "$0")/.."
records="${1:-10000}"
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error
# Pagefind is only needed here, not by the tests: install it without saving.
[ -x node_modules/.bin/pagefind ] || npm install --no-save --no-audit --no-fund --loglevel=error pagefind@1.6.0
cargo build --release --locked --quiet
export ATLAS_BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/atlas"
synth_repo="${SYNTH_REPO:-$PWD}"
if [ -d "$synth_repo/examples/synth" ]; then
  # On tmpfs where there is one (see benches/compare.sh).
  scratch="$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  corpus="$scratch/root"
  (cd "$synth_repo" && cargo run --release --quiet --example synth -- --records "$records" --out "$corpus")
  node benches/search-bench.mjs --root "$corpus"
  exit
fi
exec node benches/search-bench.mjs --records "$records"
