/* test_designate.c: Plus-IKC designation (top N, threshold, hysteresis,
 * ties at the boundary, change labels, reasons in Dutch and English), IKC
 * scores from catchments, the previous designation file, and quadrant
 * prioritisation. Every expected value is worked out by hand in the
 * comments. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/csv.h"
#include "buurtscan/designate.h"
#include "testutil.h"

static char *dir;

static void setup(void)
{
    dir = strdup(bs_test_tmpdir());
}

static void teardown(void)
{
    bs_test_rmtree(dir);
    free(dir);
}

static void collect(void *ud, const char *msg)
{
    char *buf = ud;
    size_t n = strlen(buf);

    snprintf(buf + n, 2048 - n, "%s\n", msg);
}

/* Keys IKC01 .. IKC<n> in static storage. */
static const char *const *ikc_keys(size_t n)
{
    static char buf[40][8];
    static const char *keys[40];
    size_t i;

    ck_assert_uint_le(n, 40);
    for (i = 0; i < n; i++) {
        snprintf(buf[i], sizeof buf[i], "IKC%02zu", i + 1);
        keys[i] = buf[i];
    }
    return keys;
}

static bs_designation *designate_ok(const bs_designate_input *in,
                                    const bs_designate_rules *r)
{
    bs_designation *d = NULL;
    bs_error err;

    ck_assert_msg(bs_designate(in, r, &d, NULL, &err) == 0, "%s", err.msg);
    return d;
}

static const char *designate_err(const bs_designate_input *in,
                                 const bs_designate_rules *r)
{
    static bs_error err;
    bs_designation *d = (bs_designation *)1;

    ck_assert_int_eq(bs_designate(in, r, &d, NULL, &err), -1);
    ck_assert_ptr_null(d);
    return err.msg;
}

/* ---- hysteresis and change labels ---- */

/* 15 IKCs, IKC01 scores 15 .. IKC15 scores 1: rank = the number. Top 10,
 * keep until rank 13. Designated before: IKC03, IKC12, IKC14, IKC15.
 *   IKC03: rank 3, in the top 10             -> continued
 *   IKC10: rank 10, in the top 10, not before -> new
 *   IKC11: rank 11, not before               -> unchanged
 *   IKC12: rank 12 <= 13, before             -> continued (kept)
 *   IKC14: rank 14 > 13, before              -> dropped
 *   IKC15: rank 15 > 13, before              -> dropped
 * Kept IKC12 does not push IKC10 out: 10 + 1 = 11 designated. */
START_TEST(hysteresis_keeps_rank_12_and_drops_rank_14)
{
    double score[15];
    unsigned char prev[15] = { 0 };
    bs_designate_input in = { 15, ikc_keys(15), score, prev, 0, NULL, NULL };
    bs_designate_rules r;
    bs_designation *d;
    size_t i;

    for (i = 0; i < 15; i++)
        score[i] = 15.0 - (double)i;
    prev[2] = prev[11] = prev[13] = prev[14] = 1;
    bs_designate_rules_init(&r);
    r.keep_until_rank = 13;
    d = designate_ok(&in, &r);

    ck_assert_uint_eq(d->ndesignated, 11);
    ck_assert_uint_eq(d->nmeets, 10);
    ck_assert_uint_eq(d->nkept, 1);
    ck_assert_uint_eq(d->ncontinued, 2);
    ck_assert_uint_eq(d->nnew, 9);
    ck_assert_uint_eq(d->ndropped, 2);
    ck_assert(d->cutoff == 6.0);

    ck_assert_int_eq(d->ikc[2].change, BS_CHANGE_CONTINUED);
    ck_assert_str_eq(d->ikc[2].reason, "blijft: rang 3 (grens: top 10)");
    ck_assert_int_eq(d->ikc[9].change, BS_CHANGE_NEW);
    ck_assert_str_eq(d->ikc[9].reason, "nieuw: rang 10 (grens: top 10)");
    ck_assert_int_eq(d->ikc[10].change, BS_CHANGE_UNCHANGED);
    ck_assert_int_eq(d->ikc[10].designated, 0);
    ck_assert_str_eq(d->ikc[10].reason,
                     "geen predicaat: rang 11 (grens: top 10)");

    ck_assert_int_eq(d->ikc[11].rank_min, 12);
    ck_assert_int_eq(d->ikc[11].designated, 1);
    ck_assert_int_eq(d->ikc[11].meets, 0);
    ck_assert_int_eq(d->ikc[11].kept, 1);
    ck_assert_int_eq(d->ikc[11].change, BS_CHANGE_CONTINUED);
    ck_assert_str_eq(d->ikc[11].reason,
                     "behoudt predicaat: rang 12 <= 13 (buiten top 10)");

    ck_assert_int_eq(d->ikc[13].designated, 0);
    ck_assert_int_eq(d->ikc[13].change, BS_CHANGE_DROPPED);
    ck_assert_str_eq(d->ikc[13].reason,
                     "vervalt: rang 14 > 13 (blijft tot rang 13)");
    ck_assert_str_eq(d->ikc[14].reason,
                     "vervalt: rang 15 > 13 (blijft tot rang 13)");
    bs_designation_free(d);

    /* without hysteresis IKC12 is dropped and the reason gives the cut */
    r.keep_until_rank = 0;
    d = designate_ok(&in, &r);
    ck_assert_uint_eq(d->ndesignated, 10);
    ck_assert_int_eq(d->ikc[11].change, BS_CHANGE_DROPPED);
    ck_assert_str_eq(d->ikc[11].reason, "vervalt: rang 12 (grens: top 10)");
    bs_designation_free(d);
}
END_TEST

