/* spatialout.c: the outputs of a [spatial NAME] (issue 15), readers of
 * the scan: spatial-NAME.csv (one row per area), spatial-NAME-global.csv
 * (statistic,value), and the maps map-spatial-NAME-lisa.pdf and
 * map-spatial-NAME-gi.pdf. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "buurtscan/number.h"
#include "buurtscan/words.h"
#include "internal.h"

static void text_cell(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void num_cell(FILE *f, double v)
{
    char buf[64];

    fputc(',', f);
    fputs(bs_format_csv_number(v, buf, sizeof buf), f);
}

static int close_checked(FILE *f, const char *path, bs_error *err)
{
    int bad = ferror(f);

    if (fclose(f) != 0 || bad)
        return bs_error_set(err, "%s: write error: %s", path, strerror(errno));
    return 0;
}

int bs_job_write_spatial(const bs_scan *s, size_t q, const char *path,
                         bs_error *err)
{
    const bs_scan_spatial *sp = &s->spatial[q];
    bs_lang l = bs_lang_of(s->language);
    FILE *f = fopen(path, "w");
    size_t i;

    if (!f)
        return bs_error_set(err, "%s: cannot write: %s", path, strerror(errno));
    fputs("code,name,value,lag,local_i,p_value,cluster,gi_star_z,gi_star_p\n", f);
    for (i = 0; i < s->n; i++) {
        int c = sp->lisa.cluster[i];
        text_cell(f, s->key[i]);
        fputc(',', f);
        text_cell(f, s->name[i]);
        num_cell(f, sp->value[i]);
        /* an island's lag is 0 by definition, but it has none: empty */
        num_cell(f, c == BS_LISA_ISLAND || c == BS_LISA_MISSING
                        ? NAN : sp->lisa.lag[i]);
        num_cell(f, sp->lisa.local_i[i]);
        num_cell(f, sp->lisa.p[i]);
        fputc(',', f);
        text_cell(f, bs_word((bs_wordkey)(BS_W_LISA_NOT_SIGNIFICANT + c), l));
        num_cell(f, sp->gi.z[i]);
        num_cell(f, sp->gi.p[i]);
        fputc('\n', f);
    }
    return close_checked(f, path, err);
}

int bs_job_write_spatial_global(const bs_scan *s, size_t q, const char *path,
                                bs_error *err)
{
    const bs_moran *m = &s->spatial[q].moran;
    FILE *f = fopen(path, "w");

    if (!f)
        return bs_error_set(err, "%s: cannot write: %s", path, strerror(errno));
    fputs("statistic,value\n", f);
    fputs("moran_i", f), num_cell(f, m->i), fputc('\n', f);
    fputs("expected_i", f), num_cell(f, m->expected), fputc('\n', f);
    fputs("variance_normality", f), num_cell(f, m->var_norm), fputc('\n', f);
    fputs("variance_randomisation", f), num_cell(f, m->var_rand), fputc('\n', f);
    fputs("z_normality", f), num_cell(f, m->z_norm), fputc('\n', f);
    fputs("z_randomisation", f), num_cell(f, m->z_rand), fputc('\n', f);
    fputs("p_permutation", f), num_cell(f, m->p_sim), fputc('\n', f);
    fprintf(f, "n,%zu\n", m->n);
    fprintf(f, "islands,%zu\n", m->nislands);
    return close_checked(f, path, err);
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
