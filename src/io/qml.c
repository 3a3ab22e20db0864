/* qml.c: QGIS styles (qml.h). The document is QGIS 3's: a rule-based
 * renderer ("RuleRenderer"), symbols whose properties are written both as
 * an Option map (QGIS >= 3.26 reads these) and as prop elements (what
 * earlier QGIS 3 reads), and simple labeling. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/number.h"
#include "buurtscan/qml.h"

/* One symbol property: name and value. */
typedef struct prop {
    const char *k;
    char v[64];
} prop;

/* Text with XML's five special characters escaped, for attribute values. */
static void xml_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&apos;", f); break;
        default: fputc(*s, f);
        }
    }
}

/* A QGIS expression's quoted field name: "na""me". */
static void expr_field(FILE *f, const char *name)
{
    fputc('"', f);
    for (; *name; name++) {
        if (*name == '"')
            fputc('"', f);
        fputc(*name, f);
    }
    fputc('"', f);
}

/* Writes an expression into a string first (it is then XML-escaped). */
static void rule_filter(const bs_qml_style *s, size_t c, char **out)
{
    size_t len;
    FILE *f = open_memstream(out, &len);
    char a[40], b[40];
    const char *v;

    if (!f) {
        *out = NULL;
        return;
    }
    if (c == s->nclasses) {           /* the missing rule */
        if (s->kind == BS_QML_CATEGORISED) {
            fputs("ELSE", f);
        } else {
            expr_field(f, s->field);
            fputs(" IS NULL", f);
        }
    } else if (s->kind == BS_QML_GRADUATED) {
        expr_field(f, s->field);
        fprintf(f, " %s %s AND ", c == 0 ? ">=" : ">",
                bs_format_exact_number(s->classes[c].lower, a, sizeof a));
        expr_field(f, s->field);
        fprintf(f, " <= %s",
                bs_format_exact_number(s->classes[c].upper, b, sizeof b));
    } else {
        expr_field(f, s->field);
        fputs(" = '", f);
        for (v = s->classes[c].value; *v; v++) {
            if (*v == '\'')
                fputc('\'', f);
            fputc(*v, f);
        }
        fputc('\'', f);
    }
    if (fclose(f) != 0) {
        free(*out);
        *out = NULL;
    }
}

static void props(FILE *f, const prop *p, size_t n, const char *indent)
{
    size_t i;

    fprintf(f, "%s<Option type=\"Map\">\n", indent);
    for (i = 0; i < n; i++) {
        fprintf(f, "%s  <Option name=\"%s\" type=\"QString\" value=\"",
                indent, p[i].k);
        xml_text(f, p[i].v);
        fputs("\"/>\n", f);
    }
    fprintf(f, "%s</Option>\n", indent);
    for (i = 0; i < n; i++) {
        fprintf(f, "%s<prop k=\"%s\" v=\"", indent, p[i].k);
        xml_text(f, p[i].v);
        fputs("\"/>\n", f);
    }
}

static void rgba(char *buf, size_t n, const unsigned char c[3])
{
    snprintf(buf, n, "%u,%u,%u,255", c[0], c[1], c[2]);
}

static void mm(char *buf, size_t n, double v)
{
    bs_format_exact_number(v, buf, n);
}

static void simple_fill(FILE *f, const bs_qml_style *s,
                        const unsigned char fill[3])
{
    prop p[] = {
        { "color", "" }, { "joinstyle", "bevel" }, { "offset", "0,0" },
        { "offset_unit", "MM" }, { "outline_color", "" },
        { "outline_style", "solid" }, { "outline_width", "" },
        { "outline_width_unit", "MM" }, { "style", "solid" },
    };

    rgba(p[0].v, sizeof p[0].v, fill);
    rgba(p[4].v, sizeof p[4].v, s->outline);
    mm(p[6].v, sizeof p[6].v, s->outline_mm > 0 ? s->outline_mm : 0.26);
    fputs("      <layer class=\"SimpleFill\" enabled=\"1\" pass=\"0\" "
          "locked=\"0\">\n", f);
    props(f, p, sizeof p / sizeof *p, "        ");
    fputs("      </layer>\n", f);
}

