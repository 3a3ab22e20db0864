/* bad_cases.c: the bad-input cases of buurtscan, shared by the e2e test
 * of each case's message (e2e/test_bad_input.c) and the property that
 * `validate` and `run` agree on every one of them (job/test_validate_run.c).
 *
 * Each case starts from a good project directory (bs_bad_make_project) and
 * breaks one thing. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../testutil.h"
#include "bad_cases.h"

static const char *GOOD_INI =
    "[project]\n"                                    /* 1 */
    "title = Test\n"                                 /* 2 */
    "[areas]\n"                                      /* 3 */
    "shapefile = w.shp\n"                            /* 4 */
    "key = code\n"                                   /* 5 */
    "name = name\n"                                  /* 6 */
    "[data d]\n"                                     /* 7 */
    "file = d.csv\n"                                 /* 8 */
    "key = code\n"                                   /* 9 */
    "[indicator armoede]\n"                          /* 10 */
    "column = income_low\n"                          /* 11 */
    "direction = +\n"                                /* 12 */
    "[indicator jeugd]\n"                            /* 13 */
    "formula = 100 * jeugdhulp / jongeren_0_17\n"    /* 14 */
    "direction = +\n"                                /* 15 */
    "[map score]\n"                                  /* 16 */
    "column = score\n";                              /* 17 */

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[65536];
    size_t n;
    ck_assert_msg(in && out, "copy %s -> %s", from, to);
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out);
    fclose(in);
    fclose(out);
}

/* A project dir with w.shp (Leeuwarden), d.csv (the illustrative table) and
 * project.ini = GOOD_INI. */
char *bs_bad_make_project(void)
{
    static const char *ext[] = { "shp", "shx", "dbf", "prj", "cpg" };
    char *dir = strdup(bs_test_tmpdir());
    char from[4096], to[4096];
    size_t i;

    for (i = 0; i < 5; i++) {
        snprintf(from, sizeof from, "%s.%s",
                 bs_test_src("geodata/leeuwarden_wijken_2022"), ext[i]);
        snprintf(to, sizeof to, "%s/w.%s", dir, ext[i]);
        copy_file(from, to);
    }
    snprintf(to, sizeof to, "%s/d.csv", dir);
    copy_file(bs_test_src("geodata/leeuwarden_illustratief.csv"), to);
    free(bs_test_write(dir, "project.ini", GOOD_INI));
    return dir;
}

/* Replaces the first occurrence of `from` in file dir/name by `to`. */
void bs_bad_edit(const char *dir, const char *name, const char *from, const char *to)
{
    char path[4096];
    char *text, *at, *out;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    text = bs_test_slurp(path);
    ck_assert_ptr_nonnull(text);
    at = strstr(text, from);
    ck_assert_msg(at != NULL, "'%s' not in %s", from, name);
    out = malloc(strlen(text) + strlen(to) + 1);
    memcpy(out, text, (size_t)(at - text));
    strcpy(out + (at - text), to);
    strcat(out, at + strlen(from));
    free(bs_test_write(dir, name, out));
    free(out);
    free(text);
}

/* Appends text to dir/name: it starts on line 16 of the project file. */
void bs_bad_append(const char *dir, const char *name, const char *text)
{
    char path[4096];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "a");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void truncate_file(const char *dir, const char *name, long keep)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    ck_assert_int_eq(truncate(path, keep), 0);
}

static void remove_file(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    ck_assert_int_eq(unlink(path), 0);
}

/* --- the cases ---------------------------------------------------------- */

/* issue 13: a long file with a key twice in one period (lines 3 and 5,
 * 2024 and 2024JJ00 being the same period); a monitor's bad target */
static void b_duplicate_key_period(const char *d)
{
    free(bs_test_write(d, "p.csv", "code,periode,x\nWK008010,2023JJ00,1\n"
                       "WK008010,2024JJ00,2\nWK008011,2024,3\nWK008010,2024,4\n"));
    bs_bad_append(d, "project.ini", "[data p]\nfile = p.csv\nkey = code\n"
                  "period = periode\n");
}
static void b_monitor_target(const char *d)
{
    bs_bad_append(d, "project.ini", "[monitor m]\ncolumn = jeugdhulp\n"
                  "direction = -\nbaseline = 2023\ntarget = 15% by 2026\n");
}