START_TEST(change_names_are_stable_words)
{
    ck_assert_str_eq(bs_change_name(BS_CHANGE_UNCHANGED), "unchanged");
    ck_assert_str_eq(bs_change_name(BS_CHANGE_CONTINUED), "continued");
    ck_assert_str_eq(bs_change_name(BS_CHANGE_NEW), "new");
    ck_assert_str_eq(bs_change_name(BS_CHANGE_DROPPED), "dropped");
}
END_TEST

/* ---- ties at the boundary ---- */

/* 12 IKCs: IKC01..IKC09 score 12..4, IKC10 and IKC11 both 3, IKC12 1.
 * Top 10: the 10th and 11th tie, so both are designated (11 in all) and
 * both flagged; competition rank 10 for both, average rank 10.5. */
START_TEST(two_tied_at_rank_10_are_both_designated_and_flagged)
{
    double score[12];
    bs_designate_input in = { 12, ikc_keys(12), score, NULL, 0, NULL, NULL };
    bs_designate_rules r;
    bs_designation *d;
    size_t i;

    for (i = 0; i < 9; i++)
        score[i] = 12.0 - (double)i;
    score[9] = score[10] = 3;
    score[11] = 1;
    bs_designate_rules_init(&r);
    r.ties = BS_TIES_AVERAGE;
    d = designate_ok(&in, &r);
    ck_assert_uint_eq(d->ndesignated, 11);
    ck_assert_uint_eq(d->ntied, 2);
    for (i = 9; i <= 10; i++) {
        ck_assert_int_eq(d->ikc[i].designated, 1);
        ck_assert_int_eq(d->ikc[i].tied_at_boundary, 1);
        ck_assert_int_eq(d->ikc[i].rank_min, 10);
        ck_assert(d->ikc[i].rank == 10.5);
        ck_assert_str_eq(d->ikc[i].reason,
                         "nieuw: rang 10 (grens: top 10); gelijke score op de "
                         "grens: 2 IKC's op rang 10, allemaal aangewezen");
    }
    ck_assert_int_eq(d->ikc[8].tied_at_boundary, 0);
    ck_assert_int_eq(d->ikc[11].designated, 0);
    ck_assert_int_eq(d->ikc[11].tied_at_boundary, 0);
    ck_assert_int_eq(d->ikc[11].rank_min, 12);
    ck_assert(d->cutoff == 3);
    bs_designation_free(d);

    r.language = "en";
    r.ties = BS_TIES_MIN;
    d = designate_ok(&in, &r);
    ck_assert(d->ikc[10].rank == 10);
    ck_assert_str_eq(d->ikc[10].reason,
                     "new: rank 10 (cut-off: top 10); tied at the cut-off: 2 "
                     "IKCs at rank 10, all designated");
    bs_designation_free(d);
}
END_TEST

/* Scores 10, 9, 9, 8, 7, 7, 7, 6 with top 5: positions 5-7 tie (rank 5),
 * so 7 are designated and those 3 are flagged; the tie at rank 2 (positions
 * 2-3) is inside the top and not flagged. With top 3 the group 2-3 ends
 * exactly at 3: 3 designated, nobody flagged. */
