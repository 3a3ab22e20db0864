/* test_labels.c: poles of inaccessibility and label placement without
 * collisions (on synthetic shapes, a dense grid and the Leeuwarden wijken). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buurtscan/labels.h"
#include "buurtscan/map.h"
#include "buurtscan/shapefile.h"
#include "testutil.h"

/* --- building areas ------------------------------------------------------------ */

typedef struct shapes {
    bs_areas a;
    size_t cap_pts, cap_rings, cap_areas;
} shapes;

static void shapes_init(shapes *s, size_t areas, size_t rings, size_t pts)
{
    memset(s, 0, sizeof *s);
    s->a.ring_first = calloc(areas + 1, sizeof *s->a.ring_first);
    s->a.pt_first = calloc(rings + 1, sizeof *s->a.pt_first);
    s->a.x = malloc(pts * sizeof *s->a.x);
    s->a.y = malloc(pts * sizeof *s->a.y);
    ck_assert(s->a.ring_first && s->a.pt_first && s->a.x && s->a.y);
    s->cap_pts = pts;
    s->cap_rings = rings;
    s->cap_areas = areas;
}

static void shapes_free(shapes *s)
{
    free(s->a.ring_first);
    free(s->a.pt_first);
    free(s->a.x);
    free(s->a.y);
}

/* Adds a closed ring through n points xy[2n]. */
static void add_ring(shapes *s, const double *xy, size_t n)
{
    bs_areas *a = &s->a;
    ck_assert(a->npts + n + 1 <= s->cap_pts && a->nrings + 1 <= s->cap_rings);
    for (size_t i = 0; i <= n; i++) {
        a->x[a->npts] = xy[2 * (i % n)];
        a->y[a->npts] = xy[2 * (i % n) + 1];
        a->npts++;
    }
    a->pt_first[++a->nrings] = a->npts;
}

static void add_rect(shapes *s, double x0, double y0, double x1, double y1)
{
    const double xy[8] = {x0, y0, x0, y1, x1, y1, x1, y0};
    add_ring(s, xy, 4);
}

static void end_area(shapes *s)
{
    ck_assert(s->a.n < s->cap_areas);
    s->a.ring_first[++s->a.n] = s->a.nrings;
}

/* --- polylabel -------------------------------------------------------------------- */

START_TEST(test_polylabel_square_is_its_centre)
{
    shapes s;
    double x, y, d;

    shapes_init(&s, 1, 1, 8);
    add_rect(&s, 0, 0, 100, 100);
    end_area(&s);
    ck_assert_int_eq(bs_polylabel(&s.a, 0, 0.5, &x, &y, &d), 0);
    ck_assert_double_eq_tol(x, 50, 0.5);
    ck_assert_double_eq_tol(y, 50, 0.5);
    ck_assert_double_eq_tol(d, 50, 0.5);
    shapes_free(&s);
}
END_TEST

/* A hole in the middle pushes the pole into a corner of the band around
 * it, where the circle touches two outer sides and the hole's corner:
 * x = sqrt(2) (30 - x), so x = 17.574. */
START_TEST(test_polylabel_avoids_a_hole)
{
    shapes s;
    double x, y, d;

    shapes_init(&s, 1, 2, 16);
    add_rect(&s, 0, 0, 100, 100);
    add_rect(&s, 30, 30, 70, 70);   /* band 30 wide all round */
    end_area(&s);
    ck_assert_int_eq(bs_polylabel(&s.a, 0, 0.1, &x, &y, &d), 0);
    ck_assert_double_eq_tol(d, 17.574, 0.1);
    ck_assert_double_eq_tol(fmin(x, 100 - x), 17.574, 0.2);
    ck_assert_double_eq_tol(fmin(y, 100 - y), 17.574, 0.2);
    shapes_free(&s);
}
END_TEST

/* An L with 20 wide arms: the centroid lies outside the shape; the pole
 * is in the elbow, x = y = sqrt(2) (20 - x) = 11.716. */
START_TEST(test_polylabel_l_shape_pole_inside)
{
    shapes s;
    const double l[12] = {0, 0, 0, 100, 20, 100, 20, 20, 100, 20, 100, 0};
    double x, y, d;

    shapes_init(&s, 1, 1, 8);
    add_ring(&s, l, 6);
    end_area(&s);
    ck_assert_int_eq(bs_polylabel(&s.a, 0, 0.1, &x, &y, &d), 0);
    ck_assert_double_eq_tol(d, 11.716, 0.1);
    ck_assert_double_eq_tol(x, 11.716, 0.2);
    ck_assert_double_eq_tol(y, 11.716, 0.2);
    shapes_free(&s);
}
END_TEST

