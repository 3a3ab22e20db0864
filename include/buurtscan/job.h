/* job.h: running a project: read -> join -> derive -> score -> classify ->
 * draw -> write. The CLI is a thin layer over these calls.
 *
 * bs_job_load reads every file (areas, data, points, catchments, previous
 * designations, contexts, style, report template, notes) and does
 * everything that can fail on the input (joining, formulas, scores,
 * classes, the report's checks) into one read-only result, the scan
 * (scan.h), so `validate` and `run` find the same errors; bs_job_write then
 * only renders and writes the scan, atomically: every output goes to a
 * temporary file in OUTDIR and all are renamed into place at the end, so a
 * failed run leaves nothing behind. */
#ifndef BUURTSCAN_JOB_H
#define BUURTSCAN_JOB_H

#include <stddef.h>
#include "buurtscan/error.h"
#include "buurtscan/project.h"
#include "buurtscan/scan.h"

typedef struct bs_job_hooks {
    bs_diag diag;                               /* warnings */
    void (*step)(void *ud, const char *what);   /* progress, may be NULL */
    void *ud;
    const char *templates_dir;  /* stock templates (report-nl.ini ...), or NULL */
} bs_job_hooks;

/* A run of a project: its workspace and storage (src/job/internal.h). The
 * writers see only its scan (bs_job_scan). */
typedef struct bs_job bs_job;

/* Reads every file the project names and computes everything it
 * describes into the job's scan. Every error a run can meet on the input
 * is met here (the report's checks included), so `validate` and `run`
 * agree. */
int bs_job_load(const bs_project *p, const bs_job_hooks *h, bs_job **out,
                bs_error *err);
void bs_job_free(bs_job *j);

/* The result of a loaded job, for the writers: valid until bs_job_free. */
const bs_scan *bs_job_scan(const bs_job *j);

/* What validate prints: areas, rows, matched/unmatched keys per data file,
 * missing values per indicator, scores and classes. Caller frees. */
char *bs_job_summary(const bs_job *j);

/* Checks that dir can be the output directory: every part of it that
 * exists is a directory, and the first missing one can be made. `validate`
 * checks [project] output so; bs_job_write makes it. */
int bs_job_check_output(const char *dir, bs_error *err);

/* Writes every output of the job's scan into outdir (created if needed):
 * scores.csv and the other tables, every map's files, the report. */
int bs_job_write(const bs_job *j, const char *outdir, const bs_job_hooks *h,
                 bs_error *err);

/* issue 14: manifest.json records the project file under this setting. */
#define BS_MANIFEST_PROJECT "buurtscan.project"

/* issue 14: `buurtscan verify OUTDIR`. Reads OUTDIR/manifest.json, checks
 * every input's size and SHA-256, runs the recorded project again (with
 * SOURCE_DATE_EPOCH set to the recorded date) into a temporary directory
 * (removed afterwards) and compares every recorded output. Each difference
 * is one line in *report ("input FILE: ...", "output NAME: differs", "output
 * NAME: missing in the re-run", "output NAME: new in the re-run"; caller
 * frees; NULL when none). Returns the number of differences (0: the run is
 * reproduced), or -1 with err set when the manifest cannot be read or the
 * project cannot run. */
int bs_job_verify(const char *outdir, const bs_job_hooks *h, char **report,
                  bs_error *err);

#endif