START_TEST(only_a_tie_across_the_cut_is_flagged)
{
    double score[8] = { 10, 9, 9, 8, 7, 7, 7, 6 };
    bs_designate_input in = { 8, ikc_keys(8), score, NULL, 0, NULL, NULL };
    bs_designate_rules r;
    bs_designation *d;
    size_t i;

    bs_designate_rules_init(&r);
    r.top = 5;
    d = designate_ok(&in, &r);
    ck_assert_uint_eq(d->ndesignated, 7);
    ck_assert_uint_eq(d->ntied, 3);
    for (i = 0; i < 8; i++) {
        ck_assert_int_eq(d->ikc[i].designated, i < 7);
        ck_assert_int_eq(d->ikc[i].tied_at_boundary, i >= 4 && i < 7);
    }
    ck_assert_int_eq(d->ikc[2].rank_min, 2);
    ck_assert_str_eq(d->ikc[5].reason,
                     "nieuw: rang 5 (grens: top 5); gelijke score op de grens: "
                     "3 IKC's op rang 5, allemaal aangewezen");
    bs_designation_free(d);

    r.top = 3;
    d = designate_ok(&in, &r);
    ck_assert_uint_eq(d->ndesignated, 3);
    ck_assert_uint_eq(d->ntied, 0);
    bs_designation_free(d);
}
END_TEST

/* ---- threshold ---- */

/* Scores 0.9, 0.7, 0.5, 0.45, 0.2 with threshold 0.5: the first three
 * (0.5 >= 0.5 included). Keep until rank 4: IKC04 (before, 0.45 < 0.5,
 * rank 4) is kept; IKC05 (before, rank 5) is dropped. */
START_TEST(threshold_includes_equal_scores_and_keeps_by_rank)
{
    double score[5] = { 0.9, 0.7, 0.5, 0.45, 0.2 };
    unsigned char prev[5] = { 1, 0, 0, 1, 1 };
    bs_designate_input in = { 5, ikc_keys(5), score, prev, 0, NULL, NULL };
    bs_designate_rules r;
    bs_designation *d;

    bs_designate_rules_init(&r);
    r.mode = BS_DESIGNATE_THRESHOLD;
    r.threshold = 0.5;
    r.keep_until_rank = 4;
    d = designate_ok(&in, &r);
    ck_assert_uint_eq(d->ndesignated, 4);
    ck_assert_uint_eq(d->nmeets, 3);
    ck_assert(d->cutoff == 0.5);
    ck_assert_str_eq(d->ikc[0].reason, "blijft: score 0,90 >= 0,5 (rang 1)");
    ck_assert_str_eq(d->ikc[2].reason, "nieuw: score 0,50 >= 0,5 (rang 3)");
    ck_assert_str_eq(d->ikc[3].reason,
                     "behoudt predicaat: rang 4 <= 4 (score 0,45 < 0,5)");
    ck_assert_str_eq(d->ikc[4].reason, "vervalt: score 0,20 < 0,5 en rang 5 > "
                     "4 (blijft tot rang 4)");
    bs_designation_free(d);

    r.keep_until_rank = 0;
    r.language = "en";
    d = designate_ok(&in, &r);
    ck_assert_str_eq(d->ikc[2].reason, "new: score 0.50 >= 0.5 (rank 3)");
    ck_assert_str_eq(d->ikc[3].reason, "dropped: score 0.45 < 0.5 (rank 4)");
    ck_assert_int_eq(d->ikc[1].designated, 1);
    ck_assert_str_eq(d->ikc[1].reason, "new: score 0.70 >= 0.5 (rank 2)");
    bs_designation_free(d);
}
END_TEST

/* Defect 10: a reason rounds the score as the report does (two decimals),
 * and more only where two would make "0,50 < 0,5". */
START_TEST(threshold_reasons_round_scores_as_the_report)
{
    double score[3] = { 0.9, -0.5352426332, 0.4999 };
    bs_designate_input in = { 3, ikc_keys(3), score, NULL, 0, NULL, NULL };
    bs_designate_rules r;
    bs_designation *d;

    bs_designate_rules_init(&r);
    r.mode = BS_DESIGNATE_THRESHOLD;
    r.threshold = 0.5;
    d = designate_ok(&in, &r);
    ck_assert_str_eq(d->ikc[2].reason, "geen predicaat: score 0,4999 < 0,5 (rang 2)");
    ck_assert_str_eq(d->ikc[1].reason, "geen predicaat: score -0,54 < 0,5 (rang 3)");
    bs_designation_free(d);
}
END_TEST

/* ---- reasons ---- */

/* 10 IKCs, IKC08 at rank 8 and new. Its contributions: armoede 0.9,
 * jeugdhulp 0.5, eenouder 0.4, onderwijs 0.1: the top three by size. IKC01
 * has two positive contributions (the others are negative or missing):
 * only those two are named. IKC02 has armoede and jeugdhulp tied at 0.3:
 * the earlier indicator first. IKC03 has none above 0: no list. */
