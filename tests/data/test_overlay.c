/* test_overlay.c: the crosswalk between map editions by overlay (GEOS), moving
 * data along it, a crosswalk file, and the classification of areas.
 *
 * Real editions: the CBS wijken of 2022 (../shared/data/nl-wijken-2022) and
 * of 2024 (nl-wijken-2024, GeoJSON in WGS84), and the gemeenten of 2017 and
 * 2018 (nl-gemeenten-jaren, GeoJSON), read with buurtscan's GDAL reader
 * and reprojected to RD New. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/crosswalk.h"
#include "buurtscan/crs.h"
#include "buurtscan/crosswalkfile.h"
#include "buurtscan/csv.h"
#include "buurtscan/overlay.h"
#include "buurtscan/shapefile.h"
#include "buurtscan/vector.h"
#include "testutil.h"


static bs_areas *w22, *w24, *g17, *g18;
static bs_crosswalk *w24_22;        /* 2024 wijken -> 2022 wijken, national */
static bs_overlay_info w24_22_info;
static size_t nwarn;

static void count_warning(void *ud, const char *msg)
{
    (void)ud;
    (void)msg;
    nwarn++;
}

/* A GeoJSON under ../shared/data, read through buurtscan's own GDAL
 * reader and reprojected to RD New (EPSG:28992), as a project with
 * [areas] file = ...geojson would have it. */
static bs_areas *read_geojson(const char *geojson)
{
    bs_areas *a;
    bs_error err;

    ck_assert_msg(bs_vector_read_areas(bs_test_shared(geojson), NULL, NULL, &a,
                                       NULL, &err) == 0, "%s", err.msg);
    ck_assert_msg(bs_areas_reproject(a, "EPSG:28992", &err) == 0, "%s",
                  err.msg);
    return a;
}

static bs_areas *read_shp(const char *path)
{
    bs_areas *a;
    bs_error err;

    ck_assert_msg(bs_shapefile_read(path, NULL, &a, NULL, &err) == 0, "%s", err.msg);
    return a;
}

static void setup(void)
{
    bs_error err;
    bs_diag diag = { count_warning, NULL };

    w22 = read_shp(bs_test_shared("data/nl-wijken-2022/NLD_dist_2022.shp"));
    w24 = read_geojson("data/nl-wijken-2024/wijken_2024.geojson");
    g17 = read_geojson("data/nl-gemeenten-jaren/gemeenten_2017.geojson");
    g18 = read_geojson("data/nl-gemeenten-jaren/gemeenten_2018.geojson");
    ck_assert_int_eq(bs_crs_equivalent(w22->crs, w24->crs, &err), 1);
    ck_assert_int_eq(bs_crs_equivalent(g17->crs, w22->crs, &err), 1);
    nwarn = 0;
    ck_assert_msg(bs_overlay(w24, "wijkcode", w22, "code", NULL, &w24_22,
                             &w24_22_info, &diag, &err) == 0, "%s", err.msg);
}

static void teardown(void)
{
    bs_crosswalk_free(w24_22);
    bs_areas_free(w22);
    bs_areas_free(w24);
    bs_areas_free(g17);
    bs_areas_free(g18);
}

/* --- small hand-made area sets ------------------------------------------- */

/* Areas from rings given as "x0 y0 x1 y1 ..." strings; area k owns the
 * rings listed in rings[k] (NULL-terminated), keyed by keys[k] in column
 * "code". */
static bs_areas *make_areas(const char *path, size_t n, const char *const *keys,
                            const char *const *const *rings)
{
    bs_areas *a = calloc(1, sizeof *a);
    size_t i, cap = 4096, nr = 0, np = 0;

    a->path = strdup(path);
    a->crs = strdup("EPSG:28992");
    a->n = n;
    a->attrs = bs_table_new(path);
    bs_table_add_column(a->attrs, "code");
    a->record = calloc(n, sizeof *a->record);
    a->ring_first = calloc(n + 1, sizeof *a->ring_first);
    a->pt_first = calloc(64, sizeof *a->pt_first);
    a->x = calloc(cap, sizeof *a->x);
    a->y = calloc(cap, sizeof *a->y);
    for (i = 0; i < n; i++) {
        const char *const *r;
        bs_table_add_row(a->attrs, (long)i + 1);
        bs_table_set(a->attrs, 0, i, keys[i], strlen(keys[i]));
        a->record[i] = (long)i + 1;
        a->ring_first[i] = nr;
        for (r = rings[i]; r && *r; r++) {
            const char *p = *r;
            char *e;
            a->pt_first[nr++] = np;
            for (;;) {
                double x = strtod(p, &e), y;
                if (e == p)
                    break;
                y = strtod(e, &e);
                a->x[np] = x;
                a->y[np++] = y;
                p = e;
            }
        }
    }
    a->ring_first[n] = nr;
    a->pt_first[nr] = np;
    a->nrings = nr;
    a->npts = np;
    return a;
}

