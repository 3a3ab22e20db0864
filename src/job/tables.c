/* tables.c: the CSV outputs of a scan: scores.csv (the contract's
 * columns first), uncertainty.csv, designation-NAME.csv,
 * priorities-NAME.csv and map-NAME.csv (the classes of a map). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "buurtscan/csvwrite.h"
#include "buurtscan/number.h"
#include "internal.h"

/* issue 14: every CSV goes through csvwrite.h in the scan's dialect
 * (plain: "," and "."; excel-nl: ";", decimal comma, BOM, CRLF). */
static bs_csvw *open_csv(const bs_scan *s, const char *path, bs_error *err)
{
    return bs_csvw_open(path, (bs_csv_dialect)s->csv_dialect, err);
}

/* A header row of the comma-separated names in list. */
static void header(bs_csvw *w, const char *list)
{
    char name[64];

    while (*list) {
        size_t n = strcspn(list, ",");
        snprintf(name, sizeof name, "%.*s", (int)n, list);
        bs_csvw_text(w, name);
        list += n + (list[n] == ',');
    }
}

static const char *status_text(int st)
{
    return st == BS_STATUS_SMALL ? "te klein"
           : st == BS_STATUS_COVERAGE ? "onvoldoende gegevens" : "";
}

/* scores.csv: the contract's columns first (code, name, score, rank, decile,
 * coverage, then <id> and <id>_norm per indicator); after them, per
 * indicator <id>_contrib and <id>_flag, then status, the domain scores and,
 * with [uncertainty], the rank interval and p_top, the period of each
 * indicator with periods, and per [supply] its count NAME and, with per,
 * NAME_per1000. */
static void scores_header(const bs_scan *s, bs_csvw *w)
{
    char name[300];
    size_t k;

    header(w, "code,name,score,rank,decile,coverage");
    for (k = 0; k < s->nind; k++) {
        bs_csvw_text(w, s->ind[k].id);
        snprintf(name, sizeof name, "%s_norm", s->ind[k].id);
        bs_csvw_text(w, name);
    }
    for (k = 0; k < s->nind; k++) {
        snprintf(name, sizeof name, "%s_contrib", s->ind[k].id);
        bs_csvw_text(w, name);
    }
    for (k = 0; k < s->nind; k++) {
        snprintf(name, sizeof name, "%s_flag", s->ind[k].id);
        bs_csvw_text(w, name);
    }
    bs_csvw_text(w, "status");
    for (k = 0; k < s->ndom; k++) {
        snprintf(name, sizeof name, "domain_%s", s->dom[k].name);
        bs_csvw_text(w, name);
    }
    if (s->has_unc) {
        header(w, "rank_p05,rank_median,rank_p95");
        if (s->unc_rules.top)
            bs_csvw_text(w, "p_top");
    }
    for (k = 0; s->has_periods && k < s->nind; k++)   /* issue 13 */
        if (s->ind[k].period) {
            snprintf(name, sizeof name, "%s_period", s->ind[k].id);
            bs_csvw_text(w, name);
        }
    for (k = 0; k < s->nsupply; k++) {     /* the social base, as counted */
        bs_csvw_text(w, s->supply[k].name);
        if (s->supply[k].per) {
            snprintf(name, sizeof name, "%s_per1000", s->supply[k].name);
            bs_csvw_text(w, name);
        }
    }
    bs_csvw_end_row(w);
}