/* inputs that are no regular file: a FIFO would block the run forever, a
 * device never end */
static void make_fifo(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
}
static void b_data_fifo(const char *d)
{
    make_fifo(d, "d.fifo");
    bs_bad_edit(d, "project.ini", "file = d.csv", "file = d.fifo");
}
static void b_data_dev_zero(const char *d) { bs_bad_edit(d, "project.ini", "file = d.csv", "file = /dev/zero"); }
static void b_data_directory(const char *d)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/sub", d);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    bs_bad_edit(d, "project.ini", "file = d.csv", "file = sub");
}
static void b_shx_fifo(const char *d)
{
    remove_file(d, "w.shx");
    make_fifo(d, "w.shx");
}
static void b_style_dev_zero(const char *d) { bs_bad_edit(d, "project.ini", "title = Test\n", "title = Test\nstyle = /dev/zero\n"); }
/* coordinates that cannot be on Earth (a damaged file): Leeuwarden's
 * record 1 is one ring, its first point at byte 156 of the .shp (100
 * header, 8 record header, 44 type/box/counts, 4 part) */
static void set_first_point(const char *dir, double x, double y)
{
    char path[4096];
    double xy[2] = { x, y };     /* little-endian, as the .shp */
    FILE *f;
    snprintf(path, sizeof path, "%s/w.shp", dir);
    f = fopen(path, "r+b");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fseek(f, 156, SEEK_SET), 0);
    ck_assert_uint_eq(fwrite(xy, sizeof *xy, 2, f), 2);
    fclose(f);
}
static void b_point_1e300(const char *d) { set_first_point(d, 1e300, -1e300); }
static void b_spike_1e15(const char *d) { set_first_point(d, 1e15, 580000); }
static void b_missing_shapefile(const char *d) { remove_file(d, "w.shp"); }
static void b_missing_dbf(const char *d) { remove_file(d, "w.dbf"); }
static void b_truncated_shp(const char *d) { truncate_file(d, "w.shp", 5000); }
static void b_bad_prj(const char *d) { free(bs_test_write(d, "w.prj", "this is not WKT")); }
/* RD metres declared as degrees: no point can lie on Earth */
static void b_metres_as_degrees(const char *d)
{
    free(bs_test_write(d, "w.prj", "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\","
                       "SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM["
                       "\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]"));
}
static void b_record_mismatch(const char *d)
{
    char to[4096];
    snprintf(to, sizeof to, "%s/w.dbf", d);
    copy_file(bs_test_shared("data/nl-wijken-2022/NLD_muni_2022.dbf"), to);
}
static void b_missing_csv(const char *d) { remove_file(d, "d.csv"); }
static void b_ragged_row(const char *d) { bs_bad_edit(d, "d.csv", "WK008020;Oud-Oost;2100;", "WK008020;Oud-Oost;"); }
static void b_text_in_number(const char *d) { bs_bad_edit(d, "d.csv", "WK008031;Westeinde e.o.;735;105;", "WK008031;Westeinde e.o.;735;veel;"); }
static void b_duplicate_key(const char *d) { bs_bad_edit(d, "d.csv", "WK008041;", "WK008040;"); }
static void b_unterminated_quote(const char *d) { bs_bad_edit(d, "d.csv", "WK008061;Vrijheidswijk", "WK008061;\"Vrijheidswijk"); }
static void b_formula_column(const char *d) { bs_bad_edit(d, "project.ini", "jongeren_0_17", "kinderen"); }
static void b_formula_syntax(const char *d) { bs_bad_edit(d, "project.ini", "100 * jeugdhulp", "100 * (jeugdhulp"); }
static void b_indicator_column(const char *d) { bs_bad_edit(d, "project.ini", "column = income_low", "column = inkomen_laag"); }
static void b_unknown_key(const char *d) { bs_bad_edit(d, "project.ini", "title = Test\n", "title = Test\nkleur = rood\n"); }
static void b_unknown_section(const char *d) { bs_bad_append(d, "project.ini", "[legenda]\nx = 1\n"); }
static void b_duplicate_section(const char *d) { bs_bad_append(d, "project.ini", "[indicator armoede]\ncolumn = employment\n"); }
static void b_data_key(const char *d) { bs_bad_edit(d, "project.ini", "file = d.csv\nkey = code", "file = d.csv\nkey = wijkcode"); }
static void b_select_none(const char *d) { bs_bad_edit(d, "project.ini", "name = name\n", "name = name\nselect = WK0363*\n"); }
static void b_too_many_classes(const char *d) { bs_bad_append(d, "project.ini", "[map u]\ncolumn = coverage\nclasses = 7\n"); }
static void b_text_map_column(const char *d) { bs_bad_append(d, "project.ini", "[map u]\ncolumn = urbanity\n"); }
static void b_bad_palette(const char *d) { bs_bad_append(d, "project.ini", "palette = Regenboog\n"); }
static void b_no_direction(const char *d) { bs_bad_edit(d, "project.ini", "jongeren_0_17\ndirection = +\n", "jongeren_0_17\n"); }
static void b_generalised_without_p(const char *d) { bs_bad_append(d, "project.ini", "[score]\naggregate = generalised\n"); }
static void b_power_half_zscore(const char *d) { bs_bad_append(d, "project.ini", "[score]\naggregate = generalised\np = 0.5\n"); }
static void b_latin1_project(const char *d) { bs_bad_append(d, "project.ini", "[report]\ntitle = \xe9\xe9n wijk\n"); }
static void b_bad_direction(const char *d) { bs_bad_edit(d, "project.ini", "column = income_low\n", "column = income_low\ndirection = omhoog\n"); }
static void b_map_name_escape(const char *d) { bs_bad_append(d, "project.ini", "[map ../../x]\ncolumn = score\n"); }
static void b_constant_indicator(const char *d) { bs_bad_append(d, "project.ini", "[indicator vast]\nformula = 0 * income_low + 1\ndirection = +\n"); }
static void b_output_is_file(const char *d) { free(bs_test_write(d, "OUT", "not a directory")); }
static void b_no_prj(const char *d) { remove_file(d, "w.prj"); }
static void b_missing_project(const char *d) { remove_file(d, "project.ini"); }
static void b_empty_csv(const char *d) { free(bs_test_write(d, "d.csv", "")); }
static void b_manual_without_breaks(const char *d) { bs_bad_append(d, "project.ini", "method = manual\n"); }

