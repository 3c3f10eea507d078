#!/usr/bin/env bash
# Times a data-only change from push to a site ready to publish, on the
# cached path the example workflow and netlify.toml take: a fresh checkout
# of the pushed commit, the atlas binary restored from the cache (it is
# keyed by the generator's sources, which a data change leaves alone), then
# atlas check and atlas build. The upload to the host is not included (no
# network here). Prints the figures; asserts nothing.
#
# usage: benches/data-only-rebuild.sh [RUNS]   (default 3; median printed)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
work=$(mktemp -d /dev/shm/atlas-data-only.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT

# The "remote": a bare clone of this repository's HEAD.
git clone -q --bare . "$work/remote.git"
# The CI cache: the binary of this generator, under its key (compiled once
# here if this checkout has none: that is the generator-changed path).
key=$(scripts/generator-key)
mkdir -p "$work/cache"
if [ ! -x target/release/atlas ] || [ -n "$(find src Cargo.toml Cargo.lock -newer target/release/atlas -print -quit)" ]; then
  cargo build --release --locked
fi
cp target/release/atlas "$work/cache/atlas-$key"

# An editor's data-only change, pushed.
git clone -q "$work/remote.git" "$work/editor"
record=$(cd "$work/editor" && ls content/programs/*.md | head -n 1)
sed -i '0,/^summary: /s//summary: （更新）/' "$work/editor/$record"
git -C "$work/editor" -c user.name=bench -c user.email=bench@example.org commit -qam "data-only change"
git -C "$work/editor" push -q origin HEAD

now() { date +%s.%N; }
times=()
for run in $(seq "$runs"); do
  rm -rf "$work/ci"
  t0=$(now)
  git clone -q --depth 1 "file://$work/remote.git" "$work/ci"
  t1=$(now)
  mkdir -p "$work/ci/.atlas-bin" && cp "$work/cache/atlas-$key" "$work/ci/.atlas-bin/"
  t2=$(now)
  (cd "$work/ci" && scripts/build-site public 2>"$work/build.log")
  t3=$(now)
  grep -q "using the kept binary" "$work/build.log" || { cat "$work/build.log"; echo "the cached binary was not used" >&2; exit 1; }
  times+=("$(echo "$t0 $t1 $t2 $t3" | awk '{printf "%.2f %.2f %.2f %.2f", $2-$1, $3-$2, $4-$3, $4-$1}')")
  echo "run $run: checkout $(echo "${times[-1]}" | cut -d' ' -f1) s, restore binary $(echo "${times[-1]}" | cut -d' ' -f2) s, check + build $(echo "${times[-1]}" | cut -d' ' -f3) s, total $(echo "${times[-1]}" | cut -d' ' -f4) s"
done
median=$(printf '%s\n' "${times[@]}" | sort -n -k4 | sed -n "$(((runs + 1) / 2))p")
echo "data-only rebuild, push to site ready to publish (median of $runs, upload excluded): $(echo "$median" | cut -d' ' -f4) s ($(grep -c . <<<"$(find "$work/ci/public" -type f)") files)"
