/* report.c: the job's PDF report. The load phase checks what the report
 * would refuse (bs_job_check_report); bs_job_report writes it from the
 * scan alone (src/report/). */
#include "buurtscan/report.h"
#include "internal.h"

int bs_job_check_report(const bs_scan *s, bs_error *err)
{
    return s->report.on ? bs_report_check(s, err) : 0;
}

int bs_job_report(const bs_scan *s, const char *path, const bs_job_hooks *h,
                  bs_error *err)
{
    bs_job_step(h, "writing the report");
    return bs_report_write(s, path, err);
}
