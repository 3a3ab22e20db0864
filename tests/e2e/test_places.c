/* test_places.c: point layers, social-base supply, the Plus-IKC herijking
 * and the scan priorities, end to end through the CLI. Expected values are
 * recomputed here: points are counted with a brute-force even-odd ray cast
 * over polygons read straight from the shapefile with shapelib, and the
 * designation rules are applied to the scores buurtscan wrote. */
#include <check.h>
#include <math.h>
#include <shapefil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

/* --- an independent point-in-polygon ----------------------------------- */

typedef struct poly {
    char code[32];
    SHPObject *obj;
} poly;

static int read_polys(const char *shp, const char *prefix, poly **out)
{
    char base[4096];
    SHPHandle sh;
    DBFHandle db;
    int n, i, m = 0, fcode;
    poly *p;

    snprintf(base, sizeof base, "%.*s", (int)strlen(shp) - 4, shp);
    sh = SHPOpen(base, "rb");
    db = DBFOpen(base, "rb");
    ck_assert(sh && db);
    SHPGetInfo(sh, &n, NULL, NULL, NULL);
    fcode = DBFGetFieldIndex(db, "code");
    p = calloc((size_t)n, sizeof *p);
    for (i = 0; i < n; i++) {
        const char *code = DBFReadStringAttribute(db, i, fcode);
        if (strncmp(code, prefix, strlen(prefix)) != 0)
            continue;
        snprintf(p[m].code, sizeof p[m].code, "%s", code);
        p[m].obj = SHPReadObject(sh, i);
        m++;
    }
    SHPClose(sh);
    DBFClose(db);
    *out = p;
    return m;
}

static int inside(const SHPObject *o, double x, double y)
{
    int part, c = 0;
    for (part = 0; part < o->nParts; part++) {
        int a = o->panPartStart[part];
        int b = part + 1 < o->nParts ? o->panPartStart[part + 1] : o->nVertices;
        int k;
        for (k = a; k + 1 < b; k++) {
            double x0 = o->padfX[k], y0 = o->padfY[k];
            double x1 = o->padfX[k + 1], y1 = o->padfY[k + 1];
            if ((y0 > y) != (y1 > y) && x < x0 + (y - y0) / (y1 - y0) * (x1 - x0))
                c = !c;
        }
    }
    return c;
}

static void free_polys(poly *p, int n)
{
    int i;
    for (i = 0; i < n; i++)
        SHPDestroyObject(p[i].obj);
    free(p);
}

/* --- the demo's herijking ---------------------------------------------- */

