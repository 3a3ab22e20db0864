/* test_disclosure_attack_e2e.c: issue 12, defect 1, by attack. The CLI
 * runs (a) a Zwolle-like project (the 16 wijken of GM0193 from the
 * national wijken 2022, KWB 2024 populations, a counts file with small
 * counts made here, as the unit test of disclosure_attack.h has them) and
 * (b) the demo with a count indicator and a strict [disclosure]. Every
 * output is read back as a reader would: scores.csv, every map-NAME.csv,
 * the report's area pages (pdftotext) and validate's stdout. What is
 * printed goes to the attacker of disclosure_attack.h, with the true
 * values from the inputs; no suppressed cell may come back. Before issue
 * 12 (the binary at /work/baseline/buurtscan, BS_BIN=...) this test fails:
 * WK019341's suppressed eenouder rate comes back from the score. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/disclosure_attack.h"
#include "buurtscan/limits.h"
#include "testutil.h"

#define MAXN 64
#define MAXK 8

/* ---- (a) Zwolle: the figures of tests/analysis/test_disclosure_attack.c */

#define ZN 16
static const char *zcode[ZN] = {
    "WK019310", "WK019311", "WK019312", "WK019313", "WK019314", "WK019320",
    "WK019321", "WK019322", "WK019330", "WK019331", "WK019332", "WK019340",
    "WK019341", "WK019350", "WK019351", "WK019352"};
static const double jongeren[ZN] = {620, 1540, 980, 2410, 700, 66, 745, 6350,
                                    1810, 2530, 210, 1120, 230, 3020, 2890, 180};
static const double jeugdhulp[ZN] = {41, 96, 77, 180, 38, 11, 7, 350, 120, 205,
                                     14, 52, 16, 160, 240, 12};
static const double hh_kind[ZN] = {560, 1390, 880, 2050, 610, 55, 700, 5400,
                                   1500, 2200, 190, 980, 43, 2600, 2450, 160};
static const double eenouder[ZN] = {98, 310, 150, 520, 90, 12, 105, 760, 330,
                                    540, 22, 140, 22, 420, 610, 21};
static const double inkomen[ZN] = {6.1, 12.4, 9.8, 14.2, 7.5, 3.1, 5.2, 8.9,
                                   11.7, 13.5, 2.9, 4.4, 3.3, 10.6, 15.1, 3.0};
static const double meldingen[ZN] = {24, 61, 35, 78, 22, 11, 28, 140, 52, 70,
                                     13, 27, 15, 66, 81, 6};

/* One indicator of a test project: how the attacker sees it. */
typedef struct tind {
    const char *id;
    const char *label;          /* the report's row label */
    bs_disc_kind kind;
    double truth[MAXN];
    double den[MAXN];           /* rate: public denominators */
    int has_den;
    double per, weight;
    long quantity;
    const char *map;            /* map-NAME.csv of its column, or NULL */
} tind;

typedef struct tproj {
    size_t n, nind;
    const char *key[MAXN];
    tind ind[MAXK];
    double round_base, min_count;
    char *ini;                  /* written project */
    char *dir;
    int keys_owned;             /* key[] strdup'd (the demo's) */
} tproj;

static const char *BIN(void)
{
    const char *b = getenv("BS_BIN");
    ck_assert_msg(b != NULL, "BS_BIN not set");
    return b;
}

