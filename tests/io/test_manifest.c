/* test_manifest.c: SHA-256 against coreutils' sha256sum, manifest.json
 * written and read back, changed files found, malformed manifests
 * refused with the line or member. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <proj.h>
#include "buurtscan/manifest.h"
#include "buurtscan/vector.h"
#include "buurtscan/version.h"
#include "testutil.h"

#define NL_SHP "data/nl-wijken-2022/NLD_dist_2022.shp"

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

/* sha256sum's digest of path (static buffer). */
static const char *coreutils_sha256(const char *path)
{
    static char hex[BS_SHA256_HEX];
    char *out = bs_test_cmd("sha256sum '%s'", path);

    ck_assert_ptr_nonnull(out);
    ck_assert_uint_ge(strlen(out), 64);
    memcpy(hex, out, 64);
    hex[64] = '\0';
    free(out);
    return hex;
}

/* A file of n bytes of a repeating pattern. */
static char *pattern_file(const char *name, size_t n)
{
    char *path = malloc(strlen(dir) + strlen(name) + 2);
    FILE *f;
    size_t i;

    sprintf(path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    for (i = 0; i < n; i++)
        fputc((int)(i * 7 % 251), f);
    fclose(f);
    return path;
}

START_TEST(sha256_equals_sha256sum)
{
    const char *files[3];
    char *empty = pattern_file("empty", 0), *edge = pattern_file("edge", 65537);
    char hex[BS_SHA256_HEX];
    long long size;
    bs_error err;
    int i;

    files[0] = empty;
    files[1] = edge;
    files[2] = bs_test_shared(NL_SHP);
    for (i = 0; i < 3; i++) {
        ck_assert_msg(bs_sha256_file(files[i], hex, &size, &err) == 0, "%s",
                      err.msg);
        ck_assert_str_eq(hex, coreutils_sha256(files[i]));
    }
    ck_assert_int_eq(size, 1932664);
    ck_assert_int_eq(bs_sha256_file(empty, hex, &size, &err), 0);
    ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb924"
                          "27ae41e4649b934ca495991b7852b855");
    ck_assert_int_eq(size, 0);
    ck_assert_int_eq(bs_sha256_file("/nonexistent/x", hex, NULL, &err), -1);
    ck_assert_str_eq(err.msg, "/nonexistent/x: cannot read: No such file or "
                     "directory");
    free(empty);
    free(edge);
}
END_TEST

START_TEST(version_commit_and_libraries_are_the_running_ones)
{
    bs_manifest *m = bs_manifest_new();
    const char *commit = bs_git_commit();
    char *head;
    size_t i, found = 0;

    ck_assert_ptr_nonnull(m);
    ck_assert_str_eq(m->version, BS_VERSION);
    ck_assert_str_eq(m->commit, commit);
    /* from a git checkout: 40 hex digits (maybe "-dirty") naming a commit
     * of this repository (HEAD when the build is fresh) */
    if (strcmp(commit, "unknown") != 0) {
        char hash[41];
        ck_assert_msg(strspn(commit, "0123456789abcdef") == 40
                      && (commit[40] == '\0'
                          || strcmp(commit + 40, "-dirty") == 0), "%s",
                      commit);
        memcpy(hash, commit, 40);
        hash[40] = '\0';
        head = bs_test_cmd("git -C '%s' rev-parse --git-dir 2>/dev/null",
                           bs_test_src("."));
        if (head) {    /* git can look: it must be a commit of ours */
            free(head);
            head = bs_test_cmd("git -C '%s' cat-file -t %s 2>/dev/null",
                               bs_test_src("."), hash);
            ck_assert_msg(head != NULL, "%s is no commit of this repository",
                          hash);
            ck_assert_str_eq(head, "commit\n");
        }
        free(head);
    }
    for (i = 0; i < m->nlibraries; i++) {
        if (strcmp(m->libraries[i].key, "PROJ") == 0) {
            ck_assert_str_eq(m->libraries[i].value, proj_info().version);
            found++;
        } else if (strcmp(m->libraries[i].key, "GDAL") == 0) {
            /* GDAL is opened only when a run reads or writes through it */
            ck_assert_str_eq(m->libraries[i].value, "not used in this run");
            found++;
        } else if (strcmp(m->libraries[i].key, "GEOS") == 0
                   || strcmp(m->libraries[i].key, "cairo") == 0
                   || strcmp(m->libraries[i].key, "pango") == 0) {
            ck_assert_msg(m->libraries[i].value[0] >= '1'
                          && m->libraries[i].value[0] <= '9', "%s %s",
                          m->libraries[i].key, m->libraries[i].value);
            found++;
        }
    }
    ck_assert_uint_eq(found, 5);
    ck_assert_uint_eq(strlen(m->date), 20);
    bs_manifest_free(m);
}
END_TEST

