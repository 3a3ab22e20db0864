/* record.c: manifest.json, the record of a run (issue 14). The load phase
 * starts it (every key of the resolved project, every input file hashed,
 * the seed and the date); bs_job_write adds every output's hash, from the
 * temporary files before they are renamed, and writes it last, inside the
 * same atomic step. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include "buurtscan/manifest.h"
#include "internal.h"

static int regular_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Records path as an input once (two keys may name the same file). */
static int add_input(bs_manifest *m, const char *path, bs_error *err)
{
    char real[PATH_MAX];
    const char *p = realpath(path, real) ? real : path;

    for (size_t i = 0; i < m->ninputs; i++)
        if (strcmp(m->inputs[i].path, p) == 0)
            return 0;
    return bs_manifest_add_input(m, p, NULL, err);
}

/* A shapefile is read with its companions: they are inputs too. */
static int add_companions(bs_manifest *m, const char *path, bs_error *err)
{
    static const char *const ext[] = {".shx", ".dbf", ".prj", ".cpg"};
    size_t len = strlen(path);
    char *other;

    if (len < 4 || strcasecmp(path + len - 4, ".shp") != 0)
        return 0;
    other = malloc(len + 1);
    if (!other)
        return bs_error_set(err, "%s: out of memory", path);
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        memcpy(other, path, len - 4);
        strcpy(other + len - 4, ext[i]);
        if (regular_file(other) && add_input(m, other, err) != 0) {
            free(other);
            return -1;
        }
    }
    free(other);
    return 0;
}

static int on_setting(void *ctx, const char *key, const char *value,
                      int is_path, bs_error *err)
{
    bs_manifest *m = ctx;

    if (bs_manifest_add_setting(m, key, value, err) != 0)
        return -1;
    if (!is_path || !value[0] || !regular_file(value))
        return 0;
    return add_input(m, value, err) != 0 || add_companions(m, value, err) != 0
               ? -1 : 0;
}

/* The date of the run: SOURCE_DATE_EPOCH (the CLI sets it for every run,
 * so that every output of one run carries the same instant), else now. */
static void run_date(char *buf, size_t n)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    time_t t = e && *e ? (time_t)strtoll(e, NULL, 10) : time(NULL);
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int bs_job_record_inputs(bs_job *j, bs_error *err)
{
    const bs_project *p = j->p;
    char real[PATH_MAX], date[40];
    bs_manifest *m = bs_manifest_new();

    if (!m)
        return bs_error_set(err, "%s: out of memory", p->path);
    j->manifest = m;
    run_date(date, sizeof date);
    if (bs_manifest_set_date(m, date, err) != 0 ||
        bs_manifest_add_setting(m, BS_MANIFEST_PROJECT,
                                realpath(p->path, real) ? real : p->path,
                                err) != 0 ||
        add_input(m, p->path, err) != 0 ||
        bs_project_each_setting(p, on_setting, m, err) != 0)
        return -1;
    if (p->unc.line)
        bs_manifest_set_seed(m, p->unc.seed);
    return 0;
}

int bs_job_record_outputs(const bs_scan *s, bs_outset *o, bs_error *err)
{
    bs_manifest *m = s->manifest;
    const char *path, *tmp, *final;
    size_t i, n = bs_outset_count(o), dirlen;

    if (!m)
        return 0;
    /* a scan is written once per job; outputs of an earlier write go */
    for (i = 0; i < m->noutputs; i++)
        free(m->outputs[i].path);
    m->noutputs = 0;
    if (!(path = bs_outset_reserve(o, "manifest.json", err)))
        return -1;
    dirlen = strlen(bs_outset_dir(o));
    for (i = 0; i < n; i++) {
        bs_outset_file(o, i, &tmp, &final);
        if (tmp == path)
            continue;
        if (bs_manifest_add_output(m, tmp, final + dirlen + 1, err) != 0)
            return -1;
    }
    return bs_manifest_write(m, path, err);
}
