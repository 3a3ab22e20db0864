/* test_shapefile.c: reading polygon shapefiles, selecting areas. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <shapefil.h>
#include "buurtscan/shapefile.h"
#include "testutil.h"

#define NL_WIJKEN "data/nl-wijken-2022/NLD_dist_2022.shp"

/* ---- warnings and a quiet stderr ---- */

typedef struct warnings {
    int n;
    char msg[8][BS_ERROR_MAX];
} warnings;

static void collect(void *ud, const char *msg)
{
    warnings *w = ud;

    if (w->n < 8)
        snprintf(w->msg[w->n], sizeof w->msg[0], "%s", msg);
    w->n++;
}

/* Reads with stderr redirected, and fails if anything was printed there:
 * the library must report through bs_error and bs_diag only. */
static int read_quiet(const char *path, const char *crs, bs_areas **out,
                      warnings *w, bs_error *err)
{
    bs_diag d = { collect, w };
    FILE *cap = tmpfile();
    int saved, rc;
    long printed;

    ck_assert_ptr_nonnull(cap);
    fflush(stderr);
    saved = dup(2);
    dup2(fileno(cap), 2);
    rc = bs_shapefile_read(path, crs, out, &d, err);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    fseek(cap, 0, SEEK_END);
    printed = ftell(cap);
    fclose(cap);
    ck_assert_msg(printed == 0, "%ld bytes printed to stderr", printed);
    return rc;
}

/* ---- synthetic shapefiles in a temporary directory ---- */

static char *dir;

static void setup(void)
{
    dir = strdup(bs_test_tmpdir());
}

static void teardown(void)
{
    bs_test_rmtree(dir);
    free(dir);
}

/* dir/name.ext, in a static buffer. */
static const char *fx(const char *name, const char *ext)
{
    static char buf[4][512];
    static int k;

    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s.%s", dir, name, ext);
    return buf[k];
}

/* A shape: nv == 0 writes a null shape. */
typedef struct shape_def {
    int nparts;
    int start[4];
    int nv;
    double x[24], y[24];
} shape_def;

/* Squares of side s at (x0, y0), closed, as part of a shape. */
static void add_square(shape_def *s, double x0, double y0, double side)
{
    static const double ux[5] = { 0, 0, 1, 1, 0 }, uy[5] = { 0, 1, 1, 0, 0 };
    int k;

    s->start[s->nparts++] = s->nv;
    for (k = 0; k < 5; k++) {
        s->x[s->nv] = x0 + ux[k] * side;
        s->y[s->nv] = y0 + uy[k] * side;
        s->nv++;
    }
}

static void write_shp(const char *name, int type, const shape_def *s, int n)
{
    SHPHandle h = SHPCreate(fx(name, "shp"), type);
    int i;

    ck_assert_ptr_nonnull(h);
    for (i = 0; i < n; i++) {
        SHPObject *o = s[i].nv == 0
            ? SHPCreateObject(SHPT_NULL, -1, 0, NULL, NULL, 0, NULL, NULL,
                              NULL, NULL)
            : SHPCreateObject(type, -1, s[i].nparts, s[i].start, NULL,
                              s[i].nv, s[i].x, s[i].y, NULL, NULL);
        ck_assert_int_ge(SHPWriteObject(h, -1, o), 0);
        SHPDestroyObject(o);
    }
    SHPClose(h);
}

/* Fields name (text, raw bytes as given) and pop (integer, 100 * record);
 * a NULL name leaves both fields empty. */
static void write_dbf(const char *name, const char *const *names, int n)
{
    DBFHandle h = DBFCreate(fx(name, "dbf"));
    int i;

    ck_assert_ptr_nonnull(h);
    ck_assert_int_eq(DBFAddField(h, "name", FTString, 40, 0), 0);
    ck_assert_int_eq(DBFAddField(h, "pop", FTInteger, 8, 0), 1);
    for (i = 0; i < n; i++) {
        if (names[i]) {
            DBFWriteStringAttribute(h, i, 0, names[i]);
            DBFWriteIntegerAttribute(h, i, 1, 100 * (i + 1));
        } else {
            DBFWriteNULLAttribute(h, i, 0);
            DBFWriteNULLAttribute(h, i, 1);
        }
    }
    DBFClose(h);
}

static void write_text(const char *name, const char *ext, const char *text)
{
    char file[256];

    snprintf(file, sizeof file, "%s.%s", name, ext);
    free(bs_test_write(dir, file, text));
}

static void write_prj(const char *name)
{
    char *wkt = bs_test_slurp(
        bs_test_shared("data/nl-wijken-2022/NLD_dist_2022.prj"));

    ck_assert_ptr_nonnull(wkt);
    write_text(name, "prj", wkt);
    free(wkt);
}

