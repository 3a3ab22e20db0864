/* print.c: the prepared maps as the renderer sees them, and the geometry
 * they are drawn from: borders simplified once for print, at 0.1 mm on the
 * largest-scale map, either in the load phase (the areas came in another
 * CRS and only maps draw them) or just before the maps are drawn. */
#include <math.h>
#include <string.h>
#include "buurtscan/crs.h"
#include "buurtscan/topology.h"
#include "internal.h"

void bs_job_map_view(const bs_scan *s, const bs_scan_map *m, bs_map *map,
                     const bs_areas *draw)
{
    memset(map, 0, sizeof *map);
    map->areas = draw ? draw : s->areas;
    map->cls = m->cls;
    map->k = m->classes.k;
    map->fill = m->fill;
    map->lower = m->lower;
    map->upper = m->classes.upper;
    map->count = m->classes.count;
    map->missing = m->classes.missing - m->nsmall;
    map->decimals = m->decimals;
    map->language = s->language;
    map->title = m->title;
    map->subtitle = m->subtitle;
    map->legend_title = m->legend_title;
    map->source = m->source;
    map->date = s->date;
    map->iso_date = s->iso_date;
    map->paper = m->paper;
    map->style = &s->style;
    map->context = m->context;
    map->inset = m->inset;
    if (m->points.n)
        map->points = &m->points;
    map->highlight = m->highlight;
    map->nhighlight = m->nhighlight;
    map->labels = m->labels;
    map->label_priority = m->label_priority;
}

/* The finest print tolerance (0.1 mm on paper, in map units) over the
 * scan's maps, drawn from `areas`, or shown at `extent` when that is not
 * NULL. INFINITY when no map has a frame. */
static double print_tolerance(const bs_scan *s, const bs_areas *areas,
                              const double *extent)
{
    double tol = INFINITY;
    size_t m;

    for (m = 0; m < s->nmaps; m++) {
        bs_map map;
        bs_map_frame fr;
        bs_job_map_view(s, &s->maps[m], &map, areas);
        if (extent)
            map.extent = extent;
        if (bs_map_frame_get(&map, &fr) == 0 && fr.scale > 0 && 0.1 / fr.scale < tol)
            tol = 0.1 / fr.scale;
    }
    return tol;
}

/* Only [map]s draw the areas and they came in another CRS (see
 * bs_job.areas_print): simplified in their own CRS and only the points kept
 * reprojected, at the tolerance of the frames the maps get from the
 * reprojected bounding box. Should the drawn geometry give a finer frame
 * after all (its box can only be smaller, by up to the tolerance), it is
 * simplified again at that, 0.1 % finer, which the geometry it keeps
 * cannot shrink by more. The job's areas then take the simplified
 * geometry, so the full detail is not held while the maps are drawn. */
int bs_job_simplify_for_print(bs_job *j, const bs_job_hooks *h, bs_error *err)
{
    const bs_scan *view = &j->scan;
    bs_areas *a = j->areas, *s = NULL;
    double box[4], tol;
    size_t full = a->npts;
    int rc;

    rc = bs_areas_bbox_in(a, j->p->crs.value, box, err);
    if (rc < 0)
        return -1;
    tol = rc == 0 ? print_tolerance(view, a, box) : INFINITY;
    if (!isfinite(tol))
        tol = 0;      /* no frame: keep every point that makes a corner */
    for (int pass = 0;; pass++) {
        double fine;
        if (bs_areas_simplify_to(a, j->p->crs.value, tol, &s, err) != 0)
            return -1;
        fine = print_tolerance(view, s, NULL);
        /* 2e-5 finer for England: within the margin bs_areas_simplify_to
         * keeps */
        if (!(fine * 1.005 < tol) || pass == 1)
            break;
        bs_areas_free(s);
        s = NULL;
        tol = fine * 0.999;
    }
    /* same areas and rings (topology.h), new points */
#define SWAP(f) do { __typeof__(a->f) t_ = a->f; a->f = s->f; s->f = t_; } while (0)
    SWAP(pt_first);
    SWAP(npts);
    SWAP(x);
    SWAP(y);
    SWAP(crs);
    SWAP(arcs);
#undef SWAP
    bs_areas_free(s);
    j->areas_print = 1;
    j->scan.areas_print = 1;
    bs_job_step(h, "simplified the borders for print in their own CRS: %zu of "
                "%zu points kept, only those reprojected to %s", a->npts, full,
                j->p->crs.value);
    return 0;
}

/* The geometry the maps are drawn from: borders simplified once, shared
 * borders identically (no cracks), so that no vertex is dropped that would
 * move a line by more than 0.1 mm on the largest-scale map of the job.
 * NULL when no map has geometry or the job's areas are that already. */
int bs_job_print_geometry(const bs_scan *s, bs_areas **out, bs_error *err)
{
    double tol;

    *out = NULL;
    if (s->areas_print)
        return 0;
    tol = print_tolerance(s, s->areas, NULL);
    if (!isfinite(tol))
        return 0;
    return bs_areas_simplify(s->areas, tol, out, err);
}