START_TEST(reasons_name_the_largest_contributions)
{
    static const char *const labels[] = { "onderwijs", "armoede", "jeugdhulp",
                                          "eenouder" };
    static const char *const labels_en[] = { "education", "poverty",
                                             "youth care", "single parents" };
    double score[10], c0[10], c1[10], c2[10], c3[10];
    const double *contrib[4] = { c0, c1, c2, c3 };
    bs_designate_input in = { 10, ikc_keys(10), score, NULL, 4, contrib,
                              labels };
    bs_designate_rules r;
    bs_designation *d;
    size_t i;

    for (i = 0; i < 10; i++) {
        score[i] = 10.0 - (double)i;
        c0[i] = c1[i] = c2[i] = c3[i] = 0.1;
    }
    c0[7] = 0.1, c1[7] = 0.9, c2[7] = 0.5, c3[7] = 0.4;
    c0[0] = -0.2, c1[0] = 0.7, c2[0] = NAN, c3[0] = 0.2;
    c0[1] = 0.1, c1[1] = 0.3, c2[1] = 0.3, c3[1] = 0.2;
    c0[2] = -1, c1[2] = 0, c2[2] = NAN, c3[2] = -0.5;
    bs_designate_rules_init(&r);
    d = designate_ok(&in, &r);
    ck_assert_str_eq(d->ikc[7].reason, "nieuw: rang 8 (grens: top 10); "
                     "grootste bijdragen: armoede, jeugdhulp, eenouder");
    ck_assert_str_eq(d->ikc[0].reason, "nieuw: rang 1 (grens: top 10); "
                     "grootste bijdragen: armoede, eenouder");
    ck_assert_str_eq(d->ikc[1].reason, "nieuw: rang 2 (grens: top 10); "
                     "grootste bijdragen: armoede, jeugdhulp, eenouder");
    ck_assert_str_eq(d->ikc[2].reason, "nieuw: rang 3 (grens: top 10)");
    bs_designation_free(d);

    in.labels = labels_en;
    r.language = "en";
    r.nreasons = 2;
    d = designate_ok(&in, &r);
    ck_assert_str_eq(d->ikc[7].reason, "new: rank 8 (cut-off: top 10); "
                     "largest contributions: poverty, youth care");
    bs_designation_free(d);
}
END_TEST

START_TEST(reasons_of_undesignated_ikcs_name_no_contributions)
{
    static const char *const labels[] = { "armoede" };
    double score[3] = { 3, 2, 1 }, c0[3] = { 1, 1, 1 };
    const double *contrib[1] = { c0 };
    unsigned char prev[3] = { 0, 0, 1 };
    bs_designate_input in = { 3, ikc_keys(3), score, prev, 1, contrib, labels };
    bs_designate_rules r;
    bs_designation *d;

    bs_designate_rules_init(&r);
    r.top = 1;
    d = designate_ok(&in, &r);
    ck_assert_str_eq(d->ikc[0].reason, "nieuw: rang 1 (grens: top 1); "
                     "grootste bijdragen: armoede");
    ck_assert_str_eq(d->ikc[1].reason, "geen predicaat: rang 2 (grens: top 1)");
    ck_assert_str_eq(d->ikc[2].reason, "vervalt: rang 3 (grens: top 1)");
    bs_designation_free(d);
}
END_TEST

/* ---- missing scores ---- */

/* IKC02 has no score: it is not ranked, does not count towards the top 2
 * (IKC01 and IKC03 are designated), and as a previous Plus-IKC it is
 * dropped with a warning and a reason that says why. */
START_TEST(ikc_without_score_is_not_ranked_and_dropped_with_a_warning)
{
    double score[4] = { 5, NAN, 4, NAN };
    unsigned char prev[4] = { 0, 1, 0, 0 };
    bs_designate_input in = { 4, ikc_keys(4), score, prev, 0, NULL, NULL };
    bs_designate_rules r;
    bs_designation *d;
    char warn[2048] = "";
    bs_diag diag = { collect, warn };
    bs_error err;

    bs_designate_rules_init(&r);
    r.top = 2;
    r.keep_until_rank = 3;
    ck_assert_int_eq(bs_designate(&in, &r, &d, &diag, &err), 0);
    ck_assert_uint_eq(d->ndesignated, 2);
    ck_assert_uint_eq(d->nunscored, 2);
    ck_assert_int_eq(d->ikc[0].designated, 1);
    ck_assert_int_eq(d->ikc[2].designated, 1);
    ck_assert_int_eq(d->ikc[2].rank_min, 2);
    ck_assert_int_eq(d->ikc[1].scored, 0);
    ck_assert_int_eq(d->ikc[1].rank_min, 0);
    ck_assert(isnan(d->ikc[1].rank));
    ck_assert_int_eq(d->ikc[1].change, BS_CHANGE_DROPPED);
    ck_assert_str_eq(d->ikc[1].reason,
                     "vervalt: geen score (ontbrekende gegevens)");
    ck_assert_str_eq(d->ikc[3].reason,
                     "geen predicaat: geen score (ontbrekende gegevens)");
    ck_assert_str_eq(warn, "designation: Plus-IKC 'IKC02' has no score "
                     "(missing data); it cannot be ranked and is dropped\n");
    bs_designation_free(d);
}
END_TEST