/* A complete polygon shapefile of squares, named a, b, c... */
static void write_squares(const char *name, int n)
{
    static const char *const names[] = { "a", "b", "c", "d", "e", "f" };
    shape_def s[6];
    int i;

    memset(s, 0, sizeof s);
    for (i = 0; i < n; i++)
        add_square(&s[i], 1000.0 * i, 0, 100);
    write_shp(name, SHPT_POLYGON, s, n);
    write_dbf(name, names, n);
    write_prj(name);
}

/* A shapefile with one square whose name is the raw bytes given. */
static void write_named(const char *name, const char *raw)
{
    shape_def s;
    const char *names[1];

    names[0] = raw;
    memset(&s, 0, sizeof s);
    add_square(&s, 0, 0, 10);
    write_shp(name, SHPT_POLYGON, &s, 1);
    write_dbf(name, names, 1);
    write_prj(name);
}

static const char *cell(const bs_areas *a, const char *col, size_t row)
{
    long c = bs_table_find(a->attrs, col);

    ck_assert_msg(c >= 0, "no column %s", col);
    return a->attrs->cells[c][row];
}

static size_t rings_of(const bs_areas *a, size_t i)
{
    return a->ring_first[i + 1] - a->ring_first[i];
}

static size_t points_of_ring(const bs_areas *a, size_t r)
{
    return a->pt_first[r + 1] - a->pt_first[r];
}

static int utf8_valid(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;

    while (*u) {
        int k = *u < 0x80 ? 0 : *u >= 0xC2 && *u <= 0xDF ? 1
                : *u >= 0xE0 && *u <= 0xEF ? 2 : *u >= 0xF0 && *u <= 0xF4 ? 3
                : -1;
        if (k < 0)
            return 0;
        for (u++; k > 0; k--, u++)
            if ((*u & 0xC0) != 0x80)
                return 0;
    }
    return 1;
}

/* ---- the real CBS wijken file ---- */

START_TEST(real_wijken_has_3340_areas_with_attributes)
{
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };
    double box[4];

    ck_assert_int_eq(read_quiet(bs_test_shared(NL_WIJKEN), NULL, &a, &w,
                                &err), 0);
    ck_assert_int_eq(w.n, 0);
    ck_assert_uint_eq(a->n, 3340);
    ck_assert_uint_eq(a->attrs->nrows, 3340);
    ck_assert_int_ge(bs_table_find(a->attrs, "code"), 0);
    ck_assert_int_ge(bs_table_find(a->attrs, "name"), 0);
    ck_assert_int_ge(bs_table_find(a->attrs, "population"), 0);
    ck_assert_int_ge(bs_table_find(a->attrs, "edu_appl_s"), 0);
    ck_assert_int_eq(a->attrs->by_record, 1);
    ck_assert_int_eq(a->attrs->decimal, '.');
    ck_assert_int_eq(a->record[0], 1);
    ck_assert_int_eq(a->record[3339], 3340);
    ck_assert_int_eq(a->attrs->lines[3339], 3340);
    ck_assert_uint_eq(a->ring_first[a->n], a->nrings);
    ck_assert_uint_eq(a->pt_first[a->nrings], a->npts);
    ck_assert_ptr_nonnull(strstr(a->crs, "RD_New"));
    /* RD New coordinates of the Netherlands, whole metres. */
    ck_assert_int_eq(bs_areas_bbox(a, box), 0);
    ck_assert_double_eq(box[0], 13565);
    ck_assert_double_eq(box[1], 306846);
    ck_assert_double_eq(box[2], 278026);
    ck_assert_double_eq(box[3], 619232);
    bs_areas_free(a);
}
END_TEST

START_TEST(real_wijken_wk008010_is_binnenstad)
{
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };
    size_t i;

    ck_assert_int_eq(read_quiet(bs_test_shared(NL_WIJKEN), NULL, &a, &w,
                                &err), 0);
    for (i = 0; i < a->n; i++)
        if (cell(a, "code", i) && strcmp(cell(a, "code", i), "WK008010") == 0)
            break;
    ck_assert_uint_lt(i, a->n);
    ck_assert_str_eq(cell(a, "name", i), "Binnenstad");
    ck_assert_str_eq(cell(a, "population", i), "6125");
    ck_assert_int_eq(a->record[i], 115);
    ck_assert_uint_eq(rings_of(a, i), 1);
    /* Middelsee has too few inhabitants for income figures: empty field. */
    for (i = 0; i < a->n; i++)
        if (cell(a, "code", i) && strcmp(cell(a, "code", i), "WK008074") == 0)
            break;
    ck_assert_uint_lt(i, a->n);
    ck_assert_str_eq(cell(a, "population", i), "55");
    ck_assert_ptr_null(cell(a, "income_low", i));
    bs_areas_free(a);
}
END_TEST