static void collect_warning(void *ud, const char *msg)
{
    char *buf = ud;
    strncat(buf, msg, 1000 - strlen(buf));
    strncat(buf, "\n", 1000 - strlen(buf));
}

/* Sources: A = [0,10]x[0,10] (100), B = [10,20]x[0,10] (100), C far away
 * (covers no target). Targets: P = [0,5]x[0,10] (50), Q = [5,20]x[0,10]
 * (150), R = [100,110]x[0,10] (nothing reaches it).
 * A: 50 in P, 50 in Q -> shares .5/.5 (A was split); B: all in Q (share 1).
 * P = half of A: split; Q = half of A + all of B: redrawn (parts of two
 * sources, one of them divided); R: uncovered; C: lost. */
static const char *const src_keys[] = { "A", "B", "C" };
static const char *const sq_a[] = { "0 0 10 0 10 10 0 10 0 0", NULL };
static const char *const sq_b[] = { "10 0 20 0 20 10 10 10 10 0", NULL };
static const char *const sq_c[] = { "500 500 510 500 510 510 500 510 500 500", NULL };
static const char *const *const src_rings[] = { sq_a, sq_b, sq_c };
static const char *const dst_keys[] = { "P", "Q", "R" };
static const char *const rc_p[] = { "0 0 5 0 5 10 0 10 0 0", NULL };
static const char *const rc_q[] = { "5 0 20 0 20 10 5 10 5 0", NULL };
static const char *const rc_r[] = { "100 0 110 0 110 10 100 10 100 0", NULL };
static const char *const *const dst_rings[] = { rc_p, rc_q, rc_r };

static bs_crosswalk *small_overlay(void)
{
    bs_areas *s = make_areas("src.shp", 3, src_keys, src_rings);
    bs_areas *t = make_areas("dst.shp", 3, dst_keys, dst_rings);
    bs_crosswalk *cw;
    bs_error err;

    ck_assert_msg(bs_overlay(s, "code", t, "code", NULL, &cw, NULL, NULL, &err) == 0,
                  "%s", err.msg);
    bs_areas_free(s);
    bs_areas_free(t);
    return cw;
}

static double share_of(const bs_crosswalk *cw, const char *from, const char *to)
{
    long i = bs_crosswalk_find(cw, 0, from), j = bs_crosswalk_find(cw, 1, to);
    size_t r;

    ck_assert_msg(i >= 0 && j >= 0, "%s or %s unknown", from, to);
    for (r = 0; r < cw->nrows; r++)
        if (cw->rows[r].from == (size_t)i && cw->rows[r].to == (size_t)j)
            return cw->rows[r].share;
    return 0;
}

START_TEST(squares_shares_by_hand)
{
    bs_crosswalk *cw = small_overlay();

    ck_assert_uint_eq(cw->nrows, 3);
    ck_assert_double_eq_tol(share_of(cw, "A", "P"), 0.5, 1e-12);
    ck_assert_double_eq_tol(share_of(cw, "A", "Q"), 0.5, 1e-12);
    ck_assert_double_eq_tol(share_of(cw, "B", "Q"), 1.0, 1e-12);
    ck_assert_double_eq(share_of(cw, "B", "P"), 0);   /* they only touch */
    ck_assert_double_eq_tol(cw->rows[0].area, 50, 1e-9);
    bs_crosswalk_free(cw);
}
END_TEST

/* Counts: A = 100, B = 30 -> P = 50, Q = 50 + 30 = 80, R NaN.
 * Rates: numerators A 10, B 9; denominators A 100, B 300 -> P = 5 / 50,
 * Q = (5 + 9) / (50 + 300) = 4 % (not the mean of 10 % and 3 %).
 * Means: x A 10, B 40, weights A 100, B 300: Q = (.5*100*10 + 1*300*40) /
 * (.5*100 + 300) = 12500 / 350; without weights (.5*10 + 40) / 1.5 = 30. */
START_TEST(counts_rates_and_means_moved_by_hand)
{
    bs_crosswalk *cw = small_overlay();
    const double cnt[] = { 100, 30, 7 }, num[] = { 10, 9, 1 }, den[] = { 100, 300, 10 };
    const double x[] = { 10, 40, 99 }, w[] = { 100, 300, 5 };
    double out[3], rate[3], n[3], d[3], miss[3];

    bs_crosswalk_move_counts(cw, cnt, 0, out, miss);
    ck_assert_double_eq_tol(out[0], 50, 1e-9);
    ck_assert_double_eq_tol(out[1], 80, 1e-9);
    ck_assert(isnan(out[2]));
    ck_assert_double_eq(miss[2], 1);
    ck_assert_double_eq(miss[1], 0);
    bs_crosswalk_move_rate(cw, num, den, 100, 0, rate, n, d, NULL);
    ck_assert_double_eq_tol(rate[0], 10, 1e-9);
    ck_assert_double_eq_tol(rate[1], 4, 1e-9);
    ck_assert_double_eq_tol(n[1], 14, 1e-9);
    ck_assert_double_eq_tol(d[1], 350, 1e-9);
    bs_crosswalk_move_mean(cw, x, w, 0, out, NULL);
    ck_assert_double_eq_tol(out[0], 10, 1e-9);
    ck_assert_double_eq_tol(out[1], 12500.0 / 350, 1e-9);
    bs_crosswalk_move_mean(cw, x, NULL, 0, out, NULL);
    ck_assert_double_eq_tol(out[1], 30, 1e-9);
    bs_crosswalk_free(cw);
}
END_TEST