static void zwolle(tproj *t, const char *policy)
{
    char csv[4096], ini[8192], shp[2048], kwb[2048];
    size_t used, i;

    memset(t, 0, sizeof *t);
    t->dir = strdup(bs_test_tmpdir());
    used = (size_t)snprintf(csv, sizeof csv,
                            "code,jongeren,jeugdhulp,hh_kind,eenouder,inkomen,"
                            "meldingen\n");
    for (i = 0; i < ZN; i++)
        used += (size_t)snprintf(csv + used, sizeof csv - used,
                                 "%s,%g,%g,%g,%g,%g,%g\n", zcode[i], jongeren[i],
                                 jeugdhulp[i], hh_kind[i], eenouder[i],
                                 inkomen[i], meldingen[i]);
    free(bs_test_write(t->dir, "tellingen.csv", csv));
    snprintf(shp, sizeof shp, "%s", bs_test_shared("data/nl-wijken-2022/NLD_dist_2022.shp"));
    snprintf(kwb, sizeof kwb, "%s", bs_test_shared("data/kwb-2024/kwb2024_gemeente_wijk.csv"));
    snprintf(ini, sizeof ini,
             "[project]\ntitle = Zwolle\nlanguage = nl\ncrs = EPSG:28992\n"
             "[areas]\nshapefile = %s\nkey = code\nname = name\nselect = WK0193*\n"
             "source = CBS wijken 2022\n"
             "[data kwb]\nfile = %s\nkey = code\nsource = CBS KWB 2024\n"
             "[data tel]\nfile = tellingen.csv\nkey = code\nsource = Eigen telling\n"
             "[indicator jh_n]\ncolumn = tel.jeugdhulp\nkind = count\n"
             "label = Jongeren met jeugdhulp\nunit = aantal\ndirection = +\n"
             "[indicator jh]\nnumerator = tel.jeugdhulp\ndenominator = tel.jongeren\n"
             "label = Jeugdhulp\nunit = per 100 jongeren\ndirection = +\n"
             "[indicator eenouder]\nnumerator = tel.eenouder\ndenominator = tel.hh_kind\n"
             "label = Eenoudergezinnen\nunit = per 100\ndirection = +\nweight = 2\n"
             "[indicator inkomen]\ncolumn = tel.inkomen\nlabel = Laag inkomen\n"
             "unit = %%\ndirection = +\n"
             "[indicator meldingen]\ncolumn = tel.meldingen\nkind = count\n"
             "label = Meldingen\nunit = aantal\ndirection = +\n"
             "[indicator meldingen_1000]\nnumerator = tel.meldingen\n"
             "denominator = kwb.AantalInwoners_5\nper = 1000\n"
             "label = Meldingen per 1000\nunit = per 1000 inwoners\ndirection = +\n"
             "[score]\nnormalise = zscore\nmin_coverage = 0.5\n"
             "[uncertainty]\nruns = 200\nseed = 7\n"
             "[map score]\ncolumn = score\nclasses = 4\nmethod = quantile\nformat = pdf\n"
             "[map meldingen]\ncolumn = meldingen\nclasses = 4\nmethod = quantile\n"
             "format = pdf\n"
             "[map jeugdhulp]\ncolumn = tel.jeugdhulp\nclasses = 4\nmethod = quantile\n"
             "format = pdf\n"
             "[report]\nfile = zwolle.pdf\n"
             "[disclosure]\nmin_count = 10\nround = 5\nmin_denominator = 50\n%s",
             shp, kwb, policy ? policy : "");
    t->ini = bs_test_write(t->dir, "zwolle.ini", ini);
    t->n = ZN;
    for (i = 0; i < ZN; i++)
        t->key[i] = zcode[i];
    t->nind = 6;
    t->round_base = 5;
    t->min_count = 10;
    t->ind[0] = (tind){ .id = "jh_n", .label = "Jongeren met jeugdhulp (aantal)",
                        .kind = BS_DISC_COUNT, .weight = 1, .quantity = 1,
                        .map = "jeugdhulp" };
    t->ind[1] = (tind){ .id = "jh", .label = "Jeugdhulp (per 100 jongeren)",
                        .kind = BS_DISC_RATE, .per = 100, .weight = 1,
                        .quantity = 1, .has_den = 1 };
    t->ind[2] = (tind){ .id = "eenouder", .label = "Eenoudergezinnen (per 100)",
                        .kind = BS_DISC_RATE, .per = 100, .weight = 2,
                        .quantity = 2, .has_den = 1 };
    t->ind[3] = (tind){ .id = "inkomen", .label = "Laag inkomen (%)",
                        .kind = BS_DISC_VALUE, .weight = 1, .quantity = -1 };
    t->ind[4] = (tind){ .id = "meldingen", .label = "Meldingen (aantal)",
                        .kind = BS_DISC_COUNT, .weight = 1, .quantity = 3,
                        .map = "meldingen" };
    t->ind[5] = (tind){ .id = "meldingen_1000", .label = "Meldingen per 1000 (per 1000 inwoners)",
                        .kind = BS_DISC_RATE, .per = 1000, .weight = 1,
                        .quantity = 3, .has_den = 1 };
    for (i = 0; i < ZN; i++) {
        t->ind[0].truth[i] = jeugdhulp[i];
        t->ind[1].truth[i] = 100 * jeugdhulp[i] / jongeren[i];
        t->ind[1].den[i] = jongeren[i];
        t->ind[2].truth[i] = 100 * eenouder[i] / hh_kind[i];
        t->ind[2].den[i] = hh_kind[i];
        t->ind[3].truth[i] = inkomen[i];
        t->ind[4].truth[i] = meldingen[i];
    }
}

