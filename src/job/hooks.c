/* hooks.c: progress, warnings and "PROJECT:LINE" texts for every room of
 * the job. */
#include <stdarg.h>
#include <stdio.h>
#include "internal.h"

void bs_job_step(const bs_job_hooks *h, const char *fmt, ...)
{
    char buf[512];
    va_list ap;

    if (!h || !h->step)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    h->step(h->ud, buf);
}

const bs_diag *bs_job_diag(const bs_job_hooks *h)
{
    return h ? &h->diag : NULL;
}

const char *bs_job_at(const bs_project *p, long line, long section_line,
                      char *buf, size_t n)
{
    snprintf(buf, n, "%s:%ld", p->path, line ? line : section_line);
    return buf;
}