int bs_job_write_scores(const bs_scan *s, const char *path, bs_error *err)
{
    bs_csvw *w = open_csv(s, path, err);
    size_t i, k;

    if (!w)
        return -1;
    scores_header(s, w);
    for (i = 0; i < s->n; i++) {
        bs_csvw_text(w, s->key[i]);
        bs_csvw_text(w, s->name[i]);
        bs_csvw_num(w, s->score[i]);
        bs_csvw_num(w, s->rank[i]);
        bs_csvw_num(w, s->decile[i]);
        bs_csvw_num(w, s->coverage[i]);
        /* a suppressed value is left out everywhere it could be read back
         * from: raw, normalised and contribution */
        for (k = 0; k < s->nind; k++) {
            int sup = s->flag[k][i] == BS_FLAG_SUPPRESSED;
            bs_csvw_num(w, s->shown[k][i]);
            bs_csvw_num(w, sup ? NAN : s->norm[k][i]);
        }
        for (k = 0; k < s->nind; k++)
            bs_csvw_num(w, s->flag[k][i] == BS_FLAG_SUPPRESSED ? NAN
                                                              : s->contrib[k][i]);
        for (k = 0; k < s->nind; k++)
            bs_csvw_text(w, s->flag[k][i] == BS_FLAG_IMPUTED ? "imputed"
                         : s->flag[k][i] == BS_FLAG_WINSORISED ? "winsorised"
                         : s->flag[k][i] == BS_FLAG_SUPPRESSED ? "suppressed" : "");
        bs_csvw_text(w, status_text(s->status[i]));
        for (k = 0; k < s->ndom; k++)
            bs_csvw_num(w, s->domscore[k][i]);
        if (s->has_unc) {
            bs_csvw_num(w, s->unc.rank_p05[i]);
            bs_csvw_num(w, s->unc.rank_median[i]);
            bs_csvw_num(w, s->unc.rank_p95[i]);
            if (s->unc_rules.top)
                bs_csvw_num(w, s->unc.p_top[i]);
        }
        for (k = 0; s->has_periods && k < s->nind; k++)   /* issue 13 */
            if (s->ind[k].period)
                bs_csvw_text(w, s->ind[k].period);
        for (k = 0; k < s->nsupply; k++) {
            bs_csvw_num(w, s->supply[k].count[i]);
            if (s->supply[k].per)
                bs_csvw_num(w, s->supply[k].per1000[i]);
        }
        bs_csvw_end_row(w);
    }
    return bs_csvw_close(w, err);
}

/* uncertainty.csv: per uncertain input, the mean absolute rank shift when
 * only that input varies. */
int bs_job_write_uncertainty(const bs_scan *s, const char *path,
                             bs_error *err)
{
    bs_csvw *w = open_csv(s, path, err);
    char text[600];
    size_t k, c, len;

    if (!w)
        return -1;
    header(w, "input,varied,mean_abs_rank_shift");
    bs_csvw_end_row(w);
    for (k = 0; k < s->nind; k++) {
        snprintf(text, sizeof text, "weight %s", s->ind[k].id);
        bs_csvw_text(w, text);
        snprintf(text, sizeof text, "x U(%g; %g)", 1 - s->unc_rules.weights,
                 1 + s->unc_rules.weights);
        bs_csvw_text(w, text);
        bs_csvw_num(w, s->unc.sensitivity[k]);
        bs_csvw_end_row(w);
    }
    bs_csvw_text(w, "normalisation");
    len = (size_t)snprintf(text, sizeof text, "nominal");
    for (c = 0; c < s->unc_rules.nnormalise && len < sizeof text; c++)
        len += (size_t)snprintf(text + len, sizeof text - len, " %s",
                                bs_norm_name(s->unc_rules.normalise[c]));
    bs_csvw_quoted(w, text);
    bs_csvw_num(w, s->unc.sensitivity[s->nind]);
    bs_csvw_end_row(w);
    return bs_csvw_close(w, err);
}

/* designation-NAME.csv: per IKC, in the order of the points file. */
int bs_job_write_designation(const bs_scan *s, size_t d, const char *path,
                             bs_error *err)
{
    const bs_scan_designation *sd = &s->designate[d];
    const bs_designation *ds = sd->result;
    const bs_pointset *pts = s->layers[sd->layer].pts;
    const long *area = s->layers[sd->layer].area;
    bs_csvw *w = open_csv(s, path, err);
    size_t i;

    if (!w)
        return -1;
    header(w, "key,name,area_code,score,rank,designated,previous,change,p_top,"
              "reason,tied_at_boundary,kept");
    bs_csvw_end_row(w);
    for (i = 0; i < ds->n; i++) {
        const bs_ikc_designation *k = &ds->ikc[i];
        bs_csvw_text(w, pts->key[i]);
        bs_csvw_text(w, pts->name ? pts->name[i] : NULL);
        bs_csvw_text(w, area[i] >= 0 ? s->key[area[i]] : NULL);
        bs_csvw_num(w, sd->score[i]);
        bs_csvw_num(w, k->rank);
        bs_csvw_int(w, k->designated);
        bs_csvw_int(w, k->previous);
        bs_csvw_text(w, bs_change_name(k->change));
        if (sd->p_top)
            bs_csvw_num(w, sd->p_top[i]);
        else
            bs_csvw_text(w, NULL);
        bs_csvw_text(w, k->reason);
        bs_csvw_int(w, k->tied_at_boundary);
        bs_csvw_int(w, k->kept);
        bs_csvw_end_row(w);
    }
    return bs_csvw_close(w, err);
}

