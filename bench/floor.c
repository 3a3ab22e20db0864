/* floor.c: the floor of the England map, phase by phase.
 *
 * Times, on the England LSOAs (32,844 areas, 1.89 M vertices in WGS84),
 * each phase of the national map done the plainest fast way with the same
 * libraries buurtscan uses, single-threaded, so that buurtscan's phases
 * (bench/england.sh, perf) can be set against what the libraries and the
 * hardware allow:
 *   read      shapelib: SHPReadObject for every record into flat arrays;
 *             and the same file read at once and parsed in memory; the
 *             attributes with DBFReadStringAttribute;
 *   hash      every vertex, scaled to metres, as integers of the snapping
 *             grid (snap = min(tolerance / 1000, mean segment / 400), as
 *             topology.c) into one open-addressing table: the distinct
 *             vertices;
 *   simplify  Douglas-Peucker per ring at the print tolerance (no
 *             topology: the lower bound of a topology-aware one), as an
 *             importance per point; the phases below then take the KEPT
 *             most important points (as many as the map keeps: without
 *             the nodes that topology keeps, plain Douglas-Peucker at the
 *             same tolerance keeps fewer);
 *   proj      EPSG:4326 -> EPSG:27700 of the kept points: the set-up, and
 *             proj_trans_generic on them;
 *   pdf       the kept points transformed to the page by hand (identity
 *             CTM), one path per class filled (and filled and stroked, as
 *             the map does), written by cairo's PDF surface;
 *   png       the same paths on an A4 300 dpi image (transformed to pixels
 *             by hand): fills, then every ring stroked, then encoded with libpng (level 3, no filter,
 *             as src/io/png.c);
 *   memory    64 MB written for the first time: the page faults that
 *             every large allocation pays (costly on a virtual machine),
 *             and the same with transparent huge pages;
 *   csv       32,844 rows like scores.csv (8 numbers with "%.10g", 17
 *             integers) with fprintf.
 * Every phase runs RUNS times; the run with the least CPU time counts.
 * For each: CPU seconds (user + system of the process; single-threaded,
 * so the phase's own) and wall seconds; compare CPU time when the machine
 * is busy. Classes are spread over the areas by a hash of the index.
 *
 * Build: meson builds it as src/bench-floor (not a test). Run from the
 * repository root:
 *   build/src/bench-floor [SHAPEFILE] [TOLERANCE_M] [KEPT] [RUNS]
 * Defaults: ../shared/data/england-lsoa-2011/lsoa2011_wgs84.shp, 367.73
 * (what the England job simplifies at: 0.1 mm on its A4 map), 292927
 * (the points it keeps), 3. Writes floor.pdf, floor.png and floor.csv to
 * $TMPDIR or /tmp. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <png.h>
#include <proj.h>
#include <shapefil.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#define PT_PER_MM (72.0 / 25.4)
#define NCLASS 9

typedef struct geom {
    size_t n, nrings, npts;
    size_t *ring_first;       /* n + 1 */
    size_t *pt_first;         /* nrings + 1 */
    double *x, *y;
} geom;

typedef struct clock2 {
    double cpu, wall;
} clock2;

static clock2 now(void)
{
    struct rusage ru;
    struct timespec ts;
    clock2 c;

    getrusage(RUSAGE_SELF, &ru);
    clock_gettime(CLOCK_MONOTONIC, &ts);
    c.cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 + ru.ru_stime.tv_sec
            + ru.ru_stime.tv_usec * 1e-6;
    c.wall = ts.tv_sec + ts.tv_nsec * 1e-9;
    return c;
}

/* The best (least CPU) of the runs of each phase, printed at the end. */
#define PHASES_MAX 24
static struct result {
    const char *phase;
    double cpu, wall;
    char what[160];
} results[PHASES_MAX];
static int nresults;

static void report(const char *phase, clock2 t0, const char *what)
{
    clock2 t1 = now();
    int i;

    for (i = 0; i < nresults && strcmp(results[i].phase, phase) != 0; i++)
        ;
    if (i == PHASES_MAX)
        return;
    if (i == nresults) {
        results[nresults++].phase = phase;
        results[i].cpu = INFINITY;
    }
    if (t1.cpu - t0.cpu < results[i].cpu) {
        results[i].cpu = t1.cpu - t0.cpu;
        results[i].wall = t1.wall - t0.wall;
        snprintf(results[i].what, sizeof results[i].what, "%s", what);
    }
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "floor: out of memory\n");
        exit(1);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fprintf(stderr, "floor: out of memory\n");
        exit(1);
    }
    return p;
}

