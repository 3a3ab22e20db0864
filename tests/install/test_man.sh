#!/bin/sh
# test_man.sh SRCDIR: the manual page documents every key of the README's
# key reference (which test_project keeps equal to the schema), each in the
# .SS section of its [section], and man formats it without warnings.
set -eu
src=$1
readme=$src/README.md
man=$src/man/buurtscan.1
missing=0
keys=$(awk '/^## The project file/ {f = 1} f && /^```ini/ {g = 1; next}
            g && /^```/ {exit} g' "$readme" \
    | grep -E '^\[|^;? ?[a-z_]+ =' | sed -E 's/^; //; s/ *=.*//' \
    | awk '/^\[/ {sub(/^\[/, ""); split($0, a, " "); sub(/\]$/, "", a[1]);
                  s = a[1]; next} {print s "." $0}')
for sk in $keys; do
    section=${sk%%.*}
    key=${sk#*.}
    if ! awk -v s="$section" -v k="$key" '
            /^\.S[SH] / {in_s = ($2 == "[" s || index($2, "[" s "]") == 1 \
                                 || index($2, "[" s) == 1)}
            in_s {gsub(/[^a-z_0-9]+/, " "); n = split($0, w, " ");
                  for (i = 1; i <= n; i++) if (w[i] == k) found = 1}
            END {exit !found}' "$man"; then
        echo "man/buurtscan.1 lacks [$section] $key"
        missing=$((missing + 1))
    fi
done
n=$(echo "$keys" | wc -w)
[ "$n" -gt 100 ] || { echo "only $n keys read from the README"; missing=$((missing + 1)); }
if command -v man >/dev/null 2>&1; then
    warn=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$man" 2>&1 >/dev/null || true)
    [ -z "$warn" ] || { echo "man warns: $warn"; missing=$((missing + 1)); }
fi
if [ "$missing" -gt 0 ]; then
    echo "0 passed, 1 failed"
    exit 1
fi
echo "$n keys documented in man/buurtscan.1"
echo "1 passed, 0 failed"
