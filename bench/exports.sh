#!/bin/bash
# Times the exports (GeoPackage with QGIS style, GeoJSON, Excel, Dutch-Excel
# CSV) of the national wijken, read as shapefile and as GeoPackage, and of
# the 2024 GeoJSON; prints time and size per file. With QGIS installed
# (Debian qgis, python3-qgis), renders the GeoPackage headless through its
# stored style (bench/qgis_render.py) as a check that it opens as styled.
# Usage: bash bench/exports.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-build}/src/bench-export"
[ -x "$BIN" ] || { echo "build first: meson setup build && ninja -C build" >&2; exit 2; }
DATA=../shared/data
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

echo "== national wijken 2022, shapefile (3,340 areas)"
mkdir "$TMP/shp" && "$BIN" "$DATA/nl-wijken-2022/NLD_dist_2022.shp" "$TMP/shp" income_low
ogr2ogr -nlt PROMOTE_TO_MULTI -f GPKG "$TMP/wijken.gpkg" "$DATA/nl-wijken-2022/NLD_dist_2022.shp"
echo "== the same as GeoPackage (ogr2ogr)"
mkdir "$TMP/gpkg" && "$BIN" "$TMP/wijken.gpkg" "$TMP/gpkg" income_low
echo "== wijken 2024, GeoJSON (3,475 areas, WGS84)"
mkdir "$TMP/geojson" && "$BIN" "$DATA/nl-wijken-2024/wijken_2024.geojson" "$TMP/geojson" aantal_inwoners
if [ -x /usr/bin/qgis_process ] && /usr/bin/python3 -c 'import qgis' 2>/dev/null; then
    echo "== QGIS renders scores.gpkg with its stored style"
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 bench/qgis_render.py \
        "$TMP/shp/scores.gpkg" "${QGIS_PNG:-$TMP/qgis.png}" 2>/dev/null
fi

# issue 14, in the product: the national run (bench/national-wijken.ini)
# without exports and with [export] format = gpkg geojson xlsx, best of 3
# each (wall time, peak RSS), and the size of each export.
CLI="${1:-build}/src/buurtscan"
RUNS=${RUNS:-3}
source bench/common.sh
sed "s|\.\./\.\./shared|$(cd ..; pwd)/shared|" bench/national-wijken.ini > "$TMP/plain.ini"
{ cat "$TMP/plain.ini"; printf '[export]\nformat = gpkg geojson xlsx\n'; } > "$TMP/all.ini"
echo "== national run through the CLI, best of $RUNS (SOURCE_DATE_EPOCH fixed)"
export SOURCE_DATE_EPOCH=1700000000
best_of plain "$TMP/out-plain" -- "$CLI" -q run "$TMP/plain.ini" -o "$TMP/out-plain"
printf '%-28s %6.2f s %7.1f MB\n' "without exports" "$BEST" "$BEST_MB"
best_of all "$TMP/out-all" -- "$CLI" -q run "$TMP/all.ini" -o "$TMP/out-all"
printf '%-28s %6.2f s %7.1f MB\n' "with gpkg geojson xlsx" "$BEST" "$BEST_MB"
for f in scores.gpkg scores.geojson scores.xlsx map-score.qml manifest.json; do
    printf '  %-26s %s\n' "$f" "$(awk -v b="$(stat -c %s "$TMP/out-all/$f")" 'BEGIN{printf "%.1f kB", b/1024}')"
done
cmp -s "$TMP/out-plain/scores.csv" "$TMP/out-all/scores.csv" &&
    echo "  scores.csv identical with and without exports"
