/* test_spatial.c: point in polygon (border rule on vertices and edges of
 * adjacent squares, slanted shared edges, holes with islands,
 * multipolygons, overlaps), the grid index against brute force, counts per
 * area and per 1,000, and an end-to-end check on Leeuwarden's 22 wijken
 * against counts made with GDAL and an independent ray-casting loop. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/shapefile.h"
#include "buurtscan/spatial.h"
#include "testutil.h"

/* ---- building area sets in memory ---- */

static bs_areas *areas_new(void)
{
    bs_areas *a = calloc(1, sizeof *a);

    ck_assert_ptr_nonnull(a);
    a->path = strdup("test.shp");
    a->ring_first = calloc(1, sizeof *a->ring_first);
    a->pt_first = calloc(1, sizeof *a->pt_first);
    a->crs = strdup("EPSG:28992");
    return a;
}

/* Starts the next area (record number = its 1-based index). */
static void area_begin(bs_areas *a)
{
    a->n++;
    a->ring_first = realloc(a->ring_first, (a->n + 1) * sizeof *a->ring_first);
    a->record = realloc(a->record, a->n * sizeof *a->record);
    a->ring_first[a->n] = a->nrings;
    a->record[a->n - 1] = (long)a->n;
}

/* Adds a ring of np points (xy pairs) to the last area. */
static void ring_add(bs_areas *a, const double *xy, size_t np)
{
    size_t k;

    if (np > 0) {
        a->x = realloc(a->x, (a->npts + np) * sizeof *a->x);
        a->y = realloc(a->y, (a->npts + np) * sizeof *a->y);
    }
    for (k = 0; k < np; k++) {
        a->x[a->npts + k] = xy[2 * k];
        a->y[a->npts + k] = xy[2 * k + 1];
    }
    a->npts += np;
    a->nrings++;
    a->pt_first = realloc(a->pt_first, (a->nrings + 1) * sizeof *a->pt_first);
    a->pt_first[a->nrings] = a->npts;
    a->ring_first[a->n] = a->nrings;
}

/* A closed rectangle ring, clockwise (shapefile outer ring) or not. */
static void rect(bs_areas *a, double x0, double y0, double x1, double y1,
                 int clockwise)
{
    double cw[10] = { x0, y0, x0, y1, x1, y1, x1, y0, x0, y0 };
    double ccw[10] = { x0, y0, x1, y0, x1, y1, x0, y1, x0, y0 };

    ring_add(a, clockwise ? cw : ccw, 5);
}

/* The area by brute force, checking that at most one area claims it. */
static long brute(const bs_areas *a, double x, double y, int *claims)
{
    size_t i;
    long first = -1;

    *claims = 0;
    for (i = 0; i < a->n; i++)
        if (bs_area_contains(a, i, x, y)) {
            if (first < 0)
                first = (long)i;
            (*claims)++;
        }
    return first;
}

/* Asserts the area of (x, y) both with and without the index. */
static void assert_at(const bs_areas *a, const bs_pip_index *ix, double x,
                      double y, long want)
{
    int claims;
    long b = brute(a, x, y, &claims);

    ck_assert_msg(b == want, "(%g, %g): brute force says %ld, want %ld", x, y,
                  b, want);
    ck_assert_msg(claims == (want >= 0), "(%g, %g): %d areas claim it", x, y,
                  claims);
    ck_assert_msg(bs_pip_locate(ix, x, y) == want,
                  "(%g, %g): the index says %ld, want %ld", x, y,
                  bs_pip_locate(ix, x, y), want);
}

enum { SW, SE, NW, NE };

/* Four unit squares meeting at (1, 1): SW, SE, NW, NE = areas 0..3.
 * ccw_mask: which of them have counter-clockwise rings. */
static bs_areas *four_squares(int ccw_mask)
{
    bs_areas *a = areas_new();

    area_begin(a);
    rect(a, 0, 0, 1, 1, !(ccw_mask & 1));
    area_begin(a);
    rect(a, 1, 0, 2, 1, !(ccw_mask & 2));
    area_begin(a);
    rect(a, 0, 1, 1, 2, !(ccw_mask & 4));
    area_begin(a);
    rect(a, 1, 1, 2, 2, !(ccw_mask & 8));
    return a;
}

