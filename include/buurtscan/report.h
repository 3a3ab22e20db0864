/* report.h: the PDF report of a project run (gebiedsscan), composed with
 * typeset.h from a computed scan (scan.h) and nothing else: the scan holds
 * the template (template.h, templates/report-nl.ini), the notes (notes.h)
 * and every setting the report prints; the report opens no input file.
 *
 * Sections, in order; the template switches each on or off:
 *   cover        title, subtitle, gemeente, date, author, logo, sources
 *   contents     with page numbers
 *   method       every indicator (label, definition, source, year,
 *                direction, weight, normalisation), how the score is made,
 *                missing data, small areas and disclosure control, the
 *                uncertainty settings, and the caveat that a composite
 *                score signals and does not explain
 *   overview     the score map, the full text width, with its legend
 *   ranking      all areas by rank: rank, code, name, score, decile and,
 *                after an uncertainty run, the rank interval p05-p95 as a
 *                bar with the median and the chance of a top place
 *   indicators   a small map of every indicator, six to a page
 *   areas        a page that explains how to read a profile, then one
 *                profile page per area (atlas): the area's map zoomed to it
 *                with its neighbours faded, key figures, a table of every
 *                indicator (area, municipal and national value, normalised
 *                value and the area's place among all areas), the social
 *                base and the three scan questions with the notes
 *   designation  Plus-IKC designation and changes with reasons (when rows
 *                are given)
 *   appendix     all areas x indicators, breaking across pages with
 *                repeated headers, with totals and reference rows
 *
 * Every count is printed through disclosure.h: suppressed and unknown
 * values are "." with a footnote on the page; normalised values and map
 * classes of a suppressed value are not shown either. Counts in a column
 * with a printed total get secondary suppression.
 *
 * An area profile is one page unless its notes do not fit; then it runs
 * on (the flow engine breaks between lines). Large atlases stay compact:
 * the profile map draws only the areas within its extent, clipped to it;
 * neighbours are named on it up to 500 areas (the map renderer sets labels
 * as glyph outlines, which would double a national atlas); the contents
 * list every profile up to 150 areas (the outline always does); the
 * profiles open with a map of all names up to 60 areas. */
#ifndef BUURTSCAN_REPORT_H
#define BUURTSCAN_REPORT_H

#include "buurtscan/error.h"
#include "buurtscan/notes.h"
#include "buurtscan/scan.h"
#include "buurtscan/template.h"

/* ---- the report of a scan ---- */

/* Everything the report would refuse, checked before anything is drawn:
 * a missing template, the language, the date, the disclosure settings, the
 * template's section titles and questions, its palette (with the
 * template's file and line) and the logo (its bytes must be a PNG), rates
 * without denominators. It reads no file. bs_job_load calls it when the
 * project has a [report], so that `validate` fails where `run` would. */
int bs_report_check(const bs_scan *s, bs_error *err);

/* Writes the report of s (s->report: template, notes, texts, disclosure
 * settings) to path (directly; removed again on failure; the caller
 * renames it into place). After bs_report_check passed it fails only on
 * cairo/pango failures, I/O and memory. */
int bs_report_write(const bs_scan *s, const char *path, bs_error *err);

#endif
