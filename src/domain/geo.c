/* Great-circle distances for the 16 km rule of home visits (DOMAIN.md "Geography"; see geo.h). */
#include "domain/geo.h"

#include <math.h>

#define EARTH_RADIUS_KM 6371.0088
#define DEG2RAD(d) ((d) * M_PI / 180.0)

double geo_distance_km(double lat1, double lon1, double lat2, double lon2)
{
	double dlat = DEG2RAD(lat2 - lat1), dlon = DEG2RAD(lon2 - lon1);
	double a = sin(dlat / 2) * sin(dlat / 2) +
		   cos(DEG2RAD(lat1)) * cos(DEG2RAD(lat2)) * sin(dlon / 2) * sin(dlon / 2);
	return 2 * EARTH_RADIUS_KM * asin(fmin(1.0, sqrt(a)));
}

bool geo_in_japan(double lat, double lon)
{
	return lat >= 20.0 && lat <= 46.0 && lon >= 122.0 && lon <= 154.0;
}

void geo_bbox(double lat, double km, double *dlat, double *dlon)
{
	*dlat = km / 111.0 * 1.01;
	double c = cos(DEG2RAD(lat));
	*dlon = (c > 0.01) ? km / (111.32 * c) * 1.01 : 180.0;
}