static void geom_free(geom *g)
{
    free(g->ring_first);
    free(g->pt_first);
    free(g->x);
    free(g->y);
    memset(g, 0, sizeof *g);
}

/* --- memory ------------------------------------------------------------- */

/* Writing 64 MB of fresh memory: the page faults every large allocation
 * pays, with 4 KB pages and with transparent huge pages. */
static void first_touch(void)
{
    size_t n = (size_t)64 << 20;
    int huge;

    for (huge = 0; huge < 2; huge++) {
        clock2 t0 = now();
        char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return;
        if (huge)
            madvise(p, n, MADV_HUGEPAGE);
        memset(p, 1, n);
        munmap(p, n);
        report(huge ? "memory: first touch of 64 MB, MADV_HUGEPAGE"
                    : "memory: first touch of 64 MB, 4 KB pages", t0, "");
    }
}

/* --- read --------------------------------------------------------------- */

static int read_shapelib(const char *path, geom *g)
{
    SHPHandle h = SHPOpen(path, "rb");
    int n, type, i, k;
    size_t cap = 1 << 20, rcap = 1 << 16;

    if (!h)
        return -1;
    SHPGetInfo(h, &n, &type, NULL, NULL);
    memset(g, 0, sizeof *g);
    g->n = (size_t)n;
    g->ring_first = xmalloc(((size_t)n + 1) * sizeof *g->ring_first);
    g->pt_first = xmalloc(rcap * sizeof *g->pt_first);
    g->x = xmalloc(cap * sizeof *g->x);
    g->y = xmalloc(cap * sizeof *g->y);
    for (i = 0; i < n; i++) {
        SHPObject *o = SHPReadObject(h, i);
        g->ring_first[i] = g->nrings;
        if (!o)
            continue;
        if (g->npts + (size_t)o->nVertices > cap) {
            while (g->npts + (size_t)o->nVertices > cap)
                cap *= 2;
            g->x = xrealloc(g->x, cap * sizeof *g->x);
            g->y = xrealloc(g->y, cap * sizeof *g->y);
        }
        for (k = 0; k < o->nParts; k++) {
            if (g->nrings + 2 > rcap)
                g->pt_first = xrealloc(g->pt_first, (rcap *= 2) * sizeof *g->pt_first);
            g->pt_first[g->nrings++] = g->npts + (size_t)o->panPartStart[k];
        }
        memcpy(g->x + g->npts, o->padfX, (size_t)o->nVertices * sizeof *g->x);
        memcpy(g->y + g->npts, o->padfY, (size_t)o->nVertices * sizeof *g->y);
        g->npts += (size_t)o->nVertices;
        SHPDestroyObject(o);
    }
    g->ring_first[n] = g->nrings;
    g->pt_first[g->nrings] = g->npts;
    SHPClose(h);
    return 0;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int32_t le32(const unsigned char *p)
{
    return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16
                     | (uint32_t)p[3] << 24);
}

/* The whole .shp in one read, polygons parsed in place (x86: little-endian
 * doubles copied as they are). Only what the floor needs: no checks beyond
 * the bounds. */