START_TEST(real_wijken_select_leeuwarden_keeps_22)
{
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };
    unsigned char *keep;
    size_t i, total = 0;
    double box[4];

    ck_assert_int_eq(read_quiet(bs_test_shared(NL_WIJKEN), NULL, &a, &w,
                                &err), 0);
    keep = calloc(a->n, 1);
    for (i = 0; i < a->n; i++)
        keep[i] = (unsigned char)bs_glob_match("wk0080*", cell(a, "code", i));
    ck_assert_int_eq(bs_areas_keep(a, keep, &err), 0);
    free(keep);
    ck_assert_uint_eq(a->n, 22);
    ck_assert_uint_eq(a->attrs->nrows, 22);
    ck_assert_str_eq(cell(a, "code", 0), "WK008010");
    ck_assert_str_eq(cell(a, "name", 0), "Binnenstad");
    ck_assert_str_eq(cell(a, "code", 21), "WK008082");
    ck_assert_str_eq(cell(a, "name", 21), "Grou e.o.");
    for (i = 0; i < a->n; i++) {
        ck_assert_int_eq(strncmp(cell(a, "code", i), "WK0080", 6), 0);
        ck_assert_int_eq(a->record[i], 115 + (long)i);
        ck_assert_int_eq(a->attrs->lines[i], a->record[i]);
        total += points_of_ring(a, a->ring_first[i]);
    }
    ck_assert_uint_eq(a->ring_first[0], 0);
    ck_assert_uint_eq(a->ring_first[22], a->nrings);
    ck_assert_uint_eq(a->pt_first[a->nrings], a->npts);
    ck_assert_uint_eq(total, a->npts);
    /* Leeuwarden lies around RD (180000, 580000). */
    ck_assert_int_eq(bs_areas_bbox(a, box), 0);
    ck_assert(box[0] > 160000 && box[2] < 200000);
    ck_assert(box[1] > 550000 && box[3] < 600000);
    bs_areas_free(a);
}
END_TEST

/* The CBS/tmap file spells Frisian names in ASCII ("Sudwest-Fryslan"), so
 * this guards decoding of the real file; the synthetic tests below cover
 * the non-ASCII names. */
START_TEST(real_wijken_text_is_valid_utf8)
{
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };
    size_t c, r;

    ck_assert_int_eq(read_quiet(bs_test_shared(NL_WIJKEN), NULL, &a, &w,
                                &err), 0);
    for (c = 0; c < a->attrs->ncols; c++) {
        ck_assert(utf8_valid(a->attrs->names[c]));
        for (r = 0; r < a->attrs->nrows; r++)
            if (a->attrs->cells[c][r])
                ck_assert_msg(utf8_valid(a->attrs->cells[c][r]),
                              "record %zu column %s", r + 1,
                              a->attrs->names[c]);
    }
    bs_areas_free(a);
}
END_TEST

/* ---- glob ---- */

START_TEST(glob_matches_like_a_shell_without_case)
{
    ck_assert_int_eq(bs_glob_match("WK0080*", "WK008010"), 1);
    ck_assert_int_eq(bs_glob_match("wk0080*", "WK008082"), 1);
    ck_assert_int_eq(bs_glob_match("WK0080*", "WK009010"), 0);
    ck_assert_int_eq(bs_glob_match("WK0080*", "GM0080"), 0);
    ck_assert_int_eq(bs_glob_match("WK0080??", "WK008010"), 1);
    ck_assert_int_eq(bs_glob_match("WK0080?", "WK008010"), 0);
    ck_assert_int_eq(bs_glob_match("*", ""), 1);
    ck_assert_int_eq(bs_glob_match("", ""), 1);
    ck_assert_int_eq(bs_glob_match("", "a"), 0);
    ck_assert_int_eq(bs_glob_match("a*", ""), 0);
    ck_assert_int_eq(bs_glob_match("*10", "WK008010"), 1);
    ck_assert_int_eq(bs_glob_match("*ab", "aaab"), 1);
    ck_assert_int_eq(bs_glob_match("a*b*c", "axbyybzc"), 1);
    ck_assert_int_eq(bs_glob_match("a*b*c", "axbyybz"), 0);
    ck_assert_int_eq(bs_glob_match("**x", "abx"), 1);
    /* '?' is one character, also when it takes two bytes in UTF-8. */
    ck_assert_int_eq(bs_glob_match("Frysl?n", "Frysl\xC3\xA2n"), 1);
    ck_assert_int_eq(bs_glob_match("S?dwest*",
                                   "S\xC3\xBA" "dwest-Frysl\xC3\xA2n"), 1);
}
END_TEST