START_TEST(test_demo_herijking_follows_the_rules)
{
    char *dir = strdup(bs_test_tmpdir());
    char ini[4096];
    const char *out;
    bs_test_csv sc, ikc, prev, des;
    int i, k, ndes = 0;
    double *score;
    int *previous;

    snprintf(ini, sizeof ini, "%s", bs_test_src("templates/gebiedsscan.ini"));
    out = bs_test_run_project(ini, dir);
    bs_test_csv_read(bs_test_path(out, "scores.csv"), &sc);
    bs_test_csv_read(bs_test_path(out, "designation-plus-ikc.csv"), &des);
    /* the generator wrote each IKC's wijk beside its coordinates (';') */
    {
        char *t = bs_test_slurp(bs_test_src("geodata/ikc.csv")), *p;
        for (p = t; *p; p++)
            if (*p == ';')
                *p = ',';
        free(bs_test_write(dir, "ikc_comma.csv", t));
        free(t);
        t = bs_test_slurp(bs_test_src("geodata/plus_ikc_vorige.csv"));
        for (p = t; *p; p++)
            if (*p == ';')
                *p = ',';
        free(bs_test_write(dir, "prev_comma.csv", t));
        free(t);
    }
    bs_test_csv_read(bs_test_path(dir, "ikc_comma.csv"), &ikc);
    bs_test_csv_read(bs_test_path(dir, "prev_comma.csv"), &prev);
    ck_assert_int_eq(des.nrows, ikc.nrows);
    ck_assert_int_eq(des.nrows, 30);
    score = malloc((size_t)des.nrows * sizeof *score);
    previous = calloc((size_t)des.nrows, sizeof *previous);
    for (i = 0; i < des.nrows; i++) {
        const char *wijk = ikc.cell[i][bs_test_csv_col(&ikc, "wijk")];
        ck_assert_str_eq(des.cell[i][0], ikc.cell[i][0]);
        /* point-in-polygon put the IKC in the wijk it was drawn in */
        ck_assert_str_eq(des.cell[i][bs_test_csv_col(&des, "area_code")], wijk);
        /* its score is its wijk's score */
        score[i] = bs_test_csv_num(&sc, bs_test_csv_row(&sc, wijk), "score");
        if (isnan(score[i]))
            ck_assert(isnan(bs_test_csv_num(&des, i, "score")));
        else
            ck_assert_double_eq_tol(bs_test_csv_num(&des, i, "score"), score[i], 1e-9);
        for (k = 0; k < prev.nrows; k++)
            if (strcmp(prev.cell[k][0], des.cell[i][0]) == 0)
                previous[i] = 1;
    }
    /* top 10 by competition rank, plus previous Plus-IKCs with rank <= 13 */
    for (i = 0; i < des.nrows; i++) {
        int rank_min = 1, meets, kept, designated;
        const char *change;
        if (isnan(score[i])) {
            ck_assert_str_eq(des.cell[i][bs_test_csv_col(&des, "designated")], "0");
            continue;
        }
        for (k = 0; k < des.nrows; k++)
            rank_min += !isnan(score[k]) && score[k] > score[i];
        meets = rank_min <= 10;
        kept = !meets && previous[i] && rank_min <= 13;
        designated = meets || kept;
        ndes += designated;
        change = designated ? (previous[i] ? "continued" : "new")
                            : (previous[i] ? "dropped" : "unchanged");
        ck_assert_int_eq(atoi(des.cell[i][bs_test_csv_col(&des, "designated")]), designated);
        ck_assert_int_eq(atoi(des.cell[i][bs_test_csv_col(&des, "previous")]), previous[i]);
        ck_assert_int_eq(atoi(des.cell[i][bs_test_csv_col(&des, "kept")]), kept);
        ck_assert_str_eq(des.cell[i][bs_test_csv_col(&des, "change")], change);
        ck_assert_int_eq((int)bs_test_csv_num(&des, i, "rank"), rank_min);
        ck_assert(bs_test_csv_num(&des, i, "p_top") >= 0 &&
                  bs_test_csv_num(&des, i, "p_top") <= 1);
        /* every reason names the rank */
        ck_assert_ptr_nonnull(strstr(des.cell[i][bs_test_csv_col(&des, "reason")], "rang"));
    }
    ck_assert_int_ge(ndes, 10);
    free(score);
    free(previous);
    bs_test_csv_free(&sc);
    bs_test_csv_free(&ikc);
    bs_test_csv_free(&prev);
    bs_test_csv_free(&des);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_demo_supply_and_quadrants)
{
    char *dir = strdup(bs_test_tmpdir());
    char ini[4096], *t, *p;
    const char *out;
    bs_test_csv pr, sb, ill;
    poly *polys;
    int npoly, i, k;
    double need_med, supply_med, *nv, *sv;
    int nboth = 0;

    snprintf(ini, sizeof ini, "%s", bs_test_src("templates/gebiedsscan.ini"));
    out = bs_test_run_project(ini, dir);
    bs_test_csv_read(bs_test_path(out, "priorities-scan.csv"), &pr);
    t = bs_test_slurp(bs_test_src("geodata/sociale_basis.csv"));
    for (p = t; *p; p++)
        if (*p == ';')
            *p = ',';
    free(bs_test_write(dir, "sb.csv", t));
    free(t);
    t = bs_test_slurp(bs_test_src("geodata/leeuwarden_illustratief.csv"));
    for (p = t; *p; p++)
        if (*p == ';')
            *p = ',';
    free(bs_test_write(dir, "ill.csv", t));
    free(t);
    bs_test_csv_read(bs_test_path(dir, "sb.csv"), &sb);
    bs_test_csv_read(bs_test_path(dir, "ill.csv"), &ill);
    npoly = read_polys(bs_test_src("geodata/leeuwarden_wijken_2022.shp"), "WK0080", &polys);
    ck_assert_int_eq(npoly, 22);
    nv = malloc(22 * sizeof *nv);
    sv = malloc(22 * sizeof *sv);
    for (i = 0; i < npoly; i++) {
        int count = 0, r = bs_test_csv_row(&pr, polys[i].code);
        double young = bs_test_csv_num(&ill, bs_test_csv_row(&ill, polys[i].code),
                                       "jongeren_0_17");
        for (k = 0; k < sb.nrows; k++)
            count += inside(polys[i].obj, bs_test_csv_num(&sb, k, "x"),
                            bs_test_csv_num(&sb, k, "y"));
        ck_assert_double_eq_tol(bs_test_csv_num(&pr, r, "supply"), 1000.0 * count / young,
                                1e-9 * (1 + 1000.0 * count / young));
        if (!isnan(bs_test_csv_num(&pr, r, "need"))) {
            nv[nboth] = bs_test_csv_num(&pr, r, "need");
            sv[nboth++] = bs_test_csv_num(&pr, r, "supply");
        }
    }
    /* medians (the default cuts) of the 21 areas with both values */
    for (i = 0; i < nboth; i++)
        for (k = i + 1; k < nboth; k++) {
            double a;
            if (nv[k] < nv[i]) { a = nv[i]; nv[i] = nv[k]; nv[k] = a; }
            if (sv[k] < sv[i]) { a = sv[i]; sv[i] = sv[k]; sv[k] = a; }
        }
    ck_assert_int_eq(nboth, 21);
    need_med = nv[10];
    supply_med = sv[10];
    for (i = 0; i < pr.nrows; i++) {
        double need = bs_test_csv_num(&pr, i, "need"), sup = bs_test_csv_num(&pr, i, "supply");
        const char *q = pr.cell[i][bs_test_csv_col(&pr, "quadrant")];
        if (isnan(need)) {
            ck_assert_str_eq(q, "");
            ck_assert_str_eq(pr.cell[i][bs_test_csv_col(&pr, "priority")], "");
            continue;
        }
        if (need > need_med && sup < supply_med)
            ck_assert_str_eq(q, "hoge nood, weinig basis");
        else if (need > need_med)
            ck_assert_str_eq(q, "hoge nood, sterke basis");
        else if (sup < supply_med)
            ck_assert_str_eq(q, "lage nood, weinig basis");
        else
            ck_assert_str_eq(q, "lage nood, sterke basis");
    }
    /* priority 1 is the neediest area with a weak social base */
    for (i = 0; i < pr.nrows; i++)
        if (strcmp(pr.cell[i][bs_test_csv_col(&pr, "priority")], "1") == 0)
            ck_assert_str_eq(pr.cell[i][bs_test_csv_col(&pr, "quadrant")],
                             "hoge nood, weinig basis");
    free(nv);
    free(sv);
    free_polys(polys, npoly);
    bs_test_csv_free(&pr);
    bs_test_csv_free(&sb);
    bs_test_csv_free(&ill);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

/* Lelystad from the national CBS map, 600 generated points in its bounding
 * box: counts per wijk against the brute-force count; points outside every
 * wijk are reported by validate. */
START_TEST(test_lelystad_generated_points)
{
    char *dir = strdup(bs_test_tmpdir());
    char text[16384], shp[4096], *ini, cmd[8600], vout[65536];
    poly *polys;
    int npoly, i, k, outside = 0;
    double minx = 1e18, miny = 1e18, maxx = -1e18, maxy = -1e18;
    unsigned long long s = 20241122ULL;
    double px[600], py[600];
    FILE *f;
    const char *out;
    bs_test_csv pr;
    size_t n;

    snprintf(shp, sizeof shp, "%s", bs_test_shared("data/nl-wijken-2022/NLD_dist_2022.shp"));
    npoly = read_polys(shp, "WK0995", &polys);
    ck_assert_int_eq(npoly, 11);
    for (i = 0; i < npoly; i++) {
        const SHPObject *o = polys[i].obj;
        if (o->dfXMin < minx) minx = o->dfXMin;
        if (o->dfYMin < miny) miny = o->dfYMin;
        if (o->dfXMax > maxx) maxx = o->dfXMax;
        if (o->dfYMax > maxy) maxy = o->dfYMax;
    }
    f = fopen(bs_test_path(dir, "pts.csv"), "w");
    fputs("id,x,y\n", f);
    for (k = 0; k < 600; k++) {
        int hit = 0;
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        px[k] = minx + (double)(s >> 11) / 9007199254740992.0 * (maxx - minx);
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        py[k] = miny + (double)(s >> 11) / 9007199254740992.0 * (maxy - miny);
        fprintf(f, "P%03d,%.3f,%.3f\n", k, px[k], py[k]);
        for (i = 0; i < npoly; i++)
            hit += inside(polys[i].obj, px[k], py[k]);
        ck_assert_int_le(hit, 1);
        outside += hit == 0;
    }
    fclose(f);
    snprintf(text, sizeof text,
             "[areas]\nshapefile = %s\nkey = code\nname = name\nselect = WK0995*\n"
             "[points p]\nfile = pts.csv\nkey = id\nx = x\ny = y\ncrs = EPSG:28992\n"
             "[supply n]\npoints = p\n"
             "[indicator inkomen]\ndirection = +\ncolumn = income_low\n"
             "[prioritise x]\nsupply = n\n", shp);
    ini = bs_test_write(dir, "p.ini", text);
    out = bs_test_run_project(ini, dir);
    bs_test_csv_read(bs_test_path(out, "priorities-x.csv"), &pr);
    for (i = 0; i < npoly; i++) {
        int count = 0;
        for (k = 0; k < 600; k++)
            count += inside(polys[i].obj, px[k], py[k]);
        ck_assert_double_eq(bs_test_csv_num(&pr, bs_test_csv_row(&pr, polys[i].code),
                                            "supply"), count);
    }
    snprintf(cmd, sizeof cmd, "'%s' validate '%s' 2>/dev/null", getenv("BS_BIN"), ini);
    f = popen(cmd, "r");
    n = fread(vout, 1, sizeof vout - 1, f);
    vout[n] = '\0';
    ck_assert_int_eq(pclose(f), 0);
    snprintf(cmd, sizeof cmd, "600 points, %d outside every area", outside);
    ck_assert_msg(strstr(vout, cmd) != NULL, "no '%s' in %s", cmd, vout);
    ck_assert_int_gt(outside, 0);   /* the bbox holds water and other gemeenten */
    bs_test_csv_free(&pr);
    free_polys(polys, npoly);
    free(ini);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("places");
    TCase *tc = tcase_create("e2e");

    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_demo_herijking_follows_the_rules);
    tcase_add_test(tc, test_demo_supply_and_quadrants);
    tcase_add_test(tc, test_lelystad_generated_points);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