static int read_memory(const char *path, geom *g)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf;
    size_t len, off = 100, np = 0, nr = 0, na = 0;
    struct stat sb;

    if (!f || fstat(fileno(f), &sb) != 0 || sb.st_size < 100) {
        if (f)
            fclose(f);
        return -1;
    }
    len = (size_t)sb.st_size;
    buf = xmalloc(len);
    if (fread(buf, 1, len, f) != len) {
        fclose(f);
        free(buf);
        return -1;
    }
    fclose(f);
    /* first pass: counts, so that every array is allocated once */
    for (off = 100; off + 8 <= len; off += 8 + 2 * (size_t)be32(buf + off + 4)) {
        const unsigned char *r = buf + off + 8;
        na++;
        if (off + 8 + 44 <= len && le32(r) == 5) {
            nr += (size_t)le32(r + 36);
            np += (size_t)le32(r + 40);
        }
    }
    memset(g, 0, sizeof *g);
    g->ring_first = xmalloc((na + 1) * sizeof *g->ring_first);
    g->pt_first = xmalloc((nr + 1) * sizeof *g->pt_first);
    g->x = xmalloc(np * sizeof *g->x);
    g->y = xmalloc(np * sizeof *g->y);
    for (off = 100; off + 8 <= len; off += 8 + 2 * (size_t)be32(buf + off + 4)) {
        const unsigned char *r = buf + off + 8, *pts;
        size_t parts, n, k;
        g->ring_first[g->n++] = g->nrings;
        if (off + 8 + 44 > len || le32(r) != 5)
            continue;
        parts = (size_t)le32(r + 36);
        n = (size_t)le32(r + 40);
        pts = r + 44 + 4 * parts;
        for (k = 0; k < parts; k++)
            g->pt_first[g->nrings++] = g->npts + (size_t)le32(r + 44 + 4 * k);
        for (k = 0; k < n; k++) {
            memcpy(&g->x[g->npts + k], pts + 16 * k, 8);
            memcpy(&g->y[g->npts + k], pts + 16 * k + 8, 8);
        }
        g->npts += n;
    }
    g->ring_first[g->n] = g->nrings;
    g->pt_first[g->nrings] = g->npts;
    free(buf);
    return 0;
}

static size_t read_dbf(const char *shp)
{
    char path[4096];
    size_t len = strlen(shp), bytes = 0;
    DBFHandle h;
    int n, nf, i, k;

    if (len < 4 || len >= sizeof path)
        return 0;
    memcpy(path, shp, len - 4);
    strcpy(path + len - 4, ".dbf");
    if (!(h = DBFOpen(path, "rb")))
        return 0;
    n = DBFGetRecordCount(h);
    nf = DBFGetFieldCount(h);
    for (i = 0; i < n; i++)
        for (k = 0; k < nf; k++) {
            const char *s = DBFReadStringAttribute(h, i, k);
            bytes += s ? strlen(s) : 0;
        }
    DBFClose(h);
    return bytes;
}

/* --- hash --------------------------------------------------------------- */

static uint64_t mix64(uint64_t z)
{
    z ^= z >> 33;
    z *= 0xff51afd7ed558ccdULL;
    z ^= z >> 33;
    z *= 0xc4ceb9fe1a85ec53ULL;
    z ^= z >> 33;
    return z;
}

static void metres_per_degree(double lat, double *kx, double *ky)
{
    const double a = 6378137.0, e2 = 0.00669437999014;
    double phi = lat * M_PI / 180, s = sin(phi), w = 1 - e2 * s * s;

    *kx = M_PI / 180 * a * cos(phi) / sqrt(w);
    *ky = M_PI / 180 * a * (1 - e2) / (w * sqrt(w));
}

static double snap_of(const geom *g, double kx, double ky, double tol)
{
    double len = 0;
    size_t r, p, nseg = 0;

    for (r = 0; r < g->nrings; r++)
        for (p = g->pt_first[r]; p + 1 < g->pt_first[r + 1]; p++) {
            len += hypot((g->x[p + 1] - g->x[p]) * kx, (g->y[p + 1] - g->y[p]) * ky);
            nseg++;
        }
    return fmin(tol / 1000, len / (double)nseg / 400);
}

/* Every point's vertex id in id[]: points on the same grid cell of size
 * snap are one vertex. One table of (key, id) slots, so that a look-up
 * touches one cache line. Returns the number of vertices. */
typedef struct slot {
    uint64_t key;
    uint32_t id;
} slot;

static int64_t round64(double v)
{
    return (int64_t)(v >= 0 ? v + 0.5 : v - 0.5);
}