START_TEST(bad_rules_and_inputs_are_errors)
{
    double score[3] = { 3, 2, 1 };
    unsigned char prev[3] = { 0, 2, 0 };
    const char *dup[3] = { "IKC1", "IKC2", " ikc1" };
    bs_designate_input in = { 3, ikc_keys(3), score, NULL, 0, NULL, NULL };
    bs_designate_rules r;

    bs_designate_rules_init(&r);
    r.top = 0;
    ck_assert_str_eq(designate_err(&in, &r),
                     "designation: top must be at least 1");
    r.top = 10;
    r.keep_until_rank = 8;
    ck_assert_str_eq(designate_err(&in, &r), "designation: keep_until_rank (8) "
                     "is below top (10), so it could never keep an IKC");
    r.keep_until_rank = 0;
    r.language = "fy";
    ck_assert_str_eq(designate_err(&in, &r),
                     "designation: unknown language 'fy' (nl or en)");
    r.language = "nl";
    r.mode = BS_DESIGNATE_THRESHOLD;
    ck_assert_str_eq(designate_err(&in, &r),
                     "designation: the threshold is not a finite number");
    r.mode = BS_DESIGNATE_TOP;
    in.previous = prev;
    ck_assert_str_eq(designate_err(&in, &r), "designation: IKC 'IKC02': "
                     "previous flag 2 (expected 0 or 1)");
    in.previous = NULL;
    in.keys = dup;
    ck_assert_str_eq(designate_err(&in, &r), "designation: IKC key ' ikc1' "
                     "occurs twice (IKCs 1 and 3)");
    in.keys = ikc_keys(3);
    score[1] = INFINITY;
    ck_assert_str_eq(designate_err(&in, &r),
                     "designation: IKC 'IKC02': the score is not finite");
}
END_TEST

/* ---- IKC scores ---- */

START_TEST(score_by_location_takes_the_area_score)
{
    static const long area[] = { 2, -1, 0 };
    static const double area_score[] = { 1.5, 2.5, NAN };
    double score[3];

    bs_scores_by_location(area, 3, area_score, score);
    ck_assert(isnan(score[0]));
    ck_assert(isnan(score[1]));
    ck_assert(score[2] == 1.5);
}
END_TEST

static bs_table *csv_table(const char *name, const char *text)
{
    char *path = bs_test_write(dir, name, text);
    bs_table *t;
    bs_error err;

    ck_assert_msg(bs_csv_read(path, NULL, &t, &err) == 0, "%s", err.msg);
    free(path);
    return t;
}

static const char *const wijken[] = { "WK01", "WK02", "WK03" };
static const double wijk_score[] = { 2.0, 5.0, NAN };

/* IKC01: WK01 30 pupils (score 2), WK02 10 (5), WK03 20 (no score):
 *        (30*2 + 10*5) / (30 + 10) = 110 / 40 = 2.75; coverage 40/60.
 * IKC02: only WK03: no pupils in a scored area -> NaN, coverage 0.
 * IKC03: no rows -> NaN, coverage NaN.
 * IKC04: WK01 5 pupils, WK02 0 pupils -> 2.0, coverage 1. */
START_TEST(catchment_score_is_the_pupil_weighted_mean)
{
    bs_table *t = csv_table("c.csv",
        "ikc,wijk,leerlingen\n"
        "IKC01,WK01,30\n"
        "IKC01,wk02,10\n"
        "IKC01,WK03,20\n"
        "IKC02,WK03,12\n"
        "IKC04,WK01,5\n"
        "IKC04,WK02,0\n");
    double score[4], cov[4];
    char warn[2048] = "";
    bs_diag diag = { collect, warn };
    bs_error err;

    ck_assert_msg(bs_catchment_scores(t, "ikc", "wijk", "leerlingen",
                                      ikc_keys(4), 4, wijken, wijk_score, 3,
                                      score, cov, &diag, &err) == 0,
                  "%s", err.msg);
    ck_assert(score[0] == 2.75);
    ck_assert(cov[0] == 40.0 / 60.0);
    ck_assert(isnan(score[1]));
    ck_assert(cov[1] == 0);
    ck_assert(isnan(score[2]));
    ck_assert(isnan(cov[2]));
    ck_assert(score[3] == 2.0);
    ck_assert(cov[3] == 1.0);
    ck_assert_ptr_nonnull(strstr(warn, "c.csv: IKC 'IKC02': none of its "
                                 "pupils live in an area with a score; it "
                                 "gets no score\n"));
    ck_assert_ptr_nonnull(strstr(warn, "c.csv: IKC 'IKC03' has no rows; it "
                                 "gets no score\n"));
    bs_table_free(t);
}
END_TEST

