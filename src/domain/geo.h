/*
 * Distances for the 16 km rule: straight-line (great-circle) distance between stored coordinates,
 * so that every distance shown can be reproduced from the database (DOMAIN.md "Geography").
 */
#ifndef ZT_DOMAIN_GEO_H
#define ZT_DOMAIN_GEO_H

#include <stdbool.h>

#define GEO_HOME_VISIT_KM 16.0 /* 往診・訪問診療の16km */

/* Haversine distance in km on a sphere of radius 6371.0088 km (mean Earth radius). */
double geo_distance_km(double lat1, double lon1, double lat2, double lon2);
/* True when (lat, lon) lies in Japan's bounding box (20–46 N, 122–154 E). */
bool geo_in_japan(double lat, double lon);
/* Latitude/longitude deltas (degrees) that bound a circle of radius km around lat: for index
 * pre-filtering before the exact distance. */
void geo_bbox(double lat, double km, double *dlat, double *dlon);

#endif
