/* choropleth.c: the classed areas of a map panel: one path per class
 * filled once, the hatches of "geen gegevens" and "te klein of geheim",
 * the outlines (thinned where areas are small on paper, stroked once per
 * border when the areas carry arcs), faded areas outside a focus set, the
 * context polygons under the areas, and highlighted outlines on top. */
#include "mapint.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "buurtscan/topology.h"

void bs_map_add_area(cairo_t *cr, const bs_areas *ar, size_t i, const bs_map_xform *T)
{
    for (size_t r = ar->ring_first[i]; r < ar->ring_first[i + 1]; r++) {
        size_t p0 = ar->pt_first[r], p1 = ar->pt_first[r + 1];
        if (p1 <= p0)
            continue;
        cairo_move_to(cr, T->bx + T->a * ar->x[p0], T->by - T->a * ar->y[p0]);
        for (size_t p = p0 + 1; p < p1; p++)
            cairo_line_to(cr, T->bx + T->a * ar->x[p], T->by - T->a * ar->y[p]);
        cairo_close_path(cr);
    }
}

/* One path per class, filled once: cheap even for tens of thousands of
 * polygons, and neighbours of one class never show seams between them.
 * Takes the areas whose fade flag equals faded, leaving out those marked
 * in off (see band_off; NULL: none). */
static int add_class_path(cairo_t *cr, const bs_map *m, int cls, const bs_map_xform *T,
                          const unsigned char *flag, unsigned faded,
                          const unsigned char *off)
{
    int any = 0;

    cairo_new_path(cr);
    for (size_t i = 0; i < m->areas->n; i++)
        if (m->cls[i] == cls && !(flag[i] & BS_MAP_HIDDEN) && (flag[i] & BS_MAP_FADED) == faded
            && !(off && off[i])) {
            bs_map_add_area(cr, m->areas, i, T);
            any = 1;
        }
    return any;
}

/* Fills the current path as "geen gegevens": white with grey diagonal
 * hatching, or for "te klein of geheim" (crossed) with lines both ways.
 * The lines are stroked inside a clip rather than taken from a repeating
 * pattern: vector in PDF and SVG all the same, and cairo 1.16's SVG backend
 * leaks memory on every page that uses a recording-surface pattern. The
 * lines are anchored to the page, so map and legend agree. */
