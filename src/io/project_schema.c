/* project_schema.c: every section and key of the project file, one row per
 * key (see project_internal.h for the row), and the parsers of the few keys
 * no generic type covers. A new key is one row here plus its use.
 *
 * The README's key reference lists exactly these keys (a test checks it). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buurtscan/crs.h"
#include "buurtscan/period.h"
#include "buurtscan/words.h"
#include "project_internal.h"

/* Offset and size of field f of struct T: the row's off and size. */
#define F(T, f) offsetof(T, f), sizeof(((T *)0)->f)
/* offset + 1, for set_off, line_off and line fields (0 = none). */
#define AT(T, f) (offsetof(T, f) + 1)
#define ROWS(a) a, sizeof a / sizeof a[0]
#define ANY -1e300, 1e300

/* --- vocabularies the project file alone uses -------------------------- */

#define VOCAB(w) {w, sizeof w / sizeof w[0], 0}

static const bs_vocab_word language_w[] = {{"nl", 0}, {"en", 1}};
static const bs_vocab language_v = VOCAB(language_w);
static const bs_vocab_word direction_w[] = {{"+", 1}, {"-", -1}};
static const bs_vocab direction_v = VOCAB(direction_w);
static const bs_vocab_word shrink_w[] = {{"eb", 1}, {"none", 0}};
static const bs_vocab shrink_v = VOCAB(shrink_w);
static const bs_vocab_word transform_w[] = {
    {"log", BS_TRANSFORM_LOG}, {"log-ct", BS_TRANSFORM_LOG_CT},
    {"none", BS_TRANSFORM_NONE}};
static const bs_vocab transform_v = VOCAB(transform_w);
static const bs_vocab_word kind_w[] = {
    {"value", BS_KIND_VALUE}, {"count", BS_KIND_COUNT}, {"rate", BS_KIND_RATE}};
static const bs_vocab kind_v = VOCAB(kind_w);
/* issue 12, disclosure: [disclosure] score (BS_DISC_WITHOUT, BS_DISC_EXACT) */
static const bs_vocab_word discscore_w[] = {{"without", 0}, {"exact", 1}};
static const bs_vocab discscore_v = VOCAB(discscore_w);
static const bs_vocab_word labels_w[] = {{"name", 0}, {"code", 1}, {"none", 2}};
static const bs_vocab labels_v = VOCAB(labels_w);
static const bs_vocab_word decimal_w[] = {{".", '.'}, {",", ','}};
static const bs_vocab decimal_v = VOCAB(decimal_w);
static const bs_vocab_word delimiter_w[] = {
    {",", ','}, {";", ';'}, {".", '.'}, {"|", '|'}, {"tab", '\t'}, {"\\t", '\t'}};
static const bs_vocab delimiter_v = VOCAB(delimiter_w);
/* issue 14 */
static const bs_vocab_word level_w[] = {
    {"auto", BS_LEVEL_AUTO}, {"gemeente", BS_LEVEL_GEMEENTE},
    {"wijk", BS_LEVEL_WIJK}, {"buurt", BS_LEVEL_BUURT}, {"dorp", BS_LEVEL_DORP}};
static const bs_vocab level_v = VOCAB(level_w);
static const bs_vocab_word csv_w[] = {{"plain", 0}, {"excel-nl", 1}};
static const bs_vocab csv_v = VOCAB(csv_w);
static const bs_vocab_word geometry_w[] = {{"full", 0}, {"print", 1}};
static const bs_vocab geometry_v = VOCAB(geometry_w);

/* --- checks and parsers of single keys ----------------------------------- */

static int check_crs(bs_pj_reader *r, const bs_pj_key *k, void *field,
                     const char *value)
{
    bs_error e;

    (void)field;
    if (bs_crs_check(value, "crs", &e) != 0)
        return bs_pj_fail(r, r->ini.line, "%s = %s: PROJ does not know this CRS",
                       k->name, value);
    return 1;
}

