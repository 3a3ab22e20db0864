/* monitorcsv.c: monitor.csv (issue 13), one row per series per period of
 * every [monitor]:
 *   monitor,level,key,name,period,value,provisional,baseline_period,
 *   baseline,target_period,target,path,change,change_pct,status
 * status on every row as if that period were the latest (green, orange,
 * red, grey); change in the unit (percentage points for %); change_pct
 * the change as a percentage of the baseline value; periods as read; in
 * the project's CSV dialect ([project] csv), as every CSV of a run. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "buurtscan/csvwrite.h"
#include "internal.h"

const char *bs_job_monitor_baseline_text(const bs_scan_monitor *m)
{
    for (size_t q = 0; q < m->nperiod; q++)
        if (bs_period_same(&m->period[q], &m->spec.baseline))
            return m->period[q].text;
    return m->spec.baseline.text;
}

const char *bs_job_monitor_target_period(const bs_scan_monitor *m)
{
    const bs_target *t = &m->spec.target;

    return t->kind == BS_TARGET_ABSOLUTE || t->kind == BS_TARGET_RELATIVE ||
           t->kind == BS_TARGET_PP ? t->by.text : NULL;
}

int bs_job_write_monitor(const bs_scan *s, const char *path, bs_error *err)
{
    static const char *const head[] = {
        "monitor", "level", "key", "name", "period", "value", "provisional",
        "baseline_period", "baseline", "target_period", "target", "path",
        "change", "change_pct", "status"
    };
    bs_csvw *w = bs_csvw_open(path, (bs_csv_dialect)s->csv_dialect, err);
    size_t m, i, q;

    if (!w)
        return -1;
    for (i = 0; i < sizeof head / sizeof *head; i++)
        bs_csvw_text(w, head[i]);
    bs_csvw_end_row(w);
    for (m = 0; m < s->nmonitors; m++) {
        const bs_scan_monitor *mo = &s->monitors[m];
        for (i = 0; i < mo->nseries; i++) {
            const bs_scan_series *se = &mo->series[i];
            for (q = 0; q < mo->nperiod; q++) {
                const bs_monitor_point *pt = &se->point[q];
                bs_csvw_text(w, mo->name);
                bs_csvw_text(w, mo->level == BS_MONITOR_AREAS ? "areas"
                                                              : "gemeente");
                bs_csvw_text(w, se->key);
                bs_csvw_text(w, se->name);
                bs_csvw_text(w, mo->period[q].text);
                bs_csvw_num(w, pt->value);
                bs_csvw_text(w, pt->provisional ? "yes" : "no");
                bs_csvw_text(w, bs_job_monitor_baseline_text(mo));
                bs_csvw_num(w, pt->baseline);
                bs_csvw_text(w, bs_job_monitor_target_period(mo));
                bs_csvw_num(w, pt->target);
                bs_csvw_num(w, pt->path);
                bs_csvw_num(w, pt->change);
                bs_csvw_num(w, pt->change_pct);
                bs_csvw_text(w, bs_status_name(pt->status, "en"));
                bs_csvw_end_row(w);
            }
        }
    }
    return bs_csvw_close(w, err);
}
