#!/usr/bin/env python3
"""Checks the house rules of docs/architecture.md on the source tree:
- a file includes headers of its own layer or of layers below it
  (data <- io <- analysis <- render <- report <- job <- cli), never above;
- no circle among the source files' includes and calls through headers;
- only io and job open files (fopen/open/opendir);
- no source file over 1,000 lines, no function over 150 lines.
A header belongs to the layer of the .c file of the same name under src/,
or to the layer named in LAYER_OF below. Exit 1 with one line per breach."""
import os, re, sys

MAX_FILE = 1000
MAX_FUNCTION = 150
LAYERS = ["data", "io", "analysis", "render", "report", "job", "cli"]
RANK = {l: i for i, l in enumerate(LAYERS)}
# headers with no .c file of their own name
LAYER_OF = {"limits.h": "data", "error.h": "data", "rtext.h": "render",
            "vector.h": "io", "vectorout.h": "io"}

def main(root):
    root = os.path.abspath(root)
    src = os.path.join(root, "src")
    inc = os.path.join(root, "include", "buurtscan")
    owner = {}
    for layer in LAYERS:
        d = os.path.join(src, layer)
        if not os.path.isdir(d):
            continue
        for f in os.listdir(d):
            if f.endswith(".c"):
                owner.setdefault(f[:-2] + ".h", layer)
    # headers that declare things of several files: the layer of the file
    # whose name is a prefix (map.h owns map_*.c), else the lowest user
    for h in os.listdir(inc):
        if h in owner:
            continue
        stem = h[:-2]
        for layer in LAYERS:
            d = os.path.join(src, layer)
            if os.path.isdir(d) and any(f.startswith(stem) and f.endswith(".c") for f in os.listdir(d)):
                owner[h] = layer
                break
    for h, layer in LAYER_OF.items():
        owner.setdefault(h, layer)
    bad = []
    unknown = [h for h in os.listdir(inc) if h.endswith(".h") and h not in owner]
    for h in unknown:
        bad.append(f"include/buurtscan/{h}: no src/<layer>/ file implements it; name it after its module")
    graph = {}
    files = []
    for layer in LAYERS:
        d = os.path.join(src, layer)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if f.endswith((".c", ".h")):
                files.append((layer, os.path.join(d, f)))
    for h in os.listdir(inc):
        if h.endswith(".h") and h in owner:
            files.append((owner[h], os.path.join(inc, h)))
    inc_re = re.compile(r'^\s*#\s*include\s+"(?:buurtscan/)?([^"]+)"', re.M)
    open_re = re.compile(r'\b(fopen|opendir|open|openat|mkstemp)\s*\(')
    for layer, path in files:
        text = open(path, encoding="utf-8", errors="replace").read()
        rel = os.path.relpath(path, root)
        for m in inc_re.finditer(text):
            name = os.path.basename(m.group(1))
            line = text.count("\n", 0, m.start()) + 1
            public = os.path.exists(os.path.join(inc, name))
            if name in owner and public:
                if RANK[owner[name]] > RANK[layer]:
                    bad.append(f"{rel}:{line}: {layer} includes {name} of the {owner[name]} layer above it")
                graph.setdefault(rel, set()).add(name)
        if layer not in ("io", "job", "cli") and path.endswith(".c"):
            for m in open_re.finditer(re.sub(r"/\*.*?\*/|//[^\n]*", "", text, flags=re.S)):
                bad.append(f"{rel}: {layer} opens files ({m.group(1)}); only io and job read or write files")
                break
    # circles among modules through their public headers (a private header
    # in src/ is part of the module that includes it)
    mod = {}
    for rel, names in graph.items():
        a = os.path.splitext(os.path.basename(rel))[0]
        for n in names:
            b = os.path.splitext(n)[0]
            if a != b:
                mod.setdefault(a, set()).add(b)
    seen, stack, onstack = set(), [], set()
    def dfs(a):
        seen.add(a); stack.append(a); onstack.add(a)
        for b in sorted(mod.get(a, ())):
            if b in onstack:
                bad.append("circle: " + " -> ".join(stack[stack.index(b):] + [b]))
            elif b not in seen:
                dfs(b)
        stack.pop(); onstack.discard(a)
    for a in sorted(mod):
        if a not in seen:
            dfs(a)
    # sizes: a file owns one concept (under 1,000 lines), a function fits
    # on a screen or two (under 150 lines, from its "{" to its "}" in
    # column 0)
    for layer in LAYERS:
        d = os.path.join(src, layer)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if not f.endswith((".c", ".h")):
                continue
            path = os.path.join(d, f)
            lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
            rel = os.path.relpath(path, root)
            if len(lines) > MAX_FILE:
                bad.append(f"{rel}: {len(lines)} lines (at most {MAX_FILE})")
            start = None
            for i, line in enumerate(lines):
                if line.startswith("{") and start is None:
                    start = i
                elif line.startswith("}") and start is not None:
                    if i - start - 1 > MAX_FUNCTION and not lines[i].startswith("};"):
                        bad.append(f"{rel}:{start + 1}: a function of {i - start - 1} lines (at most {MAX_FUNCTION})")
                    start = None
    for b in bad:
        print(b)
    if bad:
        print(f"{len(bad)} breach(es) of the layer rules", file=sys.stderr)
        return 1
    print(f"layers ok: {len(files)} files, {sum(len(v) for v in graph.values())} includes checked")
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")))
