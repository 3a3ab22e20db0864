/* housestyle.h: buurtscan's house style of maps, the defaults of every
 * bs_style (render level: the look belongs to the renderer; the style
 * reader in io only changes a style it is given). */
#ifndef BUURTSCAN_HOUSESTYLE_H
#define BUURTSCAN_HOUSESTYLE_H

#include "buurtscan/style.h"

/* Fills s with the house style (today's look of every buurtscan map):
 * DejaVu Sans, greys for text and outlines, a red locator box. */
void bs_style_default(bs_style *s);

#endif
