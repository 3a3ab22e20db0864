/* typeset_writer.c: the writer thread of the
 * drawing pass (typeset_doc.h). */
#include "typeset_doc.h"

#include <cairo-pdf.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* In the drawing pass each page is composed into a cairo recording surface
 * (text laid out with pango, maps and charts drawn by the callbacks), and
 * a writer thread paints the finished pages, one after another, into the
 * PDF surface and shows them. cairo's PDF writer (content streams, zlib)
 * thus runs beside the composition of the next pages instead of after it.
 * Outline entries go through the same queue, so the writer adds each while
 * its page is the current one, as a single thread would. Only the writer
 * touches the PDF surface; only the composing thread uses pango. At most
 * WRITER_DEPTH items (pages and outline entries) wait, which bounds the
 * memory. */

#define WRITER_DEPTH 16       /* some eight profile pages, a few MB: on the
                                 national atlas the writer then waits
                                 0.17 s in all for pages (0.22 s with 4) */

typedef struct writer {
    pthread_t tid;
    pthread_mutex_t mu;
    pthread_cond_t more, room;
    witem q[WRITER_DEPTH];
    size_t head, n;
    cairo_surface_t *spent[2 * WRITER_DEPTH];   /* pages written, for the */
    size_t nspent;                              /* composer to free */
    int closing;
    cairo_status_t status;    /* the first error; later items are dropped */
    cairo_surface_t *surf;
    cairo_t *cr;
    int outline_l1;           /* cairo outline id of the last level 1 */
} writer;

static cairo_status_t writer_do(writer *w, witem *it)
{
    if (it->page) {
        cairo_set_source_surface(w->cr, it->page, 0, 0);
        cairo_paint(w->cr);
        cairo_set_source_rgb(w->cr, 0, 0, 0);   /* drops the page */
        cairo_show_page(w->cr);
        pthread_mutex_lock(&w->mu);
        if (w->nspent < 2 * WRITER_DEPTH) {
            w->spent[w->nspent++] = it->page;
            it->page = NULL;
        }
        pthread_mutex_unlock(&w->mu);
        if (it->page)
            cairo_surface_destroy(it->page);
    } else {
        int parent = it->level == 1 || w->outline_l1 <= 0
                         ? CAIRO_PDF_OUTLINE_ROOT : w->outline_l1;
        int id = cairo_pdf_surface_add_outline(w->surf, parent, it->text,
                                               it->attrs, it->flags);
        if (it->level == 1)
            w->outline_l1 = id;
    }
    if (cairo_status(w->cr) != CAIRO_STATUS_SUCCESS)
        return cairo_status(w->cr);
    return cairo_surface_status(w->surf);
}

static void *writer_run(void *arg)
{
    writer *w = arg;

    for (;;) {
        witem it;
        cairo_status_t s;
        pthread_mutex_lock(&w->mu);
        while (!w->n && !w->closing)
            pthread_cond_wait(&w->more, &w->mu);
        if (!w->n) {
            pthread_mutex_unlock(&w->mu);
            return NULL;
        }
        it = w->q[w->head];
        w->head = (w->head + 1) % WRITER_DEPTH;
        w->n--;
        s = w->status;
        pthread_cond_signal(&w->room);
        pthread_mutex_unlock(&w->mu);
        if (s == CAIRO_STATUS_SUCCESS)
            s = writer_do(w, &it);
        else if (it.page)
            cairo_surface_destroy(it.page);
        if (s != CAIRO_STATUS_SUCCESS) {
            pthread_mutex_lock(&w->mu);
            if (w->status == CAIRO_STATUS_SUCCESS)
                w->status = s;
            pthread_mutex_unlock(&w->mu);
        }
    }
}

/* Hands an item to the writer (waiting while the queue is full); returns
 * the writer's status so far. The writer owns it->page from here on. */
cairo_status_t bs_ts_writer_put(writer *w, const witem *it)
{
    cairo_surface_t *spent[2 * WRITER_DEPTH];
    size_t nspent;
    cairo_status_t s;

    pthread_mutex_lock(&w->mu);
    while (w->n == WRITER_DEPTH)
        pthread_cond_wait(&w->room, &w->mu);
    w->q[(w->head + w->n) % WRITER_DEPTH] = *it;
    w->n++;
    s = w->status;
    nspent = w->nspent;
    memcpy(spent, w->spent, nspent * sizeof *spent);
    w->nspent = 0;
    pthread_cond_signal(&w->more);
    pthread_mutex_unlock(&w->mu);
    /* the written pages are freed here, beside the writer */
    for (size_t k = 0; k < nspent; k++)
        cairo_surface_destroy(spent[k]);
    return s;
}

cairo_status_t bs_ts_writer_status(writer *w)
{
    cairo_status_t s;

    pthread_mutex_lock(&w->mu);
    s = w->status;
    pthread_mutex_unlock(&w->mu);
    return s;
}

/* Frees w (its thread joined or never started). */
static void writer_free(writer *w)
{
    cairo_destroy(w->cr);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->more);
    pthread_cond_destroy(&w->room);
    free(w);
}

writer *bs_ts_writer_start(cairo_surface_t *surf)
{
    writer *w = calloc(1, sizeof *w);

    if (!w)
        return NULL;
    w->surf = surf;
    w->cr = cairo_create(surf);
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->more, NULL);
    pthread_cond_init(&w->room, NULL);
    if (pthread_create(&w->tid, NULL, writer_run, w) != 0) {
        writer_free(w);
        return NULL;
    }
    return w;
}

/* Lets the writer finish the queue, joins it and returns its status. */
cairo_status_t bs_ts_writer_stop(writer *w)
{
    cairo_status_t s;

    pthread_mutex_lock(&w->mu);
    w->closing = 1;
    pthread_cond_signal(&w->more);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->tid, NULL);
    for (size_t k = 0; k < w->nspent; k++)
        cairo_surface_destroy(w->spent[k]);
    s = w->status;
    writer_free(w);
    return s;
}
