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
 * The rider nearest a pick-up, or undefined when there is none: one pass, no
 * sort (a batch asks once per order over the whole free fleet). Distances are
 * compared at metre precision and equal ones are broken by rider id, so
 * floating-point noise never decides and every replica picks the same rider.
 */
export function nearestRider(
  riders: Iterable<RiderAtPosition>,
  pickUp: GeoPoint,
  taken?: ReadonlySet<string>,
): RankedRider | undefined {
  let best: RankedRider | undefined;
  for (const rider of riders) {
    if (taken?.has(rider.id)) continue;
    const distanceKm = roundKm(haversineKm(rider.position, pickUp));
    if (
      !best ||
      distanceKm < best.distanceKm ||
      (distanceKm === best.distanceKm && rider.id < best.id)
    ) {
      best = { ...rider, distanceKm };
    }
  }
  return best;
}

/**
 * Pairs each pick-up, in the order given (first come, first served), with the
 * nearest rider no earlier pick-up took. Pick-ups beyond the riders get none.
 */
export function pairNearest<T extends { pickUp: GeoPoint }>(
  pickUps: readonly T[],
  riders: readonly RiderAtPosition[],
): { pickUp: T; rider: RankedRider }[] {
  const taken = new Set<string>();
  const pairs: { pickUp: T; rider: RankedRider }[] = [];
  for (const pickUp of pickUps) {
    const nearest = nearestRider(riders, pickUp.pickUp, taken);
    if (!nearest) break;
    taken.add(nearest.id);
    pairs.push({ pickUp, rider: nearest });
  }
  return pairs;
}