/* ---- geometry ---- */

START_TEST(polygon_with_hole_keeps_both_rings)
{
    shape_def s;
    const char *names[] = { "donut" };
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };

    memset(&s, 0, sizeof s);
    add_square(&s, 0, 0, 100);
    add_square(&s, 25, 25, 50);
    write_shp("hole", SHPT_POLYGON, &s, 1);
    write_dbf("hole", names, 1);
    write_prj("hole");
    ck_assert_int_eq(read_quiet(fx("hole", "shp"), NULL, &a, &w, &err), 0);
    ck_assert_uint_eq(a->n, 1);
    ck_assert_uint_eq(rings_of(a, 0), 2);
    ck_assert_uint_eq(points_of_ring(a, 0), 5);
    ck_assert_uint_eq(points_of_ring(a, 1), 5);
    ck_assert_double_eq(a->x[5], 25);
    ck_assert_double_eq(a->y[6], 75);
    ck_assert_str_eq(cell(a, "name", 0), "donut");
    ck_assert_str_eq(cell(a, "pop", 0), "100");
    ck_assert_int_eq(w.n, 0);
    bs_areas_free(a);
}
END_TEST

START_TEST(multipolygon_keeps_every_part)
{
    shape_def s[2];
    const char *names[] = { "islands", "mainland" };
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };

    memset(s, 0, sizeof s);
    add_square(&s[0], 0, 0, 10);
    add_square(&s[0], 50, 50, 10);
    add_square(&s[1], 100, 0, 10);
    write_shp("multi", SHPT_POLYGON, s, 2);
    write_dbf("multi", names, 2);
    write_prj("multi");
    ck_assert_int_eq(read_quiet(fx("multi", "shp"), NULL, &a, &w, &err), 0);
    ck_assert_uint_eq(a->n, 2);
    ck_assert_uint_eq(rings_of(a, 0), 2);
    ck_assert_uint_eq(rings_of(a, 1), 1);
    ck_assert_uint_eq(a->npts, 15);
    ck_assert_double_eq(a->x[a->pt_first[1]], 50);
    ck_assert_double_eq(a->x[a->pt_first[2]], 100);
    bs_areas_free(a);
}
END_TEST

START_TEST(polygonz_is_read_as_polygon)
{
    shape_def s;
    const char *names[] = { "z" };
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };

    memset(&s, 0, sizeof s);
    add_square(&s, 0, 0, 10);
    write_shp("z", SHPT_POLYGONZ, &s, 1);
    write_dbf("z", names, 1);
    write_prj("z");
    ck_assert_int_eq(read_quiet(fx("z", "shp"), NULL, &a, &w, &err), 0);
    ck_assert_uint_eq(a->nrings, 1);
    ck_assert_uint_eq(a->npts, 5);
    bs_areas_free(a);
}
END_TEST

START_TEST(null_shape_is_kept_with_a_warning)
{
    shape_def s[3];
    const char *names[] = { "a", NULL, "c" };
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };
    char expect[600];

    memset(s, 0, sizeof s);
    add_square(&s[0], 0, 0, 10);
    add_square(&s[2], 20, 0, 10);
    write_shp("nul", SHPT_POLYGON, s, 3);
    write_dbf("nul", names, 3);
    write_prj("nul");
    ck_assert_int_eq(read_quiet(fx("nul", "shp"), NULL, &a, &w, &err), 0);
    ck_assert_uint_eq(a->n, 3);
    ck_assert_uint_eq(rings_of(a, 0), 1);
    ck_assert_uint_eq(rings_of(a, 1), 0);
    ck_assert_uint_eq(rings_of(a, 2), 1);
    ck_assert_int_eq(a->record[1], 2);
    ck_assert_int_eq(w.n, 1);
    snprintf(expect, sizeof expect, "%s: record 2: no geometry (null shape)",
             fx("nul", "shp"));
    ck_assert_str_eq(w.msg[0], expect);
    /* Empty attributes are missing, not "" or "0". */
    ck_assert_ptr_null(cell(a, "name", 1));
    ck_assert_ptr_null(cell(a, "pop", 1));
    ck_assert_str_eq(cell(a, "pop", 2), "300");
    ck_assert_int_eq(a->attrs->lines[2], 3);
    bs_areas_free(a);
}
END_TEST

