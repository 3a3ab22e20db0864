/* spatialout.c: the outputs of a [spatial NAME] (issue 15), readers of
 * the scan: spatial-NAME.csv (one row per area), spatial-NAME-global.csv
 * (statistic,value), and the maps map-spatial-NAME-lisa.pdf and
 * map-spatial-NAME-gi.pdf. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "buurtscan/csvwrite.h"
#include "buurtscan/words.h"
#include "internal.h"

/* spatial-NAME.csv: one row per area, in the project's CSV dialect. */
int bs_job_write_spatial(const bs_scan *s, size_t q, const char *path,
                         bs_error *err)
{
    static const char *const head[] = {
        "code", "name", "value", "lag", "local_i", "p_value", "cluster",
        "gi_star_z", "gi_star_p"
    };
    const bs_scan_spatial *sp = &s->spatial[q];
    bs_lang l = bs_lang_of(s->language);
    bs_csvw *w = bs_csvw_open(path, (bs_csv_dialect)s->csv_dialect, err);
    size_t i;

    if (!w)
        return -1;
    for (i = 0; i < sizeof head / sizeof *head; i++)
        bs_csvw_text(w, head[i]);
    bs_csvw_end_row(w);
    for (i = 0; i < s->n; i++) {
        int c = sp->lisa.cluster[i];
        bs_csvw_text(w, s->key[i]);
        bs_csvw_text(w, s->name[i]);
        bs_csvw_num(w, sp->value[i]);
        /* an island's lag is 0 by definition, but it has none: empty */
        bs_csvw_num(w, c == BS_LISA_ISLAND || c == BS_LISA_MISSING
                           ? NAN : sp->lisa.lag[i]);
        bs_csvw_num(w, sp->lisa.local_i[i]);
        bs_csvw_num(w, sp->lisa.p[i]);
        bs_csvw_text(w, bs_word((bs_wordkey)(BS_W_LISA_NOT_SIGNIFICANT + c), l));
        bs_csvw_num(w, sp->gi.z[i]);
        bs_csvw_num(w, sp->gi.p[i]);
        bs_csvw_end_row(w);
    }
    return bs_csvw_close(w, err);
}

/* spatial-NAME-global.csv: statistic,value rows. */
int bs_job_write_spatial_global(const bs_scan *s, size_t q, const char *path,
                                bs_error *err)
{
    const bs_moran *m = &s->spatial[q].moran;
    const struct { const char *name; double v; } row[] = {
        { "moran_i", m->i },
        { "expected_i", m->expected },
        { "variance_normality", m->var_norm },
        { "variance_randomisation", m->var_rand },
        { "z_normality", m->z_norm },
        { "z_randomisation", m->z_rand },
        { "p_permutation", m->p_sim },
    };
    bs_csvw *w = bs_csvw_open(path, (bs_csv_dialect)s->csv_dialect, err);
    size_t i;

    if (!w)
        return -1;
    bs_csvw_text(w, "statistic");
    bs_csvw_text(w, "value");
    bs_csvw_end_row(w);
    for (i = 0; i < sizeof row / sizeof *row; i++) {
        bs_csvw_text(w, row[i].name);
        bs_csvw_num(w, row[i].v);
        bs_csvw_end_row(w);
    }
    bs_csvw_text(w, "n");
    bs_csvw_int(w, (long long)m->n);
    bs_csvw_end_row(w);
    bs_csvw_text(w, "islands");
    bs_csvw_int(w, (long long)m->nislands);
    bs_csvw_end_row(w);
    return bs_csvw_close(w, err);
}

int bs_job_draw_spatial(const bs_scan *s, size_t q, const bs_areas *draw,
                        bs_outset *o, bs_error *err)
{
    static const char *const suffix[2] = {"lisa", "gi"};
    int which, rc = 0;

    for (which = 0; which < 2 && rc == 0; which++) {
        bs_spatial_map_data d;
        bs_map map;
        char name[300];
        const char *tmp;

        if (bs_scan_spatial_map(s, q, which, draw, &map, &d, err) != 0)
            return -1;
        snprintf(name, sizeof name, "map-spatial-%s-%s.pdf",
                 s->spatial[q].name, suffix[which]);
        tmp = bs_outset_reserve(o, name, err);
        rc = tmp ? bs_map_render(&map, BS_FORMAT_PDF, 300, tmp, err) : -1;
        bs_spatial_map_data_free(&d);
    }
    return rc;
}