/* A point layer pts.csv (x, y in RD) and an IKC designation over it. */
static void add_points(const char *d, const char *csv, const char *extra)
{
    free(bs_test_write(d, "pts.csv", csv));
    bs_bad_append(d, "project.ini", "[points p]\nfile = pts.csv\nkey = code\nx = x\n"
           "y = y\ncrs = EPSG:28992\n");
    if (extra)
        bs_bad_append(d, "project.ini", extra);
}
static void b_point_no_x(const char *d)
{
    add_points(d, "code,x,y\nP1,182000,579000\nP2,,579000\n", NULL);
}
static void b_point_duplicate(const char *d)
{
    add_points(d, "code,x,y\nP1,182000,579000\nP2,183000,579000\np1,184000,579000\n", NULL);
}
static void b_previous_unknown(const char *d)
{
    free(bs_test_write(d, "prev.csv", "key\nP1\nP9\n"));
    add_points(d, "code,x,y\nP1,182000,579000\nP2,183000,579000\n",
               "[designate plus]\npoints = p\ntop = 1\nprevious = prev.csv\n");
}
static void b_catchment_unknown_area(const char *d)
{
    free(bs_test_write(d, "ll.csv", "ikc,area,pupils\nP1,WK008010,30\nP2,WK999999,12\n"));
    add_points(d, "code,x,y\nP1,182000,579000\nP2,183000,579000\n",
               "[designate plus]\npoints = p\ntop = 1\ncatchment = ll.csv\n");
}

