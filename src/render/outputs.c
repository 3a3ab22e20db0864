/* outputs.c: one page in several formats at once (PDF, PNG and SVG of the
 * same map), each output drawn on its own thread and surface.
 *
 * The renderer keeps no state of its own between calls, cairo is
 * thread-safe for separate surfaces and pango gives every thread its own
 * font map, so an output's bytes do not depend on what the other threads
 * draw meanwhile: the files are those bs_map_render writes one by one
 * (tests/render/test_outputs.c compares them for 1, 2 and 3 threads). The
 * first output keeps the labels' fates (label_result); the others place
 * the same labels (text is measured unhinted, alike on every surface) into
 * a copy of the map without label_result. */
#include "mapint.h"

#include <pthread.h>
#include <stdlib.h>

/* One output file of the page. */
typedef struct output {
    const bs_map *maps;       /* the map, or the panels of small multiples */
    size_t nmaps;
    const bs_map_multi *multi;  /* NULL: a single map page */
    bs_format fmt;
    const char *path;
    double dpi;
    int rc;
    bs_error err;
} output;

static int draw_output(output *o)
{
    if (!o->multi)
        return bs_map_render(o->maps, o->fmt, o->dpi, o->path, &o->err);
    return bs_map_render_multi(o->maps, o->nmaps, o->multi->columns,
                               o->multi->shared_legend, o->multi->page, o->fmt,
                               o->dpi, o->path, &o->err);
}

/* A worker takes the outputs start, start + step, start + 2 step... */
typedef struct worker {
    output *out;
    size_t n, start, step;
} worker;

static void *work(void *arg)
{
    worker *w = arg;

    for (size_t i = w->start; i < w->n; i += w->step)
        w->out[i].rc = draw_output(&w->out[i]);
    return NULL;
}

/* Draws the outputs on up to `threads` threads (0: one per output), this
 * one included; a thread that cannot start leaves its share to this one.
 * Returns the first failing output's error, in the order given. */
static int run_outputs(output *out, size_t n, unsigned threads, bs_error *err)
{
    worker w[BS_MAP_OUTPUTS_MAX];
    pthread_t tid[BS_MAP_OUTPUTS_MAX];
    int started[BS_MAP_OUTPUTS_MAX] = { 0 };
    size_t nt = threads == 0 || threads > n ? n : threads, t, i;

    for (t = 0; t < nt; t++)
        w[t] = (worker){ out, n, t, nt };
    for (t = 1; t < nt; t++)
        started[t] = pthread_create(&tid[t], NULL, work, &w[t]) == 0;
    work(&w[0]);
    for (t = 1; t < nt; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            work(&w[t]);
    }
    for (i = 0; i < n; i++)
        if (out[i].rc != 0) {
            if (err)
                *err = out[i].err;
            return -1;
        }
    return 0;
}

static int check_outputs(const bs_format *fmt, const char *const *path, size_t n,
                         bs_error *err)
{
    if (n == 0 || n > BS_MAP_OUTPUTS_MAX)
        return bs_error_set(err, "map: %zu output files: 1 to %d at a time", n,
                            BS_MAP_OUTPUTS_MAX);
    if (!fmt || !path)
        return bs_error_set(err, "map: no output formats or paths");
    for (size_t i = 0; i < n; i++)
        if (!path[i])
            return bs_error_set(err, "map: output %zu has no path", i + 1);
    return 0;
}

int bs_map_render_formats(const bs_map *m, const bs_format *fmt,
                          const char *const *path, size_t n, double dpi,
                          unsigned threads, bs_error *err)
{
    output out[BS_MAP_OUTPUTS_MAX];
    bs_map quiet;

    if (check_outputs(fmt, path, n, err) != 0)
        return -1;
    if (!m)
        return bs_error_set(err, "map: no areas or classes given");
    quiet = *m;
    quiet.label_result = NULL;
    for (size_t i = 0; i < n; i++)
        out[i] = (output){ i == 0 ? m : &quiet, 1, NULL, fmt[i], path[i], dpi, -1,
                           { "" } };
    return run_outputs(out, n, threads, err);
}

int bs_map_render_multi_formats(const bs_map *panels, size_t npanels,
                                const bs_map_multi *multi, const bs_format *fmt,
                                const char *const *path, size_t n, double dpi,
                                unsigned threads, bs_error *err)
{
    output out[BS_MAP_OUTPUTS_MAX];
    bs_map *quiet = NULL;
    int rc;

    if (check_outputs(fmt, path, n, err) != 0)
        return -1;
    if (!panels || npanels == 0 || !multi)
        return bs_error_set(err, "map: no panels for a page of small multiples");
    if (n > 1) {
        if (!(quiet = malloc(npanels * sizeof *quiet)))
            return bs_error_set(err, "%s: out of memory", path[0]);
        memcpy(quiet, panels, npanels * sizeof *quiet);
        for (size_t k = 0; k < npanels; k++)
            quiet[k].label_result = NULL;
    }
    for (size_t i = 0; i < n; i++)
        out[i] = (output){ i == 0 ? panels : quiet, npanels, multi, fmt[i], path[i],
                           dpi, -1, { "" } };
    rc = run_outputs(out, n, threads, err);
    free(quiet);
    return rc;
}