static bs_pip_index *index_of(const bs_areas *a)
{
    bs_pip_index *ix;
    bs_error err;

    ck_assert_msg(bs_pip_index_new(a, &ix, &err) == 0, "%s", err.msg);
    return ix;
}

/* The rule of spatial.h worked out by hand for every vertex and edge of
 * the 2x2 block: nudge right, then a far smaller nudge up. */
static void check_four_squares(const bs_areas *a)
{
    bs_pip_index *ix = index_of(a);

    /* the shared vertex in the middle: right/up of it is NE */
    assert_at(a, ix, 1, 1, NE);
    /* shared vertical edges: the area on the right */
    assert_at(a, ix, 1, 0.5, SE);
    assert_at(a, ix, 1, 1.5, NE);
    /* shared horizontal edges: the area above */
    assert_at(a, ix, 0.5, 1, NW);
    assert_at(a, ix, 1.5, 1, NE);
    /* outer vertices: only the bottom-left corner of an area is its own */
    assert_at(a, ix, 0, 0, SW);
    assert_at(a, ix, 1, 0, SE);
    assert_at(a, ix, 0, 1, NW);
    assert_at(a, ix, 2, 0, -1);
    assert_at(a, ix, 2, 1, -1);
    assert_at(a, ix, 2, 2, -1);
    assert_at(a, ix, 1, 2, -1);
    assert_at(a, ix, 0, 2, -1);
    /* outer edges: left and bottom edges are in, right and top are out */
    assert_at(a, ix, 0, 0.5, SW);
    assert_at(a, ix, 0, 1.5, NW);
    assert_at(a, ix, 0.5, 0, SW);
    assert_at(a, ix, 1.5, 0, SE);
    assert_at(a, ix, 2, 0.5, -1);
    assert_at(a, ix, 2, 1.5, -1);
    assert_at(a, ix, 0.5, 2, -1);
    assert_at(a, ix, 1.5, 2, -1);
    /* interiors and outside */
    assert_at(a, ix, 0.25, 0.75, SW);
    assert_at(a, ix, 1.75, 0.25, SE);
    assert_at(a, ix, 0.5, 1.5, NW);
    assert_at(a, ix, 1.5, 1.5, NE);
    assert_at(a, ix, -0.5, 0.5, -1);
    assert_at(a, ix, 2.5, 0.5, -1);
    assert_at(a, ix, 0.5, -1e-300, -1);
    bs_pip_index_free(ix);
}

START_TEST(vertices_and_edges_of_adjacent_squares_follow_the_rule)
{
    bs_areas *a = four_squares(0);

    check_four_squares(a);
    bs_areas_free(a);
}
END_TEST

START_TEST(ring_orientation_does_not_matter)
{
    int mask;

    for (mask = 1; mask < 16; mask++) {
        bs_areas *a = four_squares(mask);
        check_four_squares(a);
        bs_areas_free(a);
    }
}
END_TEST

START_TEST(every_point_of_the_block_is_in_exactly_one_square)
{
    bs_areas *a = four_squares(5);
    int i, j, claims;

    /* a lattice of step 1/8 over [-1/2, 5/2]^2: vertices, edges and all */
    for (i = -4; i <= 20; i++)
        for (j = -4; j <= 20; j++) {
            double x = i / 8.0, y = j / 8.0;
            int inside = x >= 0 && x < 2 && y >= 0 && y < 2;
            brute(a, x, y, &claims);
            ck_assert_msg(claims == inside, "(%g, %g): %d claims", x, y,
                          claims);
        }
    bs_areas_free(a);
}
END_TEST

/* Two triangles sharing the diagonal of a square: below-right (area 0) and
 * above-left (area 1). A point on the diagonal belongs to the one on its
 * right: area 0. */