static size_t hash_vertices(const geom *g, double kx, double ky, double snap,
                            uint32_t *id, int huge)
{
    size_t cap = 16, p, nv = 0;
    slot *tab;
    double sx = kx / snap, sy = ky / snap;

    while (cap < 2 * g->npts)
        cap <<= 1;
    tab = mmap(NULL, cap * sizeof *tab, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (tab == MAP_FAILED) {
        fprintf(stderr, "floor: out of memory\n");
        exit(1);
    }
    if (huge)
        madvise(tab, cap * sizeof *tab, MADV_HUGEPAGE);
    memset(tab, 0xff, cap * sizeof *tab);
    for (p = 0; p < g->npts; p++) {
        uint64_t k = (uint64_t)(uint32_t)round64(g->x[p] * sx) << 32
                     | (uint32_t)round64(g->y[p] * sy);
        size_t h = (size_t)mix64(k) & (cap - 1);
        while (tab[h].key != UINT64_MAX && tab[h].key != k)
            h = (h + 1) & (cap - 1);
        if (tab[h].key == UINT64_MAX) {
            tab[h].key = k;
            tab[h].id = (uint32_t)nv++;
        }
        id[p] = tab[h].id;
    }
    munmap(tab, cap * sizeof *tab);
    return nv;
}

/* --- simplify ----------------------------------------------------------- */

typedef struct span {
    size_t i, j;
    double limit;
} span;

/* Douglas-Peucker once over each ring on its own, recording for each point
 * the squared distance at which it was split off, capped by that of the
 * point that made its span (as topology.c does per arc): the points whose
 * importance exceeds tol^2 are Douglas-Peucker at tol, for any tol. A ring
 * keeps its first point and the one furthest from it. */
static void importance(const geom *g, double kx, double ky, double *imp, span *stack)
{
    size_t r, k;

    for (r = 0; r < g->nrings; r++) {
        size_t p0 = g->pt_first[r], p1 = g->pt_first[r + 1], far = p0, top = 0;
        double best = -1;
        if (p1 - p0 < 4) {
            for (k = p0; k < p1; k++)
                imp[k] = INFINITY;
            continue;
        }
        for (k = p0 + 1; k < p1 - 1; k++) {
            double dx = (g->x[k] - g->x[p0]) * kx, dy = (g->y[k] - g->y[p0]) * ky;
            if (dx * dx + dy * dy > best)
                best = dx * dx + dy * dy, far = k;
        }
        imp[p0] = imp[far] = imp[p1 - 1] = INFINITY;
        stack[top++] = (span){ p0, far, INFINITY };
        stack[top++] = (span){ far, p1 - 1, INFINITY };
        while (top > 0) {
            span s = stack[--top];
            double ax = g->x[s.i] * kx, ay = g->y[s.i] * ky;
            double dx = g->x[s.j] * kx - ax, dy = g->y[s.j] * ky - ay;
            double l2 = dx * dx + dy * dy, d2 = -1;
            size_t f = s.i + 1;
            for (k = s.i + 1; k < s.j; k++) {
                double px = g->x[k] * kx - ax, py = g->y[k] * ky - ay, u, ex, ey;
                u = l2 > 0 ? (px * dx + py * dy) / l2 : 0;
                u = u < 0 ? 0 : u > 1 ? 1 : u;
                ex = u * dx - px;
                ey = u * dy - py;
                if (ex * ex + ey * ey > d2)
                    d2 = ex * ex + ey * ey, f = k;
            }
            imp[f] = d2 < s.limit ? d2 : s.limit;
            if (f - s.i >= 2)
                stack[top++] = (span){ s.i, f, imp[f] };
            if (s.j - f >= 2)
                stack[top++] = (span){ f, s.j, imp[f] };
        }
    }
}

static size_t select_kept(const double *imp, size_t n, double limit2,
                          unsigned char *keep)
{
    size_t p, kept = 0;

    for (p = 0; p < n; p++)
        kept += keep[p] = imp[p] > limit2;
    return kept;
}

static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

/* The squared importance above which `want` points are kept. */
static double limit_for(const double *imp, size_t n, size_t want)
{
    double *c = xmalloc(n * sizeof *c), l;

    memcpy(c, imp, n * sizeof *c);
    qsort(c, n, sizeof *c, cmp_desc);
    l = want == 0 ? INFINITY : want >= n ? -1 : c[want];
    free(c);
    return l;
}

/* The kept points as a geometry of their own. */
static void compact(const geom *g, const unsigned char *keep, size_t kept, geom *o)
{
    size_t r, p;

    memset(o, 0, sizeof *o);
    o->n = g->n;
    o->nrings = g->nrings;
    o->ring_first = xmalloc((g->n + 1) * sizeof *o->ring_first);
    memcpy(o->ring_first, g->ring_first, (g->n + 1) * sizeof *o->ring_first);
    o->pt_first = xmalloc((g->nrings + 1) * sizeof *o->pt_first);
    o->x = xmalloc(kept * sizeof *o->x);
    o->y = xmalloc(kept * sizeof *o->y);
    for (r = 0; r < g->nrings; r++) {
        o->pt_first[r] = o->npts;
        for (p = g->pt_first[r]; p < g->pt_first[r + 1]; p++)
            if (keep[p]) {
                o->x[o->npts] = g->x[p];
                o->y[o->npts++] = g->y[p];
            }
    }
    o->pt_first[g->nrings] = o->npts;
}

/* --- draw --------------------------------------------------------------- */

/* The page: A4 portrait in points, the map fitted into 180 x 240 mm. */
typedef struct page {
    double w, h;
    double a, bx, by;         /* page = (bx + a x, by - a y) */
} page;

static page fit_page(const geom *g)
{
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    double fw = 180 * PT_PER_MM, fh = 240 * PT_PER_MM;
    page pg;
    size_t p;

    for (p = 0; p < g->npts; p++) {
        x0 = fmin(x0, g->x[p]);
        x1 = fmax(x1, g->x[p]);
        y0 = fmin(y0, g->y[p]);
        y1 = fmax(y1, g->y[p]);
    }
    pg.w = 210 * PT_PER_MM;
    pg.h = 297 * PT_PER_MM;
    pg.a = fmin(fw / (x1 - x0), fh / (y1 - y0));
    pg.bx = 15 * PT_PER_MM - pg.a * x0;
    pg.by = 30 * PT_PER_MM + pg.a * y1;
    return pg;
}

static int class_of(size_t i)
{
    return (int)(mix64(i) % NCLASS);
}

static void add_area(cairo_t *cr, const geom *g, size_t i, const page *pg)
{
    size_t r, p;

    for (r = g->ring_first[i]; r < g->ring_first[i + 1]; r++) {
        size_t p0 = g->pt_first[r], p1 = g->pt_first[r + 1];
        if (p1 <= p0)
            continue;
        cairo_move_to(cr, pg->bx + pg->a * g->x[p0], pg->by - pg->a * g->y[p0]);
        for (p = p0 + 1; p < p1; p++)
            cairo_line_to(cr, pg->bx + pg->a * g->x[p], pg->by - pg->a * g->y[p]);
        cairo_close_path(cr);
    }
}

static const double fill_rgb[NCLASS][3] = {
    { 1.00, 1.00, 0.80 }, { 1.00, 0.93, 0.63 }, { 1.00, 0.85, 0.46 },
    { 1.00, 0.70, 0.30 }, { 0.99, 0.55, 0.24 }, { 0.99, 0.31, 0.16 },
    { 0.89, 0.10, 0.11 }, { 0.74, 0.00, 0.15 }, { 0.50, 0.00, 0.15 },
};

/* One path per class, filled (stroke: and stroked with it, 0.05 pt). */
static void draw_classes(cairo_t *cr, const geom *g, const page *pg, int stroke)
{
    size_t i;
    int c;

    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_width(cr, 0.05);
    for (c = 0; c < NCLASS; c++) {
        cairo_new_path(cr);
        for (i = 0; i < g->n; i++)
            if (class_of(i) == c)
                add_area(cr, g, i, pg);
        cairo_set_source_rgb(cr, fill_rgb[c][0], fill_rgb[c][1], fill_rgb[c][2]);
        if (!stroke) {
            cairo_fill(cr);
            continue;
        }
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        cairo_stroke(cr);
    }
}

static long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long)sb.st_size : -1;
}

