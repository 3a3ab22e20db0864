/* mapgrid.h: a synthetic map for the render tests that need many areas: a
 * grid of nx x ny quadrilaterals 100 m wide whose inner corners are moved
 * by a seeded jitter (so borders run at all angles), shared between
 * neighbours as in a real boundary set; classes in diagonal bands, some
 * areas without data (-1) or secret (-2), a label on every seventh area.
 * With simplify the map is drawn from the topology (arcs), as the job
 * draws its maps. Included by the test files that use it. */
#ifndef BS_TEST_MAPGRID_H
#define BS_TEST_MAPGRID_H

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/map.h"
#include "buurtscan/topology.h"

#define MAPGRID_K 5

typedef struct mapgrid {
    bs_areas a;               /* the rings as built */
    bs_areas *simple;         /* the same, with arcs (simplify), or NULL */
    int *cls;
    char **label;
    bs_rgb fill[MAPGRID_K];
    double lower[MAPGRID_K], upper[MAPGRID_K];
    size_t count[MAPGRID_K];
    bs_map m;
} mapgrid;

static double mapgrid_jitter(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return ((double)(z >> 11) / 9007199254740992.0 - 0.5) * 60;   /* +-30 m */
}

static void mapgrid_make(mapgrid *g, int nx, int ny, int simplify)
{
    bs_areas *a = &g->a;
    size_t n = (size_t)nx * (size_t)ny, nv = (size_t)(nx + 1) * (size_t)(ny + 1);
    double *vx = malloc(nv * sizeof *vx), *vy = malloc(nv * sizeof *vy);
    uint64_t seed = 20240601;
    bs_error err;

    memset(g, 0, sizeof *g);
    ck_assert(vx && vy);
    for (int j = 0; j <= ny; j++)
        for (int i = 0; i <= nx; i++) {
            int inner = i > 0 && i < nx && j > 0 && j < ny;
            vx[j * (nx + 1) + i] = i * 100.0 + (inner ? mapgrid_jitter(&seed) : 0);
            vy[j * (nx + 1) + i] = j * 100.0 + (inner ? mapgrid_jitter(&seed) : 0);
        }
    a->n = n;
    a->nrings = n;
    a->npts = 5 * n;
    a->record = malloc(n * sizeof *a->record);
    a->ring_first = malloc((n + 1) * sizeof *a->ring_first);
    a->pt_first = malloc((n + 1) * sizeof *a->pt_first);
    a->x = malloc(5 * n * sizeof *a->x);
    a->y = malloc(5 * n * sizeof *a->y);
    g->cls = malloc(n * sizeof *g->cls);
    g->label = calloc(n, sizeof *g->label);
    ck_assert(a->record && a->ring_first && a->pt_first && a->x && a->y && g->cls && g->label);
    for (int j = 0; j < ny; j++)
        for (int i = 0; i < nx; i++) {
            size_t k = (size_t)j * (size_t)nx + (size_t)i, p = 5 * k;
            const int ci[5] = {0, 1, 1, 0, 0}, cj[5] = {0, 0, 1, 1, 0};
            a->record[k] = (long)k + 1;
            a->ring_first[k] = k;
            a->pt_first[k] = p;
            for (int c = 0; c < 5; c++) {
                a->x[p + (size_t)c] = vx[(j + cj[c]) * (nx + 1) + i + ci[c]];
                a->y[p + (size_t)c] = vy[(j + cj[c]) * (nx + 1) + i + ci[c]];
            }
            g->cls[k] = k % 37 == 5 ? -1 : k % 53 == 7 ? -2 : ((i + j) / 3) % MAPGRID_K;
            if (k % 7 == 3) {
                g->label[k] = malloc(16);
                ck_assert_ptr_nonnull(g->label[k]);
                snprintf(g->label[k], 16, "Vak %zu", k + 1);
            }
        }
    a->ring_first[n] = n;
    a->pt_first[n] = 5 * n;
    free(vx);
    free(vy);
    if (simplify)
        ck_assert_msg(bs_areas_simplify(a, 0, &g->simple, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(bs_palette_get("YlOrRd", MAPGRID_K, g->fill), 0);
    for (int c = 0; c < MAPGRID_K; c++) {
        g->lower[c] = c;
        g->upper[c] = c + 1;
    }
    for (size_t k = 0; k < n; k++)
        if (g->cls[k] >= 0)
            g->count[g->cls[k]]++;
    g->m.areas = g->simple ? g->simple : a;
    g->m.cls = g->cls;
    g->m.k = MAPGRID_K;
    g->m.fill = g->fill;
    g->m.lower = g->lower;
    g->m.upper = g->upper;
    g->m.count = g->count;
    g->m.decimals = 0;
    g->m.language = "nl";
    g->m.title = "Raster van vierhoeken";
    g->m.legend_title = "Klasse";
    g->m.source = "Bron: testgegevens";
    g->m.date = "22-11-2026";
    g->m.iso_date = "2026-11-22T00:00:00";
    ck_assert_int_eq(bs_paper_parse("A4 portrait", &g->m.paper), 0);
}

static void mapgrid_free(mapgrid *g)
{
    for (size_t k = 0; k < g->a.n; k++)
        free(g->label[k]);
    free(g->label);
    free(g->cls);
    free(g->a.record);
    free(g->a.ring_first);
    free(g->a.pt_first);
    free(g->a.x);
    free(g->a.y);
    bs_areas_free(g->simple);
}

#endif
