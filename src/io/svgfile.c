/* svgfile.c: an SVG file as cairo writes it, its page group numbered alike
 * in every file (see svgfile.h). */
#include "buurtscan/svgfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_ID "<g id=\"surface"

struct bs_svg_file {
    FILE *f;
    char *path;
    size_t matched;           /* characters of PAGE_ID seen so far */
    int in_number, done;
    int err;                  /* errno of the first failed write, or 0 */
};

bs_svg_file *bs_svg_open(const char *path, bs_error *err)
{
    bs_svg_file *s = calloc(1, sizeof *s);

    if (!s || !(s->path = strdup(path))) {
        free(s);
        bs_error_set(err, "%s: cannot create the file: out of memory", path);
        return NULL;
    }
    if (!(s->f = fopen(path, "wb"))) {
        bs_error_set(err, "%s: cannot create the file: %s", path, strerror(errno));
        free(s->path);
        free(s);
        return NULL;
    }
    return s;
}

static int put(bs_svg_file *s, const unsigned char *data, size_t n)
{
    if (n > 0 && fwrite(data, 1, n, s->f) != n) {
        s->err = errno ? errno : EIO;
        return -1;
    }
    return 0;
}

/* The first PAGE_ID is followed by digits: they become "1". Only '<'
 * starts the id, so that a failed partial match restarts at most there. */
int bs_svg_write(bs_svg_file *s, const unsigned char *data, unsigned int n)
{
    static const char id[] = PAGE_ID;
    unsigned int i, from = 0;

    if (s->err)
        return -1;
    for (i = 0; i < n && !s->done; i++) {
        unsigned char c = data[i];
        if (s->in_number) {
            if (c >= '0' && c <= '9') {
                from = i + 1;         /* the number is dropped */
                continue;
            }
            if (put(s, (const unsigned char *)"1", 1) != 0)
                return -1;
            s->in_number = 0;
            s->done = 1;
        } else if (c == (unsigned char)id[s->matched]) {
            if (++s->matched == sizeof id - 1) {
                if (put(s, data + from, i + 1 - from) != 0)
                    return -1;
                from = i + 1;
                s->in_number = 1;
            }
        } else {
            s->matched = c == (unsigned char)id[0];
        }
    }
    return put(s, data + from, n - from);
}

int bs_svg_close(bs_svg_file *s, bs_error *err)
{
    int rc = 0;

    if (!s)
        return 0;
    if (fclose(s->f) != 0 && !s->err)
        s->err = errno ? errno : EIO;
    if (s->err)
        rc = bs_error_set(err, "%s: cannot write the file: %s", s->path, strerror(s->err));
    free(s->path);
    free(s);
    return rc;
}