START_TEST(point_on_a_diagonal_edge_goes_to_the_right)
{
    static const double lower[] = { 0, 0, 3, 3, 3, 0, 0, 0 };
    static const double upper[] = { 0, 0, 0, 3, 3, 3, 0, 0 };
    bs_areas *a = areas_new();
    bs_pip_index *ix;
    int k;

    area_begin(a);
    ring_add(a, lower, 4);
    area_begin(a);
    ring_add(a, upper, 4);
    ix = index_of(a);
    for (k = 1; k < 30; k++) {
        double v = k / 10.0;   /* 0.1 is not exact: v is still on y = x */
        assert_at(a, ix, v, v, 0);
    }
    assert_at(a, ix, 1, 1 + 1e-12, 1);
    assert_at(a, ix, 1 + 1e-12, 1, 0);
    bs_pip_index_free(ix);
    bs_areas_free(a);
}
END_TEST

/* A slanted edge with awkward coordinates shared by two quadrilaterals,
 * one traversing it forwards, the other backwards. Points within rounding
 * distance of the edge must still be in exactly one of them: the side test
 * is exact, so both areas see the same answer. */
START_TEST(points_next_to_a_slanted_shared_edge_are_in_exactly_one_area)
{
    const double ax = 0.1, ay = 0.2, bx = 0.7, by = 1.3;
    double left[] = { -1, 0.2, ax, ay, bx, by, -1, 1.3 };
    double right[] = { ax, ay, 2, 0.2, 2, 1.3, bx, by };
    bs_areas *a = areas_new();
    bs_pip_index *ix;
    int k, d, claims, on_left = 0, on_right = 0;

    area_begin(a);
    ring_add(a, left, 4);
    area_begin(a);
    ring_add(a, right, 4);
    ix = index_of(a);
    for (k = 1; k < 1000; k++) {
        double t = k / 1000.0;
        double x = ax + t * (bx - ax), y = ay + t * (by - ay);
        for (d = -3; d <= 3; d++) {
            double xx = x;
            long b;
            int step;
            for (step = 0; step < abs(d); step++)
                xx = nextafter(xx, d < 0 ? -INFINITY : INFINITY);
            b = brute(a, xx, y, &claims);
            ck_assert_msg(claims == 1, "(%.17g, %.17g): %d claims", xx, y,
                          claims);
            ck_assert_int_eq(bs_pip_locate(ix, xx, y), b);
            on_left += b == 0;
            on_right += b == 1;
        }
    }
    /* points a few ulps apart do land on both sides */
    ck_assert_int_gt(on_left, 0);
    ck_assert_int_gt(on_right, 0);
    bs_pip_index_free(ix);
    bs_areas_free(a);
}
END_TEST

/* A point a hair west of a slanted shared edge, in RD-like metres on a
 * 2^-20 grid. Exactly, (b - a) x (p - a) = +6 * 2^-40 (checked with
 * Python's fractions.Fraction on these very doubles): p is left of a->b, so
 * it lies in the western area. In plain double arithmetic the determinant
 * rounds to 0, "on the edge", which would give p to the eastern area: only
 * the exact predicate gets this right. (Found by a search over random
 * segments comparing the double determinant with 128-bit integers.) */
START_TEST(point_a_hair_off_an_edge_is_placed_exactly)
{
    const double ax = 184220.23435974121, ay = 564272.21401596069;
    const double bx = 185084.95230007172, by = 566999.40158653259;
    const double px = 184614.15182304382, py = 565514.56919288635;
    double west[] = { ax, ay, ax - 1000, ay, bx - 1000, by, bx, by };
    double east[] = { ax, ay, bx, by, bx + 1000, by, ax + 1000, ay };
    bs_areas *a = areas_new();
    bs_pip_index *ix;

    ck_assert((bx - ax) * (py - ay) - (by - ay) * (px - ax) == 0);
    area_begin(a);
    ring_add(a, west, 4);
    area_begin(a);
    ring_add(a, east, 4);
    ix = index_of(a);
    assert_at(a, ix, px, py, 0);
    bs_pip_index_free(ix);
    bs_areas_free(a);
}
END_TEST

/* Area 0: the square [0,10]^2 with a hole [3,7]^2 and, inside the hole, an
 * island [4,6]^2, all rings of area 0 (even-odd). */