static const char *catchment_err(const char *text)
{
    static bs_error err;
    bs_table *t = csv_table("c.csv", text);
    double score[4];
    const char *msg;

    ck_assert_int_eq(bs_catchment_scores(t, "ikc", "wijk", "leerlingen",
                                         ikc_keys(4), 4, wijken, wijk_score,
                                         3, score, NULL, NULL, &err), -1);
    bs_table_free(t);
    msg = strstr(err.msg, "c.csv");
    return msg ? msg : err.msg;
}

START_TEST(catchment_errors_name_file_and_line)
{
    ck_assert_str_eq(catchment_err("ikc,wijk,leerlingen\nIKC01,WK01,3\n"
                                   "IKC99,WK01,4\n"),
                     "c.csv:3: IKC 'IKC99' is not among the IKCs");
    ck_assert_str_eq(catchment_err("ikc,wijk,leerlingen\nIKC01,WK09,3\n"),
                     "c.csv:2: IKC 'IKC01': area 'WK09' is not among the "
                     "areas");
    ck_assert_str_eq(catchment_err("ikc,wijk,leerlingen\nIKC01,WK01,-3\n"),
                     "c.csv:2: IKC 'IKC01', area 'WK01': negative pupil count "
                     "(-3)");
    ck_assert_str_eq(catchment_err("ikc,wijk,leerlingen\nIKC01,WK01,veel\n"),
                     "c.csv:2: IKC 'IKC01', area 'WK01': pupils is 'veel', "
                     "which is not a number");
    ck_assert_str_eq(catchment_err("ikc,wijk,leerlingen\nIKC01,WK01,\n"),
                     "c.csv:2: IKC 'IKC01', area 'WK01': no pupil count in "
                     "column 'leerlingen'");
    ck_assert_str_eq(catchment_err("ikc,wijk,leerlingen\n,WK01,3\n"),
                     "c.csv:2: empty IKC key in column 'ikc'");
    ck_assert_str_eq(catchment_err("ikc,wijk,leerlingen\nIKC01,WK01,3\n"
                                   "IKC02,WK01,3\nikc01,WK01,4\n"),
                     "c.csv:4: IKC 'ikc01' and area 'WK01' appear twice (also "
                     "at line 2)");
    ck_assert_str_eq(catchment_err("ikc,gebied,leerlingen\nIKC01,WK01,3\n"),
                     "c.csv: the area column 'wijk' is not in the file "
                     "(columns: ikc, gebied, leerlingen)");
}
END_TEST

/* ---- previous designation ---- */

START_TEST(previous_designation_file_marks_listed_ikcs)
{
    bs_table *t = csv_table("p.csv", "key,naam\nIKC03,De Wel\nikc01 ,Op 'e Terp\n");
    unsigned char prev[4];
    bs_error err;

    ck_assert_msg(bs_previous_designation(t, "key", NULL, ikc_keys(4), 4, prev,
                                          &err) == 0, "%s", err.msg);
    ck_assert(prev[0] == 1 && prev[1] == 0 && prev[2] == 1 && prev[3] == 0);
    bs_table_free(t);

    t = csv_table("p.csv", "key,plus\nIKC01,1\nIKC02,0\nIKC04,1\n");
    ck_assert_msg(bs_previous_designation(t, "key", "plus", ikc_keys(4), 4,
                                          prev, &err) == 0, "%s", err.msg);
    ck_assert(prev[0] == 1 && prev[1] == 0 && prev[2] == 0 && prev[3] == 1);
    bs_table_free(t);
}
END_TEST

START_TEST(previous_designation_errors_name_the_line)
{
    bs_table *t = csv_table("p.csv", "key\nIKC01\nIKC99\n");
    unsigned char prev[4];
    bs_error err;

    ck_assert_int_eq(bs_previous_designation(t, "key", NULL, ikc_keys(4), 4,
                                             prev, &err), -1);
    ck_assert_str_eq(strstr(err.msg, "p.csv"),
                     "p.csv:3: previous Plus-IKC 'IKC99' is not among the IKCs");
    bs_table_free(t);

    t = csv_table("p.csv", "key\nIKC01\nIKC02\nikc01\n");
    ck_assert_int_eq(bs_previous_designation(t, "key", NULL, ikc_keys(4), 4,
                                             prev, &err), -1);
    ck_assert_str_eq(strstr(err.msg, "p.csv"), "p.csv:4: duplicate key 'ikc01' "
                     "in column 'key' (also at line 2)");
    bs_table_free(t);

    t = csv_table("p.csv", "key,plus\nIKC01,ja\n");
    ck_assert_int_eq(bs_previous_designation(t, "key", "plus", ikc_keys(4), 4,
                                             prev, &err), -1);
    ck_assert_str_eq(strstr(err.msg, "p.csv"), "p.csv:2: IKC 'IKC01': column "
                     "'plus' holds 'ja'; expected 1 (designated) or 0");
    ck_assert_int_eq(bs_previous_designation(t, "code", NULL, ikc_keys(4), 4,
                                             prev, &err), -1);
    ck_assert_str_eq(strstr(err.msg, "p.csv"), "p.csv: the key column 'code' "
                     "is not in the file (columns: key, plus); the previous list "
                     "needs a column named 'code', or name its IKC column with "
                     "previous_key = COLUMN in [designate]");
    bs_table_free(t);
}
END_TEST

