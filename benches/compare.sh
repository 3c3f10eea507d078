#!/usr/bin/env bash
# Side-by-side benchmark: atlas against Hugo and Hugo + Pagefind on the same
# synthetic corpus (examples/synth), all inputs and outputs on tmpfs.
#
#   benches/compare.sh                 # N = 1000 10000 100000
#   benches/compare.sh 1000 10000      # a quicker run
#   BENCH_DIR=/dev/shm/x benches/compare.sh 1000
#   BENCH_RUNS=1 benches/compare.sh    # one run per build instead of the median of 3
#
# Prints figures; it never asserts (speed is not a test). Installs what it
# lacks: Debian's hugo (apt-get), npm's pagefind (the repository's
# devDependency, else the same version into $BENCH_DIR/tools).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/dev/shm/atlas-bench}
SEED=${BENCH_SEED:-1}
PAGEFIND_VERSION=1.6.0
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(1000 10000 100000); fi
# Builds are timed as the median of this many runs (Hugo: one at 100,000).
RUNS=${BENCH_RUNS:-3}

say() { printf '%s\n' "$*"; }

# --- tools -----------------------------------------------------------------
say "# Building atlas and the corpus generator (release)…"
(cd "$ROOT" && cargo build --release --quiet --bin atlas --example synth) || { say "cannot build atlas"; exit 1; }
# Copies, so that a rebuild during a long run does not change what is measured.
mkdir -p "$WORK/bin"
cp "$ROOT/target/release/atlas" "$ROOT/target/release/examples/synth" "$WORK/bin/"
ATLAS=$WORK/bin/atlas
SYNTH=$WORK/bin/synth

if ! command -v hugo >/dev/null; then
    say "# Installing Debian's hugo…"
    { apt-get update -qq && apt-get install -y -qq hugo; } >/dev/null 2>&1 || say "could not install hugo"
fi
if [ -x "$ROOT/node_modules/.bin/pagefind" ]; then
    PAGEFIND=$ROOT/node_modules/.bin/pagefind
else
    # Not installed in the repository: the same version into a tool folder.
    command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm; } >/dev/null 2>&1
    PAGEFIND=$WORK/tools/node_modules/.bin/pagefind
    [ -x "$PAGEFIND" ] || npm install --silent --no-audit --no-fund --prefix "$WORK/tools" "pagefind@$PAGEFIND_VERSION" >/dev/null 2>&1 ||
        say "could not install pagefind"
fi
if ! /usr/bin/time -f x true >/dev/null 2>&1; then
    { apt-get update -qq && apt-get install -y -qq time; } >/dev/null 2>&1
fi

# --- measuring -------------------------------------------------------------
# A tool whose processes together exceed this much memory is stopped, so
# that the benchmark cannot push the shared machine out of memory (Pagefind
# needs several GiB per 10,000 pages). Default: 60% of what is available.
CAP_KB=${BENCH_MEM_CAP_KB:-$(awk '/MemAvailable/ { printf "%d", $2 * 0.6 }' /proc/meminfo)}

# descendants PID: every process below PID.
descendants() {
    local pids=$1 all=""
    while [ -n "$pids" ]; do
        pids=$(pgrep -P "${pids// /,}" | tr '\n' ' ' | sed 's/ *$//')
        all="$all $pids"
    done
    echo $all
}

tree_rss_kb() {
    local pids
    pids=$(echo "$1 $(descendants "$1")" | tr -s ' ' ',' | sed 's/,$//')
    ps -o rss= -p "$pids" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'
}

# run LOG CMD…: runs CMD under /usr/bin/time; sets WALL, CPU (user+sys,
# seconds), RSS (peak, MiB), OK (1 if it exited 0) and CAPPED (1 if it was
# stopped at the memory cap).
run() {
    local log=$1
    shift
    local t pid
    t=$(mktemp)
    CAPPED=0
    /usr/bin/time -f '%e %U %S %M' -o "$t" "$@" >"$log" 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        if [ "$(tree_rss_kb "$pid")" -gt "$CAP_KB" ]; then
            CAPPED=1
            kill $(descendants "$pid") 2>/dev/null
        fi
        sleep 0.5
    done
    if wait "$pid"; then OK=1; else OK=0; fi
    read -r WALL user sys kib < <(tail -n 1 "$t")
    CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    RSS=$(awk -v k="$kib" 'BEGIN { printf "%.0f", k / 1024 }')
    rm -f "$t"
}

# median_of K PREP LOG CMD…: `run` K times, each after the shell code PREP
# (e.g. removing the output folder); WALL, CPU and RSS are those of the run
# with the median wall time, OK is 1 if every run exited 0. A busy shared
# machine makes single runs vary by a third.
median_of() {
    local k=$1 prep=$2 log=$3 i all_ok=1 runs=()
    shift 3
    for ((i = 0; i < k; i++)); do
        eval "$prep"
        run "$log" "$@"
        [ "$OK" = 1 ] || all_ok=0
        runs+=("$WALL $CPU $RSS")
    done
    read -r WALL CPU RSS < <(printf '%s\n' "${runs[@]}" | sort -n | sed -n "$(((k + 1) / 2))p")
    OK=$all_ok
}

files_in() { find "$1" -type f 2>/dev/null | wc -l; }
bytes_in() { find "$1" -type f -printf '%s\n' 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "n/a" }'; }
row() { printf '%-28s %8s %8s %9s %8s %10s %10s\n' "$@"; }

# Search index of an atlas build: everything under public/search/ but the
# search page itself.
atlas_index_bytes() {
    find "$1/search" -type f ! -path "$1/search/index.html" -printf '%s\n' 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'
}