static bs_areas *hole_and_island(int fill_hole)
{
    bs_areas *a = areas_new();

    area_begin(a);
    rect(a, 0, 0, 10, 10, 1);
    rect(a, 3, 3, 7, 7, 0);
    rect(a, 4, 4, 6, 6, 1);
    if (fill_hole) {
        /* area 1: the ring between the hole's edge and the island */
        area_begin(a);
        rect(a, 3, 3, 7, 7, 1);
        rect(a, 4, 4, 6, 6, 0);
    }
    return a;
}

START_TEST(point_in_a_hole_is_out_and_on_an_island_is_in)
{
    bs_areas *a = hole_and_island(0);
    bs_pip_index *ix = index_of(a);

    assert_at(a, ix, 1, 1, 0);       /* the solid part */
    assert_at(a, ix, 3.5, 5, -1);    /* in the hole */
    assert_at(a, ix, 5, 5, 0);       /* on the island */
    assert_at(a, ix, 3, 5, -1);      /* hole's left edge: right of it is hole */
    assert_at(a, ix, 7, 5, 0);       /* hole's right edge: right is solid */
    assert_at(a, ix, 5, 3, -1);      /* hole's bottom edge: above is hole */
    assert_at(a, ix, 5, 7, 0);       /* hole's top edge: above is solid */
    assert_at(a, ix, 4, 5, 0);       /* island's left edge: right is island */
    assert_at(a, ix, 6, 5, -1);      /* island's right edge: right is hole */
    assert_at(a, ix, 3, 3, -1);      /* hole's corner: up-right is hole */
    assert_at(a, ix, 7, 7, 0);       /* hole's corner: up-right is solid */
    bs_pip_index_free(ix);
    bs_areas_free(a);
}
END_TEST

START_TEST(filled_hole_and_island_tile_exactly)
{
    bs_areas *a = hole_and_island(1);
    bs_pip_index *ix = index_of(a);
    int i, j, claims;

    assert_at(a, ix, 3.5, 5, 1);
    assert_at(a, ix, 3, 5, 1);
    assert_at(a, ix, 5, 5, 0);
    assert_at(a, ix, 6, 5, 1);
    for (i = -2; i <= 22; i++)
        for (j = -2; j <= 22; j++) {
            double x = i / 2.0, y = j / 2.0;
            int inside = x >= 0 && x < 10 && y >= 0 && y < 10;
            long b = brute(a, x, y, &claims);
            ck_assert_msg(claims == inside, "(%g, %g): %d claims", x, y,
                          claims);
            ck_assert_int_eq(bs_pip_locate(ix, x, y), b);
        }
    bs_pip_index_free(ix);
    bs_areas_free(a);
}
END_TEST

START_TEST(multipolygon_parts_all_belong_to_their_area)
{
    bs_areas *a = areas_new();
    bs_pip_index *ix;

    area_begin(a);          /* area 0: two islands */
    rect(a, 0, 0, 1, 1, 1);
    rect(a, 5, 0, 6, 1, 1);
    area_begin(a);          /* area 1: between them */
    rect(a, 2, 0, 3, 1, 1);
    area_begin(a);          /* area 2: no geometry */
    ix = index_of(a);
    assert_at(a, ix, 0.5, 0.5, 0);
    assert_at(a, ix, 5.5, 0.5, 0);
    assert_at(a, ix, 2.5, 0.5, 1);
    assert_at(a, ix, 4, 0.5, -1);
    assert_at(a, ix, 1, 0.5, -1);    /* right edge of the first part */
    assert_at(a, ix, 5, 0.5, 0);     /* left edge of the second part */
    ck_assert_int_eq(bs_area_contains(a, 2, 0.5, 0.5), 0);
    bs_pip_index_free(ix);
    bs_areas_free(a);
}
END_TEST

START_TEST(nan_points_and_empty_area_sets_find_nothing)
{
    bs_areas *a = four_squares(0), *empty = areas_new();
    bs_pip_index *ix = index_of(a), *ie = index_of(empty);

    ck_assert_int_eq(bs_pip_locate(ix, NAN, 0.5), -1);
    ck_assert_int_eq(bs_pip_locate(ix, 0.5, NAN), -1);
    ck_assert_int_eq(bs_area_contains(a, 0, NAN, 0.5), 0);
    ck_assert_int_eq(bs_pip_locate(ie, 0.5, 0.5), -1);
    bs_pip_index_free(ix);
    bs_pip_index_free(ie);
    bs_areas_free(a);
    bs_areas_free(empty);
}
END_TEST