/* The GDAL entry of a written manifest: "not used in this run" until the
 * process opens GDAL's module, then GDAL's own version. */
static char *written_gdal(bs_manifest *m, const char *name)
{
    bs_manifest *r;
    bs_error err;
    char path[512], *v = NULL;
    size_t i;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    ck_assert_msg(bs_manifest_write(m, path, &err) == 0, "%s", err.msg);
    ck_assert_msg(bs_manifest_read(path, &r, &err) == 0, "%s", err.msg);
    for (i = 0; i < r->nlibraries; i++)
        if (strcmp(r->libraries[i].key, "GDAL") == 0)
            v = strdup(r->libraries[i].value);
    bs_manifest_free(r);
    ck_assert_ptr_nonnull(v);
    return v;
}

START_TEST(gdal_version_is_recorded_when_the_run_used_it)
{
    bs_manifest *m = bs_manifest_new();
    bs_areas *a = NULL;
    bs_error err;
    char *before, *after, *v = bs_test_cmd("gdal-config --version");
    char *gj = bs_test_write(dir, "one.geojson",
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
        "\"Feature\",\"properties\":{\"code\":\"WK1\"},\"geometry\":"
        "{\"type\":\"Polygon\",\"coordinates\":[[[5,52],[5.1,52],"
        "[5.1,52.1],[5,52]]]}}]}");

    ck_assert_ptr_nonnull(v);
    v[strcspn(v, "\n")] = '\0';
    ck_assert_int_eq(bs_manifest_set_date(m, "2024-06-30T00:00:00Z", &err), 0);
    before = written_gdal(m, "before.json");
    ck_assert_str_eq(before, "not used in this run");
    ck_assert_msg(bs_vector_read_areas(gj, NULL, NULL, &a, NULL, &err) == 0,
                  "%s", err.msg);
    ck_assert_uint_eq(a->n, 1);
    after = written_gdal(m, "after.json");
    ck_assert_str_eq(after, v);
    bs_areas_free(a);
    bs_manifest_free(m);
    free(before);
    free(after);
    free(gj);
    free(v);
}
END_TEST