/* Defect 11: a previous list without a column named key says what to do. */
START_TEST(previous_list_without_key_column_names_previous_key)
{
    bs_table *t = csv_table("p.csv", "ikc,naam\nIKC01,De Wel\n");
    unsigned char prev[4];
    bs_error err;

    ck_assert_int_eq(bs_previous_designation(t, "key", NULL, ikc_keys(4), 4,
                                             prev, &err), -1);
    ck_assert_msg(strstr(err.msg, "needs a column named 'key'") != NULL, "%s", err.msg);
    ck_assert_msg(strstr(err.msg, "previous_key = COLUMN") != NULL, "%s", err.msg);
    bs_table_free(t);
}
END_TEST

/* ---- prioritisation ---- */

/* need   3  8  5  9  1  NaN
 * supply 2  1  6  7  0  3
 * Median need of 1 3 5 8 9 = 5: high need (> 5) = areas 1 and 3; area 2
 * (need 5, on the cut) is low need. Median supply of 0 1 2 3 6 7 = 2.5:
 * low supply (< 2.5) = areas 0, 1, 4. Area 5 has no need: unknown.
 * Order: high need/low supply first (area 1), then by need: 3 (9), 2 (5),
 * 0 (3), 4 (1), then the unknown area 5. */
START_TEST(quadrants_by_medians_and_priority_order)
{
    static const double need[] = { 3, 8, 5, 9, 1, NAN };
    static const double supply[] = { 2, 1, 6, 7, 0, 3 };
    static const bs_quadrant want[] = {
        BS_Q_LOW_NEED_LOW_SUPPLY, BS_Q_HIGH_NEED_LOW_SUPPLY,
        BS_Q_LOW_NEED_HIGH_SUPPLY, BS_Q_HIGH_NEED_HIGH_SUPPLY,
        BS_Q_LOW_NEED_LOW_SUPPLY, BS_Q_UNKNOWN
    };
    static const size_t want_order[] = { 1, 3, 2, 0, 4, 5 };
    static const long want_prio[] = { 4, 1, 3, 2, 5, 6 };
    double ncut = NAN, scut = NAN;
    bs_quadrant q[6];
    size_t order[6], i;
    long prio[6];
    bs_error err;

    ck_assert_msg(bs_prioritise(need, supply, 6, &ncut, &scut, q, order, prio,
                                &err) == 0, "%s", err.msg);
    ck_assert(ncut == 5);
    ck_assert(scut == 2.5);
    for (i = 0; i < 6; i++) {
        ck_assert_int_eq(q[i], want[i]);
        ck_assert_uint_eq(order[i], want_order[i]);
        ck_assert_int_eq(prio[i], want_prio[i]);
    }
}
END_TEST

/* The same areas cut at need 2 and supply 5: high need = 0, 1, 2, 3; low
 * supply = 0, 1, 4. High need/low supply: areas 1 (8) and 0 (3), by need;
 * then 3 (9), 2 (5), 4 (1); then 5. Equal need in the first group: the
 * lower supply first. */
START_TEST(given_cut_offs_and_equal_need)
{
    static const double need[] = { 3, 8, 5, 9, 1, NAN };
    static const double supply[] = { 2, 1, 6, 7, 0, 3 };
    static const double need2[] = { 4, 4, 1 };
    static const double supply2[] = { 2, 1, 9 };
    static const size_t want_order[] = { 1, 0, 3, 2, 4, 5 };
    double ncut = 2, scut = 5;
    bs_quadrant q[6];
    size_t order[6], i;
    bs_error err;

    ck_assert_int_eq(bs_prioritise(need, supply, 6, &ncut, &scut, q, order,
                                   NULL, &err), 0);
    ck_assert(ncut == 2 && scut == 5);
    ck_assert_int_eq(q[0], BS_Q_HIGH_NEED_LOW_SUPPLY);
    ck_assert_int_eq(q[2], BS_Q_HIGH_NEED_HIGH_SUPPLY);
    for (i = 0; i < 6; i++)
        ck_assert_uint_eq(order[i], want_order[i]);

    ncut = scut = NAN;
    ck_assert_int_eq(bs_prioritise(need2, supply2, 3, &ncut, &scut, q, order,
                                   NULL, &err), 0);
    /* median need 4: nobody is above it, so all low need; order by need
     * (4, 4, 1), equal need: supply 1 before supply 2 */
    ck_assert_uint_eq(order[0], 1);
    ck_assert_uint_eq(order[1], 0);
    ck_assert_uint_eq(order[2], 2);
}
END_TEST