/* A ring without points (possible in a hand-made bs_areas, never from the
 * shapefile reader) is ignored, also when it is the only ring there is. */
START_TEST(rings_without_points_are_ignored)
{
    bs_areas *a = areas_new(), *only = areas_new();
    bs_pip_index *ix, *io;

    area_begin(a);
    ring_add(a, NULL, 0);
    area_begin(a);
    rect(a, 0, 0, 1, 1, 1);
    ring_add(a, NULL, 0);
    ix = index_of(a);
    assert_at(a, ix, 0.5, 0.5, 1);
    assert_at(a, ix, 1.5, 0.5, -1);
    area_begin(only);
    ring_add(only, NULL, 0);
    io = index_of(only);
    ck_assert_int_eq(bs_pip_locate(io, 0, 0), -1);
    bs_pip_index_free(ix);
    bs_pip_index_free(io);
    bs_areas_free(a);
    bs_areas_free(only);
}
END_TEST

START_TEST(overlapping_areas_give_the_point_to_the_first_and_count_it)
{
    bs_areas *a = areas_new();
    bs_pip_index *ix;
    double x[3] = { 1, 2.5, 4.5 }, y[3] = { 1, 1, 1 };
    long area[3];
    size_t over = 99;

    area_begin(a);
    rect(a, 0, 0, 3, 3, 1);
    area_begin(a);
    rect(a, 2, 0, 5, 3, 1);
    ix = index_of(a);
    bs_pip_locate_all(ix, x, y, 3, area, &over);
    ck_assert_int_eq(area[0], 0);
    ck_assert_int_eq(area[1], 0);
    ck_assert_int_eq(area[2], 1);
    ck_assert_uint_eq(over, 1);
    bs_pip_index_free(ix);
    bs_areas_free(a);
}
END_TEST

/* ---- splitmix64: the documented generator of the random points ---- */

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1): the top 53 bits. */
static double unit(uint64_t *s)
{
    return (double)(splitmix64(s) >> 11) * 0x1.0p-53;
}

/* W. R. Franklin's pnpoly over every ring (even-odd), written out here
 * without the library's predicate or index: an independent count for
 * random points, which never lie exactly on a border. */
static int pnpoly_area(const bs_areas *a, size_t i, double px, double py)
{
    size_t r, k, j;
    int c = 0;

    for (r = a->ring_first[i]; r < a->ring_first[i + 1]; r++) {
        size_t p0 = a->pt_first[r], p1 = a->pt_first[r + 1];
        for (k = p0, j = p1 - 1; k < p1; j = k++) {
            double xi = a->x[k], yi = a->y[k], xj = a->x[j], yj = a->y[j];
            if (((yi > py) != (yj > py))
                && (px < (xj - xi) * (py - yi) / (yj - yi) + xi))
                c = !c;
        }
    }
    return c;
}

START_TEST(random_points_index_agrees_with_brute_force)
{
    bs_areas *a = hole_and_island(1);
    bs_pip_index *ix;
    uint64_t s = 7;
    int k, claims;

    /* a few more areas, some with big boxes, to spread the grid */
    area_begin(a);
    rect(a, 10, 0, 20, 10, 1);
    area_begin(a);
    rect(a, 0, 10, 20, 12, 1);
    rect(a, 0, -2, 20, 0, 1);
    ix = index_of(a);
    for (k = 0; k < 20000; k++) {
        double x = -1 + 22 * unit(&s), y = -3 + 16 * unit(&s);
        long b = brute(a, x, y, &claims);
        ck_assert_int_le(claims, 1);
        ck_assert_int_eq(bs_pip_locate(ix, x, y), b);
    }
    bs_pip_index_free(ix);
    bs_areas_free(a);
}
END_TEST

