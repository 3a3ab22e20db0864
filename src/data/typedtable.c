/* typedtable.c: checking a typed table before a writer uses it. */
#include <math.h>
#include <strings.h>
#include "buurtscan/typedtable.h"

#define BS_MAX_EXACT 9007199254740992.0   /* 2^53 */

int bs_typed_cell_suppressed(const bs_typed_column *c, size_t row)
{
    return c->suppressed && c->suppressed[row];
}

int bs_typed_cell_empty(const bs_typed_column *c, size_t row)
{
    if (bs_typed_cell_suppressed(c, row))
        return 1;
    return c->type == BS_COL_TEXT ? c->text[row] == NULL
                                  : isnan(c->num[row]);
}

static int check_values(const bs_typed_table *t, const bs_typed_column *c,
                        bs_error *err)
{
    size_t r;

    if (c->type == BS_COL_TEXT ? !c->text : !c->num)
        return bs_error_set(err, "%s: column '%s' has no values", t->name,
                            c->name);
    if (c->type != BS_COL_INTEGER)
        return 0;
    for (r = 0; r < t->nrows; r++) {
        double v = c->num[r];
        if (isnan(v))
            continue;
        if (v != floor(v) || fabs(v) > BS_MAX_EXACT)
            return bs_error_set(err, "%s: column '%s': row %zu holds %g, not "
                                "a whole number", t->name, c->name, r + 1, v);
    }
    return 0;
}

int bs_typed_table_check(const bs_typed_table *t, bs_error *err)
{
    size_t i, j;

    if (!t->name || !*t->name)
        return bs_error_set(err, "a table without a name");
    if (t->ncols > 0 && !t->cols)
        return bs_error_set(err, "%s: no columns", t->name);
    for (i = 0; i < t->ncols; i++) {
        const bs_typed_column *c = &t->cols[i];
        if (!c->name || !*c->name)
            return bs_error_set(err, "%s: column %zu has no name", t->name,
                                i + 1);
        if (c->type != BS_COL_REAL && c->type != BS_COL_INTEGER
            && c->type != BS_COL_TEXT)
            return bs_error_set(err, "%s: column '%s' has an unknown type",
                                t->name, c->name);
        for (j = 0; j < i; j++)
            if (strcasecmp(t->cols[j].name, c->name) == 0)
                return bs_error_set(err, "%s: two columns are called '%s'",
                                    t->name, c->name);
        if (check_values(t, c, err) != 0)
            return -1;
    }
    return 0;
}
