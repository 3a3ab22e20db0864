#!/bin/bash
# ab.sh: a build against an earlier one on the same jobs, in one run on one
# machine, their runs alternated (A B A B ...) so that load from elsewhere
# falls on both alike. Prints, per job and build, the best wall time, the
# CPU time (user + system) of that run and its peak memory, best of RUNS.
# Usage: bash bench/ab.sh OLD_BINARY [NEW_BINARY]   (default new: build/src/buurtscan)
#   RUNS=3        runs per build and job (the best counts)
#   JOBS="..."    project files (default: bench/england.ini bench/national-atlas.ini)
# An earlier build: git worktree add /tmp/old COMMIT && meson setup
# /tmp/old/build /tmp/old && ninja -C /tmp/old/build; then OLD_BINARY is
# /tmp/old/build/src/buurtscan.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=${1:?usage: bash bench/ab.sh OLD_BINARY [NEW_BINARY]}
NEW=${2:-build/src/buurtscan}
RUNS=${RUNS:-3}
JOBS=${JOBS:-"bench/england.ini bench/national-atlas.ini"}
for b in "$OLD" "$NEW"; do
    [ -x "$b" ] || { echo "$b: not an executable" >&2; exit 2; }
done
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# one BIN JOB: runs the job once; prints "wall cpu rss_mb"
one() {
    rm -rf "$TMP/out"
    if ! SOURCE_DATE_EPOCH=1700000000 /usr/bin/time -f "%e %U %S %M" -o "$TMP/t" \
            "$1" -q run "$2" -o "$TMP/out" >"$TMP/log" 2>&1; then
        echo "$1 $2 failed:" >&2
        cat "$TMP/log" >&2
        exit 1
    fi
    awk '{printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024}' "$TMP/t"
}

printf "best of %d, runs alternated; load at start: %s\n" "$RUNS" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-28s %-6s %8s %8s %9s\n" job build "wall s" "CPU s" "peak MB"
for job in $JOBS; do
    declare -A best=()
    for ((i = 0; i < RUNS; i++)); do
        for which in old new; do
            bin=$OLD
            [ "$which" = new ] && bin=$NEW
            r=$(one "$bin" "$job")
            if [ -z "${best[$which]:-}" ] ||
               awk -v a="${r%% *}" -v b="${best[$which]%% *}" 'BEGIN{exit !(a < b)}'; then
                best[$which]=$r
            fi
        done
    done
    for which in old new; do
        read -r w c m <<<"${best[$which]}"
        printf "%-28s %-6s %8s %8s %9s\n" "$(basename "$job")" "$which" "$w" "$c" "$m"
    done
    unset best
done
