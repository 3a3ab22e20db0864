#!/bin/bash
# CPU seconds per phase of the England job (bench/england.ini), from perf
# profiles with call stacks: each sample goes to the first phase in the
# list below one of whose functions is on its stack. CPU time, not wall
# time, so that it can be measured on a busy machine; set it against the
# floor of each phase (build/src/bench-floor, see bench/floor.c).
# Usage: bash bench/england-phases.sh [BUILD_DIR]   (default: build)
#   RUNS=3     profiles; the median of each phase is printed
#   HZ=500     samples per second
# Needs perf (Debian: linux-perf) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-build}/src/buurtscan"
RUNS=${RUNS:-3}
HZ=${HZ:-500}
[ -x "$BIN" ] || { echo "build first: meson setup build && ninja -C build" >&2; exit 2; }
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

for ((i = 0; i < RUNS; i++)); do
    perf record -q -F "$HZ" --call-graph dwarf,16384 -o "$TMP/perf.data" \
        "$BIN" -q run bench/england.ini -o "$TMP/out" >/dev/null 2>&1
    perf script -i "$TMP/perf.data" 2>/dev/null > "$TMP/run$i.txt"
    rm -rf "$TMP/out" "$TMP/perf.data"
done

python3 - "$HZ" "$TMP"/run*.txt <<'EOF'
import re, statistics, sys
PHASES = [
    ("PNG: draw and encode", ["bs_png_write", "render_png"]),
    ("PDF: draw and write", ["bs_map_render_page", "bs_map_render"]),
    ("read .shp and .dbf", ["bs_shapefile_read"]),
    ("read CSV", ["bs_csv_read"]),
    ("simplify (topology)", ["bs_areas_simplify_scaled"]),
    ("reproject (PROJ)", ["bs_areas_simplify_to", "bs_areas_reproject",
                          "bs_areas_bbox_in", "bs_crs_equivalent",
                          "bs_crs_is_geographic", "bs_crs_check",
                          "crs_part_run"]),
    ("join and compute", ["bs_job_compute", "bs_join_build"]),
    ("write scores.csv", ["write_tables"]),
]
OTHER = "other (start, exit, job)"
hz = float(sys.argv[1])
per_run = []
for path in sys.argv[2:]:
    count = {}
    chain = []
    def flush():
        if not chain:
            return
        names = set(chain)
        for name, fns in PHASES:
            if any(f in names for f in fns):
                count[name] = count.get(name, 0) + 1
                return
        count[OTHER] = count.get(OTHER, 0) + 1
    with open(path, errors="replace") as f:
        for line in f:
            if not line.strip():
                flush()
                chain = []
            elif line[0] in " \t":
                m = re.match(r"\s+[0-9a-f]+\s+(\S+)", line)
                if m:
                    chain.append(m.group(1).split("+")[0])
            else:
                flush()
                chain = []
        flush()
    per_run.append(count)
print(f"{'phase (median of %d profiles)' % len(per_run):34s} {'CPU s':>7s}")
total = 0
for name in [p[0] for p in PHASES] + [OTHER]:
    v = statistics.median(c.get(name, 0) for c in per_run) / hz
    total += v
    print(f"{name:34s} {v:7.2f}")
print(f"{'total':34s} {total:7.2f}")
EOF