/* The KWB 2024 populations of the Zwolle wijken (meldingen per 1000). */
static void zwolle_population(tproj *t)
{
    bs_test_csv k;
    size_t i;

    bs_test_csv_read(bs_test_shared("data/kwb-2024/kwb2024_gemeente_wijk.csv"), &k);
    for (i = 0; i < ZN; i++) {
        double pop = bs_test_csv_num(&k, bs_test_csv_row(&k, zcode[i]),
                                     "AantalInwoners_5");
        t->ind[5].den[i] = pop;
        t->ind[5].truth[i] = 1000 * meldingen[i] / pop;
    }
    ck_assert_double_eq(t->ind[5].den[12], 1195);  /* WK019341 */
    bs_test_csv_free(&k);
}

/* A project where the rank pins a withheld rate under exact (as
 * exact_rank_can_pin_a_withheld_value in the unit test): a rate with one
 * small numerator (9 of 60) and a value, over the 16 Zwolle wijken. */
static void bracket(tproj *t)
{
    char csv[4096], ini[4096], shp[2048];
    size_t used, i;

    memset(t, 0, sizeof *t);
    t->dir = strdup(bs_test_tmpdir());
    used = (size_t)snprintf(csv, sizeof csv, "code,num,den,val\n");
    for (i = 0; i < ZN; i++)
        used += (size_t)snprintf(csv + used, sizeof csv - used, "%s,%g,%g,%.10g\n",
                                 zcode[i], i == 3 ? 9 : 20 + (double)((i * 53) % 60),
                                 i == 3 ? 60 : 300 + (double)((i * 37) % 200),
                                 10 + (double)((i * 71) % 97) / 7.0);
    free(bs_test_write(t->dir, "r.csv", csv));
    snprintf(shp, sizeof shp, "%s", bs_test_shared("data/nl-wijken-2022/NLD_dist_2022.shp"));
    snprintf(ini, sizeof ini,
             "[project]\ntitle = Zwolle\ncrs = EPSG:28992\n"
             "[areas]\nshapefile = %s\nkey = code\nname = name\nselect = WK0193*\n"
             "[data r]\nfile = r.csv\nkey = code\n"
             "[indicator rate]\nnumerator = num\ndenominator = den\ndirection = +\n"
             "[indicator val]\ncolumn = val\ndirection = +\n"
             "[disclosure]\nscore = exact\n", shp);
    t->ini = bs_test_write(t->dir, "zwolle.ini", ini);
}

/* ---- (b) the demo, with a count and a strict [disclosure] -------------- */

static void demo(tproj *t)
{
    char *tpl = bs_test_slurp(bs_test_src("templates/gebiedsscan.ini"));
    char *text, *q;
    bs_test_csv ill;
    size_t i, len;
    char *csv;

    ck_assert(tpl != NULL);
    memset(t, 0, sizeof *t);
    t->dir = strdup(bs_test_tmpdir());
    /* paths relative to templates/: make them absolute */
    len = strlen(tpl) + 8192;
    text = malloc(len);
    text[0] = '\0';
    for (q = strtok(tpl, "\n"); q; q = strtok(NULL, "\n")) {
        char *at = strstr(q, "../geodata/");
        if (strncmp(q, "min_count", 9) == 0)
            q = "min_count = 100";
        if (at) {
            strncat(text, q, (size_t)(at - q));
            strcat(text, bs_test_src("geodata/"));
            strcat(text, at + 11);
        } else {
            strcat(text, q);
        }
        strcat(text, "\n");
    }
    strcat(text, "[indicator jeugd_aantal]\ncolumn = illustratief.jeugdhulp\n"
                 "kind = count\nlabel = Jongeren met jeugdhulp\nunit = aantal\n"
                 "direction = +\n"
                 "[map jeugd]\ncolumn = jeugd_aantal\nclasses = 4\n"
                 "method = quantile\nformat = pdf\n");
    t->ini = bs_test_write(t->dir, "demo.ini", text);
    free(text);
    free(tpl);
    /* the truth: geodata/leeuwarden_illustratief.csv (semicolons) */
    csv = bs_test_slurp(bs_test_src("geodata/leeuwarden_illustratief.csv"));
    for (q = csv; *q; q++)
        if (*q == ';')
            *q = ',';
        else if (*q == ',')
            *q = '.';
    free(bs_test_write(t->dir, "ill.csv", csv));
    free(csv);
    bs_test_csv_read(bs_test_path(t->dir, "ill.csv"), &ill);
    t->n = (size_t)ill.nrows;
    ck_assert_uint_le(t->n, MAXN);
    t->nind = 1;
    t->round_base = 5;
    t->min_count = 100;
    t->ind[0] = (tind){ .id = "jeugd_aantal",
                        .label = "Jongeren met jeugdhulp (aantal)",
                        .kind = BS_DISC_COUNT, .weight = 1, .quantity = 1,
                        .map = "jeugd" };
    t->keys_owned = 1;
    for (i = 0; i < t->n; i++) {
        t->key[i] = strdup(ill.cell[i][0]);
        t->ind[0].truth[i] = bs_test_csv_num(&ill, (int)i, "jeugdhulp");
    }
    bs_test_csv_free(&ill);
}