/* B missing: Q's part from B is 100 of its 150 (by area): 2/3 missing. */
START_TEST(missing_sources_by_their_part_of_the_target)
{
    bs_crosswalk *cw = small_overlay();
    const double cnt[] = { 100, NAN, 7 }, num[] = { 10, 9, 1 }, den[] = { 100, NAN, 10 };
    double out[3], miss[3], rate[3];

    bs_crosswalk_move_counts(cw, cnt, 0, out, miss);
    ck_assert_double_eq_tol(out[0], 50, 1e-9);
    ck_assert(isnan(out[1]));
    ck_assert_double_eq_tol(miss[1], 2.0 / 3, 1e-12);
    bs_crosswalk_move_counts(cw, cnt, 0.7, out, miss);
    ck_assert_double_eq_tol(out[1], 50, 1e-9);      /* the known part only */
    bs_crosswalk_move_rate(cw, num, den, 100, 0.7, rate, NULL, NULL, miss);
    ck_assert_double_eq_tol(rate[1], 10, 1e-9);     /* A's half: 5 / 50 */
    ck_assert_double_eq_tol(miss[1], 2.0 / 3, 1e-12);
    bs_crosswalk_free(cw);
}
END_TEST

START_TEST(split_merged_unchanged_uncovered_and_lost)
{
    bs_crosswalk *cw = small_overlay();
    bs_crosswalk_changes ch;
    bs_error err;
    /* a second map: A and B merged into M, plus an unchanged copy of C */
    static const char *const keys2[] = { "M", "C2" };
    static const char *const m[] = { "0 0 20 0 20 10 0 10 0 0", NULL };
    static const char *const *const rings2[] = { m, sq_c };
    bs_areas *s = make_areas("src.shp", 3, src_keys, src_rings);
    bs_areas *t = make_areas("dst2.shp", 2, keys2, rings2);
    bs_crosswalk *cw2;

    ck_assert_int_eq(bs_crosswalk_classify(cw, 0.01, &ch, &err), 0);
    ck_assert_int_eq(ch.to[0], BS_CHANGE_SPLIT);       /* P: half of A */
    ck_assert_int_eq(ch.to[1], BS_CHANGE_REDRAWN);     /* Q: half of A and B */
    ck_assert_int_eq(ch.to[2], BS_CHANGE_UNCOVERED);   /* R */
    ck_assert_int_eq(ch.main_from[1], 1);              /* Q mostly B */
    ck_assert_uint_eq(ch.nlost, 1);
    ck_assert_int_eq(ch.from_lost[2], 1);              /* C */
    ck_assert_str_eq(bs_area_change_name(ch.to[0], "nl"), "gesplitst");
    bs_crosswalk_changes_free(&ch);
    ck_assert_int_eq(bs_overlay(s, "code", t, "code", NULL, &cw2, NULL, NULL, &err), 0);
    ck_assert_int_eq(bs_crosswalk_classify(cw2, 0.01, &ch, &err), 0);
    ck_assert_int_eq(ch.to[0], BS_CHANGE_MERGED);
    ck_assert_int_eq(ch.to[1], BS_CHANGE_UNCHANGED);
    ck_assert_uint_eq(ch.count[BS_CHANGE_MERGED], 1);
    ck_assert_uint_eq(ch.nlost, 0);
    bs_crosswalk_changes_free(&ch);
    bs_crosswalk_free(cw2);
    bs_crosswalk_free(cw);
    bs_areas_free(s);
    bs_areas_free(t);
}
END_TEST

/* A square with a square hole (the rings in any order, the hole written
 * first and clockwise as a shell would be): the target inside the hole gets
 * nothing, the frame all; a bow-tie is made valid and named. */
