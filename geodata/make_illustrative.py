#!/usr/bin/env python3
"""Generate the ILLUSTRATIVE youth figures of buurtscan's embedded default.

CBS does not publish youth-care use (jeugdhulp), single-parent households
(eenoudergezinnen) or educational disadvantage (onderwijsachterstand) for the
22 wijken of Leeuwarden in the data shipped with buurtscan. So that the demo
can show all Plus-IKC factors, this script makes up plausible values:

  - jongeren_0_17: youths aged 0-17, derived from the REAL CBS 2022 figures
    population * (pop_0_14 + 0.3 * pop_15_24) / 100 (ages 15-17 taken as 3 of
    the 10 years in 15-24), rounded to 5 as CBS does.
  - jeugdhulp: youths with youth care. The share starts at Leeuwarden's real
    gemeente figure (12.8 %, CBS 2022, pct_jeugdzorg in
    ../shared/data/nl-gemeenten-2022), scaled by the wijk's real share of
    low incomes relative to the city (power 0.8), times seeded log-normal
    noise (sd 0.15); the count is rounded to 5.
  - eenouder_pct: single-parent households as % of households with children:
    24 % scaled by the low-income ratio (power 0.9) times noise (sd 0.12).
  - onderwijsachterstand: % of pupils with an expected educational
    disadvantage: 11 % scaled by the share WITHOUT an HBO/WO degree relative
    to the city (power 1.5) times noise (sd 0.15).

It also makes ILLUSTRATIVE point layers (locations drawn at random inside
the real wijk boundaries; the names are made up, no real facility is meant):

  - ikc.csv: integrated child centres (IKCs), one per 800 youths 0-17 in a
    wijk (at least one where there are 300 youths or more).
  - plus_ikc_vorige.csv: the "previous" designation, 10 Plus-IKCs: the IKCs
    of the wijken with the most low incomes, with seeded noise, as a 2022
    designation could have looked.
  - sociale_basis.csv: sports clubs, libraries, community centres and GP
    practices with a youth nurse (POH-jeugd), about one per 2,500, 15,000,
    6,000 and 5,000 residents; some wijken get none, which shows gaps.

Wijken without a real income figure (Middelsee, 55 residents: CBS suppresses
it) get "." (unknown) for all three, as CBS would.

These numbers are NOT data. They exist to demonstrate the tool; maps and the
README say so. Re-running this script gives the same file (seed 2024).

Usage: python3 geodata/make_illustrative.py  (reads and writes in geodata/)
Output: leeuwarden_illustratief.csv, StatLine style: ';' separated, decimal
comma, which also exercises buurtscan's CSV detection.
"""
import math
import os
import random
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
DBF = os.path.join(HERE, "leeuwarden_wijken_2022.dbf")
OUT = os.path.join(HERE, "leeuwarden_illustratief.csv")
SHP = os.path.join(HERE, "leeuwarden_wijken_2022.shp")
SEED = 2024


def read_dbf(path):
    """Minimal dBASE III reader: enough for the CBS wijk attributes."""
    with open(path, "rb") as f:
        data = f.read()
    nrec, hlen, rlen = struct.unpack("<IHH", data[4:12])
    fields = []
    pos = 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        length = data[pos + 16]
        fields.append((name, length))
        pos += 32
    rows = []
    for r in range(nrec):
        off = hlen + r * rlen + 1  # skip the deletion flag
        row = {}
        for name, length in fields:
            row[name] = data[off:off + length].decode("utf-8").strip()
            off += length
        rows.append(row)
    return rows


def read_polygons(path):
    """Minimal shapefile reader: the rings of every Polygon record."""
    with open(path, "rb") as f:
        data = f.read()
    pos = 100
    shapes = []
    while pos < len(data):
        _, length = struct.unpack(">ii", data[pos:pos + 8])
        rec = data[pos + 8:pos + 8 + 2 * length]
        pos += 8 + 2 * length
        stype = struct.unpack("<i", rec[0:4])[0]
        if stype != 5:
            shapes.append([])
            continue
        nparts, npoints = struct.unpack("<ii", rec[36:44])
        parts = list(struct.unpack("<%di" % nparts, rec[44:44 + 4 * nparts]))
        off = 44 + 4 * nparts
        pts = [struct.unpack("<dd", rec[off + 16 * i:off + 16 * i + 16])
               for i in range(npoints)]
        parts.append(npoints)
        shapes.append([pts[parts[i]:parts[i + 1]] for i in range(nparts)])
    return shapes