START_TEST(short_ring_is_dropped_with_a_warning)
{
    shape_def s;
    const char *names[] = { "sliver" };
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };
    char expect[600];

    memset(&s, 0, sizeof s);
    add_square(&s, 0, 0, 10);
    s.start[s.nparts++] = s.nv;
    s.x[s.nv] = 50; s.y[s.nv++] = 50;
    s.x[s.nv] = 51; s.y[s.nv++] = 51;
    write_shp("short", SHPT_POLYGON, &s, 1);
    write_dbf("short", names, 1);
    write_prj("short");
    ck_assert_int_eq(read_quiet(fx("short", "shp"), NULL, &a, &w, &err), 0);
    ck_assert_uint_eq(rings_of(a, 0), 1);
    ck_assert_uint_eq(a->npts, 5);
    ck_assert_int_eq(w.n, 1);
    snprintf(expect, sizeof expect, "%s: record 1: ring 2 has 2 points, "
             "fewer than a polygon needs; dropped", fx("short", "shp"));
    ck_assert_str_eq(w.msg[0], expect);
    bs_areas_free(a);
}
END_TEST

START_TEST(non_finite_coordinate_is_an_error)
{
    shape_def s[2];
    const char *names[] = { "a", "b" };
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };
    char expect[600];

    memset(s, 0, sizeof s);
    add_square(&s[0], 0, 0, 10);
    add_square(&s[1], 0, 0, 10);
    s[1].y[2] = 1.0 / 0.0;
    write_shp("inf", SHPT_POLYGON, s, 2);
    write_dbf("inf", names, 2);
    write_prj("inf");
    ck_assert_int_eq(read_quiet(fx("inf", "shp"), NULL, &a, &w, &err), -1);
    ck_assert_ptr_null(a);
    snprintf(expect, sizeof expect,
             "%s: record 2: point 3 is not a finite number", fx("inf", "shp"));
    ck_assert_str_eq(err.msg, expect);
}
END_TEST

START_TEST(keep_compacts_geometry_and_attributes)
{
    shape_def s[4];
    const char *names[] = { "hole", NULL, "multi", "square" };
    unsigned char keep1[4] = { 0, 1, 1, 0 }, keep2[2] = { 0, 1 };
    unsigned char keep4[4] = { 0, 1, 0, 0 }, keep3[1] = { 0 };
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };
    double box[4];

    memset(s, 0, sizeof s);
    add_square(&s[0], 0, 0, 100);
    add_square(&s[0], 25, 25, 50);
    add_square(&s[2], 200, 0, 10);
    add_square(&s[2], 300, 0, 20);
    add_square(&s[3], 400, 0, 10);
    write_shp("keep", SHPT_POLYGON, s, 4);
    write_dbf("keep", names, 4);
    write_prj("keep");
    ck_assert_int_eq(read_quiet(fx("keep", "shp"), NULL, &a, &w, &err), 0);
    ck_assert_uint_eq(a->nrings, 5);

    ck_assert_int_eq(bs_areas_keep(a, keep1, &err), 0);
    ck_assert_uint_eq(a->n, 2);
    ck_assert_uint_eq(a->nrings, 2);
    ck_assert_uint_eq(a->npts, 10);
    ck_assert_uint_eq(rings_of(a, 0), 0);
    ck_assert_uint_eq(rings_of(a, 1), 2);
    ck_assert_double_eq(a->x[0], 200);
    ck_assert_double_eq(a->x[5], 300);
    ck_assert_double_eq(a->y[7], 20);
    ck_assert_int_eq(a->record[0], 2);
    ck_assert_int_eq(a->record[1], 3);
    ck_assert_ptr_null(cell(a, "name", 0));
    ck_assert_str_eq(cell(a, "name", 1), "multi");
    ck_assert_str_eq(cell(a, "pop", 1), "300");
    ck_assert_int_eq(a->attrs->lines[1], 3);
    ck_assert_int_eq(bs_areas_bbox(a, box), 0);
    ck_assert(box[0] == 200 && box[1] == 0 && box[2] == 320 && box[3] == 20);

    /* Keeping again works on the compacted set. */
    ck_assert_int_eq(bs_areas_keep(a, keep2, &err), 0);
    ck_assert_uint_eq(a->n, 1);
    ck_assert_uint_eq(a->nrings, 2);
    ck_assert_str_eq(cell(a, "name", 0), "multi");
    bs_areas_free(a);

    /* Only the null shape left: no geometry at all. */
    ck_assert_int_eq(read_quiet(fx("keep", "shp"), NULL, &a, &w, &err), 0);
    ck_assert_int_eq(bs_areas_keep(a, keep4, &err), 0);
    ck_assert_uint_eq(a->n, 1);
    ck_assert_uint_eq(a->nrings, 0);
    ck_assert_int_eq(bs_areas_bbox(a, box), -1);
    ck_assert_int_eq(bs_areas_keep(a, keep3, &err), 0);
    ck_assert_uint_eq(a->n, 0);
    ck_assert_uint_eq(a->attrs->nrows, 0);
    bs_areas_free(a);
}
END_TEST