START_TEST(quadrant_labels_in_dutch_and_english)
{
    ck_assert_str_eq(bs_quadrant_label(BS_Q_HIGH_NEED_LOW_SUPPLY, NULL),
                     "hoge nood, weinig basis");
    ck_assert_str_eq(bs_quadrant_label(BS_Q_HIGH_NEED_HIGH_SUPPLY, "nl"),
                     "hoge nood, sterke basis");
    ck_assert_str_eq(bs_quadrant_label(BS_Q_LOW_NEED_LOW_SUPPLY, "nl"),
                     "lage nood, weinig basis");
    ck_assert_str_eq(bs_quadrant_label(BS_Q_LOW_NEED_HIGH_SUPPLY, "nl"),
                     "lage nood, sterke basis");
    ck_assert_str_eq(bs_quadrant_label(BS_Q_HIGH_NEED_LOW_SUPPLY, "en"),
                     "high need, weak base");
    ck_assert_ptr_null(bs_quadrant_label(BS_Q_UNKNOWN, "de"));
}
END_TEST

START_TEST(prioritisation_without_values_is_an_error)
{
    static const double need[] = { NAN, NAN };
    static const double supply[] = { 1, 2 };
    static const double inf[] = { 1, INFINITY };
    double ncut = NAN, scut = NAN;
    bs_quadrant q[2];
    bs_error err;

    ck_assert_int_eq(bs_prioritise(need, supply, 2, &ncut, &scut, q, NULL,
                                   NULL, &err), -1);
    ck_assert_str_eq(err.msg, "prioritisation: no area has a need value, so "
                     "there is no median to cut at");
    ck_assert_int_eq(bs_prioritise(supply, inf, 2, &ncut, &scut, q, NULL,
                                   NULL, &err), -1);
    ck_assert_str_eq(err.msg, "prioritisation: area 2: supply is not finite");
}
END_TEST

static Suite *designate_suite(void)
{
    Suite *s = suite_create("designate");
    TCase *d = tcase_create("designation");
    TCase *sc = tcase_create("ikc scores");
    TCase *p = tcase_create("prioritisation");

    tcase_add_test(d, hysteresis_keeps_rank_12_and_drops_rank_14);
    tcase_add_test(d, change_names_are_stable_words);
    tcase_add_test(d, two_tied_at_rank_10_are_both_designated_and_flagged);
    tcase_add_test(d, only_a_tie_across_the_cut_is_flagged);
    tcase_add_test(d, threshold_includes_equal_scores_and_keeps_by_rank);
    tcase_add_test(d, reasons_name_the_largest_contributions);
    tcase_add_test(d, reasons_of_undesignated_ikcs_name_no_contributions);
    tcase_add_test(d,
        ikc_without_score_is_not_ranked_and_dropped_with_a_warning);
    tcase_add_test(d, bad_rules_and_inputs_are_errors);
    suite_add_tcase(s, d);

    tcase_add_checked_fixture(sc, setup, teardown);
    tcase_add_test(sc, score_by_location_takes_the_area_score);
    tcase_add_test(sc, catchment_score_is_the_pupil_weighted_mean);
    tcase_add_test(sc, catchment_errors_name_file_and_line);
    tcase_add_test(sc, previous_designation_file_marks_listed_ikcs);
    tcase_add_test(sc, previous_designation_errors_name_the_line);
    tcase_add_test(sc, previous_list_without_key_column_names_previous_key);
    tcase_add_test(sc, threshold_reasons_round_scores_as_the_report);
    suite_add_tcase(s, sc);

    tcase_add_test(p, quadrants_by_medians_and_priority_order);
    tcase_add_test(p, given_cut_offs_and_equal_need);
    tcase_add_test(p, quadrant_labels_in_dutch_and_english);
    tcase_add_test(p, prioritisation_without_values_is_an_error);
    suite_add_tcase(s, p);
    return s;
}

int main(void)
{
    return bs_test_run_suite(designate_suite(), 1);
}
