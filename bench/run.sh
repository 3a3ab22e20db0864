#!/bin/bash
# Times buurtscan jobs with /usr/bin/time -v and prints a table.
# Usage: bash bench/run.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-build}/src/buurtscan"
[ -x "$BIN" ] || { echo "build first: meson setup build && ninja -C build" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

measure() {  # name, then the command
    local name=$1; shift
    local best=""
    for i in 1 2 3; do
        /usr/bin/time -v "$@" >/dev/null 2>"$TMP/time.txt"
        local wall rss
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$TMP/time.txt" | awk -F: '{print ($1*60)+$2}')
        rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.txt")
        if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; bestrss=$rss; fi
    done
    printf "%-44s %8.2f s %9.1f MB\n" "$name" "$best" "$(awk "BEGIN{print $bestrss/1024}")"
}

printf "%-44s %10s %12s\n" "job (best of 3)" "wall" "peak RSS"
measure "demo: Leeuwarden, 7 maps, report, herijking" bash -c "cd $TMP && $PWD/$BIN -q"
measure "national: 3,340 wijken, 1 map (pdf+png)" "$BIN" -q run bench/national-wijken.ini -o "$TMP/nl"
measure "national: validate only" "$BIN" -q validate bench/national-wijken.ini
ls -l "$TMP/nl" | awk 'NR>1 {printf "  %-20s %8.1f kB\n", $9, $5/1024}'

echo
echo "composite score on England (IMD 2019 domain ranks, 32,844 LSOAs):"
"${1:-build}/src/bench-composite" ../shared/data/england-lsoa-2011/imd2019_domain_ranks.csv 1000

echo
echo "edition overlay, all wijken 2022 x 2024 (GEOS; GeoJSON converted with ogr2ogr, untimed):"
"${1:-build}/src/bench-overlay"

echo
echo "report atlas, one page per wijk (3,340 national wijken):"
measure "atlas: 3,340 pages + 1 map" "$BIN" -q run bench/national-atlas.ini -o "$TMP/atlas"
ls -l "$TMP/atlas/atlas.pdf" | awk '{printf "  %-20s %8.1f MB\n", "atlas.pdf", $5/1048576}'
pdfinfo "$TMP/atlas/atlas.pdf" | grep Pages

echo
echo "spatial statistics: queen weights, LISA (999 permutations), accessibility:"
"${1:-build}/src/bench-spatial" ../shared/data
