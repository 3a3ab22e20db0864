/* test_check.c: the names the job checks for the project reader before it
 * reads anything (src/job/check.c): palettes, which render owns. The
 * shapefile of these projects does not exist, so an error about it shows
 * that the names passed. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/job.h"
#include "testutil.h"

/* The [map m] section starts on line 7; its keys follow. */
#define PROJECT(kv) \
    "[areas]\nshapefile = nowhere.shp\nkey = code\n[indicator a]\ndirection = +\ncolumn = x\n" \
    "[map m]\n" kv "\n"

/* Reads text as a project and loads it; returns the load's message. */
static void load(const char *text, char *msg, size_t n)
{
    char *dir = strdup(bs_test_tmpdir());
    char *path = bs_test_write(dir, "project.ini", text);
    bs_project *p = NULL;
    bs_job *j = NULL;
    bs_error err;

    ck_assert_msg(bs_project_read(path, &p, &err) == 0, "%s", err.msg);
    ck_assert_int_ne(bs_job_load(p, NULL, &j, &err), 0);
    ck_assert_ptr_null(j);
    snprintf(msg, n, "%s", err.msg);
    bs_project_free(p);
    free(path);
    bs_test_rmtree(dir);
    free(dir);
}

static void expect(const char *text, const char *what)
{
    char msg[BS_ERROR_MAX];
    load(text, msg, sizeof msg);
    ck_assert_msg(strstr(msg, what) != NULL, "no '%s' in: %s", what, msg);
}

START_TEST(test_unknown_palette_at_its_line)
{
    expect(PROJECT("palette = Rainbow"),
           "project.ini:8: palette = 'Rainbow' is not a ColorBrewer sequential or "
           "diverging scheme (known: Blues");
    expect(PROJECT("palette = Rainbow"), "Spectral)");
    /* before any other map's check and before the data */
    expect(PROJECT("classes = 7\n[map n]\npalette = Regenboog"),
           "project.ini:10: palette = 'Regenboog'");
}
END_TEST

START_TEST(test_centre_needs_a_diverging_palette)
{
    expect(PROJECT("centre = 0"),
           "project.ini:7: [map m] centre goes with a diverging palette");
    expect(PROJECT("centre = 0\npalette = Blues"), "not Blues");
}
END_TEST

START_TEST(test_palette_without_the_classes)
{
    expect(PROJECT("classes = 10\npalette = Blues"),
           "project.ini:9: palette Blues has no 10-class version");
    /* the default palette: the line of the section */
    expect(PROJECT("classes = 10"), "project.ini:7: palette YlOrRd has no 10-class");
}
END_TEST

START_TEST(test_good_names_pass)
{
    expect(PROJECT("palette = rdbu\ncentre = 0\nclasses = 11"), "nowhere.shp");
    expect(PROJECT("palette = Greens\nclasses = 9"), "nowhere.shp");
    /* classes from the data are checked when they are known */
    expect(PROJECT("palette = Greens\nmethod = head-tail\nclasses = 11"), "nowhere.shp");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("job_check");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_unknown_palette_at_its_line);
    tcase_add_test(tc, test_centre_needs_a_diverging_palette);
    tcase_add_test(tc, test_palette_without_the_classes);
    tcase_add_test(tc, test_good_names_pass);
    suite_add_tcase(s, tc);
    return bs_test_run_suite(s, 1);
}