/* ---- text encodings ---- */

START_TEST(latin1_cpg_is_converted_to_utf8)
{
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };

    write_named("latin", "S\xFA" "dwest-Frysl\xE2n \x80");
    write_text("latin", "cpg", "ISO-8859-1\n");
    ck_assert_int_eq(read_quiet(fx("latin", "shp"), NULL, &a, &w, &err), 0);
    /* Raw bytes from shapelib, recoded here: shapelib does not recode. */
    ck_assert_str_eq(cell(a, "name", 0),
                     "S\xC3\xBA" "dwest-Frysl\xC3\xA2n \xE2\x82\xAC");
    ck_assert_int_eq(w.n, 0);
    bs_areas_free(a);
}
END_TEST

START_TEST(cpg_names_are_matched_loosely)
{
    static const char *const cp1252[] = { "1252", "CP1252", "Windows-1252",
                                          "8859-1", "latin1", "iso_8859-1" };
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };
    size_t i;

    write_named("cp", "Ljouwert \x93" "Friesland\x94");
    for (i = 0; i < sizeof cp1252 / sizeof *cp1252; i++) {
        write_text("cp", "cpg", cp1252[i]);
        ck_assert_int_eq(read_quiet(fx("cp", "shp"), NULL, &a, &w, &err), 0);
        ck_assert_str_eq(cell(a, "name", 0),
                         "Ljouwert \xE2\x80\x9C" "Friesland\xE2\x80\x9D");
        bs_areas_free(a);
    }
    write_named("u", "Frysl\xC3\xA2n");
    write_text("u", "cpg", "UTF8");
    ck_assert_int_eq(read_quiet(fx("u", "shp"), NULL, &a, &w, &err), 0);
    ck_assert_str_eq(cell(a, "name", 0), "Frysl\xC3\xA2n");
    bs_areas_free(a);
}
END_TEST

START_TEST(no_cpg_with_cp1252_bytes_is_converted)
{
    shape_def s[2];
    const char *names[] = { "Grou", "Sn\xEAk \x96 Frysl\xE2n" };
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };

    memset(s, 0, sizeof s);
    add_square(&s[0], 0, 0, 10);
    add_square(&s[1], 20, 0, 10);
    write_shp("nocpg", SHPT_POLYGON, s, 2);
    write_dbf("nocpg", names, 2);
    write_prj("nocpg");
    ck_assert_int_eq(read_quiet(fx("nocpg", "shp"), NULL, &a, &w, &err), 0);
    ck_assert_str_eq(cell(a, "name", 0), "Grou");
    ck_assert_str_eq(cell(a, "name", 1),
                     "Sn\xC3\xAAk \xE2\x80\x93 Frysl\xC3\xA2n");
    bs_areas_free(a);
}
END_TEST

START_TEST(field_names_are_decoded_too)
{
    shape_def s;
    DBFHandle h;
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };

    memset(&s, 0, sizeof s);
    add_square(&s, 0, 0, 10);
    write_shp("fname", SHPT_POLYGON, &s, 1);
    write_prj("fname");
    h = DBFCreate(fx("fname", "dbf"));
    ck_assert_int_eq(DBFAddField(h, "opp_k\xB2", FTDouble, 10, 2), 0);
    DBFWriteDoubleAttribute(h, 0, 0, 12.5);
    DBFClose(h);
    ck_assert_int_eq(read_quiet(fx("fname", "shp"), NULL, &a, &w, &err), 0);
    ck_assert_str_eq(a->attrs->names[0], "opp_k\xC2\xB2");
    ck_assert_str_eq(cell(a, "opp_k\xC2\xB2", 0), "12.50");
    bs_areas_free(a);
}
END_TEST

START_TEST(no_cpg_with_utf8_bytes_stays_utf8)
{
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };

    write_named("nocpg8", "Sn\xC3\xAAk");
    ck_assert_int_eq(read_quiet(fx("nocpg8", "shp"), NULL, &a, &w, &err), 0);
    ck_assert_str_eq(cell(a, "name", 0), "Sn\xC3\xAAk");
    bs_areas_free(a);
}
END_TEST

START_TEST(utf8_cpg_with_bad_bytes_warns_and_replaces)
{
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };
    char expect[600];

    write_named("bad8", "Frysl\xE2n");
    write_text("bad8", "cpg", "UTF-8");
    ck_assert_int_eq(read_quiet(fx("bad8", "shp"), NULL, &a, &w, &err), 0);
    ck_assert_str_eq(cell(a, "name", 0), "Frysl\xEF\xBF\xBDn");
    ck_assert_int_eq(w.n, 1);
    snprintf(expect, sizeof expect, "%s: record 1: field 'name' is not valid "
             "UTF-8 although the .cpg says so; bad bytes replaced",
             fx("bad8", "dbf"));
    ck_assert_str_eq(w.msg[0], expect);
    bs_areas_free(a);
}
END_TEST