START_TEST(holes_by_nesting_and_invalid_polygons_repaired)
{
    static const char *const keys[] = { "frame", "bowtie" };
    static const char *const frame[] = {
        "4 4 4 6 6 6 6 4 4 4", "0 0 10 0 10 10 0 10 0 0", NULL };
    static const char *const bow[] = { "20 0 30 10 30 0 20 10 20 0", NULL };
    static const char *const *const rings[] = { frame, bow };
    static const char *const tkeys[] = { "inner", "outer", "right" };
    static const char *const inner[] = { "4 4 6 4 6 6 4 6 4 4", NULL };
    static const char *const outer[] = { "-1 -1 11 -1 11 11 -1 11 -1 -1", NULL };
    static const char *const right[] = { "20 0 30 0 30 10 20 10 20 0", NULL };
    static const char *const *const trings[] = { inner, outer, right };
    bs_areas *s = make_areas("holes.shp", 2, keys, rings);
    bs_areas *t = make_areas("t.shp", 3, tkeys, trings);
    char warn[1024] = "";
    bs_diag diag = { collect_warning, warn };
    bs_crosswalk *cw;
    bs_overlay_info info;
    bs_error err;

    ck_assert_msg(bs_overlay(s, "code", t, "code", NULL, &cw, &info, &diag, &err) == 0,
                  "%s", err.msg);
    /* "outer" also contains the hole, but the hole is not part of the frame */
    ck_assert_double_eq(share_of(cw, "frame", "inner"), 0);
    ck_assert_double_eq_tol(share_of(cw, "frame", "outer"), 1, 1e-12);
    ck_assert_int_eq(cw->rows[0].from, bs_crosswalk_find(cw, 0, "frame"));
    ck_assert_double_eq_tol(cw->rows[0].area, 96, 1e-9);     /* 100 - the hole */
    ck_assert_double_eq_tol(share_of(cw, "bowtie", "right"), 1, 1e-12);
    ck_assert_uint_eq(info.repaired_from, 1);
    ck_assert_msg(strstr(warn, "holes.shp: record 2 (bowtie): invalid polygon "
                               "(Self-intersection") != NULL, "%s", warn);
    ck_assert(strstr(warn, "made valid") != NULL);
    bs_crosswalk_free(cw);
    bs_areas_free(s);
    bs_areas_free(t);
}
END_TEST

START_TEST(bad_keys_are_errors)
{
    static const char *const dup[] = { "A", "A", "C" };
    bs_areas *s = make_areas("src.shp", 3, dup, src_rings);
    bs_areas *t = make_areas("dst.shp", 3, dst_keys, dst_rings);
    bs_crosswalk *cw = NULL;
    bs_error err;

    ck_assert_int_eq(bs_overlay(s, "code", t, "code", NULL, &cw, NULL, NULL, &err), -1);
    ck_assert_str_eq(err.msg, "src.shp: records 1 and 2 both have code 'A'");
    ck_assert_int_eq(bs_overlay(t, "code", t, "wijkcode", NULL, &cw, NULL, NULL, &err), -1);
    ck_assert_str_eq(err.msg, "dst.shp: no column 'wijkcode' for the target areas' keys");
    ck_assert_ptr_null(cw);
    bs_areas_free(s);
    bs_areas_free(t);
}
END_TEST

/* --- crosswalk files ----------------------------------------------------- */

START_TEST(crosswalk_file_errors_name_the_line)
{
    static const char *const bad[][2] = {
        { "from,to,share\nA,P,0.5\nA,Q,0.4\n",
          "x.csv:2: the shares of 'A' sum to 0.9; they must sum to 1" },
        { "from,to,share\nA,P,0.5\nA,P,0.5\n",
          "x.csv:3: 'A' to 'P' is given again (first on line 2)" },
        { "from,to,share\nA,P,1.5\n", "x.csv:2: share '1.5' is not a number from 0 to 1" },
        { "from,to,share\nA,P,veel\n", "x.csv:2:" },
        { "from,to,aandeel\nA,P,1\n", "x.csv: no column 'share' (a crosswalk has" },
        { "from,to,share\nA,,1\n", "x.csv:2: empty 'to'" },
    };
    char *dir = strdup(bs_test_tmpdir());
    size_t i;

    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *path = bs_test_write(dir, "x.csv", bad[i][0]);
        bs_crosswalk *cw = NULL;
        bs_error err;
        const char *m;
        ck_assert_msg(bs_crosswalk_read(path, &cw, &err) == -1, "case %zu read", i);
        m = strstr(err.msg, "x.csv");
        ck_assert_msg(m && strncmp(m, bad[i][1], strlen(bad[i][1])) == 0, "case %zu: %s",
                      i, err.msg);
        free(path);
    }
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