START_TEST(written_manifest_reads_back_and_its_hashes_are_sha256sums)
{
    bs_manifest *m = bs_manifest_new(), *r;
    bs_error err;
    char path[512], *out = pattern_file("scores.csv", 1000);
    size_t i;

    ck_assert_int_eq(bs_manifest_set_date(m, "2024-06-30T00:00:00Z", &err), 0);
    bs_manifest_set_seed(m, 18446744073709551615ULL);
    ck_assert_int_eq(bs_manifest_add_setting(m, "project.title",
                     "Gebiedsscan \"Leeuwarden\" 2024 – één", &err), 0);
    ck_assert_int_eq(bs_manifest_add_setting(m, "score.normalise", "zscore",
                                             &err), 0);
    ck_assert_int_eq(bs_manifest_add_setting(m, "score.normalise", "rank",
                                             &err), -1);
    ck_assert_int_eq(bs_manifest_add_input(m, bs_test_shared(NL_SHP),
                                           "wijken.shp", &err), 0);
    ck_assert_int_eq(bs_manifest_add_output(m, out, "scores.csv", &err), 0);
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    ck_assert_int_eq(bs_manifest_write(m, path, &err), 0);
    ck_assert_msg(bs_manifest_read(path, &r, &err) == 0, "%s", err.msg);
    ck_assert_str_eq(r->version, m->version);
    ck_assert_str_eq(r->commit, m->commit);
    ck_assert_str_eq(r->date, "2024-06-30T00:00:00Z");
    ck_assert_int_eq(r->has_seed, 1);
    ck_assert(r->seed == 18446744073709551615ULL);
    ck_assert_uint_eq(r->nlibraries, m->nlibraries);
    for (i = 0; i < m->nlibraries; i++) {
        ck_assert_str_eq(r->libraries[i].key, m->libraries[i].key);
        ck_assert_str_eq(r->libraries[i].value, m->libraries[i].value);
    }
    ck_assert_uint_eq(r->nproject, 2);
    ck_assert_str_eq(r->project[0].key, "project.title");
    ck_assert_str_eq(r->project[0].value,
                     "Gebiedsscan \"Leeuwarden\" 2024 – één");
    ck_assert_str_eq(r->project[1].value, "zscore");
    ck_assert_uint_eq(r->ninputs, 1);
    ck_assert_str_eq(r->inputs[0].path, "wijken.shp");
    ck_assert_int_eq(r->inputs[0].size, 1932664);
    ck_assert_str_eq(r->inputs[0].sha256,
                     coreutils_sha256(bs_test_shared(NL_SHP)));
    ck_assert_uint_eq(r->noutputs, 1);
    ck_assert_str_eq(r->outputs[0].sha256, coreutils_sha256(out));
    ck_assert_int_eq(r->outputs[0].size, 1000);
    bs_manifest_free(r);
    /* a run without random numbers has seed null */
    m->has_seed = 0;
    ck_assert_int_eq(bs_manifest_write(m, path, &err), 0);
    ck_assert_int_eq(bs_manifest_read(path, &r, &err), 0);
    ck_assert_int_eq(r->has_seed, 0);
    bs_manifest_free(r);
    bs_manifest_free(m);
    free(out);
}
END_TEST

START_TEST(changed_files_are_found)
{
    bs_manifest *m = bs_manifest_new();
    bs_error err;
    char why[256], *path = pattern_file("in.csv", 5000);
    FILE *f;

    ck_assert_int_eq(bs_manifest_add_input(m, path, NULL, &err), 0);
    ck_assert_int_eq(bs_manifest_file_check(&m->inputs[0], path, why,
                                            sizeof why, &err), 0);
    f = fopen(path, "r+b");
    fseek(f, 2500, SEEK_SET);
    fputc('x', f);
    fclose(f);
    ck_assert_int_eq(bs_manifest_file_check(&m->inputs[0], path, why,
                                            sizeof why, &err), 1);
    ck_assert_msg(strncmp(why, "different content (sha256 ", 26) == 0, "%s",
                  why);
    ck_assert_int_eq(truncate(path, 4000), 0);
    ck_assert_int_eq(bs_manifest_file_check(&m->inputs[0], path, why,
                                            sizeof why, &err), 1);
    ck_assert_str_eq(why, "size 4000 bytes, recorded 5000");
    unlink(path);
    ck_assert_int_eq(bs_manifest_file_check(&m->inputs[0], path, why,
                                            sizeof why, &err), 1);
    ck_assert_str_eq(why, "missing");
    bs_manifest_free(m);
    free(path);
}
END_TEST

/* Reads text as a manifest and returns the error (static buffer). */
static const char *bad(const char *text)
{
    static bs_error err;
    bs_manifest *m = NULL;
    char *path = bs_test_write(dir, "m.json", text);
    const char *msg;

    ck_assert_int_eq(bs_manifest_read(path, &m, &err), -1);
    ck_assert_ptr_null(m);
    msg = strstr(err.msg, "m.json");
    ck_assert_ptr_nonnull(msg);
    free(path);
    return msg;
}