static void pdf(const geom *g, const page *pg, const char *path, int stroke)
{
    char what[200];
    clock2 t0 = now();
    cairo_surface_t *s = cairo_pdf_surface_create(path, pg->w, pg->h);
    cairo_t *cr = cairo_create(s);

    draw_classes(cr, g, pg, stroke);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    snprintf(what, sizeof what, "%zu points, %.2f us each, %ld bytes", g->npts,
             (now().cpu - t0.cpu) / (double)g->npts * 1e6, file_size(path));
    report(stroke ? "pdf: class paths filled and stroked" : "pdf: class paths filled",
           t0, what);
}

static int write_png(cairo_surface_t *s, const char *path)
{
    FILE *f = fopen(path, "wb");
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s), y, x;
    const unsigned char *data = cairo_image_surface_get_data(s);
    unsigned char *row = xmalloc((size_t)w * 3);

    if (!f || !info || setjmp(png_jmpbuf(png))) {
        if (f)
            fclose(f);
        png_destroy_write_struct(&png, &info);
        free(row);
        return -1;
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    png_set_compression_level(png, 3);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_write_info(png, info);
    for (y = 0; y < h; y++) {
        const uint32_t *px = (const uint32_t *)(data + (size_t)y * (size_t)stride);
        for (x = 0; x < w; x++) {
            row[3 * x] = (unsigned char)(px[x] >> 16);
            row[3 * x + 1] = (unsigned char)(px[x] >> 8);
            row[3 * x + 2] = (unsigned char)px[x];
        }
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(row);
    return fclose(f);
}

static void png300(const geom *g, const page *pg, const char *path)
{
    double s = 300 / 72.0;
    char what[200];
    clock2 t0 = now();
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                      (int)round(pg->w * s),
                                                      (int)round(pg->h * s));
    cairo_t *cr = cairo_create(img);
    page px = { pg->w * s, pg->h * s, pg->a * s, pg->bx * s, pg->by * s };
    size_t i;

    /* points transformed to pixels here: identity CTM */
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    draw_classes(cr, g, &px, 0);
    report("png 300 dpi: class paths filled", t0, "");
    t0 = now();
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_set_line_width(cr, 0.05 * s);
    cairo_new_path(cr);
    for (i = 0; i < g->n; i++) {
        add_area(cr, g, i, &px);
        if (i % 2048 == 2047)
            cairo_stroke(cr);
    }
    cairo_stroke(cr);
    cairo_destroy(cr);
    cairo_surface_flush(img);
    report("png 300 dpi: every ring stroked (0.05 pt)", t0, "each border twice");
    t0 = now();
    if (write_png(img, path) != 0)
        fprintf(stderr, "floor: %s: cannot write\n", path);
    snprintf(what, sizeof what, "%d x %d, %ld bytes", cairo_image_surface_get_width(img),
             cairo_image_surface_get_height(img), file_size(path));
    report("png: libpng encode (level 3, no filter)", t0, what);
    cairo_surface_destroy(img);
}