/* A published table rounds: 0.333 + 0.333 + 0.333 is taken as thirds. */
START_TEST(crosswalk_file_rounded_shares_are_scaled)
{
    char *dir = strdup(bs_test_tmpdir());
    char *path = bs_test_write(dir, "cw.csv", "van,from,to,share\n"
                               "x,A,P,0.333\nx,A,Q,0.333\nx,A,R,0.333\nx,B,R,1\n"
                               "x,C,P,0\n");
    bs_crosswalk *cw;
    bs_error err;
    double in[3] = { 300, 1, 5 }, out[3];

    ck_assert_msg(bs_crosswalk_read(path, &cw, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(cw->nfrom, 3);
    ck_assert_uint_eq(cw->nrows, 4);               /* the share 0 is skipped */
    ck_assert_double_eq_tol(share_of(cw, "A", "Q"), 1.0 / 3, 1e-12);
    bs_crosswalk_move_counts(cw, in, 0, out, NULL);
    ck_assert_double_eq_tol(out[bs_crosswalk_find(cw, 1, "R")], 101, 1e-9);
    {
        bs_crosswalk_changes ch;
        ck_assert_int_eq(bs_crosswalk_classify(cw, 0.01, &ch, &err), 0);
        ck_assert_int_eq(ch.from_lost[2], 1);       /* C: only a share 0 */
        bs_crosswalk_changes_free(&ch);
    }
    bs_crosswalk_free(cw);
    free(path);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

/* --- real editions -------------------------------------------------------- */

/* A crosswalk written and read back: a copy (and a test of the file). */
static bs_crosswalk *copy_by_file(const bs_crosswalk *cw, const char *dir)
{
    char path[512];
    bs_crosswalk *c;
    bs_error err;

    snprintf(path, sizeof path, "%s/crosswalk.csv", dir);
    ck_assert_msg(bs_crosswalk_write(cw, path, &err) == 0, "%s", err.msg);
    ck_assert_msg(bs_crosswalk_read(path, &c, &err) == 0, "%s", err.msg);
    return c;
}

/* KWB 2024 inhabitants (AantalInwoners_5) aligned with cw's sources (NaN
 * for a wijk without a row); *gm gets the row of gemeente `gm_code`. */
static double *kwb_population(const bs_crosswalk *cw, const char *gm_code, double *gm)
{
    bs_table *t;
    bs_error err;
    double *v, *x = malloc(cw->nfrom * sizeof *x);
    size_t i, r;

    ck_assert_msg(bs_csv_read(bs_test_shared("data/kwb-2024/kwb2024_gemeente_wijk.csv"),
                              NULL, &t, &err) == 0, "%s", err.msg);
    v = malloc(t->nrows * sizeof *v);
    ck_assert_int_eq(bs_table_column_numeric(t, (size_t)bs_table_find(t, "AantalInwoners_5"),
                                             v, &err), 0);
    for (i = 0; i < cw->nfrom; i++)
        x[i] = NAN;
    for (r = 0; r < t->nrows; r++) {
        const char *code = t->cells[bs_table_find(t, "code")][r];
        long i2 = bs_crosswalk_find(cw, 0, code);
        if (i2 >= 0)
            x[i2] = v[r];
        if (strcmp(code, gm_code) == 0)
            *gm = v[r];
    }
    free(v);
    bs_table_free(t);
    return x;
}

static int prefixed(const char *key, const char *const *prefixes)
{
    for (; *prefixes; prefixes++)
        if (strncmp(key, *prefixes, strlen(*prefixes)) == 0)
            return 1;
    return 0;
}

/* Leeuwarden's 22 wijken kept their codes and borders from 2022 to 2024.
 * The 2022 map is simplified (about 33 vertices a wijk), so its borders lie
 * tens of metres off the 2024 ones: every 2024 wijk has its largest part,
 * at least 0.93 of its area, in the 2022 wijk of the same code, and the
 * rest in slivers of neighbours (the largest 6 %, of WK008061 in 2024).
 * Without slivers under 0.07 (min_share) each maps one to one, share 1, and
 * with parts under 0.07 not counted all 22 are unchanged. */
START_TEST(leeuwarden_unchanged_wijken_map_one_to_one)
{
    static const char *const lw[] = { "WK0080", NULL };
    char *dir = strdup(bs_test_tmpdir());
    bs_crosswalk *cw = copy_by_file(w24_22, dir);
    bs_crosswalk_changes ch;
    bs_error err;
    size_t i, r, n = 0, above99 = 0;

    for (i = 0; i < w24_22->nfrom; i++) {
        const char *k = w24_22->from_key[i];
        double best = 0;
        long to = -1;
        if (!prefixed(k, lw))
            continue;
        n++;
        for (r = w24_22->first[i]; r < w24_22->first[i + 1]; r++)
            if (w24_22->rows[r].share > best) {
                best = w24_22->rows[r].share;
                to = (long)w24_22->rows[r].to;
            }
        ck_assert_msg(to >= 0 && strcmp(w24_22->to_key[to], k) == 0, "%s", k);
        ck_assert_msg(best >= 0.93, "%s: %g", k, best);
        above99 += best > 0.99;
    }
    ck_assert_uint_eq(n, 22);
    ck_assert_uint_ge(above99, 10);
    ck_assert_int_eq(bs_crosswalk_prune(cw, 0.07, NULL, &err), 0);
    for (i = 0; i < cw->nfrom; i++) {
        if (!prefixed(cw->from_key[i], lw))
            continue;
        ck_assert_uint_eq(cw->first[i + 1] - cw->first[i], 1);
        r = cw->first[i];
        ck_assert_str_eq(cw->to_key[cw->rows[r].to], cw->from_key[i]);
        ck_assert_double_gt(cw->rows[r].share, 0.99);
    }
    ck_assert_int_eq(bs_crosswalk_classify(w24_22, 0.07, &ch, &err), 0);
    for (i = 0, n = 0; i < w24_22->nto; i++)
        if (prefixed(w24_22->to_key[i], lw)) {
            ck_assert_msg(ch.to[i] == BS_CHANGE_UNCHANGED, "%s: %s", w24_22->to_key[i],
                          bs_area_change_name(ch.to[i], "en"));
            n++;
        }
    ck_assert_uint_eq(n, 22);
    bs_crosswalk_changes_free(&ch);
    bs_crosswalk_free(cw);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

/* Amsterdam's 110 wijken of 2024 (and Groot water, WK036399, with no
 * figures) hold 931,290 inhabitants (KWB 2024; the
 * gemeente row says 931,298: wijk figures are rounded to 5). On the 2022
 * map Amsterdam had 99 wijken and Weesp (joined in March 2022) was a
 * gemeente of its own: moved onto the 2022 wijken of both, the total is
 * kept to within the slivers that cross the outer border (0.1 %); over all
 * of the Netherlands it is kept exactly, as no 2024 wijk covers no 2022
 * one. An overlay of the two gemeenten alone keeps it exactly. */
START_TEST(amsterdam_population_keeps_the_gemeente_total)
{
    static const char *const ams24[] = { "WK0363", NULL };
    static const char *const ams22[] = { "WK0363", "WK0457", NULL };
    double gm = NAN, *x = kwb_population(w24_22, "GM0363", &gm);
    double *out = malloc(w24_22->nto * sizeof *out), before = 0, after = 0;
    double nat_before = 0, nat_after = 0;
    size_t i, n24 = 0, n22 = 0;

    for (i = 0; i < w24_22->nfrom; i++) {
        if (!isnan(x[i]))
            nat_before += x[i];
        if (prefixed(w24_22->from_key[i], ams24) && !isnan(x[i])) {
            n24++;
            before += x[i];
        }
    }
    ck_assert_uint_eq(n24, 110);     /* and WK036399 Groot water, no figures */
    ck_assert_double_eq(before, 931290);
    ck_assert_double_eq(gm, 931298);
    bs_crosswalk_move_counts(w24_22, x, 1, out, NULL);
    for (i = 0; i < w24_22->nto; i++) {
        if (!isnan(out[i]))
            nat_after += out[i];
        if (prefixed(w24_22->to_key[i], ams22)) {
            after += out[i];
            n22 += strncmp(w24_22->to_key[i], "WK0363", 6) == 0;
        }
    }
    ck_assert_uint_eq(n22, 99);
    ck_assert_double_eq_tol(after, before, 0.001 * before);
    ck_assert_double_eq_tol(nat_after, nat_before, 1e-9 * nat_before);
    free(out);
    free(x);
}
END_TEST

/* The two gemeenten alone: 2024 Amsterdam onto 2022 Amsterdam and Weesp. */
START_TEST(amsterdam_alone_keeps_its_total_exactly)
{
    bs_areas *a24 = read_geojson("data/nl-wijken-2024/wijken_2024.geojson");
    bs_areas *a22 = read_shp(bs_test_shared("data/nl-wijken-2022/NLD_dist_2022.shp"));
    unsigned char *keep24 = calloc(a24->n, 1), *keep22 = calloc(a22->n, 1);
    long g24 = bs_table_find(a24->attrs, "gemeentecode"), c22 = bs_table_find(a22->attrs, "code");
    bs_crosswalk *cw;
    bs_crosswalk_changes ch;
    bs_error err;
    double gm, *x, *out, before = 0, after = 0;
    size_t i;

    for (i = 0; i < a24->n; i++)
        keep24[i] = strcmp(a24->attrs->cells[g24][i], "GM0363") == 0;
    for (i = 0; i < a22->n; i++)
        keep22[i] = strncmp(a22->attrs->cells[c22][i], "WK0363", 6) == 0
                    || strncmp(a22->attrs->cells[c22][i], "WK0457", 6) == 0;
    ck_assert_int_eq(bs_areas_keep(a24, keep24, &err), 0);
    ck_assert_int_eq(bs_areas_keep(a22, keep22, &err), 0);
    ck_assert_uint_eq(a24->n, 111);  /* 110 wijken and WK036399 Groot water */
    ck_assert_msg(bs_overlay(a24, "wijkcode", a22, "code", NULL, &cw, NULL, NULL, &err)
                  == 0, "%s", err.msg);
    x = kwb_population(cw, "GM0363", &gm);
    out = malloc(cw->nto * sizeof *out);
    bs_crosswalk_move_counts(cw, x, 1, out, NULL);
    for (i = 0; i < cw->nfrom; i++)
        before += isnan(x[i]) ? 0 : x[i];
    for (i = 0; i < cw->nto; i++)
        after += out[i];
    ck_assert_double_eq(before, 931290);
    ck_assert_double_eq_tol(after, before, 1e-6);
    /* Amsterdam redrew part of its wijken: some 2022 wijken were split */
    ck_assert_int_eq(bs_crosswalk_classify(cw, 0.07, &ch, &err), 0);
    ck_assert_uint_gt(ch.count[BS_CHANGE_SPLIT] + ch.count[BS_CHANGE_REDRAWN], 0);
    ck_assert_uint_gt(ch.count[BS_CHANGE_UNCHANGED], 0);
    ck_assert_uint_eq(ch.nlost, 0);
    bs_crosswalk_changes_free(&ch);
    free(x);
    free(out);
    free(keep24);
    free(keep22);
    bs_crosswalk_free(cw);
    bs_areas_free(a24);
    bs_areas_free(a22);
}
END_TEST

/* The crosswalk written as from,to,share and read back moves the 2024
 * population exactly as the overlay it came from (to 10 digits). */
START_TEST(crosswalk_file_gives_the_same_result)
{
    char *dir = strdup(bs_test_tmpdir());
    bs_crosswalk *cw = copy_by_file(w24_22, dir);
    double gm, *x = kwb_population(w24_22, "GM0363", &gm);
    double *y = malloc(cw->nfrom * sizeof *y);
    double *a = malloc(w24_22->nto * sizeof *a), *b = malloc(cw->nto * sizeof *b);
    size_t i, j;

    ck_assert_uint_eq(cw->nrows, w24_22->nrows);
    ck_assert_uint_eq(cw->nto, w24_22->nto);
    for (i = 0; i < cw->nfrom; i++)
        y[i] = x[bs_crosswalk_find(w24_22, 0, cw->from_key[i])];
    bs_crosswalk_move_counts(w24_22, x, 1, a, NULL);
    bs_crosswalk_move_counts(cw, y, 1, b, NULL);
    for (j = 0; j < cw->nto; j++) {
        long k = bs_crosswalk_find(w24_22, 1, cw->to_key[j]);
        ck_assert(k >= 0);
        if (isnan(a[k]))
            ck_assert(isnan(b[j]));
        else
            ck_assert_double_eq_tol(b[j], a[k], 1e-8 * (1 + fabs(a[k])));
    }
    free(x);
    free(y);
    free(a);
    free(b);
    bs_crosswalk_free(cw);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

/* Gemeenten 2017 -> 2018: Leeuwarden absorbed Leeuwarderadeel and part of
 * Littenseradiel (which was divided over Leeuwarden, Súdwest-Fryslân and
 * Waadhoeke). Leeuwarden's 6,699 crimes of 2017 land in 2018 Leeuwarden
 * (share 0.99875 by area, the rest in border slivers) and their total is
 * kept. The crimes of the dissolved gemeenten are missing in this data, so
 * 2018 Leeuwarden as a whole is unknown (a third of it is missing), while
 * the 2017 inhabitants moved onto it (108,667 + 10,108 + a third of
 * Littenseradiel's 10,746 ...) come within 0.5 % of the 122,415 counted on
 * 1 January 2018. */
START_TEST(leeuwarden_2017_crimes_on_the_2018_map)
{
    bs_crosswalk *cw;
    bs_crosswalk_changes ch;
    bs_error err;
    double *cr, *inh, *only, *out, *miss, total = 0;
    long lw17, lw18, mg18, wh18, lr17;
    size_t i, n;

    ck_assert_msg(bs_overlay(g17, "gemeentecode", g18, "gemeentecode", NULL, &cw, NULL,
                             NULL, &err) == 0, "%s", err.msg);
    n = cw->nfrom;
    cr = malloc(n * sizeof *cr);
    inh = malloc(n * sizeof *inh);
    only = malloc(n * sizeof *only);
    out = malloc(cw->nto * sizeof *out);
    miss = malloc(cw->nto * sizeof *miss);
    ck_assert_int_eq(bs_table_column_numeric(g17->attrs, (size_t)bs_table_find(g17->attrs,
                                             "cr_totaal_misdrijven"), cr, &err), 0);
    ck_assert_int_eq(bs_table_column_numeric(g17->attrs, (size_t)bs_table_find(g17->attrs,
                                             "aantal_inwoners"), inh, &err), 0);
    lw17 = bs_crosswalk_find(cw, 0, "GM0080");
    lr17 = bs_crosswalk_find(cw, 0, "GM0081");
    lw18 = bs_crosswalk_find(cw, 1, "GM0080");
    mg18 = bs_crosswalk_find(cw, 1, "GM1952");
    wh18 = bs_crosswalk_find(cw, 1, "GM1949");
    ck_assert(lw17 >= 0 && lr17 >= 0 && lw18 >= 0 && mg18 >= 0 && wh18 >= 0);
    ck_assert_double_eq(cr[lw17], 6699);
    ck_assert(isnan(cr[lr17]));
    for (i = 0; i < n; i++)
        only[i] = (long)i == lw17 ? cr[i] : 0;
    bs_crosswalk_move_counts(cw, only, 0, out, NULL);
    ck_assert_double_eq_tol(out[lw18], 6699 * share_of(cw, "GM0080", "GM0080"), 1e-9);
    ck_assert_double_gt(out[lw18], 0.99 * 6699);
    for (i = 0; i < cw->nto; i++)
        total += isnan(out[i]) ? 0 : out[i];
    ck_assert_double_eq_tol(total, 6699, 1e-9);
    /* all 2017 crimes: Leeuwarderadeel and Littenseradiel are missing */
    bs_crosswalk_move_counts(cw, cr, 0.1, out, miss);
    ck_assert(isnan(out[lw18]));
    ck_assert_double_gt(miss[lw18], 0.2);
    ck_assert_double_lt(miss[lw18], 0.5);
    /* inhabitants */
    bs_crosswalk_move_counts(cw, inh, 0, out, NULL);
    ck_assert_double_eq_tol(out[lw18], 122415, 0.005 * 122415);
    ck_assert_double_gt(share_of(cw, "GM0140", "GM0080"), 0.2);
    ck_assert_double_lt(share_of(cw, "GM0140", "GM0080"), 0.5);
    /* what the 2018 map made of its gemeenten */
    ck_assert_int_eq(bs_crosswalk_classify(cw, 0.01, &ch, &err), 0);
    ck_assert_int_eq(ch.to[lw18], BS_CHANGE_REDRAWN);   /* with part of Littenseradiel */
    ck_assert_int_eq(ch.to[wh18], BS_CHANGE_REDRAWN);
    ck_assert_int_eq(ch.to[mg18], BS_CHANGE_MERGED);    /* three whole gemeenten */
    ck_assert_int_eq(ch.to[bs_crosswalk_find(cw, 1, "GM0363")], BS_CHANGE_UNCHANGED);
    ck_assert_uint_eq(ch.nlost, 0);
    bs_crosswalk_changes_free(&ch);
    free(cr);
    free(inh);
    free(only);
    free(out);
    free(miss);
    bs_crosswalk_free(cw);
}
END_TEST

/* The same crosswalk whatever the number of worker threads. */
START_TEST(threads_do_not_change_the_crosswalk)
{
    bs_overlay_options one = { 0, 1 }, three = { 0, 3 };
    bs_crosswalk *a, *b;
    bs_error err;
    size_t r;

    ck_assert_int_eq(bs_overlay(g17, "gemeentecode", g18, "gemeentecode", &one, &a, NULL,
                                NULL, &err), 0);
    ck_assert_int_eq(bs_overlay(g17, "gemeentecode", g18, "gemeentecode", &three, &b, NULL,
                                NULL, &err), 0);
    ck_assert_uint_eq(a->nrows, b->nrows);
    for (r = 0; r < a->nrows; r++) {
        ck_assert_uint_eq(a->rows[r].from, b->rows[r].from);
        ck_assert_uint_eq(a->rows[r].to, b->rows[r].to);
        ck_assert(a->rows[r].share == b->rows[r].share);
        ck_assert(a->rows[r].area == b->rows[r].area);
    }
    bs_crosswalk_free(a);
    bs_crosswalk_free(b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("overlay");
    TCase *unit = tcase_create("unit"), *real;

    tcase_add_test(unit, squares_shares_by_hand);
    tcase_add_test(unit, counts_rates_and_means_moved_by_hand);
    tcase_add_test(unit, missing_sources_by_their_part_of_the_target);
    tcase_add_test(unit, split_merged_unchanged_uncovered_and_lost);
    tcase_add_test(unit, holes_by_nesting_and_invalid_polygons_repaired);
    tcase_add_test(unit, bad_keys_are_errors);
    tcase_add_test(unit, crosswalk_file_errors_name_the_line);
    tcase_add_test(unit, crosswalk_file_rounded_shares_are_scaled);
    suite_add_tcase(s, unit);
    real = bs_test_national(s);
    tcase_add_unchecked_fixture(real, setup, teardown);
    tcase_add_test(real, leeuwarden_unchanged_wijken_map_one_to_one);
    tcase_add_test(real, amsterdam_population_keeps_the_gemeente_total);
    tcase_add_test(real, amsterdam_alone_keeps_its_total_exactly);
    tcase_add_test(real, crosswalk_file_gives_the_same_result);
    tcase_add_test(real, leeuwarden_2017_crimes_on_the_2018_map);
    tcase_add_test(real, threads_do_not_change_the_crosswalk);
    return bs_test_run_suite(s, 1);
}
