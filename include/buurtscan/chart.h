/* chart.h: a trend chart of one monitored series and a sparkline, drawn
 * with cairo and pango into a rectangle of any cairo context (a PDF page
 * of the council report, a PNG). Nothing here reads files.
 *
 * The trend chart shows the values by period on a time axis (period.h: a
 * period sits at its start), the nulwaarde as a horizontal line, the path
 * from the nulwaarde to the target dashed, the target as a diamond at its
 * deadline (a threshold as a dotted line), provisional values as hollow
 * markers, and the latest value in the colour of its stoplicht. The line
 * is not drawn across a series break or a period without a value. */
#ifndef BUURTSCAN_CHART_H
#define BUURTSCAN_CHART_H

#include <cairo.h>
#include "buurtscan/error.h"
#include "buurtscan/monitor.h"
#include "buurtscan/palette.h"
#include "buurtscan/style.h"

/* The colours of the chart (bs_chart_colours_default gives the house ones). */
typedef struct bs_chart_colours {
    bs_rgb status[4];     /* by bs_status: grey, green, orange, red */
    bs_rgb line;          /* the series line and its markers */
    bs_rgb baseline;      /* the nulwaarde line */
    bs_rgb path;          /* the dashed path */
    bs_rgb target;        /* the target diamond and threshold line */
    bs_rgb axis;          /* axes, ticks and grid */
} bs_chart_colours;

/* status: grey #a6a6a6, green #1a9641, orange #f28e1c, red #d7191c;
 * line #2c5d8a, baseline #7f7f7f, path #404040, target #000000,
 * axis #bdbdbd. */
void bs_chart_colours_default(bs_chart_colours *c);

typedef struct bs_chart {
    const bs_series *series;        /* the values (and provisional marks) */
    const bs_monitor_spec *spec;    /* baseline, target, breaks; NULL = none */
    const bs_monitor_point *points; /* series->n from bs_monitor_evaluate, for
                                       the nulwaarde, path, target and
                                       status; NULL = plain values */
    const char *title;              /* above the plot; NULL = none */
    const char *unit;               /* after axis values, e.g. "%"; NULL */
    const char *language;           /* "nl" or "en": numbers and texts */
    int decimals;                   /* of values in labels */
    const bs_style *style;          /* font and text colour; NULL = house */
    const bs_chart_colours *colours;/* NULL = bs_chart_colours_default */
} bs_chart;

/* Where the plot lies in the rectangle (millimetres from the rectangle's
 * top left): a value v at time t is drawn at
 *   x = plot_x + (t - t0) * x_scale,  y = plot_y + (v_top - v) * y_scale. */
typedef struct bs_chart_frame {
    double plot_x, plot_y, plot_w, plot_h;
    double t0, t1;          /* time axis shown, years */
    double v_bottom, v_top; /* value axis shown */
    double v_step;          /* between the value ticks (and grid lines) */
    double x_scale, y_scale;/* mm per year, mm per unit */
} bs_chart_frame;

/* The frame bs_chart_draw will use for c in a w x h mm rectangle (the
 * title and axis labels are measured with the style's font). Returns 0, or
 * -1 when the series has no value and no nulwaarde or target to show, or
 * the rectangle is too small (under 40 x 25 mm). */
int bs_chart_frame_get(const bs_chart *c, double w_mm, double h_mm,
                       bs_chart_frame *out, bs_error *err);

/* Draws the chart into the rectangle x, y, w, h (mm) of cr, whose user
 * unit must be one point (a PDF surface, or an image surface scaled by
 * dpi / 72). Labels: the nulwaarde ("nulwaarde 12,7 %" / "baseline
 * 12.7 %"), the target ("doel 10,7 % (2028)" / "target ..."), the latest
 * value with "(voorlopig)" / "(provisional)" when so marked, and the
 * period of every tick. The state of cr is saved and restored. Returns 0,
 * or -1 as bs_chart_frame_get or on a cairo error. */
int bs_chart_draw(cairo_t *cr, const bs_chart *c, double x_mm, double y_mm,
                  double w_mm, double h_mm, bs_error *err);

/* A sparkline: the series as a thin line in colour `line` (no axes, no
 * texts) scaled to its own range, broken at the breaks and at periods
 * without a value; the last value as a dot, hollow when provisional,
 * filled with `last` (e.g. a stoplicht colour). Returns 0, or -1 when no
 * value is present or on a cairo error. */
int bs_sparkline_draw(cairo_t *cr, const bs_series *s, const bs_period *breaks,
                      size_t nbreaks, bs_rgb line, bs_rgb last, double x_mm,
                      double y_mm, double w_mm, double h_mm, bs_error *err);

#endif