void bs_map_fill_hatch(cairo_t *cr, const bs_style *st, double f, int crossed,
                       bs_colour colour)
{
    double step = MM(st->hatch_step) * f;   /* between lines, along the x axis */
    double x0, y0, x1, y1;

    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_clip(cr);
    cairo_clip_extents(cr, &x0, &y0, &x1, &y1);
    if (x1 > x0 && y1 > y0) {
        /* Lines y = c - x with c a multiple of step, covering the extents. */
        for (double c = floor((x0 + y0) / step) * step; c <= x1 + y1 + step; c += step) {
            cairo_move_to(cr, c - y0 + 1, y0 - 1);
            cairo_line_to(cr, c - y1 - 1, y1 + 1);
        }
        /* and y = x - c */
        if (crossed)
            for (double c = floor((x0 - y1) / step) * step; c <= x1 - y0 + step; c += step) {
                cairo_move_to(cr, c + y0 - 1, y0 - 1);
                cairo_line_to(cr, c + y1 + 1, y1 + 1);
            }
        bs_map_set_colour(cr, colour);
        cairo_set_line_width(cr, st->hatch_width * f);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
    cairo_new_path(cr);
}

void bs_map_area_bbox(const bs_areas *a, size_t i, double b[4])
{
    b[0] = b[1] = INFINITY;
    b[2] = b[3] = -INFINITY;
    for (size_t p = a->pt_first[a->ring_first[i]]; p < a->pt_first[a->ring_first[i + 1]]; p++) {
        b[0] = fmin(b[0], a->x[p]);
        b[1] = fmin(b[1], a->y[p]);
        b[2] = fmax(b[2], a->x[p]);
        b[3] = fmax(b[3], a->y[p]);
    }
}

int bs_map_bbox_outside(const double b[4], const bs_map_panel *P)
{
    return !(b[2] >= P->minx && b[0] <= P->maxx && b[3] >= P->miny && b[1] <= P->maxy);
}

void bs_map_draw_context(cairo_t *cr, const bs_areas *c, const bs_style *st,
                         const bs_map_panel *P)
{
    double b[4];

    cairo_new_path(cr);
    for (size_t i = 0; i < c->n; i++) {
        bs_map_area_bbox(c, i, b);
        if (b[0] <= b[2] && !bs_map_bbox_outside(b, P))
            bs_map_add_area(cr, c, i, &P->T);
    }
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    bs_map_set_colour(cr, st->context_colour);
    if (st->context_outline_width > 0) {
        cairo_fill_preserve(cr);
        cairo_set_line_width(cr, st->context_outline_width * P->f);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        bs_map_set_colour(cr, st->context_outline_colour);
        cairo_stroke(cr);
    } else {
        cairo_fill(cr);
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Outlines thin out where areas are small on paper: the house width from a
 * typical area of 3 mm up (the median of the square root of the areas'
 * bounding boxes), down to a fifth of it for tiny areas, so that dense
 * cities on a national map show their class colours and not a grey mesh. */
static double outline_factor(const bs_map *m, const bs_map_panel *P,
                             const unsigned char *flag)
{
    size_t n = 0, i, r, k;
    double *size = malloc((m->areas->n ? m->areas->n : 1) * sizeof *size);
    double f = 1;

    if (!size)
        return 1;
    for (i = 0; i < m->areas->n; i++) {
        double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
        if (flag[i] & BS_MAP_HIDDEN)
            continue;
        for (r = m->areas->ring_first[i]; r < m->areas->ring_first[i + 1]; r++)
            for (k = m->areas->pt_first[r]; k < m->areas->pt_first[r + 1]; k++) {
                x0 = fmin(x0, m->areas->x[k]);
                x1 = fmax(x1, m->areas->x[k]);
                y0 = fmin(y0, m->areas->y[k]);
                y1 = fmax(y1, m->areas->y[k]);
            }
        if (x1 > x0 && y1 > y0)
            size[n++] = sqrt((x1 - x0) * (y1 - y0)) * P->scale;
    }
    if (n > 0) {
        qsort(size, n, sizeof *size, cmp_double);
        f = fmin(1, fmax(0.2, size[n / 2] / 3.0));
    }
    free(size);
    return f;
}

/* A vector target (PDF, SVG, PostScript, or a recording that will end up in
 * one), as opposed to pixels. */
static int vector_target(cairo_t *cr)
{
    switch (cairo_surface_get_type(cairo_get_target(cr))) {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_RECORDING:
        return 1;
    default:
        return 0;
    }
}

/* A PNG page is drawn band by band (surface.c), each band from the whole
 * page, clipped by its surface. Areas whose outlines, with their pen and
 * the antialiasing pixel, lie wholly above or below the rows the target
 * shows add nothing to them and are left out of its paths: in a band,
 * then, about its share of the map is drawn. Only rows are compared,
 * as bands split a page only in rows. The pixels stay the same, bit for
 * bit: an area outside the rows covers none of their pixels, and the
 * strokes keep their batches (stroke_arcs). Returns NULL (nothing left
 * out) for vector targets, unbounded ones, or when all areas show. */
static unsigned char *band_off(cairo_t *cr, const bs_areas *a, const bs_map_xform *T,
                               double pen)
{
    double x0, y0, x1, y1, px = 1, py = 1, margin;
    unsigned char *off;
    size_t i, n = 0;

    if (vector_target(cr))
        return NULL;
    cairo_clip_extents(cr, &x0, &y0, &x1, &y1);
    cairo_device_to_user_distance(cr, &px, &py);
    margin = pen + 2 * hypot(px, py);   /* two pixels' diagonal, however turned */
    if (!isfinite(y0) || !isfinite(y1) || !(y1 > y0) || !isfinite(margin))
        return NULL;
    y0 -= margin;
    y1 += margin;
    if (!(off = calloc(a->n ? a->n : 1, 1)))
        return NULL;
    for (i = 0; i < a->n; i++) {
        double lo = INFINITY, hi = -INFINITY;
        for (size_t p = a->pt_first[a->ring_first[i]]; p < a->pt_first[a->ring_first[i + 1]]; p++) {
            lo = fmin(lo, a->y[p]);
            hi = fmax(hi, a->y[p]);
        }
        /* page y grows downwards: the top of the area is its highest y */
        if (lo <= hi && (T->by - T->a * hi > y1 || T->by - T->a * lo < y0)) {
            off[i] = 1;
            n++;
        }
    }
    if (n == 0) {
        free(off);
        return NULL;
    }
    return off;
}

/* Arcs stroked at a time. The image backend turns a stroke into polygon
 * edges before it rasterises any of them: stroking all of England's
 * borders at once at 300 dpi took 90 MB more than in batches of this
 * size. Batches meet at nodes, where two round caps overlap on the same
 * colour; nothing shows. */
#define STROKE_BATCH 2048

/* Strokes the arcs of the borders whose fade flag (see bs_map_draw_areas)
 * equals faded (line width, caps and colour set by the caller): a border
 * with a visible area at full colour on either side is drawn at full
 * colour, one between faded areas (or a faded area and the outside or a
 * hidden area) faded. */
static void stroke_arcs(cairo_t *cr, const bs_areas *ar, const bs_map_xform *T,
                        const unsigned char *flag, unsigned faded,
                        const unsigned char *off)
{
    const bs_arcs *arcs = ar->arcs;
    size_t inpath = 0;

    cairo_new_path(cr);
    for (size_t k = 0; k < arcs->n; k++) {
        const bs_arc *a = &arcs->arc[k];
        unsigned seen = 0, full = 0;
        for (int s = 0; s < 2; s++) {
            size_t i = a->side[s];
            if (i == SIZE_MAX || (flag[i] & BS_MAP_HIDDEN))
                continue;
            seen = 1;
            full |= !(flag[i] & BS_MAP_FADED);
        }
        if (!seen || (full ? 0 : BS_MAP_FADED) != faded)
            continue;
        /* an arc is part of its ring, so within its area's rows; one left
         * out still counts towards the batch, which keeps the batches (and
         * so the pixels where two of them meet) those of the whole page */
        if (off && off[a->side[0]]) {
            if (++inpath == STROKE_BATCH) {
                cairo_stroke(cr);
                inpath = 0;
            }
            continue;
        }
        size_t p0 = ar->pt_first[a->ring], len = ar->pt_first[a->ring + 1] - p0;
        size_t p = a->start;
        cairo_move_to(cr, T->bx + T->a * ar->x[p0 + p], T->by - T->a * ar->y[p0 + p]);
        for (size_t j = 1; j < a->n; j++) {
            if (++p == len)
                p = 0;
            cairo_line_to(cr, T->bx + T->a * ar->x[p0 + p], T->by - T->a * ar->y[p0 + p]);
        }
        if (++inpath == STROKE_BATCH) {
            cairo_stroke(cr);
            inpath = 0;
        }
    }
    cairo_stroke(cr);
}

/* The outline pen (width, round joins, colour) for a pass. */
static void outline_pen(cairo_t *cr, const bs_style *st, double width,
                        int faded_pass)
{
    cairo_set_line_width(cr, width);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    bs_map_set_colour(cr, bs_map_fade(st->outline_colour, faded_pass ? st->fade : 1.0));
}

/* On a vector target: each class path is filled and stroked in one go,
 * which cairo's PDF writer turns into one "B" operator with the path
 * written once, instead of a fill and then the borders again as arcs: a
 * third fewer coordinates to print and compress. A border between two
 * classes is stroked by both; the later stroke lies whole on top, over the
 * half of the earlier one that the later fill covered, so the map looks as
 * when all outlines go last. Faded areas go first, so a border of a
 * full-colour area is drawn at full colour. */
static void draw_areas_vector(cairo_t *cr, const bs_map *m, const bs_style *st,
                              const bs_map_panel *P, const unsigned char *flag,
                              int any_faded)
{
    double f = P->f, w = st->outline_width * f * outline_factor(m, P, flag);

    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (int pass = any_faded ? 0 : 1; pass < 2; pass++) {
        unsigned faded = pass == 0 ? BS_MAP_FADED : 0;
        double keep = pass == 0 ? st->fade : 1.0;
        for (int c = 0; c < m->k; c++) {
            if (!add_class_path(cr, m, c, &P->T, flag, faded, NULL))
                continue;
            bs_map_set_colour(cr, bs_map_fade(bs_map_from_rgb(m->fill[c]), keep));
            cairo_fill_preserve(cr);
            outline_pen(cr, st, w, pass == 0);
            cairo_stroke(cr);
        }
        for (int c = -1; c >= -2; c--) {
            /* the no-data hatch is always drawn, empty or not */
            int any = add_class_path(cr, m, c, &P->T, flag, faded, NULL);
            if (!any && !(c == -1 && pass == 1))
                continue;
            bs_map_fill_hatch(cr, st, f, c == -2, bs_map_fade(st->hatch_colour, keep));
            if (any && add_class_path(cr, m, c, &P->T, flag, faded, NULL)) {
                outline_pen(cr, st, w, pass == 0);
                cairo_stroke(cr);
            }
        }
        cairo_new_path(cr);
    }
}

/* Fills (faded areas first, so the focus outlines lie on top), the two
 * hatches, then outlines. With arcs (simplified geometry) every border is
 * stroked once, not once from each side: half the path for the rasteriser.
 * Arcs end at nodes, so they get round caps, which meet like the round
 * joins of a ring stroked whole. Vector targets: draw_areas_vector. */
void bs_map_draw_areas(cairo_t *cr, const bs_map *m, const bs_style *st,
                       const bs_map_panel *P, const unsigned char *flag, int any_faded)
{
    double f = P->f, thin;
    unsigned char *off;

    if (vector_target(cr)) {
        draw_areas_vector(cr, m, st, P, flag, any_faded);
        return;
    }
    thin = outline_factor(m, P, flag);
    off = band_off(cr, m->areas, &P->T, st->outline_width * f * thin);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (int pass = any_faded ? 0 : 1; pass < 2; pass++) {
        unsigned faded = pass == 0 ? BS_MAP_FADED : 0;
        double keep = pass == 0 ? st->fade : 1.0;
        for (int c = 0; c < m->k; c++) {
            if (!add_class_path(cr, m, c, &P->T, flag, faded, off) && pass == 0)
                continue;
            bs_map_set_colour(cr, bs_map_fade(bs_map_from_rgb(m->fill[c]), keep));
            cairo_fill(cr);
        }
        /* the no-data hatch is always drawn, empty or not, as it always
         * was; its paths are whole, as the hatch lines are laid out over
         * their extents */
        if (add_class_path(cr, m, -1, &P->T, flag, faded, NULL) || pass == 1)
            bs_map_fill_hatch(cr, st, f, 0, bs_map_fade(st->hatch_colour, keep));
        if (add_class_path(cr, m, -2, &P->T, flag, faded, NULL))
            bs_map_fill_hatch(cr, st, f, 1, bs_map_fade(st->hatch_colour, keep));
        cairo_new_path(cr);
    }
    for (int pass = any_faded ? 0 : 1; pass < 2; pass++) {
        unsigned faded = pass == 0 ? BS_MAP_FADED : 0;
        outline_pen(cr, st, st->outline_width * f * thin, pass == 0);
        if (m->areas->arcs) {
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
            stroke_arcs(cr, m->areas, &P->T, flag, faded, off);
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
        } else {
            cairo_new_path(cr);
            for (size_t i = 0; i < m->areas->n; i++)
                if (!(flag[i] & BS_MAP_HIDDEN) && (flag[i] & BS_MAP_FADED) == faded
                    && !(off && off[i]))
                    bs_map_add_area(cr, m->areas, i, &P->T);
            cairo_stroke(cr);
        }
    }
    free(off);
}

/* Thick dark outlines over a white casing, so they read on every class. */
void bs_map_draw_highlights(cairo_t *cr, const bs_map *m, const bs_style *st,
                            const bs_map_panel *P)
{
    cairo_new_path(cr);
    for (size_t k = 0; k < m->nhighlight; k++)
        bs_map_add_area(cr, m->areas, m->highlight[k], &P->T);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_width(cr, (st->highlight_width + 1.2) * P->f);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_stroke_preserve(cr);
    cairo_set_line_width(cr, st->highlight_width * P->f);
    bs_map_set_colour(cr, st->highlight_colour);
    cairo_stroke(cr);
}
