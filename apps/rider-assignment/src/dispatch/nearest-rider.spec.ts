import { haversineKm, nearestRider, pairNearest, type RiderAtPosition } from './nearest-rider';

const berlin = { lat: 52.52, lng: 13.405 };

function rider(id: string, position: { lat: number; lng: number }): RiderAtPosition {
  return { id, name: `Rider ${id}`, position };
}

describe('haversineKm', () => {
  it('is zero for the same point', () => {
    expect(haversineKm(berlin, berlin)).toBe(0);
  });

  it('matches known distances (Berlin to Paris ~877.5 km, one degree of latitude ~111.2 km)', () => {
    expect(haversineKm(berlin, { lat: 48.8566, lng: 2.3522 })).toBeCloseTo(877.5, 0);
    expect(haversineKm({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111.19, 1);
  });

  it('is symmetric', () => {
    const other = { lat: 52.48, lng: 13.44 };
    expect(haversineKm(berlin, other)).toBeCloseTo(haversineKm(other, berlin), 12);
  });
});

describe('nearestRider', () => {
  const fleet = [
    rider('rider-001', { lat: 52.55, lng: 13.405 }),
    rider('rider-002', { lat: 52.521, lng: 13.405 }),
    rider('rider-003', { lat: 52.5, lng: 13.405 }),
  ];

  it('finds the nearest rider and reports its distance in km to the metre', () => {
    expect(nearestRider(fleet, berlin)).toMatchObject({ id: 'rider-002', distanceKm: 0.111 });
  });

  it('skips riders already taken', () => {
    expect(nearestRider(fleet, berlin, new Set(['rider-002']))?.id).toBe('rider-003');
  });

  it('breaks ties by rider id, whatever the input order', () => {
    // Mirrored east and west of the pick-up: the same distance up to float noise.
    const east = rider('rider-007', { lat: berlin.lat, lng: berlin.lng + 0.01 });
    const west = rider('rider-003', { lat: berlin.lat, lng: berlin.lng - 0.01 });
    expect(nearestRider([east, west], berlin)?.id).toBe('rider-003');
    expect(nearestRider([west, east], berlin)?.id).toBe('rider-003');
  });

  it('finds nobody in an empty fleet', () => {
    expect(nearestRider([], berlin)).toBeUndefined();
  });
});

describe('pairNearest', () => {
  it('serves pick-ups first come first served, each with the nearest rider still free', () => {
    const north = rider('rider-n', { lat: 52.56, lng: 13.405 });
    const south = rider('rider-s', { lat: 52.48, lng: 13.405 });
    const pairs = pairNearest(
      [
        { id: 'a', pickUp: { lat: 52.55, lng: 13.405 } },
        { id: 'b', pickUp: { lat: 52.551, lng: 13.405 } },
        { id: 'c', pickUp: berlin },
      ],
      [north, south],
    );
    expect(pairs.map((p) => [p.pickUp.id, p.rider.id])).toEqual([
      ['a', 'rider-n'],
      ['b', 'rider-s'],
    ]);
  });
});
