/* error.c: filling bs_error and passing warnings on. */
#include <stdio.h>
#include "buurtscan/error.h"

int bs_error_set(bs_error *e, const char *fmt, ...)
{
    if (e) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->msg, sizeof e->msg, fmt, ap);
        va_end(ap);
    }
    return -1;
}

void bs_warn(const bs_diag *d, const char *fmt, ...)
{
    char buf[BS_ERROR_MAX];
    va_list ap;

    if (!d || !d->warn)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    d->warn(d->ud, buf);
}
