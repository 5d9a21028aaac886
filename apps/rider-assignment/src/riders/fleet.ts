import type { GeoPoint } from '@dinner-rush/contracts';
import { seededRandom } from '@dinner-rush/service-kit';

/** Berlin centre: every demo rider starts within FLEET_RADIUS_KM of it. */
export const CITY_CENTRE: GeoPoint = { lat: 52.52, lng: 13.405 };
export const FLEET_RADIUS_KM = 6;

export interface FleetRider {
  id: string;
  name: string;
  position: GeoPoint;
}

// prettier-ignore
const FIRST_NAMES = [
  'Ada', 'Ben', 'Cem', 'Dana', 'Emil', 'Fatma', 'Greta', 'Hanna', 'Ilias', 'Jana', 'Karl', 'Lea',
  'Mo', 'Nina', 'Omar', 'Paula', 'Quinn', 'Rosa', 'Sami', 'Tara', 'Uwe', 'Vera', 'Wim', 'Xenia',
  'Yusuf', 'Zoe',
];

/**
 * The demo fleet: rider n is always the same person at the same place, whatever
 * the fleet size, so re-seeding with another RIDER_FLEET_SIZE moves no one.
 */
export function demoFleet(size: number): FleetRider[] {
  return Array.from({ length: size }, (_, index) => ({
    id: `rider-${String(index + 1).padStart(3, '0')}`,
    name: `${FIRST_NAMES[index % FIRST_NAMES.length]} ${String.fromCharCode(65 + (Math.floor(index / FIRST_NAMES.length) % 26))}.`,
    position: positionOf(index),
  }));
}

/** Uniform over the disc around the centre, from a PRNG seeded by the rider's index. */
function positionOf(index: number): GeoPoint {
  const random = seededRandom(0x9e3779b9 ^ (index + 1));
  const distanceKm = FLEET_RADIUS_KM * Math.sqrt(random());
  const bearing = 2 * Math.PI * random();
  const kmPerDegreeLat = 110.574;
  const kmPerDegreeLng = 111.32 * Math.cos((CITY_CENTRE.lat * Math.PI) / 180);
  return {
    lat: round6(CITY_CENTRE.lat + (distanceKm * Math.cos(bearing)) / kmPerDegreeLat),
    lng: round6(CITY_CENTRE.lng + (distanceKm * Math.sin(bearing)) / kmPerDegreeLng),
  };
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