START_TEST(unknown_cpg_is_an_error)
{
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };
    char expect[600];

    write_named("koi", "x");
    write_text("koi", "cpg", "KOI8-R\r\n");
    ck_assert_int_eq(read_quiet(fx("koi", "shp"), NULL, &a, &w, &err), -1);
    snprintf(expect, sizeof expect, "%s: unknown code page 'KOI8-R' "
             "(buurtscan reads UTF-8 and Windows-1252/ISO-8859-1)",
             fx("koi", "cpg"));
    ck_assert_str_eq(err.msg, expect);
}
END_TEST

/* ---- broken input ---- */

START_TEST(truncated_shp_is_an_error_naming_the_record)
{
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };
    char expect[600];

    /* 100-byte header + 3 records of 8 + 128 bytes = 508 bytes. */
    write_squares("cut", 3);
    ck_assert_int_eq(truncate(fx("cut", "shp"), 488), 0);
    ck_assert_int_eq(read_quiet(fx("cut", "shp"), NULL, &a, &w, &err), -1);
    ck_assert_ptr_null(a);
    snprintf(expect, sizeof expect, "%s: record 3: the .shp is truncated "
             "(the record ends at byte 508, the file has 488 bytes)",
             fx("cut", "shp"));
    ck_assert_str_eq(err.msg, expect);
    /* Cut inside the first record. */
    ck_assert_int_eq(truncate(fx("cut", "shp"), 150), 0);
    ck_assert_int_eq(read_quiet(fx("cut", "shp"), NULL, &a, &w, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, ": record 1: the .shp is truncated"));
    /* Cut inside the header: shapelib refuses it; its message is ours. */
    ck_assert_int_eq(truncate(fx("cut", "shp"), 50), 0);
    ck_assert_int_eq(read_quiet(fx("cut", "shp"), NULL, &a, &w, &err), -1);
    snprintf(expect, sizeof expect, "%s: cannot read: ", fx("cut", "shp"));
    ck_assert_msg(strncmp(err.msg, expect, strlen(expect)) == 0, "%s",
                  err.msg);
}
END_TEST

START_TEST(record_count_mismatch_is_an_error)
{
    shape_def s[2];
    const char *names[] = { "a", "b", "c" };
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };
    char expect[600];

    memset(s, 0, sizeof s);
    add_square(&s[0], 0, 0, 10);
    add_square(&s[1], 20, 0, 10);
    write_shp("count", SHPT_POLYGON, s, 2);
    write_dbf("count", names, 3);
    write_prj("count");
    ck_assert_int_eq(read_quiet(fx("count", "shp"), NULL, &a, &w, &err), -1);
    snprintf(expect, sizeof expect,
             "%s: the .shp has 2 records but the .dbf has 3",
             fx("count", "shp"));
    ck_assert_str_eq(err.msg, expect);
}
END_TEST

START_TEST(missing_companion_files_are_errors)
{
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };
    char expect[600];

    ck_assert_int_eq(read_quiet(fx("absent", "shp"), NULL, &a, &w, &err), -1);
    snprintf(expect, sizeof expect, "%s: cannot open: No such file or "
             "directory", fx("absent", "shp"));
    ck_assert_str_eq(err.msg, expect);

    write_squares("nodbf", 2);
    ck_assert_int_eq(unlink(fx("nodbf", "dbf")), 0);
    ck_assert_int_eq(read_quiet(fx("nodbf", "shp"), NULL, &a, &w, &err), -1);
    ck_assert_ptr_null(a);
    snprintf(expect, sizeof expect, "%s: not found; a shapefile needs its "
             ".shx and .dbf beside the .shp", fx("nodbf", "dbf"));
    ck_assert_str_eq(err.msg, expect);

    write_squares("noshx", 2);
    ck_assert_int_eq(unlink(fx("noshx", "shx")), 0);
    ck_assert_int_eq(read_quiet(fx("noshx", "shp"), NULL, &a, &w, &err), -1);
    snprintf(expect, sizeof expect, "%s: not found; a shapefile needs its "
             ".shx and .dbf beside the .shp", fx("noshx", "shx"));
    ck_assert_str_eq(err.msg, expect);
}
END_TEST

