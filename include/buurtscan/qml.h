/* qml.h: QGIS layer styles (QML) for buurtscan's maps, so that a layer
 * opens in QGIS looking like the printed map: a rule-based renderer with
 * one rule per class in the class's colour, a rule for features without a
 * value (hatched over white, or grey), and labels from a field. The text
 * goes to a .qml file beside the layer or into a GeoPackage's layer_styles
 * (vectorout.h). Written for QGIS 3 (tested against 3.22's reader). */
#ifndef BUURTSCAN_QML_H
#define BUURTSCAN_QML_H

#include <stddef.h>
#include "buurtscan/error.h"

typedef enum bs_qml_kind {
    BS_QML_GRADUATED = 0,    /* classes of a number: lower < v <= upper, the
                              * first class also v == lower (right-closed,
                              * as buurtscan classifies) */
    BS_QML_CATEGORISED = 1   /* one class per text value */
} bs_qml_kind;

typedef enum bs_qml_geometry {
    BS_QML_POLYGON = 0,
    BS_QML_POINT = 1
} bs_qml_geometry;

typedef enum bs_qml_missing {
    BS_QML_MISSING_HATCH = 0,   /* white with diagonal grey lines, as the
                                 * PDF's "geen gegevens" */
    BS_QML_MISSING_GREY = 1,
    BS_QML_MISSING_NONE = 2     /* not drawn */
} bs_qml_missing;

typedef struct bs_qml_class {
    double lower, upper;        /* graduated */
    const char *value;          /* categorised */
    unsigned char rgb[3];       /* fill colour */
    const char *label;          /* legend text (required) */
} bs_qml_class;

typedef struct bs_qml_style {
    const char *field;          /* the classified field (required) */
    bs_qml_kind kind;
    bs_qml_geometry geometry;
    const bs_qml_class *classes;
    size_t nclasses;            /* 1 or more */
    bs_qml_missing missing;
    const char *missing_label;  /* legend text for the missing rule; NULL:
                                 * "geen gegevens" */
    unsigned char outline[3];   /* polygon outlines and marker edges */
    double outline_mm;          /* 0: 0.26 mm */
    double hatch_mm;            /* hatch line distance; 0: 1.5 mm */
    double marker_mm;           /* point symbol size; 0: 2.6 mm */
    const char *label_field;    /* labels from this field; NULL: none */
    const char *font;           /* NULL: "DejaVu Sans" */
    double font_pt;             /* 0: 8 */
} bs_qml_style;

/* The QML document for s (malloc'd, UTF-8), or NULL with err set: no field,
 * no classes, a graduated class with lower > upper or non-finite bounds, a
 * categorised class without a value, a class without a label. Class
 * bounds are written exactly (bs_format_exact_number), so a value on a
 * bound falls in the same class as on the PDF. */
char *bs_qml_text(const bs_qml_style *s, bs_error *err);

/* Writes bs_qml_text(s) to path. Errors as bs_qml_text, and "PATH: cannot
 * write: REASON". */
int bs_qml_write(const char *path, const bs_qml_style *s, bs_error *err);

#endif
