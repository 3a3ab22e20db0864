/* clusters.c: the section "Clusters van behoefte" (issue 15): per
 * [spatial], the global result in words, the Moran scatter plot
 * (standardised value against the mean of the neighbours, with the
 * regression line whose slope is I) beside the LISA cluster map, the
 * legend, and what the clusters mean and do not mean. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "buurtscan/rtext.h"
#include "buurtscan/scan.h"
#include "internal.h"

/* GeoDa's cluster colours, by bs_lisa_class (not significant: grey) */
static const bs_colour dot[BS_LISA_NCLASSES] = {
    {0.6, 0.6, 0.6}, {1, 0, 0}, {0, 0, 1}, {0xa7 / 255.0, 0xad / 255.0, 0xf9 / 255.0},
    {0xf4 / 255.0, 0xad / 255.0, 0xa8 / 255.0}, {0.6, 0.6, 0.6}, {0.6, 0.6, 0.6}
};

typedef struct figure {
    rctx *c;
    size_t q;
} figure;

/* The plot's half range: the largest |z| or |lag|, rounded up. */
static double half_range(const bs_lisa *l)
{
    double r = 1;

    for (size_t i = 0; i < l->n; i++)
        if (isfinite(l->z[i]) && isfinite(l->zlag[i])) {
            if (fabs(l->z[i]) > r)
                r = fabs(l->z[i]);
            if (fabs(l->zlag[i]) > r)
                r = fabs(l->zlag[i]);
        }
    return ceil(r);
}

/* The Moran scatter plot in the square x, y, s (mm). */
static int scatter(rctx *c, const bs_scan_spatial *sp, cairo_t *cr, double x,
                   double y, double s, bs_error *err)
{
    const bs_lisa *l = &sp->lisa;
    bs_colour ink = {0.25, 0.25, 0.25};
    double r = half_range(l), pad = 9, px = x + pad, py = y + 6;
    double ps = s - pad - 6, k = ps / (2 * r), sxx = 0, sxy = 0, b;
    char num[40], title[80];
    bs_rtext t;

#define X(v) ((px + ((v) + r) * k) * MM)
#define Y(v) ((py + (r - (v)) * k) * MM)
    cairo_save(cr);
    cairo_set_line_width(cr, 0.4);
    cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
    cairo_rectangle(cr, px * MM, py * MM, ps * MM, ps * MM);
    cairo_move_to(cr, X(0), Y(-r));
    cairo_line_to(cr, X(0), Y(r));
    cairo_move_to(cr, X(-r), Y(0));
    cairo_line_to(cr, X(r), Y(0));
    cairo_stroke(cr);
    for (size_t i = 0; i < l->n; i++) {
        if (!isfinite(l->z[i]) || !isfinite(l->zlag[i]))
            continue;
        sxx += l->z[i] * l->z[i];
        sxy += l->z[i] * l->zlag[i];
        bs_rep_colset(cr, dot[l->cluster[i]]);
        cairo_arc(cr, X(l->z[i]), Y(l->zlag[i]), 1.6, 0, 2 * M_PI);
        cairo_fill(cr);
    }
    /* least squares through the origin (z and its lag have mean 0 with
     * row-standardised weights): the slope is Moran's I */
    b = sxx > 0 ? sxy / sxx : 0;
    cairo_rectangle(cr, px * MM, py * MM, ps * MM, ps * MM);
    cairo_clip(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, X(-r), Y(-r * b));
    cairo_line_to(cr, X(r), Y(r * b));
    cairo_stroke(cr);
    cairo_reset_clip(cr);
    if (bs_rtext_init(&t, cr, c->t->font ? c->t->font : "DejaVu Sans,Sans") != 0) {
        bs_rtext_free(&t);
        cairo_restore(cr);
        return bs_error_set(err, "report: pango cannot lay out text");
    }
    snprintf(title, sizeof title, W(c, BS_W_SP_SCATTER_TITLE),
             bs_rep_num(c, sp->moran.i, 3, num, sizeof num));
    bs_rtext_set(&t, title, 8, 1, 0, 0);
    bs_rtext_show(&t, px * MM, y * MM, ink);
    bs_rtext_set(&t, W(c, BS_W_SP_SCATTER_X), 7, 0, 0, 0);
    bs_rtext_show(&t, (px + ps / 2) * MM - bs_rtext_width(&t) / 2,
                  (py + ps + 1) * MM, ink);
    snprintf(num, sizeof num, "%g", -r);
    bs_rtext_set(&t, num, 6.5, 0, 0, 0);
    bs_rtext_show(&t, px * MM, (py + ps + 1) * MM, ink);
    snprintf(num, sizeof num, "%g", r);
    bs_rtext_set(&t, num, 6.5, 0, 0, 0);
    bs_rtext_show(&t, (px + ps) * MM - bs_rtext_width(&t), (py + ps + 1) * MM, ink);
    /* the y label, turned a quarter */
    cairo_save(cr);
    cairo_translate(cr, x * MM, (py + ps / 2) * MM);
    cairo_rotate(cr, -M_PI / 2);
    bs_rtext_set(&t, W(c, BS_W_SP_SCATTER_Y), 7, 0, 0, 0);
    bs_rtext_show(&t, -bs_rtext_width(&t) / 2, 0, ink);
    cairo_restore(cr);
    bs_rtext_free(&t);
    cairo_restore(cr);
#undef X
#undef Y
    return 0;
}