/* [report]: notes, template and logo are read in the load phase, so
 * validate fails on them as run does. */
static void add_report(const char *d, const char *extra)
{
    bs_bad_append(d, "project.ini", "[report]\n");
    if (extra)
        bs_bad_append(d, "project.ini", extra);
}
static void b_notes_unknown_area(const char *d)
{
    free(bs_test_write(d, "notes.csv", "code,aansluiten,vragen,ondersteunen\n"
                       "WK008010,a,b,c\nWK999999,a,b,c\n"));
    add_report(d, "notes = notes.csv\n");
}
static void b_notes_no_column(const char *d)
{
    free(bs_test_write(d, "notes.csv", "code,aansluiten,vragen\nWK008010,a,b\n"));
    add_report(d, "notes = notes.csv\n");
}
static void b_logo_missing(const char *d)
{
    free(bs_test_write(d, "t.ini", "[report]\nlogo = logo.png\n"));
    add_report(d, "template = t.ini\n");
}
static void b_template_unknown_key(const char *d)
{
    free(bs_test_write(d, "t.ini", "[report]\nkleur = rood\n"));
    add_report(d, "template = t.ini\n");
}

static void b_round_fraction(const char *d)
{
    add_report(d, "[disclosure]\nround = 2.5\n");
}

/* [progress NAME] (issue 13: the council progress report) */
static void b_progress_period(const char *d)
{
    bs_bad_append(d, "project.ini", "[progress jeugd]\nperiod = 2025HJ03\n");
}
static void b_progress_no_monitors(const char *d)
{
    bs_bad_append(d, "project.ini", "[progress jeugd]\ntitle = Voortgang\n");
}
static void b_progress_action_status(const char *d)
{
    free(bs_test_write(d, "acties.csv", "action,owner,status,toelichting\n"
                       "Knop 5,Team jeugd,groen,\nKnop 10,,geel,\n"));
    bs_bad_append(d, "project.ini", "[progress jeugd]\nactions = acties.csv\n");
}
static void b_progress_notes_twice(const char *d)
{
    free(bs_test_write(d, "toelichting.csv", "monitor,text\njeugd,a\njeugd,b\n"));
    bs_bad_append(d, "project.ini", "[progress jeugd]\nnotes = toelichting.csv\n");
}
/* issue 12, plausibility checks */
static void b_negative_count(const char *d)
{
    bs_bad_append(d, "project.ini", "[indicator neg]\nformula = 0 - jeugdhulp\n"
                  "kind = count\ndirection = +\n");
}
static void b_check_broken_error(const char *d)
{
    bs_bad_append(d, "project.ini", "[check jong]\nrule = jeugdhulp > jongeren_0_17\n"
                  "severity = error\n");
}
static void b_check_no_comparison(const char *d)
{
    bs_bad_append(d, "project.ini", "[check som]\nrule = jeugdhulp + 1\n");
}
/* [spatial] (issue 15), from line 18 */
static void b_spatial_gal_unknown(const char *d)
{
    free(bs_test_write(d, "w.gal", "22\nWK008010 1\nWK999999\n"));
    bs_bad_append(d, "project.ini", "[spatial s]\nweights = w.gal\n");
}
static void b_spatial_k_too_large(const char *d)
{
    bs_bad_append(d, "project.ini", "[spatial s]\nweights = knn\nk = 22\n");
}
static void b_spatial_bad_alpha(const char *d)
{
    bs_bad_append(d, "project.ini", "[spatial s]\nalpha = 2\n");
}
static void b_spatial_no_column(const char *d)
{
    bs_bad_append(d, "project.ini", "[spatial s]\ncolumn = nergens\n");
}
/* issue 14: a GeoPackage of two layers (the wijken twice) as the areas,
 * without layer =: the error lists the layers. */