/* ---- reading what is printed -------------------------------------------- */

typedef struct printed {
    double value[MAXK][MAXN], norm[MAXK][MAXN], contrib[MAXK][MAXN];
    unsigned char sup[MAXK][MAXN];
    double score[MAXN], rank[MAXN];
    int nclass[MAXK];
    double clo[MAXK][BS_CLASSES_MAX], chi[MAXK][BS_CLASSES_MAX];
    int cls[MAXK][MAXN];
    double min[MAXK], max[MAXK];
    size_t nsup;
} printed;

/* A number as the report prints it ("1.050", "12,7"); NaN for ".". */
static double nl_number(const char *s)
{
    char buf[64];
    size_t j = 0;

    if (strcmp(s, ".") == 0 || !*s)
        return NAN;
    for (; *s && j + 1 < sizeof buf; s++)
        if (*s == ',')
            buf[j++] = '.';
        else if (*s != '.')
            buf[j++] = *s;
    buf[j] = '\0';
    return strtod(buf, NULL);
}

static void read_scores(const tproj *t, const char *out, printed *o)
{
    bs_test_csv c;
    size_t i, k;
    char col[128];

    bs_test_csv_read(bs_test_path(out, "scores.csv"), &c);
    for (i = 0; i < t->n; i++) {
        int r = bs_test_csv_row(&c, t->key[i]);
        o->score[i] = bs_test_csv_num(&c, r, "score");
        o->rank[i] = bs_test_csv_num(&c, r, "rank");
        for (k = 0; k < t->nind; k++) {
            const char *id = t->ind[k].id;
            o->value[k][i] = bs_test_csv_num(&c, r, id);
            snprintf(col, sizeof col, "%s_norm", id);
            o->norm[k][i] = bs_test_csv_num(&c, r, col);
            snprintf(col, sizeof col, "%s_contrib", id);
            o->contrib[k][i] = bs_test_csv_num(&c, r, col);
            snprintf(col, sizeof col, "%s_flag", id);
            o->sup[k][i] = strcmp(c.cell[r][bs_test_csv_col(&c, col)],
                                  "suppressed") == 0;
            o->nsup += o->sup[k][i];
            if (o->sup[k][i])
                ck_assert_msg(isnan(o->value[k][i]) && isnan(o->norm[k][i]) &&
                              isnan(o->contrib[k][i]),
                              "%s %s: suppressed but printed", t->key[i], id);
        }
    }
    bs_test_csv_free(&c);
}

/* map-NAME.csv: the printed class bounds; each area's class as a reader
 * finds it from its printed value (a suppressed cell is drawn as no data:
 * its value is not among the values classed). */
static void read_classes(const tproj *t, const char *out, printed *o)
{
    size_t k, i;
    char name[256];

    for (k = 0; k < t->nind; k++) {
        bs_test_csv c;
        int r;
        if (!t->ind[k].map)
            continue;
        snprintf(name, sizeof name, "map-%s.csv", t->ind[k].map);
        bs_test_csv_read(bs_test_path(out, name), &c);
        for (r = 0; r < c.nrows && o->nclass[k] < BS_CLASSES_MAX; r++) {
            if (strcmp(c.cell[r][0], "missing") == 0)
                continue;
            o->clo[k][o->nclass[k]] = bs_test_csv_num(&c, r, "lower");
            o->chi[k][o->nclass[k]] = bs_test_csv_num(&c, r, "upper");
            o->nclass[k]++;
        }
        bs_test_csv_free(&c);
        ck_assert_int_gt(o->nclass[k], 0);
        for (i = 0; i < t->n; i++) {
            int j;
            o->cls[k][i] = -1;
            for (j = 0; j < o->nclass[k] && !isnan(o->value[k][i]); j++)
                if (o->value[k][i] <= o->chi[k][j]) {
                    o->cls[k][i] = j;
                    break;
                }
        }
    }
}

