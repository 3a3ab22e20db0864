/* test_composite.c: the composite-score pipeline end to end, each result
 * recomputed here independently from the columns buurtscan writes (or from
 * the source files). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

static double val(const bs_test_csv *c, int r, const char *col)
{
    return bs_test_csv_num(c, r, col);
}

/* Writes a Leeuwarden project (the embedded data) with extra text and runs
 * it; returns the output directory (static). */
static const char *run_leeuwarden(const char *body)
{
    char *dir = strdup(bs_test_tmpdir());
    char text[16384], shp[4096], csv[4096];
    const char *out;
    char *ini;

    snprintf(shp, sizeof shp, "%s", bs_test_src("geodata/leeuwarden_wijken_2022.shp"));
    snprintf(csv, sizeof csv, "%s", bs_test_src("geodata/leeuwarden_illustratief.csv"));
    snprintf(text, sizeof text,
             "[areas]\nshapefile = %s\nkey = code\nname = name\n"
             "[data d]\nfile = %s\nkey = code\n%s", shp, csv, body);
    ini = bs_test_write(dir, "p.ini", text);
    out = bs_test_run_project(ini, dir);
    free(ini);
    free(dir);
    return out;
}

START_TEST(test_domains_weighted_mean_of_domain_means)
{
    const char *out = run_leeuwarden(
        "[indicator armoede]\ncolumn = income_low\ndomain = sociaal\n"
        "[indicator werk]\ncolumn = employment\ndirection = -\ndomain = sociaal\n"
        "[indicator jeugd]\nformula = 100 * jeugdhulp / jongeren_0_17\ndomain = jeugd\nweight = 2\n"
        "[indicator eenouder]\ncolumn = eenouder_pct\ndomain = jeugd\n"
        "[domain sociaal]\nweight = 1\n[domain jeugd]\nweight = 3\n"
        "[score]\nnormalise = minmax\n");
    bs_test_csv c;
    int r, checked = 0;
    bs_test_csv_read(bs_test_path(out, "scores.csv"), &c);
    for (r = 0; r < c.nrows; r++) {
        double a = val(&c, r, "armoede_norm"), w = val(&c, r, "werk_norm");
        double jh = val(&c, r, "jeugd_norm"), eo = val(&c, r, "eenouder_norm");
        double sociaal, jeugd, want;
        if (isnan(a) || isnan(w) || isnan(jh) || isnan(eo))
            continue;
        sociaal = (a + w) / 2;
        jeugd = (2 * jh + eo) / 3;
        want = (1 * sociaal + 3 * jeugd) / 4;
        ck_assert_double_eq_tol(val(&c, r, "domain_sociaal"), sociaal, 1e-9);
        ck_assert_double_eq_tol(val(&c, r, "domain_jeugd"), jeugd, 1e-9);
        ck_assert_double_eq_tol(val(&c, r, "score"), want, 1e-9);
        /* contributions add up to the score */
        ck_assert_double_eq_tol(val(&c, r, "armoede_contrib") + val(&c, r, "werk_contrib") +
                                val(&c, r, "jeugd_contrib") + val(&c, r, "eenouder_contrib"),
                                want, 1e-9);
        checked++;
    }
    ck_assert_int_eq(checked, 21);
    bs_test_csv_free(&c);
}
END_TEST

START_TEST(test_imputation_is_flagged_and_uses_the_mean)
{
    const char *out = run_leeuwarden(
        "[indicator armoede]\ncolumn = income_low\nimpute = mean\n"
        "[indicator opleiding]\ncolumn = edu_appl_s\ndirection = -\n");
    bs_test_csv c;
    int r, mid = -1, flagged = 0;
    double sum = 0, n = 0, z_mid;
    bs_test_csv_read(bs_test_path(out, "scores.csv"), &c);
    for (r = 0; r < c.nrows; r++) {
        if (strcmp(c.cell[r][0], "WK008074") == 0)
            mid = r;
        else {
            sum += val(&c, r, "armoede");
            n++;
        }
        flagged += strcmp(c.cell[r][bs_test_csv_col(&c, "armoede_flag")], "imputed") == 0;
    }
    ck_assert_int_ge(mid, 0);
    ck_assert_int_eq(flagged, 1);
    ck_assert_str_eq(c.cell[mid][bs_test_csv_col(&c, "armoede_flag")], "imputed");
    /* raw stays missing (it was not measured); the normalised value is the
     * z-score of the mean, which is 0 */
    ck_assert(isnan(val(&c, mid, "armoede")));
    z_mid = val(&c, mid, "armoede_norm");
    ck_assert_double_eq_tol(z_mid, 0, 1e-9);
    ck_assert(!isnan(val(&c, mid, "score")));
    (void)sum;
    (void)n;
    bs_test_csv_free(&c);
}
END_TEST

