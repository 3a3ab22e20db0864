/* spatialmap.c: the LISA cluster map and the Gi* map of a [spatial]
 * section (issue 15) as the renderer sees them, for the map files (job)
 * and the report's cluster section alike. Colours are GeoDa's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/scan.h"
#include "buurtscan/words.h"

/* legend order: the clusters first, "not significant" last */
static const bs_rgb lisa_fill[5] = {
    {0xff, 0x00, 0x00},       /* hoog-hoog */
    {0x00, 0x00, 0xff},       /* laag-laag */
    {0xf4, 0xad, 0xa8},       /* hoog-laag */
    {0xa7, 0xad, 0xf9},       /* laag-hoog */
    {0xee, 0xee, 0xee}        /* niet significant */
};
static const bs_wordkey lisa_word[5] = {BS_W_LISA_HH, BS_W_LISA_LL,
                                        BS_W_LISA_HL, BS_W_LISA_LH,
                                        BS_W_LISA_NOT_SIGNIFICANT};
static const bs_rgb gi_fill[3] = {
    {0xff, 0x00, 0x00}, {0x00, 0x00, 0xff}, {0xee, 0xee, 0xee}
};
static const bs_wordkey gi_word[3] = {BS_W_GI_HOT, BS_W_GI_COLD,
                                      BS_W_GI_NOT_SIGNIFICANT};

/* The weights for people: "queen (W)", or the file's name. */
static void weights_text(const bs_scan_spatial *sp, char *buf, size_t n)
{
    const char *slash = strrchr(sp->weights, '/');
    const char *w = slash ? slash + 1 : sp->weights;

    if (strcmp(sp->weights, "knn") == 0)
        snprintf(buf, n, "knn k = %d (%c)", sp->k, sp->style);
    else if (strcmp(sp->weights, "distance") == 0)
        snprintf(buf, n, "distance %g m (%c)", sp->distance, sp->style);
    else
        snprintf(buf, n, "%s (%c)", w, sp->style);
}

/* The map class of a LISA cluster, or -1 (island, no value). */
static int lisa_class(int c)
{
    switch (c) {
    case BS_LISA_HH: return 0;
    case BS_LISA_LL: return 1;
    case BS_LISA_HL: return 2;
    case BS_LISA_LH: return 3;
    case BS_LISA_NOT_SIGNIFICANT: return 4;
    default: return -1;
    }
}

static int gi_class(int c)
{
    return c == BS_GI_HOT ? 0 : c == BS_GI_COLD ? 1
           : c == BS_GI_NOT_SIGNIFICANT ? 2 : -1;
}

int bs_scan_spatial_map(const bs_scan *s, size_t q, int which,
                        const bs_areas *draw, bs_map *map,
                        bs_spatial_map_data *d, bs_error *err)
{
    const bs_scan_spatial *sp = &s->spatial[q];
    bs_lang l = bs_lang_of(s->language);
    int gi = which == BS_SPATIAL_MAP_GI, k = gi ? 3 : 5, c;
    const char *corr = bs_word(sp->fdr ? BS_W_SP_FDR : BS_W_SP_NO_CORRECTION, l);
    char wt[300], alpha[40], *dot;
    size_t i, missing = 0;

    memset(d, 0, sizeof *d);
    memset(map, 0, sizeof *map);
    if (!(d->cls = malloc((s->n ? s->n : 1) * sizeof *d->cls)))
        return bs_error_set(err, "%s: out of memory", s->path);
    for (i = 0; i < s->n; i++) {
        d->cls[i] = gi ? gi_class(sp->gi.cls[i]) : lisa_class(sp->lisa.cluster[i]);
        if (d->cls[i] >= 0)
            d->count[d->cls[i]]++;
        else
            missing++;
    }
    for (c = 0; c < k; c++) {
        d->labels[c] = bs_word(gi ? gi_word[c] : lisa_word[c], l);
        d->lower[c] = d->upper[c] = c;
    }
    weights_text(sp, wt, sizeof wt);
    snprintf(alpha, sizeof alpha, "%g", sp->alpha);
    if ((dot = strchr(alpha, '.')) && bs_word(BS_W_DECIMAL_SIGN, l)[0])
        *dot = bs_word(BS_W_DECIMAL_SIGN, l)[0];
    snprintf(d->title, sizeof d->title,
             bs_word(gi ? BS_W_SP_GI_TITLE : BS_W_SP_LISA_TITLE, l), sp->label);
    if (gi)
        snprintf(d->subtitle, sizeof d->subtitle, bs_word(BS_W_SP_GI_SUBTITLE, l),
                 wt, alpha, corr);
    else
        snprintf(d->subtitle, sizeof d->subtitle, bs_word(BS_W_SP_SUBTITLE, l),
                 wt, sp->permutations, alpha, corr);
    map->areas = draw ? draw : s->areas;
    map->cls = d->cls;
    map->k = k;
    map->fill = gi ? gi_fill : lisa_fill;
    map->lower = d->lower;
    map->upper = d->upper;
    map->class_labels = d->labels;
    map->count = d->count;
    map->missing = missing;
    map->language = s->language;
    map->title = d->title;
    map->subtitle = d->subtitle;
    map->legend_title = bs_word(gi ? BS_W_SP_LEGEND_GI : BS_W_SP_LEGEND_LISA, l);
    map->source = s->source;
    map->date = s->date;
    map->iso_date = s->iso_date;
    bs_paper_parse("A4 landscape", &map->paper);
    map->style = &s->style;
    return 0;
}

void bs_spatial_map_data_free(bs_spatial_map_data *d)
{
    free(d->cls);
    d->cls = NULL;
}