/* validate's "indicator ID missing M of N, range LO to HI". */
static void read_validate(const tproj *t, printed *o)
{
    char *s = bs_test_cmd("cd '%s' && '%s' validate '%s' 2>/dev/null", t->dir,
                          BIN(), t->ini);
    size_t k;

    ck_assert_msg(s != NULL, "validate failed");
    for (k = 0; k < t->nind; k++) {
        char pat[128];
        const char *at, *rg;
        snprintf(pat, sizeof pat, "indicator %s ", t->ind[k].id);
        at = strstr(s, pat);
        ck_assert_msg(at != NULL, "validate: no line for %s", t->ind[k].id);
        rg = strstr(at, "range ");
        ck_assert(rg != NULL);
        ck_assert(sscanf(rg, "range %lf to %lf", &o->min[k], &o->max[k]) == 2);
    }
    free(s);
}

/* The report: on each area page the value after each indicator's label
 * is what the CSV prints, or "." where the CSV suppresses it. */
static void read_report(const tproj *t, const char *pdf, printed *o)
{
    int pages = bs_test_pdf_pages(pdf), pg;
    size_t i, k, seen = 0;

    for (pg = 1; pg <= pages; pg++) {
        char *text = bs_test_page_text(pdf, pg);
        size_t nkeys = 0, only = 0;
        /* an area page names one area (its key in the heading) */
        for (i = 0; i < t->n; i++)
            if (strstr(text, t->key[i])) {
                nkeys++;
                only = i;
            }
        for (i = only; nkeys == 1 && i == only; i++) {
            for (k = 0; k < t->nind; k++) {
                const char *at = strstr(text, t->ind[k].label);
                char v[64];
                double x;
                if (!at)
                    continue;
                at += strlen(t->ind[k].label);
                while (*at == ' ')
                    at++;
                snprintf(v, sizeof v, "%.*s", (int)strcspn(at, " \n"), at);
                x = nl_number(v);
                if (o->sup[k][i]) {
                    ck_assert_msg(strcmp(v, ".") == 0, "%s %s: the report prints "
                                  "'%s' for a suppressed cell", t->key[i],
                                  t->ind[k].id, v);
                } else if (isnan(x)) {
                    continue;
                } else if (isnan(o->value[k][i])) {
                    /* printed in the report only: the reader has it */
                    o->value[k][i] = x;
                }
                seen++;
            }
        }
        free(text);
    }
    ck_assert_msg(seen > 0, "no area page of the report names its values");
}

static size_t attack(const tproj *t, const printed *o)
{
    bs_attack_column col[MAXK];
    bs_attack_input in;
    bs_attack_result r;
    bs_error err;
    size_t k, f, nfound;

    for (k = 0; k < t->nind; k++) {
        const tind *d = &t->ind[k];
        bs_attack_column_init(&col[k]);
        col[k].id = d->id;
        col[k].kind = d->kind;
        col[k].truth = d->truth;
        col[k].suppressed = o->sup[k];
        col[k].value = o->value[k];
        col[k].value_res = d->kind == BS_DISC_COUNT ? t->round_base : 0;
        col[k].norm = o->norm[k];
        col[k].contrib = o->contrib[k];
        col[k].method = BS_NORM_ZSCORE;
        col[k].weight = d->weight;
        col[k].quantity = d->quantity;
        col[k].denominator = d->has_den ? d->den : NULL;
        col[k].per = d->per > 0 ? d->per : 100;
        col[k].nclass = o->nclass[k];
        col[k].class_lo = o->clo[k];
        col[k].class_hi = o->chi[k];
        col[k].class_res = d->kind == BS_DISC_COUNT ? 2 * t->round_base : 0;
        col[k].cls = o->nclass[k] ? o->cls[k] : NULL;
        col[k].min = o->min[k];
        col[k].max = o->max[k];
        col[k].range_res = d->kind == BS_DISC_COUNT ? t->round_base : 0;
    }
    memset(&in, 0, sizeof in);
    in.nind = t->nind;
    in.n = t->n;
    in.col = col;
    in.score = o->score;
    in.rank = o->rank;
    in.round_base = t->round_base;
    in.min_count = t->min_count;
    ck_assert_msg(bs_attack_run(&in, &r, &err) == 0, "%s", err.msg);
    for (f = 0; f < r.n; f++)
        fprintf(stderr, "  recovered %s of %s by %s: [%.6g, %.6g], truth %.6g\n",
                t->ind[r.finding[f].ind].id, t->key[r.finding[f].area],
                r.finding[f].attack, r.finding[f].lo, r.finding[f].hi,
                r.finding[f].truth);
    nfound = r.n;
    ck_assert_uint_gt(r.ncells, 0);
    bs_attack_result_free(&r);
    return nfound;
}