START_TEST(test_small_areas_get_no_score)
{
    const char *out = run_leeuwarden(
        "[indicator opleiding]\ncolumn = edu_appl_s\ndirection = -\n"
        "[score]\nmin_population = 100\npopulation = population\n");
    bs_test_csv c;
    int r;
    bs_test_csv_read(bs_test_path(out, "scores.csv"), &c);
    for (r = 0; r < c.nrows; r++) {
        const char *st = c.cell[r][bs_test_csv_col(&c, "status")];
        if (strcmp(c.cell[r][0], "WK008074") == 0) {   /* 55 residents */
            ck_assert_str_eq(st, "te klein");
            ck_assert(isnan(val(&c, r, "score")));
            ck_assert(isnan(val(&c, r, "opleiding_norm")));
            ck_assert_double_eq(val(&c, r, "opleiding"), 44); /* raw kept */
        } else {
            ck_assert_str_eq(st, "");
            ck_assert(!isnan(val(&c, r, "score")));
            ck_assert(val(&c, r, "rank") <= 21);
        }
    }
    bs_test_csv_free(&c);
}
END_TEST

START_TEST(test_eb_shrinkage_marshall)
{
    const char *out = run_leeuwarden(
        "[indicator jeugd]\nnumerator = jeugdhulp\ndenominator = jongeren_0_17\n"
        "shrink = eb\n");
    bs_test_csv c;
    int r;
    double sO = 0, sn = 0, N = 0, b, s2 = 0, a;
    double O[64], nn[64];
    int nsup = 0;
    bs_test_csv_read(bs_test_path(out, "scores.csv"), &c);
    /* the raw rates come back as 100 * O / n where not shrunk; recompute the
     * shrunk ones from the source table */
    {
        char *t = bs_test_slurp(bs_test_src("geodata/leeuwarden_illustratief.csv"));
        char *line, *save = NULL;
        int i = 0;
        for (line = strtok_r(t, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            char code[32], name[128];
            double young, jh;
            if (sscanf(line, "%31[^;];%127[^;];%lf;%lf", code, name, &young, &jh) != 4) {
                if (i > 0 || strncmp(line, "code", 4) != 0) {
                    O[i] = nn[i] = NAN;
                    if (strncmp(line, "code", 4) != 0)
                        i++;
                }
                continue;
            }
            O[i] = jh;
            nn[i] = young;
            i++;
        }
        free(t);
        ck_assert_int_eq(i, 22);
    }
    /* issue 12: a suppressed cell (numerator below 10) is missing from the
     * start under [disclosure] score = without: no part in the overall
     * rate, no value */
    for (r = 0; r < c.nrows; r++)
        if (strcmp(c.cell[r][bs_test_csv_col(&c, "jeugd_flag")], "suppressed") == 0) {
            O[r] = NAN;
            nsup++;
        }
    ck_assert_int_le(nsup, 22);
    for (r = 0; r < 22; r++)
        if (!isnan(O[r]) && nn[r] > 0) {
            sO += O[r];
            sn += nn[r];
            N++;
        }
    b = sO / sn;
    for (r = 0; r < 22; r++)
        if (!isnan(O[r]) && nn[r] > 0)
            s2 += nn[r] * (O[r] / nn[r] - b) * (O[r] / nn[r] - b);
    s2 /= sn;
    a = s2 - b / (sn / N);
    if (a < 0)
        a = 0;
    for (r = 0; r < c.nrows; r++) {
        double want = isnan(O[r]) ? NAN
                                  : 100 * (b + a / (a + b / nn[r]) * (O[r] / nn[r] - b));
        double got = val(&c, r, "jeugd");
        if (isnan(want))
            ck_assert(isnan(got));
        else
            ck_assert_double_eq_tol(got, want, 1e-9 * fabs(want));
    }
    bs_test_csv_free(&c);
}
END_TEST

START_TEST(test_geometric_mean_of_minmax_1_100)
{
    const char *out = run_leeuwarden(
        "[indicator armoede]\ncolumn = income_low\nrange = 1 100\n"
        "[indicator opleiding]\ncolumn = edu_appl_s\ndirection = -\nrange = 1 100\nweight = 3\n"
        "[score]\nnormalise = minmax\naggregate = geometric\n");
    bs_test_csv c;
    int r, checked = 0;
    bs_test_csv_read(bs_test_path(out, "scores.csv"), &c);
    for (r = 0; r < c.nrows; r++) {
        double a = val(&c, r, "armoede_norm"), o = val(&c, r, "opleiding_norm"), want;
        if (isnan(a) || isnan(o))
            continue;
        ck_assert(a >= 1 - 1e-12 && a <= 100 + 1e-12);
        want = exp((log(a) + 3 * log(o)) / 4);
        ck_assert_double_eq_tol(val(&c, r, "score"), want, 1e-9 * want);
        checked++;
    }
    ck_assert_int_eq(checked, 21);
    bs_test_csv_free(&c);
}
END_TEST

START_TEST(test_uncertainty_deterministic_across_threads)
{
    const char *body1 =
        "[indicator armoede]\ncolumn = income_low\n"
        "[indicator werk]\ncolumn = employment\ndirection = -\n"
        "[indicator jeugd]\nformula = 100 * jeugdhulp / jongeren_0_17\n"
        "[uncertainty]\nruns = 300\nweights = 0.25\nnormalise = zscore minmax rank\n"
        "seed = 42\ntop = 5\nthreads = 1\n";
    char body8[2048], *a, *b;
    bs_test_csv c;
    int r;
    const char *out;

    out = run_leeuwarden(body1);
    a = bs_test_slurp(bs_test_path(out, "scores.csv"));
    snprintf(body8, sizeof body8, "%s", body1);
    strcpy(strstr(body8, "threads = 1"), "threads = 8\n");
    out = run_leeuwarden(body8);
    b = bs_test_slurp(bs_test_path(out, "scores.csv"));
    ck_assert_str_eq(a, b);
    bs_test_csv_read(bs_test_path(out, "scores.csv"), &c);
    for (r = 0; r < c.nrows; r++) {
        double lo = val(&c, r, "rank_p05"), md = val(&c, r, "rank_median");
        double hi = val(&c, r, "rank_p95"), pt = val(&c, r, "p_top");
        if (isnan(val(&c, r, "score"))) {
            ck_assert(isnan(lo));
            continue;
        }
        ck_assert(lo <= md && md <= hi);
        ck_assert(lo >= 1 && hi <= 21);
        ck_assert(pt >= 0 && pt <= 1);
        /* an area always in the top 5 has p95 <= 5 */
        if (pt == 1)
            ck_assert(hi <= 5);
    }
    bs_test_csv_free(&c);
    bs_test_csv_read(bs_test_path(out, "uncertainty.csv"), &c);
    ck_assert_int_eq(c.nrows, 4);     /* 3 weights + the normalisation */
    for (r = 0; r < c.nrows; r++)
        ck_assert(val(&c, r, "mean_abs_rank_shift") >= 0);
    bs_test_csv_free(&c);
    free(a);
    free(b);
}
END_TEST

/* The English IMD 2019 composite from the seven domain ranks: exponential
 * rank transform per domain and the published weights. Recomputed here
 * with its own ranking code and compared with buurtscan's ranking. */
START_TEST(test_england_imd_exponential_transform)
{
    static const char *dom[] = { "income_rank", "employment_rank", "education_rank",
                                 "health_rank", "crime_rank", "barriers_rank",
                                 "living_rank" };
    static const double w[] = { .225, .225, .135, .135, .093, .093, .093 };
    char *dir = strdup(bs_test_tmpdir());
    char text[16384], err[8192], out[4096], shp[4096], csvp[4096];
    char *ini;
    bs_test_csv src, res;
    int r, d, top = -1, bottom = -1;
    double best = -1, worst = 1e9;
    const char *argv[6];
    const double k = 1 - exp(-100.0 / 23);

    snprintf(shp, sizeof shp, "%s", bs_test_shared("data/england-lsoa-2011/lsoa2011_wgs84.shp"));
    snprintf(csvp, sizeof csvp, "%s", bs_test_shared("data/england-lsoa-2011/imd2019_domain_ranks.csv"));
    snprintf(text, sizeof text,
             "[project]\ncrs = EPSG:4326\n"
             "[areas]\nshapefile = %s\nkey = code\n"
             "[data imd]\nfile = %s\nkey = lsoa11cd\n"
             "[indicator income]\ncolumn = income_rank\ndirection = -\nweight = .225\n"
             "[indicator employment]\ncolumn = employment_rank\ndirection = -\nweight = .225\n"
             "[indicator education]\ncolumn = education_rank\ndirection = -\nweight = .135\n"
             "[indicator health]\ncolumn = health_rank\ndirection = -\nweight = .135\n"
             "[indicator crime]\ncolumn = crime_rank\ndirection = -\nweight = .093\n"
             "[indicator barriers]\ncolumn = barriers_rank\ndirection = -\nweight = .093\n"
             "[indicator living]\ncolumn = living_rank\ndirection = -\nweight = .093\n"
             "[score]\nnormalise = exprank\n", shp, csvp);
    ini = bs_test_write(dir, "imd.ini", text);
    snprintf(out, sizeof out, "%s/out", dir);
    argv[0] = "-q"; argv[1] = "run"; argv[2] = ini; argv[3] = "-o"; argv[4] = out; argv[5] = NULL;
    ck_assert_msg(bs_test_run_cli(dir, argv, err, sizeof err) == 0, "%s", err);

    /* independently: domain rank 1 = most deprived, so R = (n + 1 - rank) / n
     * gives R = 1 for the most deprived; X = -23 ln(1 - R k) */
    bs_test_csv_read(csvp, &src);
    ck_assert_int_eq(src.nrows, 32844);
    for (r = 0; r < src.nrows; r++) {
        double s = 0;
        for (d = 0; d < 7; d++) {
            double rank = val(&src, r, dom[d]);
            double R = (src.nrows + 1 - rank) / src.nrows;
            s += w[d] * -23 * log(1 - R * k);
        }
        s /= 0.999;   /* the published weights add up to 0.999 */
        if (s > best) { best = s; top = r; }
        if (s < worst) { worst = s; bottom = r; }
    }
    bs_test_csv_read(bs_test_path(out, "scores.csv"), &res);
    ck_assert_int_eq(res.nrows, 32844);
    for (r = 0; r < res.nrows; r++) {
        if (strcmp(res.cell[r][0], src.cell[top][bs_test_csv_col(&src, "lsoa11cd")]) == 0) {
            ck_assert_double_eq(val(&res, r, "rank"), 1);
            ck_assert_double_eq_tol(val(&res, r, "score"), best, 1e-7 * best);
        }
        if (strcmp(res.cell[r][0], src.cell[bottom][bs_test_csv_col(&src, "lsoa11cd")]) == 0) {
            ck_assert_double_eq(val(&res, r, "rank"), 32844);
            ck_assert_double_eq_tol(val(&res, r, "score"), worst, 1e-8);
        }
    }
    /* the published most deprived LSOA of IoD 2019: Tendring 018A (Jaywick) */
    ck_assert_str_eq(src.cell[top][bs_test_csv_col(&src, "lsoa11cd")], "E01021988");
    bs_test_csv_free(&src);
    bs_test_csv_free(&res);
    bs_test_rmtree(dir);
    free(ini);
    free(dir);
}
END_TEST

/* Disclosure control in scores.csv: no count below min_count and no rate
 * on a denominator below min_denominator is printed; a suppressed cell is
 * empty in raw, normalised and contribution columns and flagged. */
START_TEST(test_scores_csv_disclosure)
{
    const char *out = run_leeuwarden(
        "[indicator jh]\ncolumn = jeugdhulp\nkind = count\n"
        "[indicator rate]\nnumerator = jeugdhulp\ndenominator = jongeren_0_17\n"
        "[indicator opl]\ncolumn = edu_appl_s\ndirection = -\n"
        "[score]\nmin_coverage = 0.3\n"
        "[disclosure]\nmin_count = 100\nround = 5\nmin_denominator = 800\n");
    bs_test_csv c, ill;
    char *t, *q;
    int r, suppressed_counts = 0, suppressed_rates = 0;

    t = bs_test_slurp(bs_test_src("geodata/leeuwarden_illustratief.csv"));
    for (q = t; *q; q++)
        if (*q == ';')
            *q = ',';
    free(bs_test_write(out, "../ill.csv", t));
    free(t);
    bs_test_csv_read(bs_test_path(out, "../ill.csv"), &ill);
    bs_test_csv_read(bs_test_path(out, "scores.csv"), &c);
    for (r = 0; r < c.nrows; r++) {
        int src = bs_test_csv_row(&ill, c.cell[r][0]);
        double count = bs_test_csv_num(&ill, src, "jeugdhulp");
        double young = bs_test_csv_num(&ill, src, "jongeren_0_17");
        const char *f1 = c.cell[r][bs_test_csv_col(&c, "jh_flag")];
        const char *f2 = c.cell[r][bs_test_csv_col(&c, "rate_flag")];
        if (!isnan(count) && count < 100) {
            ck_assert_msg(strcmp(f1, "suppressed") == 0, "%s: count %g flag %s", c.cell[r][0], count, f1);
            ck_assert(isnan(val(&c, r, "jh")));
            ck_assert(isnan(val(&c, r, "jh_norm")));
            ck_assert(isnan(val(&c, r, "jh_contrib")));
            suppressed_counts++;
        } else if (!isnan(count) && strcmp(f1, "suppressed") == 0) {
            /* issue 12: secondary (its rate, or the smallest under the
             * public total): empty everywhere too */
            ck_assert(isnan(val(&c, r, "jh")) && isnan(val(&c, r, "jh_norm")));
        } else if (!isnan(count)) {
            ck_assert_str_eq(f1, "");
            ck_assert(val(&c, r, "jh") >= 100);
            ck_assert_double_eq(fmod(val(&c, r, "jh"), 5), 0);
        }
        if (!isnan(count) && young < 800) {
            ck_assert_str_eq(f2, "suppressed");
            ck_assert(isnan(val(&c, r, "rate")));
            ck_assert(isnan(val(&c, r, "rate_norm")));
            suppressed_rates++;
        } else if (!isnan(count) && strcmp(f2, "suppressed") == 0) {
            ck_assert(isnan(val(&c, r, "rate")) && isnan(val(&c, r, "rate_norm")));
        } else if (!isnan(count)) {
            ck_assert_double_eq_tol(val(&c, r, "rate"), 100 * count / young, 1e-8);
        }
    }
    ck_assert_int_gt(suppressed_counts, 0);
    ck_assert_int_gt(suppressed_rates, 0);
    bs_test_csv_free(&c);
    bs_test_csv_free(&ill);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("composite");
    TCase *tc = tcase_create("e2e");

    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_domains_weighted_mean_of_domain_means);
    tcase_add_test(tc, test_imputation_is_flagged_and_uses_the_mean);
    tcase_add_test(tc, test_small_areas_get_no_score);
    tcase_add_test(tc, test_eb_shrinkage_marshall);
    tcase_add_test(tc, test_geometric_mean_of_minmax_1_100);
    tcase_add_test(tc, test_uncertainty_deterministic_across_threads);
    tcase_add_test(tc, test_england_imd_exponential_transform);
    tcase_add_test(tc, test_scores_csv_disclosure);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