/* priorities-NAME.csv: per area, in input order. */
int bs_job_write_priorities(const bs_scan *s, size_t q, const char *path,
                            bs_error *err)
{
    const bs_scan_priority *pr = &s->prio[q];
    bs_csvw *w = open_csv(s, path, err);
    size_t i;

    if (!w)
        return -1;
    header(w, "code,name,need,supply,quadrant,priority");
    bs_csvw_end_row(w);
    for (i = 0; i < s->n; i++) {
        bs_csvw_text(w, s->key[i]);
        bs_csvw_text(w, s->name[i]);
        bs_csvw_num(w, pr->need[i]);
        bs_csvw_num(w, pr->supply[i]);
        bs_csvw_text(w, pr->quadrant[i] == BS_Q_UNKNOWN
                            ? "" : bs_quadrant_label(pr->quadrant[i], s->language));
        /* no priority number without a need and a supply value */
        if (pr->priority[i] > 0 && pr->quadrant[i] != BS_Q_UNKNOWN)
            bs_csvw_int(w, pr->priority[i]);
        else
            bs_csvw_text(w, NULL);
        bs_csvw_end_row(w);
    }
    return bs_csvw_close(w, err);
}

/* The rows of one map's classes, one per class, then the no-data row; panel:
 * its name in a first column. The fit of the classification (GVF, GADF,
 * TAI: see classify.h) is the same for every row; it is repeated in
 * trailing columns so that the first five stay the contract's. */
static void class_rows(bs_csvw *w, const bs_scan_map *m, const char *panel)
{
    int c;
    char hex[8];

    for (c = 0; c <= m->classes.k; c++) {
        if (panel)
            bs_csvw_text(w, panel);
        if (c < m->classes.k) {
            bs_csvw_int(w, c + 1);
            bs_csvw_num(w, m->lower[c]);
            bs_csvw_num(w, m->classes.upper[c]);
            bs_csvw_int(w, (long long)m->classes.count[c]);
            bs_csvw_text(w, bs_rgb_hex(m->fill[c], hex));
        } else {
            /* the hatch is drawn over white: white is the no-data colour */
            bs_csvw_text(w, "missing");
            bs_csvw_text(w, NULL);
            bs_csvw_text(w, NULL);
            bs_csvw_int(w, (long long)m->classes.missing);
            bs_csvw_text(w, "#ffffff");
        }
        bs_csvw_num(w, m->classes.gvf);
        bs_csvw_num(w, m->classes.gadf);
        bs_csvw_num(w, m->classes.tai);
        bs_csvw_end_row(w);
    }
}

/* Small multiples (defect 3): one block per panel, each with its own
 * classes and colours, named in a first column `panel`. */
int bs_job_write_classes(const bs_scan *s, const bs_scan_map *m,
                         const char *path, bs_error *err)
{
    bs_csvw *w = open_csv(s, path, err);

    if (!w)
        return -1;
    if (m->npanels) {
        header(w, "panel,class,lower,upper,count,colour,gvf,gadf,tai");
        bs_csvw_end_row(w);
        for (size_t k = 0; k < m->npanels; k++)
            class_rows(w, &m->panels[k], m->panels[k].column);
    } else {
        header(w, "class,lower,upper,count,colour,gvf,gadf,tai");
        bs_csvw_end_row(w);
        class_rows(w, m, NULL);
    }
    return bs_csvw_close(w, err);
}

/* checks.csv (issue 12): one row per plausibility finding. */
int bs_job_write_checks(const bs_scan *s, const char *path, bs_error *err)
{
    bs_csvw *w = open_csv(s, path, err);

    if (!w)
        return -1;
    header(w, "check,area,value,message");
    bs_csvw_end_row(w);
    for (size_t r = 0; r < s->checks->n; r++) {
        const bs_check_row *row = &s->checks->row[r];
        bs_csvw_text(w, row->check);
        bs_csvw_text(w, row->key);
        bs_csvw_num(w, row->value);
        bs_csvw_text(w, row->message);
        bs_csvw_end_row(w);
    }
    return bs_csvw_close(w, err);
}
