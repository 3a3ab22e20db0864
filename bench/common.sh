# common.sh: what the side-by-side benchmarks (england.sh, atlas.sh) share.
# Sourced, not run; expects RUNS and a temporary directory in TMP.

size() {  # file -> "12.3 MB", or "-"
    if [ -f "$1" ]; then awk -v b="$(stat -c %s "$1")" 'BEGIN{printf "%.1f MB", b/1048576}'
    else echo "-"; fi
}

# best_of NAME OUTDIR -- command...: runs the command RUNS times into a fresh
# OUTDIR and sets BEST (wall seconds) and BEST_MB (its peak RSS) from the
# fastest run. Returns 1, with the command's output, when it fails.
best_of() {
    local name=$1 out=$2 best="" bestrss="" i wall rss; shift 3
    for ((i = 0; i < RUNS; i++)); do
        rm -rf "$out"
        mkdir -p "$out"
        if ! /usr/bin/time -v "$@" >"$TMP/log.txt" 2>"$TMP/time.txt"; then
            echo "$name failed:" >&2
            cat "$TMP/log.txt" "$TMP/time.txt" >&2
            return 1
        fi
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$TMP/time.txt" |
               awk -F: '{print ($1 * 60) + $2}')
        rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.txt")
        if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then
            best=$wall
            bestrss=$rss
        fi
    done
    BEST=$best
    BEST_MB=$(awk "BEGIN{print $bestrss / 1024}")
}