/* Two parts: the pole lies in the larger, even when the smaller comes
 * first and is nearly as fat (a long 40 x 400 strip against a 50 x 50
 * square: the strip has the larger area, the square the larger circle). */
START_TEST(test_polylabel_uses_the_largest_part)
{
    shapes s;
    double x, y, d;

    shapes_init(&s, 1, 2, 16);
    add_rect(&s, 1000, 0, 1050, 50);
    add_rect(&s, 0, 0, 40, 400);
    end_area(&s);
    ck_assert_int_eq(bs_polylabel(&s.a, 0, 0.1, &x, &y, &d), 0);
    ck_assert(x >= 0 && x <= 40 && y >= 0 && y <= 400);
    ck_assert_double_eq_tol(d, 20, 0.2);
    shapes_free(&s);
}
END_TEST

START_TEST(test_polylabel_needs_geometry_and_precision)
{
    shapes s;
    double x, y, d;

    shapes_init(&s, 2, 1, 8);
    end_area(&s);               /* area 0: no rings */
    add_rect(&s, 0, 0, 10, 10);
    end_area(&s);
    ck_assert_int_eq(bs_polylabel(&s.a, 0, 1, &x, &y, &d), -1);
    ck_assert_int_eq(bs_polylabel(&s.a, 1, 0, &x, &y, &d), -1);
    ck_assert_int_eq(bs_polylabel(&s.a, 2, 1, &x, &y, &d), -1);
    ck_assert_int_eq(bs_polylabel(&s.a, 1, 1, &x, &y, &d), 0);
    shapes_free(&s);
}
END_TEST

/* --- placement ------------------------------------------------------------------- */

/* A fixed-pitch "font": 0.6 em per byte, 1.2 em per line (1 pt = 25.4/72 mm). */
static int fake_measure(void *ud, const char *text, double size, double *w, double *h)
{
    size_t line = 0, longest = 0;
    int lines = 1;
    (void)ud;
    for (const char *p = text; *p; p++) {
        if (*p == '\n') {
            lines++;
            line = 0;
        } else if (++line > longest) {
            longest = line;
        }
    }
    *w = longest * 0.6 * size * 25.4 / 72;
    *h = lines * 1.2 * size * 25.4 / 72;
    return 0;
}

static int failing_measure(void *ud, const char *text, double size, double *w, double *h)
{
    (void)ud;
    (void)text;
    (void)size;
    *w = *h = 0;
    return -1;
}

/* The guarantees every placement keeps. */
static void check_placement(const bs_label_job *job, const bs_label_set *ls)
{
    size_t inside = 0, leader = 0, dropped = 0;

    for (size_t i = 0; i < ls->n; i++) {
        const bs_label *l = &ls->label[i];
        if (l->how == BS_LABEL_INSIDE || l->how == BS_LABEL_LEADER) {
            ck_assert_msg(l->box.x0 >= job->bounds.x0 && l->box.y0 >= job->bounds.y0 &&
                          l->box.x1 <= job->bounds.x1 && l->box.y1 <= job->bounds.y1,
                          "label %zu outside the bounds", i);
            ck_assert(l->box.x1 > l->box.x0 && l->box.y1 > l->box.y0);
            ck_assert(l->size_pt >= job->min_size_pt - 1e-9 &&
                      l->size_pt <= job->size_pt + 1e-9);
            for (size_t j = i + 1; j < ls->n; j++) {
                const bs_label *o = &ls->label[j];
                if (o->how == BS_LABEL_INSIDE || o->how == BS_LABEL_LEADER)
                    ck_assert_msg(!bs_label_box_overlap(&l->box, &o->box),
                                  "labels %zu and %zu overlap", i, j);
            }
            for (size_t k = 0; k < job->nobstacles; k++)
                ck_assert_msg(!bs_label_box_overlap(&l->box, &job->obstacles[k]),
                              "label %zu covers obstacle %zu", i, k);
        }
        if (l->how == BS_LABEL_INSIDE)
            inside++;
        if (l->how == BS_LABEL_LEADER) {
            leader++;
            /* the leader ends on the box */
            ck_assert(l->lx >= l->box.x0 - 1e-9 && l->lx <= l->box.x1 + 1e-9);
            ck_assert(l->ly >= l->box.y0 - 1e-9 && l->ly <= l->box.y1 + 1e-9);
            ck_assert(fabs(l->lx - l->box.x0) < 1e-9 || fabs(l->lx - l->box.x1) < 1e-9 ||
                      fabs(l->ly - l->box.y0) < 1e-9 || fabs(l->ly - l->box.y1) < 1e-9);
        }
        if (l->how == BS_LABEL_DROPPED)
            dropped++;
    }
    ck_assert_uint_eq(inside, ls->ninside);
    ck_assert_uint_eq(leader, ls->nleader);
    ck_assert_uint_eq(dropped, ls->ndropped);
}

