/* labelorder.c: the order of importance of map labels (labelorder.h). */
#include "buurtscan/labelorder.h"

#include <math.h>
#include <stdlib.h>

typedef struct item {
    int group;          /* 0 highlighted, 1 with a value, 2 without */
    double need;        /* higher = more need */
    size_t area;
} item;

static int by_importance(const void *pa, const void *pb)
{
    const item *a = pa, *b = pb;

    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    if (a->need != b->need && !isnan(a->need) && !isnan(b->need))
        return a->need > b->need ? -1 : 1;
    if (isnan(a->need) != isnan(b->need))
        return isnan(a->need) ? 1 : -1;
    return a->area < b->area ? -1 : a->area > b->area;
}

int bs_label_order(const double *value, int direction,
                   const unsigned char *highlight, size_t n, size_t *order,
                   size_t *priority, bs_error *err)
{
    item *it;
    size_t i;

    if (direction != 1 && direction != -1)
        return bs_error_set(err, "labels: direction must be 1 or -1, not %d",
                            direction);
    it = malloc((n + 1) * sizeof *it);
    if (!it)
        return bs_error_set(err, "labels: out of memory");
    for (i = 0; i < n; i++) {
        double v = value ? value[i] : NAN;
        it[i].need = isfinite(v) ? direction * v : NAN;
        it[i].group = highlight && highlight[i] ? 0
                      : !value || isfinite(v) ? 1 : 2;
        it[i].area = i;
    }
    qsort(it, n, sizeof *it, by_importance);
    for (i = 0; i < n; i++) {
        order[i] = it[i].area;
        if (priority)
            priority[it[i].area] = i;
    }
    free(it);
    return 0;
}