#define GOOD_HEAD "{ \"buurtscan\": { \"version\": \"0.1.0\", \"commit\": \"x\" },\n" \
    "\"date\": \"2024-06-30T00:00:00Z\", \"seed\": 2024,\n" \
    "\"libraries\": {}, \"project\": { \"a.b\": \"c\" },\n"
#define HASH "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

START_TEST(malformed_manifests_are_refused_with_where)
{
    bs_manifest *m;
    bs_error err;
    char *path;

    ck_assert_str_eq(bad(""), "m.json:1: the JSON ends too soon");
    ck_assert_str_eq(bad("{\n\"buurtscan\": {\n\"version\": 0.1.0\n}}"),
                     "m.json:3: number expected");
    ck_assert_str_eq(bad("{ \"buurtscan\": {} } x"),
                     "m.json:1: text after the JSON");
    ck_assert_str_eq(bad("[1, 2]"), "m.json: not a manifest (no JSON object)");
    ck_assert_str_eq(bad("{ \"title\": \"x\" }"), "m.json: not a buurtscan "
                     "manifest (no 'buurtscan' object)");
    ck_assert_str_eq(bad("{ \"buurtscan\": { \"version\": 1 } }"),
                     "m.json: buurtscan: 'version' is not a string");
    ck_assert_str_eq(bad(GOOD_HEAD "\"inputs\": [] }"),
                     "m.json: no 'outputs' list");
    ck_assert_str_eq(bad(GOOD_HEAD "\"inputs\": [ { \"path\": \"a\", "
                         "\"size\": 1, \"sha256\": \"abc\" } ], "
                         "\"outputs\": [] }"),
                     "m.json: inputs[1]: 'sha256' is not 64 hex digits");
    ck_assert_str_eq(bad(GOOD_HEAD "\"inputs\": [], \"outputs\": [ { "
                         "\"path\": \"a\", \"size\": -3, \"sha256\": \""
                         HASH "\" } ] }"),
                     "m.json: outputs[1]: 'size' is not a number of bytes");
    ck_assert_str_eq(bad(GOOD_HEAD "\"inputs\": [ 7 ], \"outputs\": [] }"),
                     "m.json: inputs[1] is not an object");
    ck_assert_str_eq(bad("{ \"buurtscan\": { \"version\": \"0.1.0\", "
                         "\"commit\": \"x\" }, \"date\": \"d\", \"seed\": "
                         "\"2024\", \"libraries\": {}, \"project\": {}, "
                         "\"inputs\": [], \"outputs\": [] }"),
                     "m.json: 'seed' is not a whole number");
    ck_assert_str_eq(bad("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
                         "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"),
                     "m.json:1: nesting too deep");
    /* the good one reads */
    path = bs_test_write(dir, "ok.json", GOOD_HEAD "\"inputs\": [ { \"path\": "
                         "\"a\", \"size\": 0, \"sha256\": \"" HASH "\" } ], "
                         "\"outputs\": [] }");
    ck_assert_msg(bs_manifest_read(path, &m, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(m->ninputs, 1);
    ck_assert_int_eq(m->seed, 2024);
    bs_manifest_free(m);
    free(path);
    ck_assert_int_eq(bs_manifest_read("/nonexistent/m.json", &m, &err), -1);
    ck_assert_str_eq(err.msg, "/nonexistent/m.json: cannot read: No such file "
                     "or directory");
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("manifest");
    TCase *tc = tcase_create("manifest");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, sha256_equals_sha256sum);
    tcase_add_test(tc, version_commit_and_libraries_are_the_running_ones);
    tcase_add_test(tc, gdal_version_is_recorded_when_the_run_used_it);
    tcase_add_test(tc, written_manifest_reads_back_and_its_hashes_are_sha256sums);
    tcase_add_test(tc, changed_files_are_found);
    tcase_add_test(tc, malformed_manifests_are_refused_with_where);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return bs_test_run_suite(suite(), 1);
}
