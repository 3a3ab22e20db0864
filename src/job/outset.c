/* outset.c: the outputs of a run, written atomically.
 *
 * Every output is written to a hidden temporary file in OUTDIR first; only
 * when all of them are complete are they renamed into place. On failure the
 * temporary files are removed, and so is OUTDIR itself if this run created
 * it, so a failed run leaves nothing behind. Output names come from section
 * names that the project reader restricts to [A-Za-z0-9_-], so nothing is
 * ever written outside OUTDIR. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "internal.h"

typedef struct outfile {
    char *tmp;
    char *final;
} outfile;

struct bs_outset {
    char *dir;
    outfile *files;
    size_t n;
    char **created;      /* directories this run created, outermost first */
    size_t ncreated;
};

/* The first missing part `path` of dir could be made: its parent is a
 * directory this process may write. */
static int creatable(char *path, const char *dir, bs_error *err)
{
    char *slash = strrchr(path, '/');
    const char *parent = ".";

    if (slash) {
        *slash = '\0';
        parent = slash == path ? "/" : path;
    }
    if (access(parent, W_OK | X_OK) != 0)
        return bs_error_set(err, "%s: cannot create the output directory: %s",
                            dir, strerror(errno));
    return 0;
}

/* Walks the parts of dir: each one that exists must be a directory; the
 * missing ones are made (o != NULL, remembered for the rollback) or only
 * the first one is checked to be creatable (o == NULL). */
static int walk_dirs(bs_outset *o, const char *dir, bs_error *err)
{
    char *path = strdup(dir), *s;
    struct stat st;
    int rc = 0;

    if (!path)
        return bs_error_set(err, "%s: out of memory", dir);
    for (s = path + 1; rc == 0; s++) {
        char c = *s;
        if (c != '/' && c != '\0')
            continue;
        *s = '\0';
        if (stat(path, &st) == 0) {
            if (!S_ISDIR(st.st_mode))
                rc = bs_error_set(err, "%s: exists and is not a directory", path);
        } else if (!o) {
            rc = creatable(path, dir, err);
            break;
        } else if (mkdir(path, 0777) != 0) {
            rc = bs_error_set(err, "%s: cannot create the output directory: %s",
                              dir, strerror(errno));
        } else {
            char **created = realloc(o->created, (o->ncreated + 1) * sizeof *created);
            if (!created || !(created[o->ncreated] = strdup(path)))
                rc = bs_error_set(err, "%s: out of memory", dir);
            if (created)
                o->created = created;
            if (rc == 0)
                o->ncreated++;
        }
        *s = c;
        if (c == '\0')
            break;
    }
    free(path);
    return rc;
}

int bs_job_check_output(const char *dir, bs_error *err)
{
    return walk_dirs(NULL, dir, err);
}

/* Reserves a temporary file for the output `name`; returns its path. */
const char *bs_outset_reserve(bs_outset *o, const char *name, bs_error *err)
{
    size_t n = strlen(o->dir) + strlen(name) + 32;
    outfile *f;
    outfile *files = realloc(o->files, (o->n + 1) * sizeof *files);

    if (!files) {
        bs_error_set(err, "%s: out of memory", o->dir);
        return NULL;
    }
    o->files = files;
    f = &o->files[o->n];
    f->final = malloc(n);
    f->tmp = malloc(n);
    if (!f->final || !f->tmp) {
        free(f->final);
        free(f->tmp);
        bs_error_set(err, "%s: out of memory", o->dir);
        return NULL;
    }
    snprintf(f->final, n, "%s/%s", o->dir, name);
    snprintf(f->tmp, n, "%s/.%s.%ld.tmp", o->dir, name, (long)getpid());
    o->n++;
    return f->tmp;
}

void bs_outset_rollback(bs_outset *o)
{
    size_t i;
    for (i = 0; i < o->n; i++)
        unlink(o->files[i].tmp);
    for (i = o->ncreated; i-- > 0;)
        rmdir(o->created[i]);
}

int bs_outset_commit(bs_outset *o, bs_error *err)
{
    size_t i;
    for (i = 0; i < o->n; i++)
        if (rename(o->files[i].tmp, o->files[i].final) != 0)
            return bs_error_set(err, "%s: cannot rename into place: %s",
                                o->files[i].final, strerror(errno));
    return 0;
}

void bs_outset_free(bs_outset *o)
{
    size_t i;
    if (!o)
        return;
    for (i = 0; i < o->n; i++) {
        free(o->files[i].tmp);
        free(o->files[i].final);
    }
    free(o->files);
    for (i = 0; i < o->ncreated; i++)
        free(o->created[i]);
    free(o->created);
    free(o->dir);
    free(o);
}

int bs_outset_open(const char *dir, bs_outset **out, bs_error *err)
{
    bs_outset *o = calloc(1, sizeof *o);

    *out = NULL;
    if (!o || !(o->dir = strdup(dir))) {
        free(o);
        return bs_error_set(err, "%s: out of memory", dir);
    }
    if (walk_dirs(o, dir, err) != 0) {
        bs_outset_rollback(o);
        bs_outset_free(o);
        return -1;
    }
    *out = o;
    return 0;
}

/* issue 14: the reserved outputs, for manifest.json */
size_t bs_outset_count(const bs_outset *o)
{
    return o->n;
}

void bs_outset_file(const bs_outset *o, size_t i, const char **tmp,
                    const char **final)
{
    *tmp = o->files[i].tmp;
    *final = o->files[i].final;
}

const char *bs_outset_dir(const bs_outset *o)
{
    return o->dir;
}
