import { describe, expect, it } from 'vitest';
import { CYCLING_KMH, DETOUR_FACTOR, estimateTravel, haversineMetres, WALKING_KMH } from './travel-time';

// Reference distances from independent sources, not from the formula under test.
const ROME_FIUMICINO = { lat: 41.8003, lon: 12.2389 };
const ROME_CIAMPINO = { lat: 41.7994, lon: 12.5949 };
const EQUATOR_0 = { lat: 0, lon: 0 };
const EQUATOR_1 = { lat: 0, lon: 1 };

describe('haversineMetres', () => {
  it('gives one degree of longitude on the equator as 2πR/360 (111.195 km)', () => {
    expect(haversineMetres(EQUATOR_0, EQUATOR_1)).toBeCloseTo(111_195, -1);
  });

  it('matches a published airport-to-airport distance (FCO–CIA, about 29.5 km)', () => {
    expect(haversineMetres(ROME_FIUMICINO, ROME_CIAMPINO) / 1000).toBeCloseTo(29.5, 0);
  });

  it('is zero for one point and symmetric', () => {
    expect(haversineMetres(ROME_CIAMPINO, ROME_CIAMPINO)).toBe(0);
    expect(haversineMetres(ROME_FIUMICINO, ROME_CIAMPINO)).toBe(
      haversineMetres(ROME_CIAMPINO, ROME_FIUMICINO),
    );
  });
});

describe('estimateTravel', () => {
  it('walks and rides the straight line times the detour factor, rounded up to the minute', () => {
    // 0.01° of latitude = 1111.95 m; × 1.3 = 1445.5 m; at 4.5 km/h (75 m/min) 19.3 → 20 min; at 15 km/h 5.8 → 6.
    const estimate = estimateTravel({ lat: 45.3, lon: 8.86 }, { lat: 45.31, lon: 8.86 });
    expect(DETOUR_FACTOR).toBe(1.3);
    expect([WALKING_KMH, CYCLING_KMH]).toEqual([4.5, 15]);
    expect(estimate).toEqual({ routeMetres: 1446, walkingMinutes: 20, cyclingMinutes: 6 });
  });

  it('never says 0 minutes, even for two hubs in one building', () => {
    const here = { lat: 45.317, lon: 8.859 };
    expect(estimateTravel(here, here)).toEqual({ routeMetres: 0, walkingMinutes: 1, cyclingMinutes: 1 });
  });

  it('refuses a position outside WGS 84 or not a number', () => {
    expect(() => estimateTravel({ lat: 91, lon: 0 }, EQUATOR_0)).toThrow(RangeError);
    expect(() => estimateTravel(EQUATOR_0, { lat: 0, lon: Number.NaN })).toThrow('not a position');
  });
});
