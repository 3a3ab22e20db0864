/* monitorcsv.c: monitor.csv (issue 13), one row per series per period of
 * every [monitor]:
 *   monitor,level,key,name,period,value,provisional,baseline_period,
 *   baseline,target_period,target,path,change,change_pct,status
 * status on every row as if that period were the latest (green, orange,
 * red, grey); change in the unit (percentage points for %); change_pct
 * the change as a percentage of the baseline value; periods as read. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "buurtscan/number.h"
#include "internal.h"

static void text(FILE *f, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void num(FILE *f, double v)
{
    char buf[64];
    fputc(',', f);
    fputs(bs_format_csv_number(v, buf, sizeof buf), f);
}

/* The baseline period as the series writes it (the data's text). */
static const char *baseline_text(const bs_scan_monitor *m)
{
    for (size_t q = 0; q < m->nperiod; q++)
        if (bs_period_same(&m->period[q], &m->spec.baseline))
            return m->period[q].text;
    return m->spec.baseline.text;
}

static int has_deadline(const bs_target *t)
{
    return t->kind == BS_TARGET_ABSOLUTE || t->kind == BS_TARGET_RELATIVE ||
           t->kind == BS_TARGET_PP;
}

int bs_job_write_monitor(const bs_scan *s, const char *path, bs_error *err)
{
    FILE *f = fopen(path, "w");
    size_t m, i, q;
    int bad;

    if (!f)
        return bs_error_set(err, "%s: cannot write: %s", path, strerror(errno));
    fputs("monitor,level,key,name,period,value,provisional,baseline_period,"
          "baseline,target_period,target,path,change,change_pct,status\n", f);
    for (m = 0; m < s->nmonitors; m++) {
        const bs_scan_monitor *mo = &s->monitors[m];
        for (i = 0; i < mo->nseries; i++) {
            const bs_scan_series *se = &mo->series[i];
            for (q = 0; q < mo->nperiod; q++) {
                const bs_monitor_point *pt = &se->point[q];
                text(f, mo->name);
                fputs(mo->level == BS_MONITOR_AREAS ? ",areas," : ",gemeente,", f);
                text(f, se->key);
                fputc(',', f);
                text(f, se->name);
                fputc(',', f);
                text(f, mo->period[q].text);
                num(f, pt->value);
                fputs(pt->provisional ? ",yes," : ",no,", f);
                text(f, baseline_text(mo));
                num(f, pt->baseline);
                fputc(',', f);
                if (has_deadline(&mo->spec.target))
                    text(f, mo->spec.target.by.text);
                num(f, pt->target);
                num(f, pt->path);
                num(f, pt->change);
                num(f, pt->change_pct);
                fputc(',', f);
                fputs(bs_status_name(pt->status, "en"), f);
                fputc('\n', f);
            }
        }
    }
    bad = ferror(f);
    if (fclose(f) != 0 || bad)
        return bs_error_set(err, "%s: write error: %s", path, strerror(errno));
    return 0;
}
