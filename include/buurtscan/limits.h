/* limits.h: one constant per limit that more than one module must agree on.
 * Data level: every layer may include it. */
#ifndef BUURTSCAN_LIMITS_H
#define BUURTSCAN_LIMITS_H

/* Most classes a map, its legend, its class table and the report's legends
 * can hold (ColorBrewer's largest schemes have 12 colours). */
#define BS_CLASSES_MAX 12

#endif
