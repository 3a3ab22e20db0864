#!/bin/bash
# The national atlas of issue 6: every Dutch wijk (CBS 2022, 3,340) on its
# own A4 page, in buurtscan (bench/national-atlas.ini: the full report, with
# a profile page per wijk) and in QGIS 3.22 Atlas (bench/compare/
# qgis-atlas.py: the anchor job, a map zoomed to the wijk with a legend, a
# scale bar and a title); prints wall time, peak memory, pages and PDF
# size, best of RUNS runs each, in one run on one machine.
# Usage: bash bench/atlas.sh [BUILD_DIR]   (default: build)
#   RUNS=2                  runs per tool (the best counts)
#   QGIS_PYTHON=path        the Python that has PyQGIS (default: /usr/bin/python3,
#                           Debian's, which python3-qgis installs into)
# QGIS needs the Debian packages qgis and python3-qgis; when they are not
# installed QGIS is reported as such and skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-build}/src/buurtscan"
RUNS=${RUNS:-2}
PY=${QGIS_PYTHON:-/usr/bin/python3}
SHP=../shared/data/nl-wijken-2022/NLD_dist_2022.shp
[ -x "$BIN" ] || { echo "build first: meson setup build && ninja -C build" >&2; exit 2; }
[ -f "$SHP" ] || { echo "$SHP: not found" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

. bench/common.sh

pages() {  # file -> its page count, or "-"
    if [ -f "$1" ] && command -v pdfinfo >/dev/null 2>&1; then
        pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'
    else echo "-"; fi
}

# measure NAME OUTDIR PDF -- command...: best wall time of RUNS
measure() {
    local name=$1 out=$2 pdf=$3; shift 3
    best_of "$name" "$out" "$@" || return 1
    printf "%-40s %8.2f %9.1f %7s %10s\n" "$name" "$BEST" "$BEST_MB" \
        "$(pages "$out/$pdf")" "$(size "$out/$pdf")"
}

printf "National atlas, 3,340 wijken, A4; best of %d runs on %d cores\n" "$RUNS" "$(nproc)"
printf "%-40s %8s %9s %7s %10s\n" "tool" "wall s" "peak MB" "pages" "pdf"
measure "buurtscan (full report)" "$TMP/bs" atlas.pdf -- \
    "$BIN" -q run bench/national-atlas.ini -o "$TMP/bs"
if QT_QPA_PLATFORM=offscreen "$PY" -c 'import qgis.core' >/dev/null 2>&1; then
    measure "QGIS $(QT_QPA_PLATFORM=offscreen "$PY" -c \
        'from qgis.core import Qgis; print(Qgis.version().split("-")[0])' \
        2>/dev/null) Atlas (map, legend, scale)" "$TMP/qgis" atlas.pdf -- \
        env QT_QPA_PLATFORM=offscreen "$PY" bench/compare/qgis-atlas.py \
        "$SHP" "$TMP/qgis/atlas.pdf"
else
    echo "QGIS: not installed (apt-get install qgis python3-qgis)"
fi