static void b_gpkg_two_layers(const char *dir)
{
    char *out = bs_test_cmd("cd '%s' && ogr2ogr -f GPKG two.gpkg w.shp -nln wijken "
                            "&& ogr2ogr -update two.gpkg w.shp -nln wijken_kopie "
                            "2>&1", dir);
    ck_assert_msg(out != NULL, "ogr2ogr failed");
    free(out);
    bs_bad_edit(dir, "project.ini", "shapefile = w.shp", "file = two.gpkg");
}

/* issue 14: [export] format with a word it does not know */
static void b_export_unknown_format(const char *dir)
{
    bs_bad_append(dir, "project.ini", "[export]\nformat = gpkg shp\n");
}

const bs_bad_case bs_bad_cases[] = {
    { "missing project file", b_missing_project, "project.ini: cannot open", NULL, 0 },
    { "missing .shp", b_missing_shapefile, "w.shp", NULL, 0 },
    { "a point at (1e300, -1e300)", b_point_1e300, "w.shp: record 1: point (1e+300, -1e+300) cannot lie on Earth", NULL, 0 },
    { "a spike at x = 1e15", b_spike_1e15, "w.shp: record 1: point (1e+15, 580000) cannot lie on Earth", NULL, 0 },
    { "a FIFO as the data file", b_data_fifo, "d.fifo: not a regular file (a FIFO)", NULL, 0 },
    { "/dev/zero as the data file", b_data_dev_zero, "/dev/zero: not a regular file (a device)", NULL, 0 },
    { "a directory as the data file", b_data_directory, "sub: not a regular file (a directory)", NULL, 0 },
    { "a FIFO as the .shx", b_shx_fifo, "w.shx: not a regular file (a FIFO)", NULL, 0 },
    { "/dev/zero as the style file", b_style_dev_zero, "/dev/zero: not a regular file (a device)", NULL, 0 },
    { "missing .dbf", b_missing_dbf, "w.dbf", NULL, 0 },
    { "truncated .shp", b_truncated_shp, "w.shp", "record", 0 },
    { "bad .prj", b_bad_prj, "w.prj", "PROJ", 0 },
    { "no .prj and no crs", b_no_prj, "w.shp", "crs", 0 },
    { "metres in a .prj of degrees", b_metres_as_degrees, "w.shp: record 1: point (182448, 580120) cannot lie on Earth in a CRS of degrees", "the CRS is wrong", 0 },
    { ".shp/.dbf record mismatch", b_record_mismatch, "w.shp", "22", 0 },
    { "missing data file", b_missing_csv, "d.csv", "cannot open", 0 },
    { "empty data file", b_empty_csv, "d.csv", "empty", 0 },
    { "ragged CSV row", b_ragged_row, "d.csv:4:", "fields", 0 },
    { "text in a number column", b_text_in_number, "d.csv:6:", "'veel'", 0 },
    { "duplicate key in data", b_duplicate_key, "d.csv:9:", "line 8", 0 },
    { "unterminated quote", b_unterminated_quote, "d.csv", "quote", 0 },
    { "unknown column in formula", b_formula_column, "project.ini:14:", "kinderen", 0 },
    { "formula syntax", b_formula_syntax, "project.ini:14:", "formula", 0 },
    { "unknown indicator column", b_indicator_column, "project.ini:11:", "inkomen_laag", 0 },
    { "unknown key", b_unknown_key, "project.ini:3:", "unknown key 'kleur'", 0 },
    { "unknown section", b_unknown_section, "project.ini:18:", "unknown section [legenda]", 0 },
    { "duplicate section", b_duplicate_section, "project.ini:18:", "first at line 10", 0 },
    { "data key column missing", b_data_key, "project.ini:9:", "wijkcode", 0 },
    { "select matches nothing", b_select_none, "project.ini:7:", "matches none", 0 },
    { "more classes than values", b_too_many_classes, "project.ini:18:", "distinct", 0 },
    { "text column mapped", b_text_map_column, "urbanity", "not a number", 0 },
    { "unknown palette", b_bad_palette, "project.ini:18:", "Regenboog", 0 },
    { "bad direction", b_bad_direction, "project.ini:12:", "direction", 0 },
    { "generalised mean without p", b_generalised_without_p, "project.ini:19:", "needs p = NUMBER", 0 },
    { "power 0.5 of z-scores", b_power_half_zscore, "project.ini:10:", "zscore gives negative values", 0 },
    { "Latin-1 project file", b_latin1_project, "project.ini:19:", "not UTF-8", 0 },
    { "indicator without direction", b_no_direction, "project.ini:13:", "[indicator jeugd] needs direction", 0 },
    { "map name escaping OUTDIR", b_map_name_escape, "project.ini:18:", "letters", 0 },
    { "constant indicator", b_constant_indicator, "project.ini:18:", "vast", 0 },
    { "output path is a file", b_output_is_file, "OUT", "not a directory", 1 },
    { "manual without breaks", b_manual_without_breaks, "project.ini:16:", "breaks", 0 },
    { "point without coordinates", b_point_no_x, "pts.csv:3:", "'P2' has no x", 0 },
    { "duplicate point key", b_point_duplicate, "pts.csv:4:", "duplicate key 'p1'", 0 },
    { "unknown previous Plus-IKC", b_previous_unknown, "prev.csv:3:", "'P9'", 0 },
    { "catchment row for an unknown area", b_catchment_unknown_area, "ll.csv:3:", "WK999999", 0 },
    { "notes for an unknown area", b_notes_unknown_area, "notes.csv:3:", "unknown area code 'WK999999'", 0 },
    { "notes without a question column", b_notes_no_column, "notes.csv", "no column 'ondersteunen'", 0 },
    { "unreadable logo", b_logo_missing, "logo.png", "cannot read the logo", 0 },
    { "rounding base not whole", b_round_fraction, "project.ini:19:", "round must be a whole number", 0 },
    { "unknown template key", b_template_unknown_key, "t.ini:2:", "unknown key 'kleur'", 0 },
    { "negative count", b_negative_count, "project.ini:18:", "cannot be negative", 0 },
    { "check broken with severity error", b_check_broken_error, "project.ini:19:", "jong", 0 },
    { "check rule without comparison", b_check_no_comparison, "project.ini:19:", "no comparison", 0 },
    { "spatial: unknown area in .gal", b_spatial_gal_unknown, "w.gal:3:", "'WK999999' is not one of the areas", 0 },
    { "spatial: k above n - 1", b_spatial_k_too_large, "project.ini:19:", "k = 22 but only 21", 0 },
    { "spatial: bad alpha", b_spatial_bad_alpha, "project.ini:19:", "alpha = 2 is out of range", 0 },
    { "spatial: column not found", b_spatial_no_column, "project.ini:19:", "nergens", 0 },
    /* issue 14 */
    { "GeoPackage of two layers without layer =", b_gpkg_two_layers, "two.gpkg",
      "wijken_kopie", 0 },
    { "unknown export format", b_export_unknown_format, "project.ini:19:",
      "'shp' is not gpkg, geojson or xlsx", 0 },
    { "key twice in one period", b_duplicate_key_period, "p.csv:5:", "'WK008010' twice in period 2024", 0 },
    { "monitor target without sign", b_monitor_target, "project.ini:22:", "needs a sign", 0 },
    { "progress period not a period", b_progress_period, "project.ini:19:", "period = '2025HJ03'", 0 },
    { "progress without monitors", b_progress_no_monitors, "project.ini:18:", "no monitors to report", 0 },
    { "progress action with a bad status", b_progress_action_status, "acties.csv:3:", "status 'geel': expected groen, oranje or rood", 0 },
    { "progress notes naming a monitor twice", b_progress_notes_twice, "toelichting.csv:3:", "given twice", 0 },
};

const size_t bs_bad_ncases = sizeof bs_bad_cases / sizeof bs_bad_cases[0];

