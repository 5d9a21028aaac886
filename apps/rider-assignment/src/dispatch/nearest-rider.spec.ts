import { haversineKm, rankByDistance, type RiderAtPosition } from './nearest-rider';

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

describe('rankByDistance', () => {
  it('puts the nearest rider first and reports its distance in km to the metre', () => {
    const ranked = rankByDistance(
      [
        rider('rider-001', { lat: 52.55, lng: 13.405 }),
        rider('rider-002', { lat: 52.521, lng: 13.405 }),
        rider('rider-003', { lat: 52.5, lng: 13.405 }),
      ],
      berlin,
    );
    expect(ranked.map((r) => r.id)).toEqual(['rider-002', 'rider-003', 'rider-001']);
    expect(ranked[0]?.distanceKm).toBe(0.111);
  });

  it('breaks ties by rider id, whatever the input order', () => {
    // Mirrored east and west of the pick-up: the same distance up to float noise.
    const east = rider('rider-007', { lat: berlin.lat, lng: berlin.lng + 0.01 });
    const west = rider('rider-003', { lat: berlin.lat, lng: berlin.lng - 0.01 });
    expect(rankByDistance([east, west], berlin).map((r) => r.id)).toEqual([
      'rider-003',
      'rider-007',
    ]);
    expect(rankByDistance([west, east], berlin).map((r) => r.id)).toEqual([
      'rider-003',
      'rider-007',
    ]);
  });

  it('returns no candidates for an empty fleet', () => {
    expect(rankByDistance([], berlin)).toEqual([]);
  });
});
