#!/bin/bash
# The national England job (bench/england.ini: 32,844 LSOAs, WGS84 to
# British National Grid, join, IMD-weighted score, 9 quantile classes, A4)
# in buurtscan, in R (sf + classInt) and in mapshaper; prints wall time,
# peak memory and output sizes, best of RUNS runs each.
# Usage: bash bench/england.sh [BUILD_DIR]   (default: build)
#   RUNS=3                  runs per tool (the best counts)
#   MAPSHAPER=path          mapshaper (default: mapshaper on the PATH)
# R needs r-cran-sf and r-cran-classint; mapshaper: npm install -g mapshaper.
# A tool that is not installed is reported as such and skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-build}/src/buurtscan"
RUNS=${RUNS:-3}
MS=${MAPSHAPER:-mapshaper}
DATA=../shared/data/england-lsoa-2011
SHP=$DATA/lsoa2011_wgs84.shp
CSV=$DATA/imd2019_domain_ranks.csv
[ -x "$BIN" ] || { echo "build first: meson setup build && ninja -C build" >&2; exit 2; }
[ -f "$SHP" ] || { echo "$SHP: not found" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

. bench/common.sh

# measure NAME OUTDIR PDF PNG SVG -- command...: best wall time of RUNS
measure() {
    local name=$1 out=$2 pdf=$3 png=$4 svg=$5; shift 5
    best_of "$name" "$out" "$@" || return 1
    printf "%-28s %8.2f %9.1f %10s %10s %10s\n" "$name" "$BEST" "$BEST_MB" \
        "$(size "$out/$pdf")" "$(size "$out/$png")" "$(size "$out/$svg")"
}

printf "England, 32,844 LSOAs, A4; best of %d runs on %d cores\n" "$RUNS" "$(nproc)"
printf "%-28s %8s %9s %10s %10s %10s\n" "tool" "wall s" "peak MB" "pdf" "png 300dpi" "svg"
measure "buurtscan (pdf+png)" "$TMP/bs" map-score.pdf map-score.png - -- \
    "$BIN" -q run bench/england.ini -o "$TMP/bs"
if Rscript -e 'library(sf); library(classInt)' >/dev/null 2>&1; then
    measure "R sf+classInt (pdf+png)" "$TMP/r" england.pdf england.png - -- \
        Rscript bench/compare/england.R "$SHP" "$CSV" "$TMP/r"
else
    echo "R sf+classInt: not installed (apt-get install r-cran-sf r-cran-classint)"
fi
if command -v "$MS" >/dev/null 2>&1; then
    measure "mapshaper (svg)" "$TMP/ms" - - england.svg -- \
        env MAPSHAPER="$MS" bash bench/compare/england-mapshaper.sh "$SHP" "$CSV" "$TMP/ms"
else
    echo "mapshaper: not installed (npm install -g mapshaper, or set MAPSHAPER=)"
fi