/* --- csv ---------------------------------------------------------------- */

/* As scores.csv: a code and a name, then per row 8 numbers with decimals
 * ("%.10g"), 17 integers and 8 empty fields. */
static void csv(size_t rows, const char *path)
{
    FILE *f = fopen(path, "w");
    char what[100];
    clock2 t0 = now();
    size_t i;
    int k;

    if (!f)
        return;
    for (i = 0; i < rows; i++) {
        fprintf(f, "E%08zu,E%08zu,%.10g", i, i, (double)(i * 7919 % 32844) / 4.4);
        for (k = 0; k < 17; k++)
            fprintf(f, ",%zu", (i * 37 + (size_t)k * 101) % 32844);
        for (k = 0; k < 7; k++)
            fprintf(f, ",%.10g", (double)((i + (size_t)k) * 7919 % 32844) / 3.33);
        fputs(",,,,,,,,\n", f);
    }
    fclose(f);
    snprintf(what, sizeof what, "%zu rows, %ld bytes", rows, file_size(path));
    report("csv: scores.csv-like rows with fprintf", t0, what);
}

/* --- main --------------------------------------------------------------- */

static void reproject(geom *k)
{
    char what[100];
    clock2 t0 = now();
    PJ_CONTEXT *ctx = proj_context_create();
    PJ *op = proj_create_crs_to_crs(ctx, "EPSG:4326", "EPSG:27700", NULL);
    PJ *norm = op ? proj_normalize_for_visualization(ctx, op) : NULL;

    report("proj: context and EPSG:4326 -> 27700 set-up", t0, "");
    if (!norm) {
        fprintf(stderr, "floor: PROJ cannot set up EPSG:4326 -> EPSG:27700\n");
        exit(1);
    }
    t0 = now();
    proj_trans_generic(norm, PJ_FWD, k->x, sizeof *k->x, k->npts, k->y, sizeof *k->y,
                       k->npts, NULL, 0, 0, NULL, 0, 0);
    snprintf(what, sizeof what, "%zu points, %.2f us each", k->npts,
             (now().cpu - t0.cpu) / (double)k->npts * 1e6);
    report("proj: proj_trans_generic on the kept points", t0, what);
    proj_destroy(norm);
    proj_destroy(op);
    proj_context_destroy(ctx);
}

