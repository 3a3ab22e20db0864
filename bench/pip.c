/* pip.c: benchmark of point in polygon with the grid index.
 *
 * Reads the 32,844 English LSOAs (2011, WGS84; kept in lon/lat), draws
 * seeded uniform random points in their bounding box (splitmix64, the same
 * generator as tests/analysis/test_spatial.c), and times building the index
 * and locating every point. Then checks a sample of the points against the
 * brute-force test of every area (bs_area_contains), untimed.
 *
 * Build and run from the repository root:
 *   gcc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -Iinclude \
 *       bench/pip.c src/analysis/spatial.c src/io/points.c src/io/shapefile.c \
 *       src/io/crs.c src/io/csv.c src/data/areas.c src/data/table.c \
 *       src/data/number.c src/data/error.c src/data/join.c \
 *       $(pkg-config --cflags --libs shapelib proj) -lcsv -lm -o /tmp/pip
 *   /tmp/pip [SHAPEFILE] [POINTS] [SEED]
 * Defaults: ../shared/data/england-lsoa-2011/lsoa2011_wgs84.shp, 100000,
 * 20240601. Prints the times and how many points fell in an area. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "buurtscan/shapefile.h"
#include "buurtscan/spatial.h"

#define SAMPLE 200

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static double unit(uint64_t *s)
{
    return (double)(splitmix64(s) >> 11) * 0x1.0p-53;
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1]
        : "../shared/data/england-lsoa-2011/lsoa2011_wgs84.shp";
    size_t n = argc > 2 ? strtoul(argv[2], NULL, 10) : 100000, k, i, hit = 0;
    uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 20240601;
    bs_areas *a;
    bs_pip_index *ix;
    bs_error err;
    double box[4], t0, t1, t2, t3, *x, *y;
    long *area;
    size_t over, bad = 0, nsample;

    t0 = now();
    if (bs_shapefile_read(path, NULL, &a, NULL, &err) != 0) {
        fprintf(stderr, "pip: %s\n", err.msg);
        return 1;
    }
    t1 = now();
    if (bs_areas_bbox(a, box) != 0 || n == 0) {
        fprintf(stderr, "pip: %s: no geometry, or no points asked for\n",
                path);
        bs_areas_free(a);
        return 1;
    }
    x = malloc(n * sizeof *x);
    y = malloc(n * sizeof *y);
    area = malloc(n * sizeof *area);
    if (!x || !y || !area) {
        fprintf(stderr, "pip: out of memory\n");
        return 1;
    }
    for (k = 0; k < n; k++) {
        x[k] = box[0] + unit(&seed) * (box[2] - box[0]);
        y[k] = box[1] + unit(&seed) * (box[3] - box[1]);
    }

    t2 = now();
    if (bs_pip_index_new(a, &ix, &err) != 0) {
        fprintf(stderr, "pip: %s\n", err.msg);
        return 1;
    }
    t3 = now();
    bs_pip_locate_all(ix, x, y, n, area, &over);
    for (k = 0; k < n; k++)
        hit += area[k] >= 0;
    {
        double t4 = now();
        printf("areas: %zu (%zu rings, %zu vertices), read in %.3f s\n",
               a->n, a->nrings, a->npts, t1 - t0);
        printf("points: %zu in the bounding box (%.4f, %.4f) - (%.4f, %.4f)\n",
               n, box[0], box[1], box[2], box[3]);
        printf("index build: %.3f s\n", t3 - t2);
        printf("lookup:      %.3f s (%.2f us per point)\n", t4 - t3,
               (t4 - t3) * 1e6 / (double)n);
        printf("build + lookup: %.3f s\n", t4 - t2);
        printf("in an area: %zu of %zu points (%.1f %%); in more than one: "
               "%zu\n", hit, n, 100.0 * (double)hit / (double)n, over);
    }

    /* untimed: a sample against the brute-force test of every area */
    nsample = n < SAMPLE ? n : SAMPLE;
    for (k = 0; k < nsample; k++) {
        long first = -1;
        for (i = 0; i < a->n && first < 0; i++)
            if (bs_area_contains(a, i, x[k], y[k]))
                first = (long)i;
        bad += first != area[k];
    }
    printf("brute-force check of the first %zu points: %zu differ\n",
           nsample, bad);

    bs_pip_index_free(ix);
    bs_areas_free(a);
    free(x);
    free(y);
    free(area);
    return bad != 0;
}
