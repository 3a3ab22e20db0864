#!/bin/sh
# test_install.sh BUILDDIR SRCDIR: installs buurtscan into a temporary
# DESTDIR, then compiles and runs a small program against the installed
# library with pkg-config (shared and static), compiles every installed
# public header on its own, and checks that no header includes a library
# header its declarations do not use.
set -eu
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/dest
fail() { echo "FAIL: $*"; echo "0 passed, 1 failed"; exit 1; }

meson install -C "$build" --no-rebuild --destdir "$dest" >"$tmp/install.log" 2>&1 \
    || { cat "$tmp/install.log"; fail "meson install"; }

pc=$(find "$dest" -name buurtscan.pc | head -n 1)
[ -n "$pc" ] || fail "no buurtscan.pc installed"
lib=$(find "$dest" -name 'libbuurtscan.so.*' | head -n 1)
[ -n "$lib" ] || fail "no shared libbuurtscan installed"
static=$(find "$dest" -name libbuurtscan.a | head -n 1)
[ -n "$static" ] || fail "no static libbuurtscan installed"
[ -n "$(find "$dest" -name buurtscan.1)" ] || fail "no man page installed"
[ -n "$(find "$dest" -path '*buurtscan/templates/gebiedsscan.ini')" ] \
    || fail "no templates installed"
incdir=$(dirname "$(find "$dest" -path '*/include/buurtscan/version.h')")
[ -d "$incdir" ] || fail "no headers installed"
for h in "$src"/include/buurtscan/*.h; do
    [ -f "$incdir/$(basename "$h")" ] || fail "$(basename "$h") not installed"
done

# the .pc names the install prefix, which lies under DESTDIR here: a copy
# with the prefix moved there (PKG_CONFIG_SYSROOT_DIR would move cairo's
# -I too)
prefix=$(sed -n 's/^prefix=//p' "$pc")
mkdir "$tmp/pc"
sed "s|^prefix=.*|prefix=$dest$prefix|" "$pc" >"$tmp/pc/buurtscan.pc"
export PKG_CONFIG_PATH="$tmp/pc"
pkg-config --exists buurtscan || fail "pkg-config does not find buurtscan"
pc=$tmp/pc/buurtscan.pc

cat >"$tmp/prog.c" <<'C'
#include <stdio.h>
#include <buurtscan/areas.h>
#include <buurtscan/number.h>
#include <buurtscan/version.h>
int main(void)
{
    double v;
    if (bs_parse_number(" 12,5 ", ',', &v) != BS_NUM_OK || v != 12.5)
        return 1;
    printf("%s %d\n", bs_version(), bs_glob_match("WK0080*", "wk008010"));
    return 0;
}
C
cc -std=c11 -Wall -Werror "$tmp/prog.c" -o "$tmp/prog" \
    $(pkg-config --cflags --libs buurtscan) || fail "compiling against the shared library"
out=$(LD_LIBRARY_PATH="$(dirname "$lib")" "$tmp/prog") || fail "running the program"
version=$(pkg-config --modversion buurtscan)
[ "$out" = "$version 1" ] || fail "the program printed '$out', not '$version 1'"
LD_LIBRARY_PATH="$(dirname "$lib")" ldd "$tmp/prog" | grep -q "$(dirname "$lib")/libbuurtscan.so" \
    || fail "the program is not linked to the installed shared library"

# the GDAL module (src/io/gdalmod.h) is installed, and a program on the
# shared library reads a GeoJSON through it: the module's calls back into
# buurtscan find libbuurtscan.so
module=$(find "$dest" -name buurtscan-gdal.so | head -n 1)
[ -n "$module" ] || fail "no GDAL module (buurtscan-gdal.so) installed"
cat >"$tmp/one.geojson" <<'J'
{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"WK1"},"geometry":{"type":"Polygon","coordinates":[[[5,52],[5.1,52],[5.1,52.1],[5,52]]]}}]}
J
cat >"$tmp/vec.c" <<'C'
#include <stdio.h>
#include <buurtscan/vector.h>
int main(int argc, char **argv)
{
    bs_areas *a;
    bs_error err;
    if (argc < 2 || bs_vector_read_areas(argv[1], NULL, NULL, &a, NULL, &err) != 0) {
        fprintf(stderr, "%s\n", argc < 2 ? "usage" : err.msg);
        return 1;
    }
    printf("%zu\n", a->n);
    bs_areas_free(a);
    return 0;
}
C
cc -std=c11 -Wall -Werror "$tmp/vec.c" -o "$tmp/vec" \
    $(pkg-config --cflags --libs buurtscan) || fail "compiling the GeoJSON reader"
out=$(LD_LIBRARY_PATH="$(dirname "$lib")" BUURTSCAN_MODULE_DIR="$(dirname "$module")" \
      "$tmp/vec" "$tmp/one.geojson" 2>&1) || fail "reading a GeoJSON through the installed module: $out"
[ "$out" = "1" ] || fail "the GeoJSON reader printed '$out'"

# the static library with the system libraries shared, as Debian ships them
# (pkg-config --static would also want static builds of GDAL's own deps)
private=$(sed -n 's/^Libs.private: //p' "$pc")
requires=$(pkg-config --print-requires-private buurtscan | awk '{print $1}')
cc -std=c11 "$tmp/prog.c" -o "$tmp/prog-static" $(pkg-config --cflags buurtscan) \
    "$static" $private $(pkg-config --libs $requires) \
    || fail "compiling against the static library"
out=$(env -u LD_LIBRARY_PATH "$tmp/prog-static") || fail "running the static program"
[ "$out" = "$version 1" ] || fail "the static program printed '$out'"
env -u LD_LIBRARY_PATH ldd "$tmp/prog-static" | grep -q libbuurtscan && fail "the static program loads libbuurtscan.so"

# every public header compiles on its own with the .pc's flags
n=0
cflags=$(pkg-config --cflags buurtscan)
for h in "$incdir"/*.h; do
    printf '#include <buurtscan/%s>\n' "$(basename "$h")" >"$tmp/one.c"
    cc -std=c11 -fsyntax-only $cflags "$tmp/one.c" \
        || fail "buurtscan/$(basename "$h") does not compile on its own"
    n=$((n + 1))
done

# no header includes a library header its own declarations do not use
check_use() {   # header, included file, pattern its declarations must use
    if grep -q "^#include <$2>" "$1" \
        && ! grep -v '^#include' "$1" | grep -q "$3"; then
        fail "$(basename "$1") includes <$2> but declares nothing with it"
    fi
}
for h in "$incdir"/*.h; do
    check_use "$h" cairo.h 'cairo_'
    check_use "$h" ini.h 'ini_'
    check_use "$h" gdal.h 'GDAL\|OGR'
    check_use "$h" shapefil.h 'SHP\|DBF\|SA'
    check_use "$h" proj.h 'PJ'
    check_use "$h" xlsxwriter.h 'lxw_'
    check_use "$h" stdio.h 'FILE'
done
echo "installed: $(find "$dest" -type f | wc -l) files; $n headers compile alone"
echo "1 passed, 0 failed"
