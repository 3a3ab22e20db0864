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


if __name__ == "__main__":
    main()
