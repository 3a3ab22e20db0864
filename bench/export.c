/* export.c: times the exports of one map of areas with all its attributes:
 * reading (shapefile or GDAL), then GeoPackage with a QGIS style, GeoJSON
 * (RFC 7946), Excel and a Dutch-Excel CSV; prints time and size of each.
 * Usage: bench-export MAPFILE OUTDIR [COLUMN]
 * COLUMN (default: the first numeric one) gets a 5-class QGIS style. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include "buurtscan/csvwrite.h"
#include "buurtscan/palette.h"
#include "buurtscan/qml.h"
#include "buurtscan/vector.h"
#include "buurtscan/vectorout.h"
#include "buurtscan/xlsx.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void report(const char *what, const char *path, double t0)
{
    struct stat st;
    double kb = path && stat(path, &st) == 0 ? st.st_size / 1024.0 : 0;

    printf("%-34s %8.3f s %10.1f kB\n", what, now() - t0, kb);
}

/* Every attribute as a typed column: numbers where every cell is one. */
static void make_columns(const bs_areas *a, bs_typed_column *cols,
                         double **nums)
{
    size_t c, r;

    for (c = 0; c < a->attrs->ncols; c++) {
        bs_error err;
        double *v = malloc(a->n * sizeof *v);
        int whole = 1;

        cols[c].name = a->attrs->names[c];
        cols[c].decimals = -1;
        if (bs_table_column_numeric(a->attrs, c, v, &err) != 0) {
            free(v);
            cols[c].type = BS_COL_TEXT;
            cols[c].text = (const char *const *)a->attrs->cells[c];
            continue;
        }
        for (r = 0; r < a->n; r++)
            whole &= isnan(v[r]) || v[r] == floor(v[r]);
        cols[c].type = whole ? BS_COL_INTEGER : BS_COL_REAL;
        cols[c].num = nums[c] = v;
    }
}

int main(int argc, char **argv)
{
    bs_areas *a;
    bs_error err;
    bs_typed_column *cols;
    bs_typed_table t;
    bs_layer_geometry geom = { 0 };
    bs_qml_class cls[5];
    bs_qml_style s = { 0 };
    bs_rgb rgb[5];
    double **nums, t0, lo = INFINITY, hi = -INFINITY;
    char path[4096], *qml;
    size_t c, r, style_col = (size_t)-1;
    struct rusage ru;
    bs_gpkg *g;
    bs_xlsx *x;

    if (argc < 3) {
        fprintf(stderr, "usage: bench-export MAPFILE OUTDIR [COLUMN]\n");
        return 2;
    }
    t0 = now();
    if (bs_areas_read(argv[1], NULL, NULL, &a, NULL, &err) != 0) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    report("read", NULL, t0);
    cols = calloc(a->attrs->ncols, sizeof *cols);
    nums = calloc(a->attrs->ncols, sizeof *nums);
    make_columns(a, cols, nums);
    t = (bs_typed_table){ "scores", a->n, a->attrs->ncols, cols };
    for (c = 0; c < t.ncols; c++)
        if (cols[c].type != BS_COL_TEXT
            && (argc < 4 ? style_col == (size_t)-1
                         : strcmp(cols[c].name, argv[3]) == 0))
            style_col = c;
    if (style_col == (size_t)-1) {
        fprintf(stderr, "no numeric column to style\n");
        return 1;
    }
    for (r = 0; r < a->n; r++)
        if (!isnan(cols[style_col].num[r])) {
            lo = fmin(lo, cols[style_col].num[r]);
            hi = fmax(hi, cols[style_col].num[r]);
        }
    bs_palette_get("YlOrRd", 5, rgb);
    for (c = 0; c < 5; c++) {
        static char labels[5][64];
        cls[c].lower = lo + (hi - lo) * c / 5;
        cls[c].upper = c == 4 ? hi : lo + (hi - lo) * (c + 1) / 5;
        memcpy(cls[c].rgb, &rgb[c], 3);
        snprintf(labels[c], sizeof labels[c], "%.4g - %.4g", cls[c].lower,
                 cls[c].upper);
        cls[c].label = labels[c];
    }
    s.field = cols[style_col].name;
    s.classes = cls;
    s.nclasses = 5;
    s.label_field = cols[0].name;
    geom.areas = a;

    t0 = now();
    snprintf(path, sizeof path, "%s/scores.gpkg", argv[2]);
    qml = bs_qml_text(&s, &err);
    if (!qml || bs_gpkg_create(path, NULL, &g, &err) != 0
        || bs_gpkg_add_layer(g, &t, &geom, NULL, &err) != 0
        || bs_gpkg_add_style(g, "scores", s.field, qml, NULL, 1, &err) != 0
        || bs_gpkg_close(g, &err) != 0) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    report("scores.gpkg (with layer_styles)", path, t0);
    t0 = now();
    snprintf(path, sizeof path, "%s/scores.qml", argv[2]);
    if (bs_qml_write(path, &s, &err) != 0)
        return fprintf(stderr, "%s\n", err.msg), 1;
    report("scores.qml", path, t0);
    t0 = now();
    snprintf(path, sizeof path, "%s/scores.geojson", argv[2]);
    if (bs_geojson_write(path, &t, &geom, &err) != 0)
        return fprintf(stderr, "%s\n", err.msg), 1;
    report("scores.geojson (RFC 7946)", path, t0);
    t0 = now();
    snprintf(path, sizeof path, "%s/scores.xlsx", argv[2]);
    if (bs_xlsx_create(path, 0, &x, &err) != 0
        || bs_xlsx_add_sheet(x, &t, NULL, NULL, &err) != 0
        || bs_xlsx_close(x, &err) != 0)
        return fprintf(stderr, "%s\n", err.msg), 1;
    report("scores.xlsx", path, t0);
    t0 = now();
    snprintf(path, sizeof path, "%s/scores.csv", argv[2]);
    if (bs_csv_write_table(path, &t, BS_CSV_EXCEL_NL, &err) != 0)
        return fprintf(stderr, "%s\n", err.msg), 1;
    report("scores.csv (excel-nl)", path, t0);
    getrusage(RUSAGE_SELF, &ru);
    printf("%-34s %21.1f MB\n", "peak RSS", ru.ru_maxrss / 1024.0);
    for (c = 0; c < t.ncols; c++)
        free(nums[c]);
    free(nums);
    free(cols);
    free(qml);
    bs_areas_free(a);
    return 0;
}
