/* Douglas–Peucker simplification of boundary rings for the map (issue 12 §7; see geoshape.h). */
#include "domain/geoshape.h"

#include <math.h>

/* Distance from p to the segment a–b (degrees, planar: rings are small). */
static double seg_dist(const double *p, const double *a, const double *b)
{
	double dx = b[0] - a[0], dy = b[1] - a[1], len2 = dx * dx + dy * dy;
	double t = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	double ex = a[0] + t * dx - p[0], ey = a[1] + t * dy - p[1];
	return sqrt(ex * ex + ey * ey);
}

size_t geo_simplify(double *xy, size_t n, double tol, unsigned char *work)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < 2 * n; i++)
		xy[i] = round(xy[i] * 1e5) / 1e5;
	for (size_t i = 0; i < n; i++)
		work[i] = 0;
	work[0] = work[n - 1] = 1;
	/* Each pass splits every span between kept points whose farthest inner point lies beyond tol;
	 * spans are found again by scanning for kept points, so no memory beyond work is needed. */
	for (;;) {
		int changed = 0;
		size_t a = 0;
		while (a < n - 1) {
			size_t b = a + 1;
			while (b < n - 1 && !work[b])
				b++;
			double far = 0;
			size_t best = 0;
			for (size_t i = a + 1; i < b; i++) {
				double d = seg_dist(xy + 2 * i, xy + 2 * a, xy + 2 * b);
				if (d > far) {
					far = d;
					best = i;
				}
			}
			if (far > tol) {
				work[best] = 1;
				changed = 1;
			}
			a = b;
		}
		if (!changed)
			break;
	}
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (!work[i])
			continue;
		if (o > 0 && xy[2 * (o - 1)] == xy[2 * i] && xy[2 * (o - 1) + 1] == xy[2 * i + 1] && i != n - 1)
			continue;
		xy[2 * o] = xy[2 * i];
		xy[2 * o + 1] = xy[2 * i + 1];
		o++;
	}
	return o;
}