/* Removes the project's folder and frees what tproj holds. */
static void tproj_free(tproj *t)
{
    size_t i;

    for (i = 0; t->keys_owned && i < t->n; i++)
        free((char *)t->key[i]);
    bs_test_rmtree(t->dir);
    free(t->dir);
    free(t->ini);
}

static void printed_init(printed *o)
{
    size_t k;

    memset(o, 0, sizeof *o);
    for (k = 0; k < MAXK; k++)
        o->min[k] = o->max[k] = NAN;
}

static void run(const tproj *t, char *errbuf, size_t n, int *rc)
{
    const char *argv[] = {"-q", "run", t->ini, "-o", "out", NULL};
    *rc = bs_test_run_cli(t->dir, argv, errbuf, n);
}

START_TEST(nothing_suppressed_comes_back_in_zwolle)
{
    tproj t;
    printed o;
    char err[4096], out[4096];
    int rc;

    zwolle(&t, NULL);
    zwolle_population(&t);
    run(&t, err, sizeof err, &rc);
    ck_assert_msg(rc == 0, "run: %s", err);
    snprintf(out, sizeof out, "%s/out", t.dir);
    printed_init(&o);
    read_scores(&t, out, &o);
    read_classes(&t, out, &o);
    read_validate(&t, &o);
    ck_assert_uint_eq(attack(&t, &o), 0);
    read_report(&t, bs_test_path(out, "zwolle.pdf"), &o);
    ck_assert_uint_eq(attack(&t, &o), 0);
    ck_assert_uint_ge(o.nsup, 4);
    /* WK019341: eenouder 22 of 43 households (rate on < 50): suppressed */
    ck_assert(o.sup[2][12]);
    /* WK019321: jeugdhulp 7 (count) and its rate 7 of 745 (rule 2) */
    ck_assert(o.sup[0][6] && o.sup[1][6]);
    tproj_free(&t);
}
END_TEST

START_TEST(nothing_suppressed_comes_back_in_the_demo)
{
    tproj t;
    printed o;
    char err[4096], out[4096];
    int rc;

    demo(&t);
    run(&t, err, sizeof err, &rc);
    ck_assert_msg(rc == 0, "run: %s", err);
    snprintf(out, sizeof out, "%s/out", t.dir);
    printed_init(&o);
    read_scores(&t, out, &o);
    ck_assert_uint_ge(o.nsup, 2);
    read_classes(&t, out, &o);
    read_validate(&t, &o);
    read_report(&t, bs_test_path(out, "gebiedsscan-leeuwarden.pdf"), &o);
    ck_assert_uint_eq(attack(&t, &o), 0);
    tproj_free(&t);
}
END_TEST

/* Under score = exact the rank brackets the withheld score: the run (and
 * validate, the same load) is refused at the [disclosure] line naming the
 * cells, and nothing is written. */
START_TEST(exact_is_refused_when_the_rank_gives_a_cell_back)
{
    tproj t;
    char err[4096], out[4096];
    int rc;

    bracket(&t);
    run(&t, err, sizeof err, &rc);
    ck_assert_msg(rc == 1, "exit %d: %s", rc, err);
    ck_assert_msg(strstr(err, "zwolle.ini:") && strstr(err, "[disclosure] score = exact"),
                  "%s", err);
    ck_assert_msg(strstr(err, "rate of WK019313") != NULL, "no cell named: %s", err);
    snprintf(out, sizeof out, "%s/out", t.dir);
    ck_assert_int_le(bs_test_count_entries(out), 0);
    {
        const char *argv[] = {"validate", t.ini, NULL};
        ck_assert_int_eq(bs_test_run_cli(t.dir, argv, err, sizeof err), 1);
        ck_assert(strstr(err, "[disclosure] score = exact") != NULL);
    }
    tproj_free(&t);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("disclosure_attack_e2e");
    TCase *tc = tcase_create("e2e");

    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, nothing_suppressed_comes_back_in_zwolle);
    tcase_add_test(tc, nothing_suppressed_comes_back_in_the_demo);
    tcase_add_test(tc, exact_is_refused_when_the_rank_gives_a_cell_back);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
