/** A point on the Earth, WGS 84 degrees (the hubs' `position`). */
export interface LatLon {
  lat: number;
  lon: number;
}

/** Mean Earth radius, metres (IUGG mean radius R1): the haversine formula's sphere. */
const EARTH_RADIUS_M = 6_371_008.8;

/**
 * Straight ways are rare in a town: the route a person walks or rides is longer than the straight line by a
 * "circuity" or detour factor. Studies of urban street networks find 1.2–1.4 (Levinson & El-Geneidy 2009, "The
 * minimum circuity frontier and the journey to work"; Giacomin & Levinson 2015); 1.3 sits in the middle, and
 * Vigevano's historic centre (a closed pedestrian square, one-way lanes) is no grid.
 */
export const DETOUR_FACTOR = 1.3;

/**
 * Walking speed, km/h. 4.5 and not the 5 of a healthy adult: hub visitors include older people, parents with
 * prams and people with a disability; traffic engineering's design figure for mixed pedestrians is about 1.2 m/s
 * (4.3 km/h, e.g. the US MUTCD's crossing-time speed). An estimate that errs long is the kind one: nobody misses a
 * session for it.
 */
export const WALKING_KMH = 4.5;

/**
 * Cycling speed, km/h. 15: the usual mean of urban cyclists including stops at crossings (city bike-share trip
 * data and the Dutch CROW design manual give 12–18 km/h), lower than a sports rider's 20+.
 */
export const CYCLING_KMH = 15;

/** Great-circle distance between two points, metres (haversine formula on a sphere of EARTH_RADIUS_M). */
export function haversineMetres(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** An estimated trip between two hubs: whole minutes, rounded up, at least 1; always approximate. */
export interface TravelEstimate {
  /** the straight-line distance times DETOUR_FACTOR, metres (rounded) */
  routeMetres: number;
  walkingMinutes: number;
  cyclingMinutes: number;
}

/**
 * Walking and cycling time between two positions, estimated as haversine distance × DETOUR_FACTOR at WALKING_KMH
 * and CYCLING_KMH. Rounded up to the minute (a visitor told "12 min" who needs 11 is not late). Throws a RangeError
 * for a position outside WGS 84's range or not a number.
 */
export function estimateTravel(from: LatLon, to: LatLon): TravelEstimate {
  for (const p of [from, to]) {
    if (!(Math.abs(p.lat) <= 90) || !(Math.abs(p.lon) <= 180))
      throw new RangeError(`not a position: lat ${p.lat}, lon ${p.lon}`);
  }
  const metres = haversineMetres(from, to) * DETOUR_FACTOR;
  const minutesAt = (kmh: number) => Math.max(1, Math.ceil(metres / ((kmh * 1000) / 60)));
  return {
    routeMetres: Math.round(metres),
    walkingMinutes: minutesAt(WALKING_KMH),
    cyclingMinutes: minutesAt(CYCLING_KMH),
  };
}