/* Leeuwarden's 22 wijken and 2,000 points uniform in their bounding box
 * (171383, 562175) - (192669, 589859), from splitmix64 seeded 20240601:
 * x = 171383 + unit() * (192669 - 171383), then y the same way, per point.
 *
 * The expected counts were made once with GDAL 3 (ogr2ogr/ogrinfo): the
 * same generator wrote the points to pts.csv (id,x,y with %.17g), then
 *   ogr2ogr -f GPKG lw.gpkg geodata/leeuwarden_wijken_2022.shp -nln wijken
 *   ogr2ogr -f GPKG -update lw.gpkg pts.csv -nln pts \
 *       -oo X_POSSIBLE_NAMES=x -oo Y_POSSIBLE_NAMES=y -a_srs EPSG:28992
 *   ogrinfo -ro lw.gpkg -dialect SQLite -sql "SELECT w.code, (SELECT
 *       count(*) FROM pts p WHERE ST_Intersects(p.geom, w.geom)) FROM
 *       wijken w ORDER BY w.fid"
 * ST_Within gave the same 837 points in total; 1,163 points lie in no wijk
 * and none in two. */
static const struct { const char *code; size_t n; } ogr_counts[22] = {
    { "WK008010", 4 },   { "WK008011", 5 },   { "WK008020", 7 },
    { "WK008030", 2 },   { "WK008031", 22 },  { "WK008032", 3 },
    { "WK008040", 1 },   { "WK008041", 36 },  { "WK008050", 4 },
    { "WK008051", 36 },  { "WK008060", 5 },   { "WK008061", 5 },
    { "WK008062", 80 },  { "WK008063", 92 },  { "WK008070", 18 },
    { "WK008071", 6 },   { "WK008072", 17 },  { "WK008073", 17 },
    { "WK008074", 1 },   { "WK008080", 148 }, { "WK008081", 172 },
    { "WK008082", 156 },
};

