/* Shapes of the map (issue 12 §7): simplifying a boundary ring before it is stored. Pure. */
#ifndef ZT_DOMAIN_GEOSHAPE_H
#define ZT_DOMAIN_GEOSHAPE_H

#include <stddef.h>

/*
 * Simplifies the ring or line xy (n points as x0,y0,x1,y1,… in degrees) in place by Douglas–Peucker
 * with tolerance tol (degrees): the first and last points always stay, an inner point stays when
 * it lies farther than tol from the line its neighbours kept span. Points are also rounded to
 * 1e-5° (about 1 m) and exact repeats dropped. Returns the number of points kept (≤ n); a closed
 * ring stays closed. work must have room for n bytes (scratch, no allocation here).
 */
size_t geo_simplify(double *xy, size_t n, double tol, unsigned char *work);

#endif