/* n x n squares of `side` metres, each labelled "Wijk <i>" (or text). */
static void make_grid(shapes *s, int n, double side)
{
    shapes_init(s, (size_t)(n * n), (size_t)(n * n), (size_t)(n * n) * 5);
    for (int r = 0; r < n; r++)
        for (int c = 0; c < n; c++) {
            add_rect(s, c * side, r * side, (c + 1) * side, (r + 1) * side);
            end_area(s);
        }
}

static void job_for(bs_label_job *job, const bs_areas *a, const char *const *text,
                    double scale, double w_mm, double h_mm)
{
    memset(job, 0, sizeof *job);
    job->areas = a;
    job->text = text;
    job->scale = scale;
    job->ox = 10;                      /* map (0, 0) at page (10, 10 + h) */
    job->oy = 10 + h_mm;
    job->bounds = (bs_label_box){10, 10, 10 + w_mm, 10 + h_mm};
    job->size_pt = 8;
    job->min_size_pt = 6.5;
    job->pad_mm = 0.5;
    job->leader_mm = 12;
    job->precision = 1;
    job->measure = fake_measure;
}

/* 30 x 30 squares of 4 mm with 12-letter names: far too dense for all. */
START_TEST(test_dense_grid_never_overlaps_and_reports_drops)
{
    const int n = 30;
    shapes s;
    char (*names)[32] = malloc((size_t)(n * n) * sizeof *names);
    const char **text = malloc((size_t)(n * n) * sizeof *text);
    const bs_label_box obst[2] = {{40, 40, 70, 60}, {100, 100, 130, 130}};
    bs_label_job job;
    bs_label_set ls;
    bs_error err;

    make_grid(&s, n, 100);
    for (int i = 0; i < n * n; i++) {
        snprintf(names[i], sizeof names[i], "Buurtnaam %03d", i);
        text[i] = i % 7 == 3 ? NULL : names[i];   /* some areas have none */
    }
    job_for(&job, &s.a, text, 0.04, 120, 120);   /* 100 m = 4 mm */
    job.obstacles = obst;
    job.nobstacles = 2;
    ck_assert_msg(bs_labels_place(&job, &ls, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(ls.n, (size_t)(n * n - (n * n + 3) / 7));
    check_placement(&job, &ls);
    ck_assert_uint_gt(ls.ndropped, 100);   /* reported, not silently lost */
    ck_assert_uint_gt(ls.nleader, 0);
    for (size_t i = 0; i < ls.n; i++)
        if (ls.label[i].how == BS_LABEL_DROPPED)
            ck_assert_str_eq(ls.label[i].text, names[ls.label[i].area]);
    bs_label_set_free(&ls);
    ck_assert_uint_eq(ls.n, 0);
    free(names);
    free(text);
    shapes_free(&s);
}
END_TEST

/* Big squares: every label fits at its pole, at full size, one line. */
START_TEST(test_roomy_areas_get_inside_labels_at_the_pole)
{
    shapes s;
    const char *text[4] = {"Noord", "Oost", "Zuid", "West"};
    bs_label_job job;
    bs_label_set ls;
    bs_error err;

    make_grid(&s, 2, 1000);
    job_for(&job, &s.a, text, 0.05, 100, 100);   /* squares of 50 mm */
    ck_assert_msg(bs_labels_place(&job, &ls, &err) == 0, "%s", err.msg);
    check_placement(&job, &ls);
    ck_assert_uint_eq(ls.ninside, 4);
    for (size_t i = 0; i < 4; i++) {
        const bs_label *l = &ls.label[i];
        double cx = 10 + (i % 2) * 50 + 25, cy = 110 - ((int)i / 2) * 50 - 25;
        ck_assert_uint_eq(l->area, i);
        ck_assert_double_eq_tol(l->ax, cx, 0.1);
        ck_assert_double_eq_tol(l->ay, cy, 0.1);
        ck_assert_double_eq_tol((l->box.x0 + l->box.x1) / 2, cx, 0.1);
        ck_assert_double_eq_tol((l->box.y0 + l->box.y1) / 2, cy, 0.1);
        ck_assert_double_eq(l->size_pt, 8);
        ck_assert_ptr_null(strchr(l->text, '\n'));
    }
    bs_label_set_free(&ls);
    shapes_free(&s);
}
END_TEST

/* A tall narrow area takes its two-word name on two lines; a too narrow
 * one moves it out with a leader, clear of the area. */
START_TEST(test_narrow_areas_wrap_or_move_out)
{
    shapes s;
    const char *text[2] = {"Oud Oost", "Hempens/Teerns"};
    bs_label_job job;
    bs_label_set ls;
    bs_error err;

    shapes_init(&s, 2, 2, 10);
    add_rect(&s, 0, 0, 200, 1000);      /* 10 x 50 mm */
    end_area(&s);
    add_rect(&s, 2000, 0, 2060, 1000);  /* 3 x 50 mm */
    end_area(&s);
    job_for(&job, &s.a, text, 0.05, 140, 60);
    ck_assert_msg(bs_labels_place(&job, &ls, &err) == 0, "%s", err.msg);
    check_placement(&job, &ls);
    ck_assert_int_eq(ls.label[0].how, BS_LABEL_INSIDE);
    ck_assert_str_eq(ls.label[0].text, "Oud\nOost");
    ck_assert_int_eq(ls.label[1].how, BS_LABEL_LEADER);
    /* the box is beside the strip (page x 110..113), not on it */
    ck_assert(ls.label[1].box.x0 >= 113 || ls.label[1].box.x1 <= 110);
    ck_assert_double_eq_tol(ls.label[1].ax, 111.5, 0.1);
    bs_label_set_free(&ls);
    shapes_free(&s);
}
END_TEST

/* Without leaders, what does not fit is dropped; off-map poles are not. */
START_TEST(test_no_room_and_off_map)
{
    shapes s;
    const char *text[3] = {"Een veel te lange naam", "Ver weg", "Leeg"};
    bs_label_job job;
    bs_label_set ls;
    bs_error err;

    shapes_init(&s, 3, 2, 10);
    add_rect(&s, 0, 0, 200, 200);
    end_area(&s);
    add_rect(&s, 90000, 0, 91000, 1000);   /* far outside the bounds */
    end_area(&s);
    end_area(&s);                          /* no geometry */
    job_for(&job, &s.a, text, 0.05, 100, 100);
    job.leader_mm = 0;
    ck_assert_msg(bs_labels_place(&job, &ls, &err) == 0, "%s", err.msg);
    check_placement(&job, &ls);
    ck_assert_uint_eq(ls.n, 3);
    ck_assert_int_eq(ls.label[0].how, BS_LABEL_DROPPED);
    ck_assert_int_eq(ls.label[1].how, BS_LABEL_OFF_MAP);
    ck_assert_int_eq(ls.label[2].how, BS_LABEL_OFF_MAP);
    ck_assert_uint_eq(ls.ndropped, 1);
    bs_label_set_free(&ls);
    shapes_free(&s);
}
END_TEST

START_TEST(test_measure_failure_is_an_error)
{
    shapes s;
    const char *text[1] = {"Centrum"};
    bs_label_job job;
    bs_label_set ls;
    bs_error err;

    make_grid(&s, 1, 1000);
    job_for(&job, &s.a, text, 0.05, 100, 100);
    job.measure = failing_measure;
    ck_assert_int_eq(bs_labels_place(&job, &ls, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "Centrum"));
    ck_assert_uint_eq(ls.n, 0);
    job.measure = NULL;
    ck_assert_int_eq(bs_labels_place(&job, &ls, &err), -1);
    shapes_free(&s);
}
END_TEST

/* --- through the renderer, on real wijken ------------------------------------------- */

/* All 22 Leeuwarden wijken labelled by name on A4 portrait and A3
 * landscape pages: the boxes never overlap, stay inside the map frame
 * and so inside the page, inside labels sit in their own wijk, and every
 * label is accounted for. */
START_TEST(test_leeuwarden_labels_through_the_renderer)
{
    static const char *papers[] = {"A4 portrait", "A3 landscape"};
    bs_areas *a = NULL;
    bs_error err;
    char *dir = strdup(bs_test_tmpdir()), path[512];
    long namecol;
    const char **names;
    int *cls;

    ck_assert_msg(bs_shapefile_read(bs_test_src("geodata/leeuwarden_wijken_2022.shp"),
                                    NULL, &a, NULL, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(a->n, 22);
    namecol = bs_table_find(a->attrs, "name");
    ck_assert_int_ge(namecol, 0);
    names = calloc(a->n, sizeof *names);
    cls = calloc(a->n, sizeof *cls);
    for (size_t i = 0; i < a->n; i++) {
        names[i] = a->attrs->cells[namecol][i];
        cls[i] = -1;
    }
    for (size_t p = 0; p < 2; p++) {
        bs_map m;
        bs_map_frame fr;
        bs_label_set ls = {0};
        bs_label_job bounds;

        memset(&m, 0, sizeof m);
        m.areas = a;
        m.cls = cls;
        m.missing = a->n;
        m.language = "nl";
        m.title = "Wijken";
        m.labels = names;
        m.label_result = &ls;
        ck_assert_int_eq(bs_paper_parse(papers[p], &m.paper), 0);
        ck_assert_int_eq(bs_map_frame_get(&m, &fr), 0);
        snprintf(path, sizeof path, "%s/labels.pdf", dir);
        ck_assert_msg(bs_map_render(&m, BS_FORMAT_PDF, 0, path, &err) == 0, "%s", err.msg);
        ck_assert_uint_eq(ls.n, 22);
        ck_assert_uint_eq(ls.ninside + ls.nleader + ls.ndropped, 22);
        ck_assert_uint_gt(ls.ninside, 3);
        memset(&bounds, 0, sizeof bounds);
        bounds.bounds = (bs_label_box){fr.x0_mm, fr.y0_mm, fr.x0_mm + fr.width_mm,
                                       fr.y0_mm + fr.height_mm};
        /* type grows gently with the paper, as everything else */
        bounds.size_pt = 8 * sqrt(fmin(m.paper.width_mm, m.paper.height_mm) / 210);
        bounds.min_size_pt = 6.5 * sqrt(fmin(m.paper.width_mm, m.paper.height_mm) / 210);
        check_placement(&bounds, &ls);
        for (size_t i = 0; i < ls.n; i++) {
            const bs_label *l = &ls.label[i];
            ck_assert(l->box.x0 >= 0 && l->box.x1 <= m.paper.width_mm &&
                      l->box.y0 >= 0 && l->box.y1 <= m.paper.height_mm);
            if (l->how == BS_LABEL_INSIDE) {
                /* the box centre, back in metres, lies in the wijk */
                double x = fr.minx + ((l->box.x0 + l->box.x1) / 2 - fr.x0_mm) / fr.scale;
                double y = fr.maxy - ((l->box.y0 + l->box.y1) / 2 - fr.y0_mm) / fr.scale;
                ck_assert_msg(bs_areas_touch_box(a, x, y, x, y), "%s", l->text);
            }
        }
        /* a second render refills the result rather than adding to it */
        ck_assert_msg(bs_map_render(&m, BS_FORMAT_PDF, 0, path, &err) == 0, "%s", err.msg);
        ck_assert_uint_eq(ls.n, 22);
        bs_label_set_free(&ls);
    }
    free(names);
    free(cls);
    bs_areas_free(a);
    bs_test_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_areas_touch_box)
{
    shapes s;

    make_grid(&s, 1, 100);
    ck_assert(bs_areas_touch_box(&s.a, 40, 40, 60, 60));       /* inside */
    ck_assert(bs_areas_touch_box(&s.a, 90, 90, 120, 120));     /* across an edge */
    ck_assert(bs_areas_touch_box(&s.a, -10, -10, 200, 200));   /* around it */
    ck_assert(!bs_areas_touch_box(&s.a, 110, 0, 200, 100));    /* beside it */
    shapes_free(&s);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("labels");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_polylabel_square_is_its_centre);
    tcase_add_test(tc, test_polylabel_avoids_a_hole);
    tcase_add_test(tc, test_polylabel_l_shape_pole_inside);
    tcase_add_test(tc, test_polylabel_uses_the_largest_part);
    tcase_add_test(tc, test_polylabel_needs_geometry_and_precision);
    tcase_add_test(tc, test_dense_grid_never_overlaps_and_reports_drops);
    tcase_add_test(tc, test_roomy_areas_get_inside_labels_at_the_pole);
    tcase_add_test(tc, test_narrow_areas_wrap_or_move_out);
    tcase_add_test(tc, test_no_room_and_off_map);
    tcase_add_test(tc, test_measure_failure_is_an_error);
    tcase_add_test(tc, test_leeuwarden_labels_through_the_renderer);
    tcase_add_test(tc, test_areas_touch_box);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