/* The scatter plot on the left, the cluster map on the right. */
static int draw_figure(void *ud, cairo_t *cr, double x, double y, double w,
                       double h, bs_error *err)
{
    figure *f = ud;
    rctx *c = f->c;
    double side = w * 0.42 < h ? w * 0.42 : h, mx = x + side + 4;
    bs_spatial_map_data md;
    const bs_areas *a;
    bs_map map;
    int rc;

    if (scatter(c, &c->s->spatial[f->q], cr, x, y, side, err) != 0)
        return -1;
    if (!(a = bs_rep_whole_at(c, w - side - 4, h, err)))
        return -1;
    if (bs_scan_spatial_map(c->s, f->q, BS_SPATIAL_MAP_LISA, a, &map, &md,
                            err) != 0)
        return -1;
    map.language = c->lang;
    map.paper.width_mm = 210;
    map.paper.height_mm = 297;
    rc = bs_map_draw(cr, &map, mx, y, w - side - 4, h, err);
    bs_spatial_map_data_free(&md);
    return rc;
}

/* The legend as a line of coloured squares with the counts. */
static int legend(bs_doc *d, rctx *c, const bs_scan_spatial *sp, bs_error *err)
{
    static const int order[5] = {BS_LISA_HH, BS_LISA_LL, BS_LISA_HL,
                                 BS_LISA_LH, BS_LISA_NOT_SIGNIFICANT};
    char text[1200];
    size_t len = 0;

    for (int k = 0; k < 5; k++) {
        bs_colour col = dot[order[k]];
        len += (size_t)snprintf(text + len, sizeof text - len,
                                "%s<span foreground=\"#%02x%02x%02x\">\xe2\x96\xa0"
                                "</span> %s (%zu)", k ? "   " : "",
                                (int)(col.r * 255 + 0.5), (int)(col.g * 255 + 0.5),
                                (int)(col.b * 255 + 0.5),
                                bs_word((bs_wordkey)(BS_W_LISA_NOT_SIGNIFICANT +
                                                     order[k]), c->lg),
                                sp->lisa.count[order[k]]);
    }
    return bs_doc_paragraph(d, text, BS_TEXT_SMALL, BS_T_MARKUP, err);
}

static int one(bs_doc *d, rctx *c, size_t q, bs_error *err)
{
    const bs_scan_spatial *sp = &c->s->spatial[q];
    const size_t *n = sp->lisa.count;
    char i_txt[40], e_txt[40], p_txt[40], wt[300], *label;
    const char *slash = strrchr(sp->weights, '/');
    figure f = {c, q};
    double h;

    if (c->s->nspatial > 1 && bs_doc_heading(d, 2, sp->label, 110, err) != 0)
        return -1;
    bs_rep_num(c, sp->moran.i, 3, i_txt, sizeof i_txt);
    bs_rep_num(c, sp->moran.expected, 3, e_txt, sizeof e_txt);
    if (sp->permutations)
        bs_rep_num(c, sp->moran.p_sim, 3, p_txt, sizeof p_txt);
    else
        bs_rep_num(c, sp->moran.p_rand, 3, p_txt, sizeof p_txt);
    label = g_markup_escape_text(sp->label, -1);
    if (bs_rep_paraf(d, BS_T_MARKUP, err, W(c, BS_W_SP_RESULT), label,
                     i_txt, e_txt, p_txt, sp->permutations, sp->moran.n,
                     c->areas) != 0) {
        g_free(label);
        return -1;
    }
    g_free(label);
    if (bs_rep_paraf(d, 0, err, W(c, BS_W_SP_COUNTS), n[BS_LISA_HH], c->areas,
                     n[BS_LISA_LL], n[BS_LISA_HL] + n[BS_LISA_LH],
                     n[BS_LISA_NOT_SIGNIFICANT]) != 0)
        return -1;
    if (sp->lisa.nislands &&
        bs_rep_paraf(d, 0, err, W(c, BS_W_SP_ISLANDS), sp->lisa.nislands,
                     c->areas) != 0)
        return -1;
    h = 95;
    if (bs_doc_block(d, h, draw_figure, &f, err) != 0 || legend(d, c, sp, err) != 0)
        return -1;
    if (strcmp(sp->weights, "knn") == 0)
        snprintf(wt, sizeof wt, "knn, k = %d", sp->k);
    else if (strcmp(sp->weights, "distance") == 0)
        snprintf(wt, sizeof wt, "distance %g m", sp->distance);
    else
        snprintf(wt, sizeof wt, "%s", slash ? slash + 1 : sp->weights);
    if (bs_rep_paraf(d, 0, err, W(c, BS_W_SP_MEANS), wt) != 0)
        return -1;
    bs_rep_num(c, sp->alpha, sp->alpha >= 0.01 ? 2 : 3, i_txt, sizeof i_txt);
    if (sp->fdr)
        return bs_rep_paraf(d, 0, err, W(c, BS_W_SP_TESTS_FDR), i_txt);
    /* the expected number of chance hits, "1,1 van de 21": no plural to
     * agree with a count of 1 */
    bs_rep_num(c, sp->alpha * (double)sp->lisa.nused, 1, e_txt, sizeof e_txt);
    return bs_rep_paraf(d, 0, err, W(c, BS_W_SP_TESTS_PLAIN), i_txt, e_txt,
                        sp->lisa.nused);
}

int bs_rep_clusters(bs_doc *d, rctx *c, bs_error *err)
{
    if (!c->s->nspatial)
        return 0;
    if (bs_rep_section_start(d, c, BS_SEC_CLUSTERS, err) != 0)
        return -1;
    for (size_t q = 0; q < c->s->nspatial; q++)
        if (one(d, c, q, err) != 0)
            return -1;
    return bs_rep_source(d, c, err);
}
