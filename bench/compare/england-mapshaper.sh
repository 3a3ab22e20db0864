#!/bin/bash
# The England IMD benchmark job in mapshaper, for comparison with buurtscan
# (bench/england.ini): read the LSOA shapefile, reproject to the British
# National Grid, join the IoD2019 domain ranks, score, 9 quantile classes in
# YlOrRd, and write an SVG (mapshaper writes no PDF or PNG).
# The score: mapshaper has no ranking across features, so the normalised
# value is n + 1 - rank of the published domain rank (n = 32,844). The
# published ranks have a few ties (at most 56 pairs per domain), where
# buurtscan and R average the ranks; the scores differ only there.
# Usage: england-mapshaper.sh SHAPEFILE CSV OUTDIR   (MAPSHAPER=path/to/mapshaper)
set -euo pipefail
MS=${MAPSHAPER:-mapshaper}
shp=$1 csv=$2 out=$3
mkdir -p "$out"
n=32845
"$MS" -i "$shp" \
  -proj EPSG:27700 \
  -join "$csv" keys=code,lsoa11cd string-fields=lsoa11cd \
  -each "score = (.225*($n-income_rank) + .225*($n-employment_rank)
                 + .135*($n-education_rank) + .135*($n-health_rank)
                 + .093*($n-crime_rank) + .093*($n-barriers_rank)
                 + .093*($n-living_rank)) / 0.999" \
  -classify field=score method=quantile classes=9 \
      colors='#ffffcc,#ffeda0,#fed976,#feb24c,#fd8d3c,#fc4e2a,#e31a1c,#bd0026,#800026' \
  -style stroke='#737373' stroke-width=0.25 \
  -o "$out/england.svg" format=svg