/* One run of every phase. */
static void run(const char *shp, double tol, size_t want, const char *dir)
{
    char path[4096], what[200];
    double kx, ky, snap, *imp;
    geom g, kept;
    unsigned char *keep;
    uint32_t *id;
    span *stack;
    size_t nv, nk, bytes, longest = 0, r;
    clock2 t0;

    first_touch();
    t0 = now();
    if (read_shapelib(shp, &g) != 0) {
        fprintf(stderr, "floor: %s: cannot read\n", shp);
        exit(1);
    }
    snprintf(what, sizeof what, "%zu areas, %zu rings, %zu points", g.n, g.nrings, g.npts);
    report("read .shp: shapelib SHPReadObject", t0, what);
    geom_free(&g);
    t0 = now();
    if (read_memory(shp, &g) != 0) {
        fprintf(stderr, "floor: %s: cannot read\n", shp);
        exit(1);
    }
    report("read .shp: one fread, parsed in memory", t0, what);
    t0 = now();
    bytes = read_dbf(shp);
    snprintf(what, sizeof what, "%zu bytes of text", bytes);
    report("read .dbf: shapelib DBFReadStringAttribute", t0, what);

    metres_per_degree(52.9, &kx, &ky);
    snap = snap_of(&g, kx, ky, tol);
    id = xmalloc(g.npts * sizeof *id);
    t0 = now();
    nv = hash_vertices(&g, kx, ky, snap, id, 0);
    snprintf(what, sizeof what, "%zu vertices, snap %.3g m, 64 MB table", nv, snap);
    report("hash: integers of the snapping grid", t0, what);
    t0 = now();
    hash_vertices(&g, kx, ky, snap, id, 1);
    report("hash: the same, table in huge pages", t0, "");
    free(id);

    for (r = 0; r < g.nrings; r++)
        if (g.pt_first[r + 1] - g.pt_first[r] > longest)
            longest = g.pt_first[r + 1] - g.pt_first[r];
    keep = xmalloc(g.npts);
    imp = xmalloc(g.npts * sizeof *imp);
    stack = xmalloc((longest + 2) * sizeof *stack);
    t0 = now();
    importance(&g, kx, ky, imp, stack);
    nk = select_kept(imp, g.npts, tol * tol, keep);
    snprintf(what, sizeof what, "%zu points kept at %.1f m", nk, tol);
    report("simplify: Douglas-Peucker per ring", t0, what);
    /* the rest works on as many points as the map keeps */
    nk = select_kept(imp, g.npts, limit_for(imp, g.npts, want), keep);
    compact(&g, keep, nk, &kept);
    free(stack);
    free(imp);
    free(keep);
    geom_free(&g);

    reproject(&kept);
    {
        page pg = fit_page(&kept);
        snprintf(path, sizeof path, "%s/floor.pdf", dir);
        pdf(&kept, &pg, path, 0);
        pdf(&kept, &pg, path, 1);
        snprintf(path, sizeof path, "%s/floor.png", dir);
        png300(&kept, &pg, path);
    }
    snprintf(path, sizeof path, "%s/floor.csv", dir);
    csv(kept.n, path);
    geom_free(&kept);
}

int main(int argc, char **argv)
{
    const char *shp = argc > 1 ? argv[1] : "../shared/data/england-lsoa-2011/lsoa2011_wgs84.shp";
    double tol = argc > 2 ? atof(argv[2]) : 367.72781650082123;
    size_t want = argc > 3 ? (size_t)atol(argv[3]) : 292927;
    int runs = argc > 4 ? atoi(argv[4]) : 3, i;
    const char *tmp = getenv("TMPDIR"), *dir = tmp ? tmp : "/tmp";

    for (i = 0; i < runs; i++)
        run(shp, tol, want, dir);
    printf("%-44s %7s %7s   (best of %d runs)\n", "phase, single-threaded", "cpu s",
           "wall s", runs);
    for (i = 0; i < nresults; i++)
        printf("%-44s %7.3f %7.3f   %s\n", results[i].phase, results[i].cpu,
               results[i].wall, results[i].what);
    return 0;
}
