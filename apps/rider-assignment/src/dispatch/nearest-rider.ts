import type { GeoPoint } from '@dinner-rush/contracts';

export interface RiderAtPosition {
  id: string;
  name: string;
  position: GeoPoint;
}

export interface RankedRider extends RiderAtPosition {
  /** Great-circle distance to the pick-up, rounded to the metre (the precision reported). */
  distanceKm: number;
}

const EARTH_RADIUS_KM = 6_371.0088;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance (haversine): accurate to well under 1 % at city scale. */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLng = toRadians(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function roundKm(km: number): number {
  return Math.round(km * 1_000) / 1_000;
}

/**
 * Candidates for a pick-up, nearest first. Distances are compared at metre
 * precision and equal ones are broken by rider id, so floating-point noise
 * never decides and every replica ranks the same fleet the same way.
 */
export function rankByDistance(
  riders: readonly RiderAtPosition[],
  pickUp: GeoPoint,
): RankedRider[] {
  return riders
    .map((rider) => ({ ...rider, distanceKm: roundKm(haversineKm(rider.position, pickUp)) }))
    .sort((a, b) => a.distanceKm - b.distanceKm || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