# Time from saving an edited record to `atlas serve` serving the new text.
edit_to_served() {
    local site=$1 log=$2
    if ! "$ATLAS" serve --help >/dev/null 2>&1; then
        EDIT="n/a (this atlas has no \`serve\` subcommand yet)"
        return
    fi
    EDIT=$(python3 "$ROOT/benches/edit_to_served.py" "$ATLAS" "$site" 2>"$log") || EDIT="n/a (failed, see $log)"
}

declare -A SUMMARY_WALL SUMMARY_RSS

# --- one corpus size -------------------------------------------------------
bench() {
    local n=$1 dir=$WORK/$1
    mkdir -p "$dir"
    local site=$dir/site hsite=$dir/hugo-site out=$dir/atlas-public hout=$dir/hugo-public
    run "$dir/synth.log" "$SYNTH" --records "$n" --seed "$SEED" --out "$site" --hugo "$hsite"
    say ""
    say "## N = $n records — corpus $(mb "$(bytes_in "$site/content")") MB in $(files_in "$site/content") files (generated in ${WALL}s, seed $SEED)"
    say ""
    row "" "wall s" "cpu s" "peak MiB" "files" "output MB" "search MB"

    median_of "$RUNS" 'rm -rf "$out"' "$dir/atlas.log" "$ATLAS" build --quiet --root "$site" --out "$out"
    local a_wall=$WALL a_ok=$OK
    SUMMARY_WALL[$n]=$WALL
    SUMMARY_RSS[$n]=$RSS
    row "atlas build" "$WALL" "$CPU" "$RSS" "$(files_in "$out")" "$(mb "$(bytes_in "$out")")" "$(mb "$(atlas_index_bytes "$out")")"
    [ "$a_ok" = 1 ] || say "  (atlas build failed or was stopped at the memory cap: see $dir/atlas.log)"
    median_of "$RUNS" : "$dir/atlas-rebuild.log" "$ATLAS" build --quiet --root "$site" --out "$out"
    row "atlas rebuild, no change" "$WALL" "$CPU" "$RSS" "" "" ""

    # Hugo takes minutes at 100,000 records: one run there.
    local hugo_runs=$RUNS
    [ "$n" -gt 10000 ] && hugo_runs=1
    median_of "$hugo_runs" 'rm -rf "$hout" "$hsite/resources"' "$dir/hugo.log" hugo --minify --source "$hsite" --destination "$hout"
    local h_wall=$WALL h_cpu=$CPU h_rss=$RSS h_ok=$OK
    row "hugo --minify" "$WALL" "$CPU" "$RSS" "$(files_in "$hout")" "$(mb "$(bytes_in "$hout")")" "–"
    [ "$h_ok" = 1 ] || say "  (hugo failed or was stopped at the memory cap: see $dir/hugo.log)"
    run "$dir/pagefind.log" "$PAGEFIND" --site "$hout"
    local p_wall=$WALL p_cpu=$CPU p_rss=$RSS
    row "pagefind (over Hugo's site)" "$WALL" "$CPU" "$RSS" "$(files_in "$hout/pagefind")" "" "$(mb "$(bytes_in "$hout/pagefind")")"
    local p_capped=$CAPPED
    if [ "$p_capped" = 1 ]; then
        say "  (pagefind stopped at the memory cap of $((CAP_KB / 1024)) MiB: its time is a lower bound)"
    elif [ "$OK" != 1 ]; then
        say "  (pagefind failed: see $dir/pagefind.log)"
    fi
    local hp_wall hp_cpu
    hp_wall=$(awk -v a="$h_wall" -v b="$p_wall" 'BEGIN { printf "%.2f", a + b }')
    hp_cpu=$(awk -v a="$h_cpu" -v b="$p_cpu" 'BEGIN { printf "%.2f", a + b }')
    row "hugo + pagefind" "$hp_wall" "$hp_cpu" "$((h_rss > p_rss ? h_rss : p_rss))" "$(files_in "$hout")" "$(mb "$(bytes_in "$hout")")" "$(mb "$(bytes_in "$hout/pagefind")")"
    rm -rf "$hsite/resources"
    run "$dir/hugo-rebuild.log" hugo --minify --source "$hsite" --destination "$hout"
    row "hugo rebuild, no change" "$WALL" "$CPU" "$RSS" "" "" ""

    say ""
    local at_least=""
    [ "$p_capped" = 1 ] && at_least="at least "
    say "atlas is $(ratio "$h_wall" "$a_wall") faster than Hugo alone and $at_least$(ratio "$hp_wall" "$a_wall") faster than Hugo + Pagefind (wall time)."
    edit_to_served "$site" "$dir/serve.log"
    say "edit one record → updated page served by atlas serve: $EDIT"
}

say "# atlas vs Hugo $(hugo version 2>/dev/null | awk '{ print $2 }') + Pagefind $PAGEFIND_VERSION — $(nproc) cores, outputs in $WORK"
for n in "${SIZES[@]}"; do
    bench "$n"
done

if [ ${#SIZES[@]} -gt 1 ]; then
    say ""
    say "## Scaling (atlas build)"
    prev=""
    for n in "${SIZES[@]}"; do
        line="N = $n: ${SUMMARY_WALL[$n]}s, peak ${SUMMARY_RSS[$n]} MiB"
        [ -n "$prev" ] && line="$line; $(ratio "${SUMMARY_WALL[$n]}" "${SUMMARY_WALL[$prev]}") the time of N = $prev"
        say "$line"
        prev=$n
    done
fi
