/* access.c: distances from area points to facilities, per kind (see
 * access.h): one k-d tree per kind, a nearest and a count query per area. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/access.h"
#include "buurtscan/kdtree.h"

void bs_access_free(bs_access *a)
{
    free(a->nearest);
    free(a->nearest_id);
    free(a->within);
    memset(a, 0, sizeof *a);
}

static int facility_error(const char *const *keys, size_t j, bs_error *err,
                          const char *what, size_t kind, size_t nkinds)
{
    char name[64];

    if (keys && keys[j])
        snprintf(name, sizeof name, "'%.50s'", keys[j]);
    else
        snprintf(name, sizeof name, "%zu", j + 1);
    if (what)
        return bs_error_set(err, "facility %s: %s", name, what);
    return bs_error_set(err, "facility %s: kind %zu, but there %s %zu kind%s",
                        name, kind, nkinds == 1 ? "is" : "are", nkinds,
                        nkinds == 1 ? "" : "s");
}

/* The facilities of kind k: coordinates (NaN elsewhere, so the tree skips
 * them and keeps the caller's indices). */
static int kind_tree(const double *fx, const double *fy, const size_t *kind,
                     size_t nfac, size_t k, double *bx, double *by,
                     bs_kdtree **t, bs_error *err)
{
    size_t j;

    for (j = 0; j < nfac; j++) {
        int mine = kind ? kind[j] == k : k == 0;

        bx[j] = mine ? fx[j] : NAN;
        by[j] = mine ? fy[j] : NAN;
    }
    return bs_kdtree_new(bx, by, nfac, t, err);
}

int bs_access_compute(const double *ax, const double *ay, size_t nareas,
                      const double *fx, const double *fy, const size_t *kind,
                      size_t nfac, size_t nkinds, double radius,
                      const char *const *keys, bs_access *out, bs_error *err)
{
    size_t i, j, k, cells = nareas * nkinds;
    double *bx = NULL, *by = NULL;
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (nkinds == 0)
        return bs_error_set(err, "accessibility: no kinds of facility");
    if (!(radius >= 0) || !isfinite(radius))
        return bs_error_set(err, "accessibility: the radius must be 0 or "
                            "more (it is %g)", radius);
    for (j = 0; j < nfac; j++) {
        if (kind && kind[j] == SIZE_MAX)
            continue;
        if (!isfinite(fx[j]) || !isfinite(fy[j]))
            return facility_error(keys, j, err, "no coordinates", 0, 0);
        if (kind && kind[j] >= nkinds)
            return facility_error(keys, j, err, NULL, kind[j], nkinds);
    }
    out->nareas = nareas;
    out->nkinds = nkinds;
    out->radius = radius;
    out->nearest = malloc((cells ? cells : 1) * sizeof *out->nearest);
    out->nearest_id = malloc((cells ? cells : 1) * sizeof *out->nearest_id);
    out->within = calloc(cells ? cells : 1, sizeof *out->within);
    bx = malloc((nfac ? nfac : 1) * sizeof *bx);
    by = malloc((nfac ? nfac : 1) * sizeof *by);
    if (!out->nearest || !out->nearest_id || !out->within || !bx || !by) {
        bs_error_set(err, "accessibility: out of memory");
        goto done;
    }
    for (k = 0; k < nkinds; k++) {
        bs_kdtree *t;

        if (kind_tree(fx, fy, kind, nfac, k, bx, by, &t, err) != 0)
            goto done;
        for (i = 0; i < nareas; i++) {
            size_t c = i * nkinds + k, id;
            double d2;

            if (bs_kdtree_nearest(t, ax[i], ay[i], 1, SIZE_MAX, &id, &d2)) {
                out->nearest[c] = sqrt(d2);
                out->nearest_id[c] = id;
            } else {
                out->nearest[c] = NAN;
                out->nearest_id[c] = SIZE_MAX;
            }
            out->within[c] = bs_kdtree_count_within(t, ax[i], ay[i], radius);
        }
        bs_kdtree_free(t);
    }
    rc = 0;
done:
    free(bx);
    free(by);
    return rc;
}