START_TEST(bad_prj_is_an_error)
{
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };
    char expect[600];

    write_squares("badprj", 1);
    write_text("badprj", "prj", "this is not WKT");
    ck_assert_int_eq(read_quiet(fx("badprj", "shp"), NULL, &a, &w, &err), -1);
    ck_assert_ptr_null(a);
    snprintf(expect, sizeof expect, "%s: PROJ cannot read this CRS: "
             "unrecognized format / unknown name", fx("badprj", "prj"));
    ck_assert_str_eq(err.msg, expect);
    /* An override is used instead of the .prj, even a bad one. */
    ck_assert_int_eq(read_quiet(fx("badprj", "shp"), "EPSG:28992", &a, &w,
                                &err), 0);
    ck_assert_str_eq(a->crs, "EPSG:28992");
    bs_areas_free(a);
}
END_TEST

START_TEST(no_prj_needs_an_override)
{
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };
    char expect[600];

    write_squares("noprj", 2);
    ck_assert_int_eq(unlink(fx("noprj", "prj")), 0);
    ck_assert_int_eq(read_quiet(fx("noprj", "shp"), NULL, &a, &w, &err), -1);
    snprintf(expect, sizeof expect,
             "%s: no .prj file; set crs = ... in [areas]", fx("noprj", "shp"));
    ck_assert_str_eq(err.msg, expect);
    ck_assert_int_eq(read_quiet(fx("noprj", "shp"), "EPSG:28992", &a, &w,
                                &err), 0);
    ck_assert_uint_eq(a->n, 2);
    ck_assert_str_eq(a->crs, "EPSG:28992");
    bs_areas_free(a);
    ck_assert_int_eq(read_quiet(fx("noprj", "shp"), "EPSG:0", &a, &w, &err),
                     -1);
    ck_assert_str_eq(err.msg, "[areas] crs: PROJ cannot read this CRS: "
                     "crs not found");
}
END_TEST

START_TEST(point_shapefile_is_an_error)
{
    shape_def s;
    const char *names[] = { "p" };
    bs_areas *a;
    warnings w = { 0 };
    bs_error err = { "" };
    char expect[600];

    memset(&s, 0, sizeof s);
    s.nv = 1;
    s.x[0] = 5;
    s.y[0] = 52;
    write_shp("pts", SHPT_POINT, &s, 1);
    write_dbf("pts", names, 1);
    write_prj("pts");
    ck_assert_int_eq(read_quiet(fx("pts", "shp"), NULL, &a, &w, &err), -1);
    snprintf(expect, sizeof expect, "%s: the shapes are Point, not polygons",
             fx("pts", "shp"));
    ck_assert_str_eq(err.msg, expect);
}
END_TEST

static Suite *shapefile_suite(void)
{
    Suite *s = suite_create("shapefile");
    TCase *real = tcase_create("real");
    TCase *fix = tcase_create("synthetic");

    tcase_add_test(real, real_wijken_has_3340_areas_with_attributes);
    tcase_add_test(real, real_wijken_wk008010_is_binnenstad);
    tcase_add_test(real, real_wijken_select_leeuwarden_keeps_22);
    tcase_add_test(real, real_wijken_text_is_valid_utf8);
    tcase_add_test(real, glob_matches_like_a_shell_without_case);
    suite_add_tcase(s, real);

    tcase_add_checked_fixture(fix, setup, teardown);
    tcase_add_test(fix, polygon_with_hole_keeps_both_rings);
    tcase_add_test(fix, multipolygon_keeps_every_part);
    tcase_add_test(fix, polygonz_is_read_as_polygon);
    tcase_add_test(fix, null_shape_is_kept_with_a_warning);
    tcase_add_test(fix, short_ring_is_dropped_with_a_warning);
    tcase_add_test(fix, non_finite_coordinate_is_an_error);
    tcase_add_test(fix, keep_compacts_geometry_and_attributes);
    tcase_add_test(fix, latin1_cpg_is_converted_to_utf8);
    tcase_add_test(fix, cpg_names_are_matched_loosely);
    tcase_add_test(fix, no_cpg_with_cp1252_bytes_is_converted);
    tcase_add_test(fix, field_names_are_decoded_too);
    tcase_add_test(fix, no_cpg_with_utf8_bytes_stays_utf8);
    tcase_add_test(fix, utf8_cpg_with_bad_bytes_warns_and_replaces);
    tcase_add_test(fix, unknown_cpg_is_an_error);
    tcase_add_test(fix, truncated_shp_is_an_error_naming_the_record);
    tcase_add_test(fix, record_count_mismatch_is_an_error);
    tcase_add_test(fix, missing_companion_files_are_errors);
    tcase_add_test(fix, bad_prj_is_an_error);
    tcase_add_test(fix, no_prj_needs_an_override);
    tcase_add_test(fix, point_shapefile_is_an_error);
    suite_add_tcase(s, fix);
    return s;
}

int main(void)
{
    return bs_test_run_suite(shapefile_suite(), 1);
}
