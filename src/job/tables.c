/* tables.c: the CSV outputs of a scan: scores.csv (the contract's
 * columns first), uncertainty.csv, designation-NAME.csv,
 * priorities-NAME.csv and map-NAME.csv (the classes of a map). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "buurtscan/number.h"
#include "internal.h"

/* Writes a text cell, quoted when it holds a comma, quote or newline. */
static void csv_text(FILE *f, const char *s)
{
    if (!s)
        return;
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

static void csv_num(FILE *f, double v)
{
    char buf[64];
    fputs(bs_format_csv_number(v, buf, sizeof buf), f);
}

static int close_checked(FILE *f, const char *path, bs_error *err)
{
    int bad = ferror(f);
    if (fclose(f) != 0 || bad)
        return bs_error_set(err, "%s: write error: %s", path, strerror(errno));
    return 0;
}

static const char *status_text(int st)
{
    return st == BS_STATUS_SMALL ? "te klein"
           : st == BS_STATUS_COVERAGE ? "onvoldoende gegevens" : "";
}

/* scores.csv: the contract's columns first (code, name, score, rank, decile,
 * coverage, then <id> and <id>_norm per indicator); after them, per
 * indicator <id>_contrib and <id>_flag, then status, the domain scores and,
 * with [uncertainty], the rank interval and p_top. */
int bs_job_write_scores(const bs_scan *s, const char *path, bs_error *err)
{
    FILE *f = fopen(path, "w");
    size_t i, k;

    if (!f)
        return bs_error_set(err, "%s: cannot write: %s", path, strerror(errno));
    fputs("code,name,score,rank,decile,coverage", f);
    for (k = 0; k < s->nind; k++)
        fprintf(f, ",%s,%s_norm", s->ind[k].id, s->ind[k].id);
    for (k = 0; k < s->nind; k++)
        fprintf(f, ",%s_contrib", s->ind[k].id);
    for (k = 0; k < s->nind; k++)
        fprintf(f, ",%s_flag", s->ind[k].id);
    fputs(",status", f);
    for (k = 0; k < s->ndom; k++)
        fprintf(f, ",domain_%s", s->dom[k].name);
    if (s->has_unc) {
        fputs(",rank_p05,rank_median,rank_p95", f);
        if (s->unc_rules.top)
            fputs(",p_top", f);
    }
    for (k = 0; s->has_periods && k < s->nind; k++)   /* issue 13 */
        if (s->ind[k].period)
            fprintf(f, ",%s_period", s->ind[k].id);
    fputc('\n', f);
    for (i = 0; i < s->n; i++) {
        csv_text(f, s->key[i]);
        fputc(',', f);
        csv_text(f, s->name[i]);
        fputc(',', f);
        csv_num(f, s->score[i]);
        fputc(',', f);
        csv_num(f, s->rank[i]);
        fputc(',', f);
        csv_num(f, s->decile[i]);
        fputc(',', f);
        csv_num(f, s->coverage[i]);
        /* a suppressed value is left out everywhere it could be read back
         * from: raw, normalised and contribution */
        for (k = 0; k < s->nind; k++) {
            int sup = s->flag[k][i] == BS_FLAG_SUPPRESSED;
            fputc(',', f);
            csv_num(f, s->shown[k][i]);
            fputc(',', f);
            csv_num(f, sup ? NAN : s->norm[k][i]);
        }
        for (k = 0; k < s->nind; k++) {
            fputc(',', f);
            csv_num(f, s->flag[k][i] == BS_FLAG_SUPPRESSED ? NAN : s->contrib[k][i]);
        }
        for (k = 0; k < s->nind; k++)
            fputs(s->flag[k][i] == BS_FLAG_IMPUTED ? ",imputed"
                  : s->flag[k][i] == BS_FLAG_WINSORISED ? ",winsorised"
                  : s->flag[k][i] == BS_FLAG_SUPPRESSED ? ",suppressed" : ",", f);
        fputc(',', f);
        fputs(status_text(s->status[i]), f);
        for (k = 0; k < s->ndom; k++) {
            fputc(',', f);
            csv_num(f, s->domscore[k][i]);
        }
        if (s->has_unc) {
            fputc(',', f);
            csv_num(f, s->unc.rank_p05[i]);
            fputc(',', f);
            csv_num(f, s->unc.rank_median[i]);
            fputc(',', f);
            csv_num(f, s->unc.rank_p95[i]);
            if (s->unc_rules.top) {
                fputc(',', f);
                csv_num(f, s->unc.p_top[i]);
            }
        }
        for (k = 0; s->has_periods && k < s->nind; k++)
            if (s->ind[k].period) {
                fputc(',', f);
                csv_text(f, s->ind[k].period);
            }
        fputc('\n', f);
    }
    return close_checked(f, path, err);
}

/* uncertainty.csv: per uncertain input, the mean absolute rank shift when
 * only that input varies. */
int bs_job_write_uncertainty(const bs_scan *s, const char *path,
                             bs_error *err)
{
    FILE *f = fopen(path, "w");
    size_t k;

    if (!f)
        return bs_error_set(err, "%s: cannot write: %s", path, strerror(errno));
    fputs("input,varied,mean_abs_rank_shift\n", f);
    for (k = 0; k < s->nind; k++) {
        fprintf(f, "weight %s,x U(%g; %g),", s->ind[k].id, 1 - s->unc_rules.weights,
                1 + s->unc_rules.weights);
        csv_num(f, s->unc.sensitivity[k]);
        fputc('\n', f);
    }
    fputs("normalisation,", f);
    {
        size_t c;
        fputs("\"nominal", f);
        for (c = 0; c < s->unc_rules.nnormalise; c++) {
            fprintf(f, " %s", bs_norm_name(s->unc_rules.normalise[c]));
        }
        fputs("\",", f);
    }
    csv_num(f, s->unc.sensitivity[s->nind]);
    fputc('\n', f);
    return close_checked(f, path, err);
}

/* designation-NAME.csv: per IKC, in the order of the points file. */
int bs_job_write_designation(const bs_scan *s, size_t d, const char *path,
                             bs_error *err)
{
    const bs_scan_designation *sd = &s->designate[d];
    const bs_designation *ds = sd->result;
    const bs_pointset *pts = s->layers[sd->layer].pts;
    const long *area = s->layers[sd->layer].area;
    FILE *f = fopen(path, "w");
    size_t i;

    if (!f)
        return bs_error_set(err, "%s: cannot write: %s", path, strerror(errno));
    fputs("key,name,area_code,score,rank,designated,previous,change,p_top,"
          "reason,tied_at_boundary,kept\n", f);
    for (i = 0; i < ds->n; i++) {
        const bs_ikc_designation *k = &ds->ikc[i];
        csv_text(f, pts->key[i]);
        fputc(',', f);
        csv_text(f, pts->name ? pts->name[i] : NULL);
        fputc(',', f);
        csv_text(f, area[i] >= 0 ? s->key[area[i]] : NULL);
        fputc(',', f);
        csv_num(f, sd->score[i]);
        fputc(',', f);
        csv_num(f, k->rank);
        fprintf(f, ",%d,%d,%s,", k->designated, k->previous,
                bs_change_name(k->change));
        if (sd->p_top)
            csv_num(f, sd->p_top[i]);
        fputc(',', f);
        csv_text(f, k->reason);
        fprintf(f, ",%d,%d\n", k->tied_at_boundary, k->kept);
    }
    return close_checked(f, path, err);
}

/* priorities-NAME.csv: per area, in input order. */
int bs_job_write_priorities(const bs_scan *s, size_t q, const char *path,
                            bs_error *err)
{
    const bs_scan_priority *pr = &s->prio[q];
    FILE *f = fopen(path, "w");
    size_t i;

    if (!f)
        return bs_error_set(err, "%s: cannot write: %s", path, strerror(errno));
    fputs("code,name,need,supply,quadrant,priority\n", f);
    for (i = 0; i < s->n; i++) {
        csv_text(f, s->key[i]);
        fputc(',', f);
        csv_text(f, s->name[i]);
        fputc(',', f);
        csv_num(f, pr->need[i]);
        fputc(',', f);
        csv_num(f, pr->supply[i]);
        fputc(',', f);
        csv_text(f, pr->quadrant[i] == BS_Q_UNKNOWN
                        ? "" : bs_quadrant_label(pr->quadrant[i], s->language));
        fputc(',', f);
        /* no priority number without a need and a supply value */
        if (pr->priority[i] > 0 && pr->quadrant[i] != BS_Q_UNKNOWN)
            fprintf(f, "%ld", pr->priority[i]);
        fputc('\n', f);
    }
    return close_checked(f, path, err);
}

/* One row per class, then the no-data row. The fit of the classification
 * (GVF, GADF, TAI: see classify.h) is the same for every row; it is
 * repeated in trailing columns so that the first five stay the contract's. */
int bs_job_write_classes(const bs_scan_map *m, const char *path,
                         bs_error *err)
{
    FILE *f = fopen(path, "w");
    int c;
    char hex[8];

    if (!f)
        return bs_error_set(err, "%s: cannot write: %s", path, strerror(errno));
    fputs("class,lower,upper,count,colour,gvf,gadf,tai\n", f);
    for (c = 0; c <= m->classes.k; c++) {
        if (c < m->classes.k) {
            fprintf(f, "%d,", c + 1);
            csv_num(f, m->lower[c]);
            fputc(',', f);
            csv_num(f, m->classes.upper[c]);
            fprintf(f, ",%zu,%s,", m->classes.count[c],
                    bs_rgb_hex(m->fill[c], hex));
        } else {
            /* the hatch is drawn over white: white is the no-data colour */
            fprintf(f, "missing,,,%zu,#ffffff,", m->classes.missing);
        }
        csv_num(f, m->classes.gvf);
        fputc(',', f);
        csv_num(f, m->classes.gadf);
        fputc(',', f);
        csv_num(f, m->classes.tai);
        fputc('\n', f);
    }
    return close_checked(f, path, err);
}

/* checks.csv (issue 12): one row per plausibility finding. */
int bs_job_write_checks(const bs_scan *s, const char *path, bs_error *err)
{
    FILE *f = fopen(path, "w");
    size_t r;

    if (!f)
        return bs_error_set(err, "%s: cannot write: %s", path, strerror(errno));
    fputs("check,area,value,message\n", f);
    for (r = 0; r < s->checks->n; r++) {
        const bs_check_row *row = &s->checks->row[r];
        csv_text(f, row->check);
        fputc(',', f);
        csv_text(f, row->key);
        fputc(',', f);
        csv_num(f, row->value);
        fputc(',', f);
        csv_text(f, row->message);
        fputc('\n', f);
    }
    return close_checked(f, path, err);
}
