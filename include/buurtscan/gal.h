/* gal.h: reading GeoDa's spatial weights files.
 *
 * .gal (contiguity, binary):      .gwt (weights):
 *     0 49 columbus POLYID            0 49 columbus POLYID
 *     1 2                             1 2 1.0
 *     2 3                             1 3 1.0
 *     2 3                             2 1 0.5
 *     4 3 1                           ...
 *     ...
 * The header is the number of areas alone, or "0 N SHAPEFILE IDVARIABLE"
 * as GeoDa writes it. A .gal record is a line "ID COUNT" followed by a line
 * with COUNT neighbour ids (an empty line, or none, for an island); a .gwt
 * line is "ID NEIGHBOUR WEIGHT". Ids are the values of the areas' key
 * (GeoDa's id variable): matched as text, trimmed, case-sensitive.
 * Blank lines between records are allowed; a UTF-8 byte order mark and
 * CRLF line ends are understood. */
#ifndef BUURTSCAN_GAL_H
#define BUURTSCAN_GAL_H

#include <stddef.h>
#include "buurtscan/error.h"
#include "buurtscan/weights.h"

/* Reads PATH, a .gal or a .gwt file by its extension (case-insensitive),
 * as weights over n areas (*out, free with bs_weights_free): style
 * BS_WEIGHTS_BINARY for a .gal, BS_WEIGHTS_RAW (the file's weights) for a
 * .gwt; set the style wanted with bs_weights_set_style. keys[i] is the id
 * of area i (NULL: the ids are the record numbers 1 .. n). *idvar (idvar
 * may be NULL) gets the header's id variable (malloc'd), or NULL when the
 * header has none.
 *
 * Errors, each naming the file and the line:
 *   "F.gal:1: the header says 48 areas, but there are 49"
 *   "F.gal:7: area '70' is not one of the areas"
 *   "F.gal:9: area '5' has a record already (line 3)"
 *   "F.gal:10: area '5' has 4 neighbours, but the line lists 3"
 *   "F.gal:4: 'x' is not a number of neighbours"
 *   "F.gal:12: area '8' lists itself as a neighbour"
 *   "F.gal:12: area '8' lists neighbour '9' twice"
 *   "F.gal: no record for area '17'"        (a .gal lists every area)
 *   "F.gwt:5: '0,5x' is not a weight", "F.gwt:5: the weight must be
 *   positive (it is -1)", "F.gwt:9: the link 3 -> 4 is listed twice (also
 *   at line 6)", a header or line with the wrong number of fields, an
 *   extension that is neither, a file that cannot be read, duplicate keys.
 * Warning (diag): links that are one-way (i lists j, j does not list i),
 * once, naming the first and the count; the statistics accept them (k
 * nearest neighbours are one-way), but a contiguity file should not have
 * any. */
int bs_weights_read(const char *path, const char *const *keys, size_t n,
                    bs_weights **out, char **idvar, const bs_diag *diag,
                    bs_error *err);

#endif