/* Diagonal grey lines, as the PDF hatches "geen gegevens". */
static void hatch(FILE *f, const bs_qml_style *s, size_t sym)
{
    prop p[] = {
        { "angle", "45" }, { "color", "128,128,128,255" }, { "distance", "" },
        { "distance_unit", "MM" }, { "line_width", "0.2" },
        { "line_width_unit", "MM" }, { "offset", "0" },
        { "offset_unit", "MM" },
    };
    prop l[] = {
        { "line_color", "128,128,128,255" }, { "line_style", "solid" },
        { "line_width", "0.2" }, { "line_width_unit", "MM" },
        { "capstyle", "square" }, { "joinstyle", "bevel" },
    };

    mm(p[2].v, sizeof p[2].v, s->hatch_mm > 0 ? s->hatch_mm : 1.5);
    fputs("      <layer class=\"LinePatternFill\" enabled=\"1\" pass=\"0\" "
          "locked=\"0\">\n", f);
    props(f, p, sizeof p / sizeof *p, "        ");
    fprintf(f, "        <symbol type=\"line\" name=\"@%zu@1\" alpha=\"1\" "
            "clip_to_extent=\"1\" force_rhr=\"0\">\n", sym);
    fputs("          <layer class=\"SimpleLine\" enabled=\"1\" pass=\"0\" "
          "locked=\"0\">\n", f);
    props(f, l, sizeof l / sizeof *l, "            ");
    fputs("          </layer>\n        </symbol>\n      </layer>\n", f);
}

static void simple_marker(FILE *f, const bs_qml_style *s,
                          const unsigned char fill[3])
{
    prop p[] = {
        { "angle", "0" }, { "color", "" }, { "joinstyle", "bevel" },
        { "name", "circle" }, { "outline_color", "" },
        { "outline_style", "solid" }, { "outline_width", "" },
        { "outline_width_unit", "MM" }, { "scale_method", "diameter" },
        { "size", "" }, { "size_unit", "MM" },
    };

    rgba(p[1].v, sizeof p[1].v, fill);
    rgba(p[4].v, sizeof p[4].v, s->outline);
    mm(p[6].v, sizeof p[6].v, s->outline_mm > 0 ? s->outline_mm : 0.26);
    mm(p[9].v, sizeof p[9].v, s->marker_mm > 0 ? s->marker_mm : 2.6);
    fputs("      <layer class=\"SimpleMarker\" enabled=\"1\" pass=\"0\" "
          "locked=\"0\">\n", f);
    props(f, p, sizeof p / sizeof *p, "        ");
    fputs("      </layer>\n", f);
}

/* Symbol sym: class sym's colour, or the missing symbol when sym is
 * nclasses. */
static void symbol(FILE *f, const bs_qml_style *s, size_t sym)
{
    static const unsigned char white[3] = { 255, 255, 255 };
    static const unsigned char grey[3] = { 200, 200, 200 };
    int missing = sym == s->nclasses;
    int point = s->geometry == BS_QML_POINT;
    const unsigned char *fill = !missing ? s->classes[sym].rgb
                                : s->missing == BS_QML_MISSING_HATCH && !point
                                ? white : grey;

    fprintf(f, "    <symbol type=\"%s\" name=\"%zu\" alpha=\"1\" "
            "clip_to_extent=\"1\" force_rhr=\"0\">\n",
            point ? "marker" : "fill", sym);
    if (point) {
        simple_marker(f, s, fill);
    } else {
        simple_fill(f, s, fill);
        if (missing && s->missing == BS_QML_MISSING_HATCH)
            hatch(f, s, sym);
    }
    fputs("    </symbol>\n", f);
}

static int rules(FILE *f, const bs_qml_style *s, bs_error *err)
{
    size_t c, n = s->nclasses + (s->missing != BS_QML_MISSING_NONE);

    fputs("  <renderer-v2 type=\"RuleRenderer\" forceraster=\"0\" "
          "symbollevels=\"0\" enableorderby=\"0\" referencescale=\"-1\">\n"
          "   <rules key=\"{00000000-0000-4000-8000-000000000000}\">\n", f);
    for (c = 0; c < n; c++) {
        char *filter;
        const char *label = c < s->nclasses ? s->classes[c].label
                            : s->missing_label ? s->missing_label
                            : "geen gegevens";
        rule_filter(s, c, &filter);
        if (!filter)
            return bs_error_set(err, "QGIS style: out of memory");
        fprintf(f, "    <rule key=\"{00000000-0000-4000-8000-%012zx}\" "
                "symbol=\"%zu\" label=\"", c + 1, c);
        xml_text(f, label);
        fputs("\" filter=\"", f);
        xml_text(f, filter);
        fputs("\"/>\n", f);
        free(filter);
    }
    fputs("   </rules>\n   <symbols>\n", f);
    for (c = 0; c < n; c++)
        symbol(f, s, c);
    fputs("   </symbols>\n  </renderer-v2>\n", f);
    return 0;
}