def inside(rings, x, y):
    """Even-odd rule over all rings (holes included)."""
    c = False
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) / (y1 - y0) * (x1 - x0):
                c = not c
    return c


def random_point(rng, rings):
    xs = [p[0] for r in rings for p in r]
    ys = [p[1] for r in rings for p in r]
    while True:
        x, y = rng.uniform(min(xs), max(xs)), rng.uniform(min(ys), max(ys))
        if inside(rings, x, y):
            return round(x), round(y)


def make_points(rows, shapes):
    rng = random.Random(SEED + 1)
    ikc = ["code;naam;wijk;x;y"]
    ikc_wijk = []
    n = 0
    for r, rings in zip(rows, shapes):
        pop = num(r["population"])
        young = pop * (num(r["pop_0_14"]) + 0.3 * num(r["pop_15_24"])) / 100
        count = int(round(young / 800))
        if young >= 300:
            count = max(count, 1)
        for i in range(count):
            n += 1
            x, y = random_point(rng, rings)
            key = "IKC%02d" % n
            ikc.append("%s;IKC %s%s;%s;%d;%d" % (key, r["name"],
                                                 " %d" % (i + 1) if count > 1 else "",
                                                 r["code"], x, y))
            ikc_wijk.append((key, r))
    # the previous designation: by the wijk's low-income share plus noise
    scored = []
    for key, r in ikc_wijk:
        inc = num(r["income_low"])
        if inc is not None:
            scored.append((inc + rng.gauss(0, 4), key))
    scored.sort(reverse=True)
    prev = ["key;toegekend"] + ["%s;2022" % k for _, k in sorted(scored[:10], key=lambda t: t[1])]
    kinds = [("sportclub", 2500), ("bibliotheek", 15000), ("buurthuis", 6000),
             ("huisarts-poh", 5000)]
    basis = ["code;naam;soort;x;y"]
    m = 0
    for r, rings in zip(rows, shapes):
        pop = num(r["population"])
        for kind, per in kinds:
            expected = pop / per
            count = int(expected + rng.random()) if expected >= 0.3 else 0
            for _ in range(count):
                m += 1
                x, y = random_point(rng, rings)
                basis.append("SB%03d;%s %d;%s;%d;%d" % (m, kind.capitalize(), m, kind, x, y))
    for name, lines in (("ikc.csv", ikc), ("plus_ikc_vorige.csv", prev),
                        ("sociale_basis.csv", basis)):
        with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines) + "\n")


def num(s):
    # dBASE marks a null number with asterisks (GDAL writes them so)
    return float(s) if s and not s.startswith("*") else None


def round5(x):
    return int(5 * round(x / 5.0))


def fmt(x):
    return "." if x is None else ("%.1f" % x).replace(".", ",")


def main():
    rng = random.Random(SEED)
    rows = read_dbf(DBF)
    low = [num(r["income_low"]) for r in rows if num(r["income_low"]) is not None]
    edu = [num(r["edu_appl_s"]) for r in rows if num(r["edu_appl_s"]) is not None]
    low_mean = sum(low) / len(low)
    noedu_mean = sum(100 - e for e in edu) / len(edu)
    lines = ["code;naam;jongeren_0_17;jeugdhulp;eenouder_pct;onderwijsachterstand"]
    for r in rows:
        # draw the noise for every row, so a change in one wijk does not
        # shift the random numbers of the next
        n1, n2, n3 = rng.gauss(0, 0.15), rng.gauss(0, 0.12), rng.gauss(0, 0.15)
        pop = num(r["population"])
        inc = num(r["income_low"])
        e = num(r["edu_appl_s"])
        young = round5(pop * (num(r["pop_0_14"]) + 0.3 * num(r["pop_15_24"])) / 100)
        if inc is None or young < 50:
            lines.append("%s;%s;%s;.;.;." % (r["code"], r["name"], young))
            continue
        ratio = inc / low_mean
        jh_pct = 12.8 * ratio ** 0.8 * math.exp(n1)
        jh = round5(young * jh_pct / 100)
        eo = 24.0 * ratio ** 0.9 * math.exp(n2)
        oab = 11.0 * ((100 - e) / noedu_mean) ** 1.5 * math.exp(n3)
        lines.append("%s;%s;%d;%d;%s;%s" % (r["code"], r["name"], young, jh,
                                            fmt(eo), fmt(oab)))
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    make_points(rows, read_polygons(SHP))


if __name__ == "__main__":
    main()
