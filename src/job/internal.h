/* internal.h: what the files of the job module share; not public API. */
#ifndef BUURTSCAN_JOB_INTERNAL_H
#define BUURTSCAN_JOB_INTERNAL_H

#include <stddef.h>
#include "buurtscan/job.h"

/* Progress line through the hooks (h may be NULL). */
void bs_job_step(const bs_job_hooks *h, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "PROJECT:LINE" of a setting, or of its section when it was defaulted. */
const char *bs_job_at(const bs_project *p, long line, long section_line,
                      char *buf, size_t n);

/* The project's palette names, known to render: unknown schemes, centre
 * with a sequential scheme, a scheme without the map's number of classes
 * (check.c). Before anything is read, so validate and run agree. */
int bs_job_check_names(const bs_project *p, bs_error *err);

/* Values per area of a column ("areas.X", "DATA.X" or a bare name found in
 * exactly one source); uses[d] is set for a data file d the values come from
 * (uses may be NULL). `where` prefixes messages. */
int bs_job_column_values(const bs_job *j, const char *name, const char *where,
                         double *out, unsigned char *uses, bs_error *err);

/* Raw values of an indicator given by column = or formula =. */
int bs_job_indicator_values(const bs_job *j, const bs_indicator_spec *s,
                            double *out, unsigned char *uses, bs_error *err);

/* Everything from raw indicators to ranks and the uncertainty runs
 * (compute.c). */
int bs_job_compute(bs_job *j, const bs_job_hooks *h, bs_error *err);

/* Frees what bs_job_compute allocated. */
void bs_job_compute_free(bs_job *j);

/* The [uncertainty] runs (compute.c), after the designations so that each
 * IKC of the first [designate] with top = N gets its p_top. */
int bs_job_uncertainty(bs_job *j, const bs_job_hooks *h, bs_error *err);

/* Point layers and [supply] columns (places.c), before the scores. */
int bs_job_load_places(bs_job *j, const bs_job_hooks *h, bs_error *err);

/* A [supply] column: NAME (count) or NAME_per1000 into out[n]; 1 if name
 * is one, else 0. */
int bs_job_supply_column(const bs_job *j, const char *name, double *out);

/* [designate] and [prioritise], after the scores. */
int bs_job_decide(bs_job *j, const bs_job_hooks *h, bs_error *err);

void bs_job_places_free(bs_job *j);

/* When only [map]s draw the areas and they came in another CRS than the
 * project's: simplifies them for print in their own CRS, reprojects only
 * the points kept and gives the job's areas that geometry (write.c; after
 * the maps are prepared, as their frames set the tolerance). */
int bs_job_simplify_for_print(bs_job *j, const bs_job_hooks *h, bs_error *err);

/* The PDF report of [report] into path (report.c). */
int bs_job_report(const bs_job *j, const char *path, const bs_job_hooks *h,
                  bs_error *err);

#endif