static void labeling(FILE *f, const bs_qml_style *s)
{
    char size[40];

    mm(size, sizeof size, s->font_pt > 0 ? s->font_pt : 8);
    fputs("  <labeling type=\"simple\">\n"
          "   <settings calloutType=\"simple\">\n"
          "    <text-style fieldName=\"", f);
    xml_text(f, s->label_field);
    fputs("\" isExpression=\"0\" fontFamily=\"", f);
    xml_text(f, s->font ? s->font : "DejaVu Sans");
    fprintf(f, "\" fontSize=\"%s\" fontSizeUnit=\"Point\" "
            "textColor=\"0,0,0,255\" textOpacity=\"1\" fontWeight=\"50\" "
            "fontItalic=\"0\" namedStyle=\"Regular\" allowHtml=\"0\" "
            "capitalization=\"0\" multilineHeight=\"1\" blendMode=\"0\">\n"
            "     <text-buffer bufferDraw=\"1\" bufferSize=\"0.8\" "
            "bufferSizeUnits=\"MM\" bufferColor=\"255,255,255,255\" "
            "bufferOpacity=\"0.8\" bufferNoFill=\"1\" "
            "bufferJoinStyle=\"128\" bufferBlendMode=\"0\"/>\n"
            "    </text-style>\n"
            "    <text-format wrapChar=\"\" autoWrapLength=\"12\" "
            "useMaxLineLengthForAutoWrap=\"1\" multilineAlign=\"1\" "
            "formatNumbers=\"0\" decimals=\"3\" plussign=\"0\"/>\n", size);
    if (s->geometry == BS_QML_POINT)
        fputs("    <placement placement=\"0\" dist=\"1\" distUnits=\"MM\" "
              "quadOffset=\"4\" priority=\"5\"/>\n", f);
    else
        fputs("    <placement placement=\"1\" centroidInside=\"1\" "
              "centroidWhole=\"0\" fitInPolygonOnly=\"0\" offsetType=\"0\" "
              "quadOffset=\"4\" dist=\"0\" distUnits=\"MM\" "
              "priority=\"5\"/>\n", f);
    fputs("    <rendering obstacle=\"1\" obstacleType=\"1\" displayAll=\"0\" "
          "upsidedownLabels=\"0\" labelPerPart=\"0\" mergeLines=\"0\" "
          "minFeatureSize=\"0\" limitNumLabels=\"0\" fontMinPixelSize=\"3\" "
          "fontMaxPixelSize=\"10000\" scaleVisibility=\"0\" zIndex=\"0\" "
          "drawLabels=\"1\"/>\n"
          "   </settings>\n  </labeling>\n", f);
}

static int check_style(const bs_qml_style *s, bs_error *err)
{
    size_t c;

    if (!s->field || !*s->field)
        return bs_error_set(err, "QGIS style: no field to classify");
    if (s->nclasses == 0 || !s->classes)
        return bs_error_set(err, "QGIS style for '%s': no classes", s->field);
    for (c = 0; c < s->nclasses; c++) {
        const bs_qml_class *k = &s->classes[c];
        if (!k->label)
            return bs_error_set(err, "QGIS style for '%s': class %zu has no "
                                "label", s->field, c + 1);
        if (s->kind == BS_QML_CATEGORISED && !k->value)
            return bs_error_set(err, "QGIS style for '%s': class %zu has no "
                                "value", s->field, c + 1);
        if (s->kind == BS_QML_GRADUATED
            && (!isfinite(k->lower) || !isfinite(k->upper)
                || k->lower > k->upper))
            return bs_error_set(err, "QGIS style for '%s': class %zu has the "
                                "bounds %g .. %g", s->field, c + 1, k->lower,
                                k->upper);
    }
    return 0;
}

char *bs_qml_text(const bs_qml_style *s, bs_error *err)
{
    char *text = NULL;
    size_t len;
    FILE *f;
    int rc;

    if (check_style(s, err) != 0)
        return NULL;
    if (!(f = open_memstream(&text, &len))) {
        bs_error_set(err, "QGIS style: out of memory");
        return NULL;
    }
    fprintf(f, "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
            "<qgis version=\"3.22.0\" styleCategories=\"Symbology|Labeling\" "
            "labelsEnabled=\"%d\">\n", s->label_field != NULL);
    rc = rules(f, s, err);
    if (s->label_field)
        labeling(f, s);
    fprintf(f, "  <blendMode>0</blendMode>\n"
            "  <featureBlendMode>0</featureBlendMode>\n"
            "  <layerGeometryType>%d</layerGeometryType>\n</qgis>\n",
            s->geometry == BS_QML_POINT ? 0 : 2);
    if (fclose(f) != 0 && rc == 0)
        rc = bs_error_set(err, "QGIS style: out of memory");
    if (rc != 0) {
        free(text);
        return NULL;
    }
    return text;
}

int bs_qml_write(const char *path, const bs_qml_style *s, bs_error *err)
{
    char *text = bs_qml_text(s, err);
    FILE *f;
    int bad;

    if (!text)
        return -1;
    if (!(f = fopen(path, "w"))) {
        free(text);
        return bs_error_set(err, "%s: cannot write: %s", path,
                            strerror(errno));
    }
    fputs(text, f);
    free(text);
    bad = ferror(f);
    if (fclose(f) != 0 || bad) {
        remove(path);
        return bs_error_set(err, "%s: cannot write: %s", path,
                            strerror(errno));
    }
    return 0;
}