static int check_date(bs_pj_reader *r, const bs_pj_key *k, void *field,
                      const char *value)
{
    int y, m, d;
    char tail;

    (void)field;
    if (sscanf(value, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 ||
        m > 12 || d < 1 || d > 31)
        return bs_pj_fail(r, r->ini.line, "%s = '%s': write it as YYYY-MM-DD",
                       k->name, value);
    return 1;
}

static int check_file_name(bs_pj_reader *r, const bs_pj_key *k, void *field,
                           const char *value)
{
    (void)field;
    if (strchr(value, '/') || value[0] == '.')
        return bs_pj_fail(r, r->ini.line, "%s = '%s': give a file name, written in "
                       "the output directory", k->name, value);
    return 1;
}

static int check_weight(bs_pj_reader *r, const bs_pj_key *k, void *field,
                        const char *value)
{
    double w;

    (void)value;
    memcpy(&w, field, sizeof w);
    if (w > 0)
        return 1;
    return bs_pj_fail(r, r->ini.line, "%s must be above 0%s", k->name,
                   strcmp(r->sec->kind, "indicator") == 0
                       ? " (leave the indicator out instead)" : "");
}

/* parent = GM | WK | N: the length of the key prefix shared by a parent. */
static int parse_parent(bs_pj_reader *r, const bs_pj_key *k, void *field,
                        const char *value)
{
    size_t len;
    double d;

    if (strcasecmp(value, "GM") == 0)
        len = 6;                /* WKgggg.. / BUgggg..: the gemeente */
    else if (strcasecmp(value, "WK") == 0)
        len = 8;                /* BUggggww..: the wijk */
    else if (bs_pj_whole(r, k, value, &d))
        len = (size_t)d;
    else
        return 0;
    memcpy(field, &len, sizeof len);
    return 1;
}

static int parse_seed(bs_pj_reader *r, const bs_pj_key *k, void *field,
                      const char *value)
{
    unsigned long long seed;
    char *end;

    errno = 0;
    seed = strtoull(value, &end, 10);
    if (*end || errno || value[0] == '-' || !value[0])
        return bs_pj_fail(r, r->ini.line, "%s = '%s': give a whole number", k->name,
                       value);
    memcpy(field, &seed, sizeof seed);
    return 1;
}

/* [uncertainty] normalise: the alternatives sampled per run. */
static int parse_norm_list(bs_pj_reader *r, const bs_pj_key *k, void *field,
                           const char *value)
{
    char *copy = strdup(value), *tok, *save = NULL;
    bs_norm *list = NULL, *grown;
    size_t n = 0;
    int ok = copy != NULL;

    (void)k;
    for (tok = copy ? strtok_r(copy, " \t,", &save) : NULL; tok && ok;
         tok = strtok_r(NULL, " \t,", &save)) {
        bs_norm m;
        if (bs_norm_parse(tok, &m) != 0 || m == BS_NORM_GOALPOSTS ||
            m == BS_NORM_DISTANCE)
            ok = bs_pj_fail(r, r->ini.line, "normalise: '%s' cannot be sampled; use "
                         "zscore, minmax, rank, percentile, exprank or none", tok);
        else if (!(grown = realloc(list, (n + 1) * sizeof *list)))
            ok = 0;
        else {
            list = grown;
            list[n++] = m;
        }
    }
    free(copy);
    if (!ok) {
        free(list);
        return r->failed ? 0 : bs_pj_fail(r, r->ini.line, "out of memory");
    }
    free(r->p->unc.normalise);
    memcpy(field, &list, sizeof list);
    r->p->unc.nnormalise = n;
    return 1;
}

/* A list of words (blanks or commas between) into the OR of their bits:
 * word[i] sets bit[i]. An unknown word is an error "KEY: 'W' is not A, B
 * or C" and an empty list "KEY: give A, B and/or C", both naming the three
 * words (every such list here has three). */
static int parse_word_bits(bs_pj_reader *r, const bs_pj_key *k, void *field,
                           const char *value, const char *const word[3],
                           const unsigned bit[3])
{
    char *copy = strdup(value), *tok, *save = NULL;
    unsigned bits = 0;
    size_t i;

    if (!copy)
        return bs_pj_fail(r, r->ini.line, "out of memory");
    for (tok = strtok_r(copy, " ,\t", &save); tok;
         tok = strtok_r(NULL, " ,\t", &save)) {
        for (i = 0; i < 3 && strcasecmp(tok, word[i]) != 0; i++)
            ;
        if (i == 3) {
            bs_pj_fail(r, r->ini.line, "%s: '%s' is not %s, %s or %s", k->name,
                       tok, word[0], word[1], word[2]);
            free(copy);
            return 0;
        }
        bits |= bit[i];
    }
    free(copy);
    if (!bits)
        return bs_pj_fail(r, r->ini.line, "%s: give %s, %s and/or %s", k->name,
                          word[0], word[1], word[2]);
    memcpy(field, &bits, sizeof bits);
    return 1;
}

static int parse_formats(bs_pj_reader *r, const bs_pj_key *k, void *field,
                         const char *value)
{
    static const char *const word[3] = { "pdf", "png", "svg" };
    static const unsigned bit[3] = { BS_OUT_PDF, BS_OUT_PNG, BS_OUT_SVG };

    return parse_word_bits(r, k, field, value, word, bit);
}

static int parse_paper(bs_pj_reader *r, const bs_pj_key *k, void *field,
                       const char *value)
{
    bs_paper paper;

    if (bs_paper_parse(value, &paper) != 0)
        return bs_pj_fail(r, r->ini.line, "%s = '%s': use A4, A3 or A2, then "
                       "portrait or landscape", k->name, value);
    memcpy(field, &paper, sizeof paper);
    return 1;
}

/* --- the sections -------------------------------------------------------- */

#define P(f) F(bs_project, f)
static const bs_pj_key project_keys[] = {
    {"title", KT_TEXT, P(title), .flags = K_CONTINUES, .def = "buurtscan",
     .help = "title of the maps and the report"},
    {"subtitle", KT_TEXT, P(subtitle), .help = "second line under the title"},
    {"output", KT_PATH, P(output), .def = "out",
     .help = "output directory (run -o overrides it)"},
    {"crs", KT_TEXT, P(crs), .fn = check_crs, .def = "EPSG:28992",
     .help = "CRS of the maps; inputs are reprojected to it"},
    {"language", KT_WORD, P(language), .vocab = &language_v, .def = "nl",
     .help = "number format (1.234,5) and fixed texts"},
    {"date", KT_TEXT, P(date), .fn = check_date,
     .help = "YYYY-MM-DD on the maps (default: today, or SOURCE_DATE_EPOCH)"},
    {"style", KT_PATH, P(style),
     .help = "style file: fonts, sizes, colours, line widths of all maps"},
    /* issue 14 */
    {"csv", KT_ENUM, P(csv_dialect), .vocab = &csv_v, .def = "plain",
     .use = "plain (, and .) or excel-nl (; decimal comma, BOM)",
     .help = "every CSV written: plain or excel-nl (Dutch Excel)"},
};

static const bs_pj_key areas_keys[] = {
    {"file", KT_PATH, P(areas.shapefile), .alias = "shapefile",
     .need = "FILE (.shp, .gpkg, .geojson or .fgb)",
     .help = "the areas: wijken or buurten (shapefile, GeoPackage, GeoJSON, FlatGeobuf)"},
    {"key", KT_TEXT, P(areas.key),
     .need = "FIELD (the DBF field with the area code)",
     .help = "DBF field with the area code"},
    {"name", KT_TEXT, P(areas.name), .help = "DBF field with the area name"},
    {"select", KT_TEXT, P(areas.select), .help = "glob on the key (* and ?)"},
    {"crs", KT_TEXT, P(areas.crs), .fn = check_crs,
     .help = "CRS of the file when its own is missing or wrong"},
    {"source", KT_TEXT, P(areas.source), .help = "printed on every map"},
    /* issue 14 */
    {"layer", KT_TEXT, P(areas.layer),
     .help = "the layer of a GeoPackage (required when it has several)"},
    {"gemeente", KT_TEXT, P(areas.gemeente),
     .help = "gemeente codes (GM0546 GM0547): their areas at any level"},
    {"level", KT_ENUM, P(areas.level), .vocab = &level_v, .def = "auto",
     .help = "wijk, buurt, dorp or gemeente: the words of maps and report"},
};

#define D(f) F(bs_data_spec, f)
static const bs_pj_key data_keys[] = {
    {"file", KT_PATH, D(file), .need = "FILE.csv", .help = "CSV file"},
    {"key", KT_TEXT, D(key), .need = "COLUMN",
     .help = "column joined to [areas] key (trimmed, case-insensitive)"},
    {"source", KT_TEXT, D(source), .help = "source line on maps and report"},
    {"delimiter", KT_CHAR, D(delimiter), .vocab = &delimiter_v,
     .use = "one of , ; . | tab", .help = "field separator (default: detected)"},
    {"decimal", KT_CHAR, D(decimal), .vocab = &decimal_v,
     .help = "decimal separator (default: detected)"},
    {"encoding", KT_TEXT, D(encoding),
     .help = "UTF-8, latin1 or cp1252 (default: detected)"},
    /* periods (issue 13) */
    {"period", KT_TEXT, D(period),
     .help = "long format: the column with the period (2024JJ00, 2024 ...)"},
    {"periods", KT_TEXT, D(periods),
     .help = "keep only the rows of these periods"},
};

#define I(f) F(bs_indicator_spec, f)
#define I_AT(f) AT(bs_indicator_spec, f)
static const bs_pj_key indicator_keys[] = {
    {"column", KT_TEXT, I(column), .help = "a column of the areas or a data file"},
    {"formula", KT_TEXT, I(formula), .flags = K_CONTINUES,
     .help = "+ - * / and parentheses over columns and numbers"},
    {"numerator", KT_TEXT, I(numerator), .help = "a rate: numerator column"},
    {"denominator", KT_TEXT, I(denominator), .help = "a rate: denominator column"},
    {"per", KT_NUM, I(per), 1e-9, 1e9, .def = "100",
     .help = "a rate is numerator / denominator * per"},
    {"shrink", KT_ENUM, I(shrink_eb), .vocab = &shrink_v,
     .use = "eb (empirical Bayes) or none",
     .help = "eb: empirical-Bayes rates (Marshall's global method)"},
    {"label", KT_TEXT, I(label), .flags = K_CONTINUES | K_NAME,
     .help = "name in print (default: the indicator's name)"},
    {"unit", KT_TEXT, I(unit), .help = "unit in print, e.g. %"},
    {"direction", KT_ENUM, I(direction), .vocab = &direction_v,
     .use = "+ (higher = more need) or -", .set_off = I_AT(direction_set),
     .help = "+ higher value = more need; - lower value = more need "
             "(required for a scored indicator)"},
    {"weight", KT_NUM, I(weight), 0, 1e9, .fn = check_weight, .def = "1",
     .help = "weight in the score, above 0"},
    {"domain", KT_TEXT, I(domain), .help = "the [domain NAME] it belongs to"},
    {"transform", KT_ENUM, I(transform), .vocab = &transform_v,
     .help = "log (values > 0) or log-ct (ln(x - min + 0.01 range))"},
    {"winsorise", KT_YESNO, I(winsorise), .alias = "winsorize",
     .help = "pull in outliers by the COINr rule; flagged"},
    {"winmax", KT_INT, I(winmax), 1, 1000, .def = "5",
     .help = "most values winsorise may change"},
    {"impute", KT_ENUM, I(impute), .vocab = &bs_impute_vocab,
     .set_off = I_AT(impute_set), .help = "fill in missing values"},
    {"parent", KT_CUSTOM, I(parent_len), 1, 64, .fn = parse_parent,
     .help = "impute = parent: GM, WK or the length of the key prefix"},
    {"normalise", KT_ENUM, I(norm), .alias = "normalize",
     .vocab = &bs_norm_vocab, .set_off = I_AT(norm_set),
     .line_off = I_AT(norm_line),
     .help = "overrides [score] normalise for this indicator"},
    {"range", KT_PAIR, I(range), ANY, .set_off = I_AT(range_set),
     .help = "minmax output range LOW HIGH (1 100 before a geometric mean)"},
    {"goalposts", KT_PAIR, I(posts), ANY, .set_off = I_AT(posts_set),
     .help = "goalposts LOW HIGH, clamped"},
    {"scale", KT_NUM, I(scale), 1e-9, 1e9, .set_off = I_AT(scale_set),
     .help = "goalposts, distance: multiplies the result (default 1)"},
    {"reference", KT_NUM, I(reference), ANY, .set_off = I_AT(reference_set),
     .help = "distance: the reference value, e.g. the national one"},
    {"cap", KT_YESNO, I(cap),
     .help = "distance: values beyond the reference count as the reference"},
    {"kind", KT_ENUM, I(kind), .vocab = &kind_v, .set_off = I_AT(kind_set),
     .use = "value, count (of persons) or rate",
     .help = "what disclosure control applies to (numerator/denominator: rate)"},
    {"base", KT_TEXT, I(base), .help = "a rate given by column: its denominator column"},
    {"definition", KT_TEXT, I(definition), .help = "for the report's method section"},
    {"year", KT_TEXT, I(year), .help = "year of the figures, for the report"},
    {"municipal", KT_NUM, I(municipal), ANY, .def = "nan",
     .help = "the gemeente's value, on the area pages"},
    {"national", KT_NUM, I(national), ANY, .def = "nan",
     .help = "the national value, on the area pages"},
    /* periods (issue 13) */
    {"period", KT_TEXT, I(period), .def = "latest",
     .help = "the period the score uses: a period or latest"},
    {"periods", KT_TEXT, I(periods),
     .help = "a wide file: the period of each column of column ="},
};

static const bs_pj_key domain_keys[] = {
    {"weight", KT_NUM, F(bs_domain_spec, weight), 0, 1e9, .fn = check_weight,
     .def = "1", .help = "weight of the domain in the score, above 0"},
    {"label", KT_TEXT, F(bs_domain_spec, label), .flags = K_NAME,
     .help = "name in print (default: the domain's name)"},
};

static const bs_pj_key score_keys[] = {
    {"normalise", KT_ENUM, P(score.normalise), .alias = "normalize",
     .vocab = &bs_norm_vocab, .def = "zscore",
     .help = "how indicators are made comparable"},
    {"aggregate", KT_ENUM, P(score.aggregate.method), .vocab = &bs_agg_vocab,
     .use = "mean, geometric, harmonic or generalised (with p =)", .def = "mean",
     .line_off = AT(bs_project, score.aggregate_line),
     .help = "how indicators make the score"},
    {"p", KT_NUM, P(score.aggregate.p), -100, 100, .def = "1",
     .set_off = AT(bs_project, score.p_set),
     .help = "aggregate = generalised: the power (required with it)"},
    {"domain_aggregate", KT_ENUM, P(score.dom_aggregate.method),
     .vocab = &bs_agg_vocab, .line_off = AT(bs_project, score.dom_aggregate_line),
     .use = "mean, geometric, harmonic or generalised (with p =)",
     .help = "how domains make the score (default: as aggregate)"},
    {"min_coverage", KT_NUM, P(score.min_coverage), 0, 1, .def = "0.75",
     .help = "share of the weight that must be present"},
    {"ties", KT_ENUM, P(score.ties), .vocab = &bs_ties_vocab, .def = "average",
     .help = "ranks of tied scores"},
    {"min_population", KT_NUM, P(score.min_population), 0, 1e12, .def = "-1",
     .help = "smaller areas get no score (status te klein)"},
    {"population", KT_TEXT, P(score.population),
     .help = "the column with the number of residents"},
};

static const bs_pj_key uncertainty_keys[] = {
    {"runs", KT_INT, P(unc.runs), 1, 1e6, .def = "1000",
     .help = "Monte Carlo runs"},
    {"weights", KT_NUM, P(unc.weights), 0, 0.99, .def = "0.25",
     .help = "each weight times U(1 - w, 1 + w) per run"},
    {"normalise", KT_CUSTOM, P(unc.normalise), .alias = "normalize",
     .fn = parse_norm_list, .flags = K_FREE,
     .help = "alternatives sampled per run with the nominal one"},
    {"seed", KT_CUSTOM, P(unc.seed), .fn = parse_seed, .def = "1",
     .help = "same seed = same results, whatever the threads"},
    {"top", KT_INT, P(unc.top), 1, 1e8,
     .help = "p_top: share of runs in which an area ranks within the top"},
    {"threads", KT_INT, P(unc.threads), 1, 256,
     .help = "threads (default: all cores)"},
    {"sensitivity_runs", KT_INT, P(unc.sensitivity_runs), 0, 1e6,
     .help = "runs per weight for uncertainty.csv (default runs / 4)"},
};

#define M(f) F(bs_map_spec, f)
static const bs_pj_key map_keys[] = {
    {"column", KT_TEXT, M(column), .def = "score",
     .help = "score, rank, decile, coverage, an indicator or any column"},
    {"columns", KT_TEXT, M(columns),
     .help = "small multiples: one panel per column on one page"},
    {"shared_legend", KT_YESNO, M(shared_legend), .def = "yes",
     .help = "small multiples share their classes (no: a legend each)"},
    {"classes", KT_INT, M(classes), 1, 11, .def = "5", .help = "number of classes"},
    {"method", KT_ENUM, M(method), .vocab = &bs_class_method_vocab,
     .def = "quantile", .help = "class method (as PySAL mapclassify)"},
    {"breaks", KT_LIST, M(breaks), ANY, .count_off = offsetof(bs_map_spec, nbreaks),
     .help = "manual: upper bounds (the maximum is added)"},
    {"multiples", KT_LIST, M(multiples), ANY,
     .count_off = offsetof(bs_map_spec, nmultiples),
     .help = "std-mean: multiples of the sample sd"},
    {"anchor", KT_YESNO, M(anchor), .help = "std-mean: anchor the classes at the mean"},
    {"percentiles", KT_LIST, M(pct), 0, 100,
     .count_off = offsetof(bs_map_spec, npct), .help = "percentiles: the bounds"},
    {"hinge", KT_NUM, M(hinge), 0, 100, .def = "-1",
     .help = "boxplot: IQR multiple for the fences (default 1.5)"},
    {"pool", KT_TEXT, M(pool), .help = "maps that share the breaks (compare years)"},
    {"palette", KT_TEXT, M(palette), .def = "YlOrRd",
     .help = "ColorBrewer scheme, sequential or diverging (checked by the job)"},
    {"centre", KT_NUM, M(centre), ANY, .alias = "center",
     .set_off = AT(bs_map_spec, centre_set),
     .help = "diverging palettes: the neutral value"},
    {"reverse", KT_YESNO, M(reverse),
     .help = "reverse the palette (dark = low values; an indicator of direction - "
             "is reversed already)"},
    {"paper", KT_CUSTOM, M(paper), .fn = parse_paper, .def = "A4 landscape",
     .help = "A4, A3 or A2, portrait or landscape"},
    {"format", KT_CUSTOM, M(formats), .fn = parse_formats, .def = "pdf",
     .help = "any of pdf png svg"},
    {"dpi", KT_NUM, M(dpi), 36, 1200, .def = "300", .help = "for png"},
    {"title", KT_TEXT, M(title), .help = "default: the project title"},
    {"subtitle", KT_TEXT, M(subtitle), .help = "default: what the column is"},
    {"legend", KT_TEXT, M(legend), .help = "legend title; default: label (unit)"},
    {"decimals", KT_INT, M(decimals), 0, 6, .def = "-1",
     .help = "legend decimals (default: from the class widths)"},
    {"labels", KT_WORD, M(labels), .vocab = &labels_v,
     .help = "area labels (default none)"},
    {"context", KT_PATH, M(context), .help = "shapefile drawn grey around the map"},
    {"points", KT_TEXT, M(points), .help = "[points] layers drawn as symbols"},
    {"highlight", KT_TEXT, M(highlight), .help = "area codes outlined thick"},
    {"inset", KT_YESNO, M(inset), .help = "a locator map of the context"},
};

#define PT(f) F(bs_points_spec_cfg, f)
static const bs_pj_key points_keys[] = {
    {"file", KT_PATH, PT(file), .need = "FILE", .help = "CSV or shapefile of points"},
    {"key", KT_TEXT, PT(key), .need = "COLUMN", .help = "column with a unique code"},
    {"name", KT_TEXT, PT(label_col), .help = "column with the point's name"},
    {"kind", KT_TEXT, PT(kind), .help = "column with the kind (sportclub ...)"},
    {"x", KT_TEXT, PT(x), .help = "column of x (with crs)"},
    {"y", KT_TEXT, PT(y), .help = "column of y (with crs)"},
    {"lon", KT_TEXT, PT(lon), .help = "column of the longitude (WGS84)"},
    {"lat", KT_TEXT, PT(lat), .help = "column of the latitude (WGS84)"},
    {"crs", KT_TEXT, PT(crs), .fn = check_crs, .help = "CRS of x and y"},
    {"source", KT_TEXT, PT(source), .help = "source line on maps and report"},
    {"label", KT_TEXT, PT(label), .flags = K_NAME,
     .help = "legend text (default: the layer's name)"},
    {"layer", KT_TEXT, PT(layer),
     .help = "the layer of a GeoPackage (required when it has several)"},
};

#define S(f) F(bs_supply_spec, f)
static const bs_pj_key supply_keys[] = {
    {"points", KT_TEXT, S(points), .need = "NAME", .help = "[points] layers counted"},
    {"kinds", KT_TEXT, S(kinds), .help = "kinds to count (default: all)"},
    {"per", KT_TEXT, S(per), .help = "the denominator column for per 1,000"},
    {"label", KT_TEXT, S(label), .flags = K_NAME,
     .help = "name in print (default: the section's name)"},
    /* accessibility (issue 15) */
    {"radius", KT_NUM, S(radius), 0, 1e6, .def = "1000",
     .help = "NAME_within: facilities within this many metres"},
};

#define DS(f) F(bs_designate_spec, f)
static const bs_pj_key designate_keys[] = {
    {"points", KT_TEXT, DS(points), .need = "NAME (the IKC layer)",
     .help = "the [points] layer of IKCs"},
    {"score", KT_TEXT, DS(score), .def = "score", .help = "the column to rank by"},
    {"catchment", KT_PATH, DS(catchment),
     .help = "CSV of pupils per IKC and area (default: the IKC's own area)"},
    {"catchment_ikc", KT_TEXT, DS(catchment_ikc), .def = "ikc",
     .help = "catchment column with the IKC's key"},
    {"catchment_area", KT_TEXT, DS(catchment_area), .def = "area",
     .help = "catchment column with the area code"},
    {"catchment_pupils", KT_TEXT, DS(catchment_pupils), .def = "pupils",
     .help = "catchment column with the number of pupils"},
    {"top", KT_INT, DS(top), 1, 100000, .help = "designate the N highest"},
    {"threshold", KT_NUM, DS(threshold), ANY,
     .set_off = AT(bs_designate_spec, threshold_set),
     .help = "or designate those with score >= VALUE"},
    {"previous", KT_PATH, DS(previous), .help = "CSV of the current Plus-IKCs"},
    {"previous_key", KT_TEXT, DS(previous_key), .def = "key",
     .help = "the column of previous with the IKC's key"},
    {"keep_until_rank", KT_INT, DS(keep_until_rank), 1, 100000,
     .help = "a current Plus-IKC stays while its rank is this or better"},
    {"ties", KT_ENUM, DS(ties), .vocab = &bs_ties_vocab, .def = "min",
     .help = "ranks of tied IKCs (min: competition ranks)"},
    {"reasons", KT_INT, DS(reasons), 0, 20, .def = "3",
     .help = "indicators named in each reason"},
    {"title", KT_TEXT, DS(title), .help = "title of its map (default: the project title)"},
    {"paper", KT_CUSTOM, DS(paper), .fn = parse_paper, .def = "A4 landscape",
     .set_off = AT(bs_designate_spec, paper_set),
     .help = "paper of its map (default: that of the score map)"},
    {"format", KT_CUSTOM, DS(formats), .fn = parse_formats, .def = "pdf",
     .help = "formats of its map: any of pdf png svg"},
    {"dpi", KT_NUM, DS(dpi), 36, 1200, .def = "300", .help = "for png"},
};

#define PR(f) F(bs_prioritise_spec, f)
static const bs_pj_key prioritise_keys[] = {
    {"need", KT_TEXT, PR(need), .def = "score", .help = "the need column"},
    {"supply", KT_TEXT, PR(supply), .need = "COLUMN (e.g. a [supply] NAME_per1000)",
     .help = "the social-base column"},
    {"need_cut", KT_NUM, PR(need_cut), ANY,
     .set_off = AT(bs_prioritise_spec, need_cut_set),
     .help = "high need above this (default: the median)"},
    {"supply_cut", KT_NUM, PR(supply_cut), ANY,
     .set_off = AT(bs_prioritise_spec, supply_cut_set),
     .help = "weak basis below this (default: the median)"},
};

/* --- [spatial NAME] (issue 15) --- */
static const bs_vocab_word wstyle_w[] = {{"W", 'W'}, {"B", 'B'}};
static const bs_vocab wstyle_v = {wstyle_w, 2, 1};

/* weights = queen | rook | knn | distance | FILE.gal | FILE.gwt: a word
 * stays as it is, a file is resolved against the project's folder. */
static int check_weights(bs_pj_reader *r, const bs_pj_key *k, void *field,
                         const char *value)
{
    static const char *const words[] = {"queen", "rook", "knn", "distance"};
    bs_setting *s = field;
    size_t i, len = strlen(value);
    char *path;

    for (i = 0; i < 4; i++)
        if (strcasecmp(value, words[i]) == 0)
            return 1;
    if (len < 5 || (strcasecmp(value + len - 4, ".gal") != 0 &&
                    strcasecmp(value + len - 4, ".gwt") != 0))
        return bs_pj_fail(r, r->ini.line, "%s = '%s': use queen, rook, knn, "
                          "distance or a GeoDa file (.gal or .gwt)", k->name,
                          value);
    if (!(path = bs_pj_resolve(r->p, value)))
        return bs_pj_fail(r, r->ini.line, "out of memory");
    free(s->value);
    s->value = path;
    return 1;
}

#define SP(f) F(bs_spatial_spec, f)
static const bs_pj_key spatial_keys[] = {
    {"column", KT_TEXT, SP(column), .def = "score",
     .help = "score, an indicator or any column"},
    {"weights", KT_TEXT, SP(weights), .fn = check_weights, .def = "queen",
     .help = "queen, rook, knn, distance or a GeoDa .gal/.gwt file"},
    {"k", KT_INT, SP(k), 1, 1000, .help = "knn: the number of neighbours"},
    {"distance", KT_NUM, SP(distance), 1e-9, 1e9,
     .help = "distance: the band in metres between label points"},
    {"snap", KT_NUM, SP(snap), 0, 1000, .def = "0",
     .help = "queen/rook: boundary points this close (m) are shared"},
    {"style", KT_CHAR, SP(style), .vocab = &wstyle_v, .def = "W",
     .help = "W row-standardised or B binary weights"},
    {"permutations", KT_INT, SP(permutations), 0, 99999, .def = "999",
     .help = "permutations for the pseudo p-values"},
    {"seed", KT_CUSTOM, SP(seed), .fn = parse_seed, .def = "1",
     .help = "same seed = same p-values, whatever the threads"},
    {"alpha", KT_NUM, SP(alpha), 1e-9, 0.5, .def = "0.05",
     .help = "significance level of the local clusters"},
    {"fdr", KT_YESNO, SP(fdr), .def = "no",
     .help = "Benjamini-Hochberg correction of the local tests"},
};

static const bs_pj_key report_keys[] = {
    {"file", KT_TEXT, P(report.file), .fn = check_file_name, .def = "report.pdf",
     .help = "the PDF, written in the output directory"},
    {"template", KT_PATH, P(report.template_file),
     .help = "texts, titles, colours, logo, sections on/off"},
    {"notes", KT_PATH, P(report.notes), .help = "CSV of free text per area"},
    {"title", KT_TEXT, P(report.title), .help = "title on the cover"},
    {"subtitle", KT_TEXT, P(report.subtitle), .help = "subtitle on the cover"},
    {"author", KT_TEXT, P(report.author), .help = "author on the cover"},
    {"gemeente", KT_TEXT, P(report.gemeente), .help = "the gemeente, on the cover"},
};

/* [progress NAME]: the council progress report (issue 13). */
static int check_period_or_latest(bs_pj_reader *r, const bs_pj_key *k,
                                  void *field, const char *value)
{
    bs_period p;
    bs_error e;

    (void)field;
    if (strcasecmp(value, "latest") == 0 ||
        bs_period_parse(value, NULL, &p, &e) == 0)
        return 1;
    return bs_pj_fail(r, r->ini.line, "%s = '%s': give latest or a period "
                      "(2025, 2025H2, 2025HJ02, 2025Q3 ...)", k->name, value);
}

static int check_language(bs_pj_reader *r, const bs_pj_key *k, void *field,
                          const char *value)
{
    bs_lang l;

    (void)field;
    if (bs_lang_parse(value, &l) == 0)
        return 1;
    return bs_pj_fail(r, r->ini.line, "%s = '%s': use nl or en", k->name, value);
}

#define PG(f) F(bs_progress_spec, f)
static const bs_pj_key progress_keys[] = {
    {"title", KT_TEXT, PG(title),
     .help = "title on the cover (default: Voortgangsrapportage NAME)"},
    {"subtitle", KT_TEXT, PG(subtitle), .help = "subtitle on the cover"},
    {"author", KT_TEXT, PG(author), .help = "author on the cover"},
    {"period", KT_TEXT, PG(period), .fn = check_period_or_latest,
     .def = "latest", .help = "the reporting period, or latest"},
    {"notes", KT_PATH, PG(notes), .help = "CSV monitor,text: free text per monitor"},
    {"actions", KT_PATH, PG(actions),
     .help = "CSV action,owner,status,toelichting (groen/oranje/rood)"},
    {"monitors", KT_TEXT, PG(monitors),
     .help = "the [monitor] names in the report (default: all)"},
    {"file", KT_TEXT, PG(file), .fn = check_file_name,
     .help = "the PDF (default: progress-NAME.pdf)"},
    {"language", KT_TEXT, PG(language), .fn = check_language,
     .help = "nl | en (default: [project] language)"},
};

static const bs_pj_key disclosure_keys[] = {
    {"min_count", KT_NUM, P(disclosure.min_count), 0, 1e9, .def = "10",
     .help = "counts of persons below this are never printed"},
    {"round", KT_NUM, P(disclosure.round), 0, 1e9, .def = "5",
     .help = "other counts are rounded to this"},
    {"min_denominator", KT_NUM, P(disclosure.min_denominator), 0, 1e12,
     .def = "50", .help = "rates on fewer persons are not printed"},
    /* issue 12, disclosure */
    {"score", KT_ENUM, P(disclosure.score), .vocab = &discscore_v,
     .def = "without",
     .help = "a suppressed value in the score: without (missing) or exact"},
};

/* issue 12, plausibility checks: [check NAME] */
static const bs_vocab_word checksev_w[] = {{"warning", 1}, {"error", 2}};
static const bs_vocab checksev_v = VOCAB(checksev_w);
#define CK(f) F(bs_check_spec, f)
static const bs_pj_key check_keys[] = {
    {"rule", KT_TEXT, CK(rule), .need = "a comparison, e.g. mannen + vrouwen = inwoners",
     .help = "FORMULA <, <=, =, >= or > FORMULA, per area"},
    {"tolerance", KT_NUM, CK(tolerance), 0, 1e12, .def = "0",
     .help = "allowed difference (CBS rounds to 5)"},
    {"severity", KT_ENUM, CK(severity), .vocab = &checksev_v, .def = "warning",
     .help = "warning (reported) or error (stops the run)"},
};

/* issue 14: [export] */
static int parse_exports(bs_pj_reader *r, const bs_pj_key *k, void *field,
                         const char *value)
{
    static const char *const word[3] = { "gpkg", "geojson", "xlsx" };
    static const unsigned bit[3] = { BS_EXPORT_GPKG, BS_EXPORT_GEOJSON,
                                     BS_EXPORT_XLSX };

    return parse_word_bits(r, k, field, value, word, bit);
}

static const bs_pj_key export_keys[] = {
    {"format", KT_CUSTOM, P(export.formats), .fn = parse_exports,
     .help = "any of gpkg geojson xlsx"},
    {"file", KT_TEXT, P(export.file), .fn = check_file_name, .def = "scores",
     .help = "base name of the exports in the output directory"},
    {"geometry", KT_ENUM, P(export.print_geometry), .vocab = &geometry_v,
     .def = "full", .help = "full or print (simplified as on the maps)"},
};

/* --- monitors and the stoplicht (issue 13) ------------------------------ */

static const bs_vocab_word monitor_level_w[] = {
    {"gemeente", BS_MONITOR_GEMEENTE}, {"areas", BS_MONITOR_AREAS}};
static const bs_vocab monitor_level_v = VOCAB(monitor_level_w);

#define MO(f) F(bs_monitor_cfg, f)
static const bs_pj_key monitor_keys[] = {
    {"indicator", KT_TEXT, MO(indicator), .help = "the [indicator] followed"},
    {"column", KT_TEXT, MO(column),
     .help = "or a column (a list of columns with periods =)"},
    {"formula", KT_TEXT, MO(formula), .flags = K_CONTINUES,
     .help = "or a formula over columns"},
    {"numerator", KT_TEXT, MO(numerator), .help = "or a rate: numerator column"},
    {"denominator", KT_TEXT, MO(denominator), .help = "a rate: denominator column"},
    {"per", KT_NUM, MO(per), 1e-9, 1e9, .def = "100",
     .help = "a rate is numerator / denominator * per"},
    {"periods", KT_TEXT, MO(periods),
     .help = "a wide file: the period of each column of column ="},
    {"label", KT_TEXT, MO(label), .flags = K_CONTINUES | K_NAME,
     .help = "name in print (default: the monitor's name)"},
    {"unit", KT_TEXT, MO(unit), .help = "unit in print; % makes changes points"},
    {"source", KT_TEXT, MO(source), .help = "where the figures come from"},
    {"definition", KT_TEXT, MO(definition), .flags = K_CONTINUES,
     .help = "numerator, denominator, peildatum"},
    {"direction", KT_ENUM, MO(direction), .vocab = &direction_v,
     .use = "- (lower is better) or + (higher is better)",
     .need = "- (lower is better) or + (higher is better)",
     .help = "- lower is better; + higher is better"},
    {"level", KT_ENUM, MO(level), .vocab = &monitor_level_v, .def = "gemeente",
     .help = "gemeente: one series; areas: one per area"},
    {"key", KT_TEXT, MO(key),
     .help = "level gemeente: the data row (GM0995); default: areas aggregated"},
    {"weight", KT_TEXT, MO(weight),
     .help = "aggregating a value that is no rate: the weight column"},
    {"baseline", KT_TEXT, MO(baseline), .need = "PERIOD (the nulwaarde, e.g. 2023)",
     .help = "the nulwaarde period"},
    {"target", KT_TEXT, MO(target),
     .help = "10.5 by 2028, -15% by 2026, -2pp by 2028, >= 50, <= 10, down, up"},
    {"tolerance", KT_NUM, MO(tolerance), 0, 1e12, .def = "0",
     .help = "changes within it count as unchanged (in the unit)"},
    {"provisional", KT_TEXT, MO(provisional),
     .help = "periods with voorlopige cijfers, marked in every output"},
    {"break", KT_TEXT, MO(brk),
     .help = "periods with a series break just before them"},
    {"illustrative", KT_YESNO, MO(illustrative),
     .help = "the target is not the source's: marked ILLUSTRATIEF"},
};

static const bs_pj_key stoplicht_keys[] = {
    {"path_margin", KT_NUM, P(stoplicht.path_margin), 0, 1, .def = "0",
     .help = "still green this far behind the path (share of the planned change)"},
    {"baseline_margin", KT_NUM, P(stoplicht.baseline_margin), 0, 1, .def = "0",
     .help = "not red until this much worse than the nulwaarde (share of it)"},
};

/* A plain section's keys are offsets into bs_project; a named section's
 * into one element of its array in bs_project. */
#define PLAIN(kind, line, keys, help) \
    {kind, 0, 0, 0, 0, 0, line, ROWS(keys), help}
#define NAMED(kind, T, arr, n, namef, keys, help)                            \
    {kind, 1, sizeof(T), offsetof(bs_project, arr), offsetof(bs_project, n),  \
     offsetof(T, namef), AT(T, line), ROWS(keys), help}

const bs_pj_section bs_pj_sections[] = {
    PLAIN("project", 0, project_keys, "title, output, CRS and language"),
    PLAIN("areas", AT(bs_project, areas.line), areas_keys, "the map of areas"),
    NAMED("data", bs_data_spec, data, ndata, name, data_keys,
          "a CSV file of figures per area"),
    NAMED("indicator", bs_indicator_spec, ind, nind, id, indicator_keys,
          "one indicator of the score"),
    NAMED("domain", bs_domain_spec, dom, ndom, name, domain_keys,
          "a level between indicators and the score"),
    PLAIN("score", AT(bs_project, score.line), score_keys, "how the score is made"),
    PLAIN("uncertainty", AT(bs_project, unc.line), uncertainty_keys,
          "Monte Carlo over weights and normalisation"),
    NAMED("map", bs_map_spec, maps, nmaps, name, map_keys, "one map"),
    NAMED("points", bs_points_spec_cfg, points, npoints, name, points_keys,
          "a point layer"),
    NAMED("supply", bs_supply_spec, supply, nsupply, name, supply_keys,
          "points per area as columns NAME and NAME_per1000"),
    NAMED("designate", bs_designate_spec, designate, ndesignate, name,
          designate_keys, "the Plus-IKC herijking"),
    NAMED("prioritise", bs_prioritise_spec, prio, nprio, name, prioritise_keys,
          "need against social base in four quadrants"),
    NAMED("spatial", bs_spatial_spec, spatial, nspatial, name, spatial_keys,
          "clusters: Moran's I, LISA and Gi* of one column"),
    PLAIN("report", AT(bs_project, report.line), report_keys, "the PDF report"),
    PLAIN("disclosure", AT(bs_project, disclosure.line), disclosure_keys,
          "statistical disclosure control"),
    NAMED("check", bs_check_spec, checks, nchecks, name, check_keys,
          "a plausibility rule on the input"),
    PLAIN("export", AT(bs_project, export.line), export_keys,
          "scores for QGIS and Excel: gpkg, geojson, xlsx"),
    NAMED("monitor", bs_monitor_cfg, monitor, nmonitor, name, monitor_keys,
          "an indicator followed across periods with the stoplicht"),
    PLAIN("stoplicht", AT(bs_project, stoplicht.line), stoplicht_keys,
          "the bounds of the stoplicht rule"),
    NAMED("progress", bs_progress_spec, progress, nprogress, name,
          progress_keys, "the council progress report progress-NAME.pdf"),
};

const size_t bs_pj_nsections = sizeof bs_pj_sections / sizeof bs_pj_sections[0];