START_TEST(leeuwarden_counts_match_gdal_and_brute_force)
{
    bs_areas *a;
    bs_pip_index *ix;
    bs_error err;
    double box[4], x[2000], y[2000];
    long area[2000], code;
    size_t count[22], brute_count[22], i, k, over = 1, inside = 0;
    uint64_t s = 20240601;

    ck_assert_msg(bs_shapefile_read(bs_test_src("geodata/leeuwarden_wijken_"
                                                "2022.shp"), NULL, &a, NULL,
                                    &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(a->n, 22);
    ck_assert_int_eq(bs_areas_bbox(a, box), 0);
    ck_assert(box[0] == 171383 && box[1] == 562175 && box[2] == 192669
              && box[3] == 589859);
    for (k = 0; k < 2000; k++) {
        x[k] = box[0] + unit(&s) * (box[2] - box[0]);
        y[k] = box[1] + unit(&s) * (box[3] - box[1]);
    }
    /* the first point, as written to pts.csv */
    ck_assert(x[0] == 171925.86716424633 && y[0] == 579729.10458143509);

    ck_assert_msg(bs_pip_index_new(a, &ix, &err) == 0, "%s", err.msg);
    bs_pip_locate_all(ix, x, y, 2000, area, &over);
    ck_assert_uint_eq(over, 0);
    ck_assert_int_eq(bs_count_per_area(area, NULL, 2000, NULL, 0, 22, count,
                                       &err), 0);

    memset(brute_count, 0, sizeof brute_count);
    for (k = 0; k < 2000; k++) {
        int hits = 0;
        for (i = 0; i < 22; i++)
            if (pnpoly_area(a, i, x[k], y[k])) {
                brute_count[i]++;
                hits++;
            }
        ck_assert_int_le(hits, 1);
    }
    code = bs_table_find(a->attrs, "code");
    ck_assert_int_ge(code, 0);
    for (i = 0; i < 22; i++) {
        ck_assert_str_eq(a->attrs->cells[code][i], ogr_counts[i].code);
        ck_assert_msg(count[i] == ogr_counts[i].n, "%s: %zu, GDAL %zu",
                      ogr_counts[i].code, count[i], ogr_counts[i].n);
        ck_assert_uint_eq(count[i], brute_count[i]);
        inside += count[i];
    }
    ck_assert_uint_eq(inside, 837);
    bs_pip_index_free(ix);
    bs_areas_free(a);
}
END_TEST

/* ---- bs_pointset_locate ---- */

static void collect(void *ud, const char *msg)
{
    char *buf = ud;
    size_t n = strlen(buf);

    snprintf(buf + n, 2048 - n, "%s\n", msg);
}

/* Points held in memory as bs_pointset_read would give them. */
static bs_pointset *points_of(const double *xy, const char *const *keys,
                            size_t n, const char *crs)
{
    bs_pointset *p = calloc(1, sizeof *p);
    size_t i;

    p->path = strdup("ikc.csv");
    p->n = n;
    p->x = malloc(n * sizeof *p->x);
    p->y = malloc(n * sizeof *p->y);
    p->key = malloc(n * sizeof *p->key);
    p->line = malloc(n * sizeof *p->line);
    for (i = 0; i < n; i++) {
        p->x[i] = xy[2 * i];
        p->y[i] = xy[2 * i + 1];
        p->key[i] = keys[i];
        p->line[i] = (long)i + 2;
    }
    p->crs = crs ? strdup(crs) : NULL;
    return p;
}

START_TEST(points_locate_warns_once_about_overlaps)
{
    static const double xy[] = { 1, 1, 2.5, 1, 2.6, 2, 9, 9 };
    static const char *const keys[] = { "IKC1", "IKC2", "IKC3", "IKC4" };
    bs_areas *a = areas_new();
    bs_pointset *p = points_of(xy, keys, 4, "EPSG:28992");
    char warn[2048] = "";
    bs_diag diag = { collect, warn };
    bs_error err;
    long area[4];

    area_begin(a);
    rect(a, 0, 0, 3, 3, 1);
    area_begin(a);
    rect(a, 2, 0, 5, 3, 1);
    ck_assert_int_eq(bs_pointset_locate(p, a, area, &diag, &err), 0);
    ck_assert_int_eq(area[0], 0);
    ck_assert_int_eq(area[1], 0);
    ck_assert_int_eq(area[2], 0);
    ck_assert_int_eq(area[3], -1);
    ck_assert_str_eq(warn,
        "ikc.csv:3: point 'IKC2' lies in more than one area of test.shp "
        "(records 1 and 2 overlap); it is counted in the first\n"
        "ikc.csv: 2 points lie in more than one area of test.shp; each is "
        "counted in the first in file order\n");
    bs_pointset_free(p);
    bs_areas_free(a);
}
END_TEST

START_TEST(points_locate_refuses_another_crs)
{
    static const double xy[] = { 1, 1 };
    static const char *const keys[] = { "IKC1" };
    bs_areas *a = four_squares(0);
    bs_pointset *p = points_of(xy, keys, 1, "EPSG:4326");
    bs_error err;
    long area[1];

    ck_assert_int_eq(bs_pointset_locate(p, a, area, NULL, &err), -1);
    ck_assert_str_eq(err.msg, "ikc.csv: the points are in another CRS than "
                     "the areas of test.shp; read them with the areas' CRS "
                     "as target");
    bs_pointset_free(p);
    bs_areas_free(a);
}
END_TEST

/* ---- counts ---- */

START_TEST(counts_per_area_with_and_without_a_kind_filter)
{
    static const long area[] = { 0, 1, 1, -1, 2, 1, 0 };
    static const char *const kind[] = { "IKC", "school", " ikc ", "IKC",
                                        NULL, "huisarts", "School" };
    static const char *const schools[] = { "school" };
    static const char *const two[] = { "ikc", "HUISARTS" };
    size_t count[3];
    bs_error err;

    ck_assert_int_eq(bs_count_per_area(area, NULL, 7, NULL, 0, 3, count,
                                       &err), 0);
    ck_assert_uint_eq(count[0], 2);
    ck_assert_uint_eq(count[1], 3);
    ck_assert_uint_eq(count[2], 1);
    ck_assert_int_eq(bs_count_per_area(area, kind, 7, schools, 1, 3, count,
                                       &err), 0);
    ck_assert_uint_eq(count[0], 1);
    ck_assert_uint_eq(count[1], 1);
    ck_assert_uint_eq(count[2], 0);
    ck_assert_int_eq(bs_count_per_area(area, kind, 7, two, 2, 3, count,
                                       &err), 0);
    ck_assert_uint_eq(count[0], 1);
    ck_assert_uint_eq(count[1], 2);
    ck_assert_uint_eq(count[2], 0);
}
END_TEST

START_TEST(count_errors_name_the_problem)
{
    static const long area[] = { 0, 3 };
    static const char *const schools[] = { "school" };
    size_t count[3];
    bs_error err;

    ck_assert_int_eq(bs_count_per_area(area, NULL, 2, NULL, 0, 3, count,
                                       &err), -1);
    ck_assert_str_eq(err.msg, "point 2: area 3, but there are only 3 areas");
    ck_assert_int_eq(bs_count_per_area(area, NULL, 1, schools, 1, 3, count,
                                       &err), -1);
    ck_assert_str_eq(err.msg, "a kind filter needs points with a kind column");
}
END_TEST

START_TEST(per_1000_is_missing_without_a_denominator)
{
    static const size_t count[] = { 3, 0, 2, 5 };
    static const char *const keys[] = { "WK1", "WK2", "WK3", "WK4" };
    double denom[] = { 1500, 400, 0, NAN }, out[4];
    bs_error err;

    ck_assert_int_eq(bs_per_1000(count, denom, 4, keys, out, &err), 0);
    ck_assert(out[0] == 2.0);
    ck_assert(out[1] == 0.0);
    ck_assert(isnan(out[2]));
    ck_assert(isnan(out[3]));
    denom[1] = -5;
    ck_assert_int_eq(bs_per_1000(count, denom, 4, keys, out, &err), -1);
    ck_assert_str_eq(err.msg, "area WK2: denominator -5 is negative");
    ck_assert_int_eq(bs_per_1000(count, denom, 4, NULL, out, &err), -1);
    ck_assert_str_eq(err.msg, "area 2: denominator -5 is negative");
}
END_TEST

static Suite *spatial_suite(void)
{
    Suite *s = suite_create("spatial");
    TCase *rule = tcase_create("border rule");
    TCase *idx = tcase_create("index");
    TCase *cnt = tcase_create("counts");

    tcase_add_test(rule, vertices_and_edges_of_adjacent_squares_follow_the_rule);
    tcase_add_test(rule, ring_orientation_does_not_matter);
    tcase_add_test(rule, every_point_of_the_block_is_in_exactly_one_square);
    tcase_add_test(rule, point_on_a_diagonal_edge_goes_to_the_right);
    tcase_add_test(rule,
        points_next_to_a_slanted_shared_edge_are_in_exactly_one_area);
    tcase_add_test(rule, point_a_hair_off_an_edge_is_placed_exactly);
    tcase_add_test(rule, point_in_a_hole_is_out_and_on_an_island_is_in);
    tcase_add_test(rule, filled_hole_and_island_tile_exactly);
    tcase_add_test(rule, multipolygon_parts_all_belong_to_their_area);
    tcase_add_test(rule, nan_points_and_empty_area_sets_find_nothing);
    tcase_add_test(rule, rings_without_points_are_ignored);
    tcase_add_test(rule,
        overlapping_areas_give_the_point_to_the_first_and_count_it);
    suite_add_tcase(s, rule);

    tcase_add_test(idx, random_points_index_agrees_with_brute_force);
    tcase_add_test(idx, leeuwarden_counts_match_gdal_and_brute_force);
    tcase_add_test(idx, points_locate_warns_once_about_overlaps);
    tcase_add_test(idx, points_locate_refuses_another_crs);
    suite_add_tcase(s, idx);

    tcase_add_test(cnt, counts_per_area_with_and_without_a_kind_filter);
    tcase_add_test(cnt, count_errors_name_the_problem);
    tcase_add_test(cnt, per_1000_is_missing_without_a_denominator);
    suite_add_tcase(s, cnt);
    return s;
}

int main(void)
{
    return bs_test_run_suite(spatial_suite(), 1);
}
