/* verify.c: `buurtscan verify OUTDIR` (issue 14): the run recorded in
 * OUTDIR/manifest.json is made again and compared, file by file. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "buurtscan/manifest.h"
#include "buurtscan/text.h"
#include "internal.h"

typedef struct lines {
    char *s;
    int n;
    int oom;
} lines;

static void add_line(lines *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void add_line(lines *l, const char *fmt, ...)
{
    va_list ap;
    char *one = NULL, *all;
    int k;

    va_start(ap, fmt);
    one = bs_text_vprintf(fmt, ap);
    k = one ? 0 : -1;
    va_end(ap);
    l->n++;
    if (k < 0) {
        l->oom = 1;
        return;
    }
    all = bs_text_printf("%s%s\n", l->s ? l->s : "", one);
    free(one);
    if (!all) {
        l->oom = 1;
        return;
    }
    free(l->s);
    l->s = all;
}

static int remove_one(const char *path, const struct stat *st, int flag,
                      struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

static const char *setting(const bs_manifest *m, const char *key)
{
    for (size_t i = 0; i < m->nproject; i++)
        if (strcmp(m->project[i].key, key) == 0)
            return m->project[i].value;
    return NULL;
}

/* The recorded date as seconds since 1970, for SOURCE_DATE_EPOCH. */
static int epoch_of(const char *date, long long *out)
{
    struct tm tm;

    memset(&tm, 0, sizeof tm);
    if (sscanf(date, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *out = (long long)timegm(&tm);
    return 0;
}

static void check_inputs(const bs_manifest *m, lines *l, bs_error *err)
{
    for (size_t i = 0; i < m->ninputs; i++) {
        char why[300];
        int rc = bs_manifest_file_check(&m->inputs[i], m->inputs[i].path, why,
                                        sizeof why, err);
        if (rc > 0)
            add_line(l, "input %s: %s", m->inputs[i].path, why);
        else if (rc < 0)
            add_line(l, "input %s: %s", m->inputs[i].path, err->msg);
    }
}

/* Runs the project into dir. */
static int rerun(const char *project, const char *dir, const bs_job_hooks *h,
                 bs_error *err)
{
    bs_project *p = NULL;
    bs_job *j = NULL;
    int rc = -1;

    if (bs_project_read(project, &p, err) == 0 &&
        bs_job_load(p, h, &j, err) == 0)
        rc = bs_job_write(j, dir, h, err);
    bs_job_free(j);
    bs_project_free(p);
    return rc;
}

/* The outputs in OUTDIR as the manifest records them (changed since?). */
static void check_outputs(const bs_manifest *m, const char *outdir, lines *l,
                          bs_error *err)
{
    for (size_t i = 0; i < m->noutputs; i++) {
        char *path = bs_text_printf("%s/%s", outdir, m->outputs[i].path), why[300];
        int rc = path ? bs_manifest_file_check(&m->outputs[i], path, why,
                                               sizeof why, err) : -1;
        if (rc > 0)
            add_line(l, "output %s in %s: %s since the run", m->outputs[i].path,
                     outdir, strcmp(why, "missing") == 0 ? "removed" : "changed");
        else if (rc < 0)
            add_line(l, "output %s in %s: %s", m->outputs[i].path, outdir,
                     path ? err->msg : "out of memory");
        free(path);
    }
}

static void compare(const bs_manifest *m, const bs_manifest *again,
                    const char *dir, lines *l, bs_error *err)
{
    size_t i, k;

    for (i = 0; i < m->noutputs; i++) {
        char *path = bs_text_printf("%s/%s", dir, m->outputs[i].path), why[300];
        int rc = path ? bs_manifest_file_check(&m->outputs[i], path, why,
                                               sizeof why, err) : -1;
        if (rc > 0)
            add_line(l, "output %s: the re-run %s", m->outputs[i].path,
                     strcmp(why, "missing") == 0 ? "does not write it" : "differs");
        else if (rc < 0)
            add_line(l, "output %s: %s", m->outputs[i].path,
                     path ? err->msg : "out of memory");
        free(path);
    }
    for (k = 0; k < again->noutputs; k++) {
        for (i = 0; i < m->noutputs; i++)
            if (strcmp(m->outputs[i].path, again->outputs[k].path) == 0)
                break;
        if (i == m->noutputs)
            add_line(l, "output %s: new in the re-run", again->outputs[k].path);
    }
}

int bs_job_verify(const char *outdir, const bs_job_hooks *h, char **report,
                  bs_error *err)
{
    bs_manifest *m = NULL, *again = NULL;
    char *mpath = bs_text_printf("%s/manifest.json", outdir), *old = NULL;
    char tmpl[] = "/tmp/buurtscan-verify-XXXXXX", *out = NULL, *apath = NULL;
    const char *project, *tmpdir = NULL, *env;
    lines l = {NULL, 0, 0};
    long long epoch;
    int rc = -1;

    *report = NULL;
    if (!mpath)
        return bs_error_set(err, "%s: out of memory", outdir);
    if (bs_manifest_read(mpath, &m, err) != 0)
        goto done;
    if (!(project = setting(m, BS_MANIFEST_PROJECT))) {
        bs_error_set(err, "%s: no '%s' in the project settings", mpath,
                     BS_MANIFEST_PROJECT);
        goto done;
    }
    if (epoch_of(m->date, &epoch) != 0) {
        bs_error_set(err, "%s: date '%s' is not YYYY-MM-DDTHH:MM:SSZ", mpath,
                     m->date);
        goto done;
    }
    check_inputs(m, &l, err);
    check_outputs(m, outdir, &l, err);
    if (!(tmpdir = mkdtemp(tmpl))) {
        bs_error_set(err, "%s: cannot make a temporary directory", tmpl);
        goto done;
    }
    env = getenv("SOURCE_DATE_EPOCH");
    old = env ? bs_text_dup(env) : NULL;
    {
        char e[32];
        snprintf(e, sizeof e, "%lld", epoch);
        setenv("SOURCE_DATE_EPOCH", e, 1);
    }
    out = bs_text_printf("%s/out", tmpdir);
    rc = out ? rerun(project, out, h, err) : bs_error_set(err, "out of memory");
    if (old)
        setenv("SOURCE_DATE_EPOCH", old, 1);
    else
        unsetenv("SOURCE_DATE_EPOCH");
    if (rc != 0)
        goto done;
    rc = -1;
    apath = bs_text_printf("%s/manifest.json", out);
    if (!apath || bs_manifest_read(apath, &again, err) != 0)
        goto done;
    compare(m, again, out, &l, err);
    if (l.oom) {
        bs_error_set(err, "%s: out of memory", outdir);
        goto done;
    }
    *report = l.s;
    l.s = NULL;
    rc = l.n;
done:
    if (tmpdir)
        nftw(tmpdir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    free(l.s);
    free(old);
    free(out);
    free(apath);
    free(mpath);
    bs_manifest_free(m);
    bs_manifest_free(again);
    return rc;
}
