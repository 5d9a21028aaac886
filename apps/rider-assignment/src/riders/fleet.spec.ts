import { haversineKm } from '../dispatch/nearest-rider';
import { CITY_CENTRE, demoFleet, FLEET_RADIUS_KM } from './fleet';

describe('demoFleet', () => {
  it('is deterministic and independent of the fleet size', () => {
    expect(demoFleet(25)).toEqual(demoFleet(25));
    expect(demoFleet(40).slice(0, 25)).toEqual(demoFleet(25));
  });

  it('gives unique ids and names', () => {
    const fleet = demoFleet(60);
    expect(new Set(fleet.map((r) => r.id)).size).toBe(60);
    expect(new Set(fleet.map((r) => r.name)).size).toBe(60);
    expect(fleet[0]?.id).toBe('rider-001');
  });

  it('places every rider within ~6 km of Berlin centre, not all on one spot', () => {
    const distances = demoFleet(100).map((r) => haversineKm(r.position, CITY_CENTRE));
    expect(Math.max(...distances)).toBeLessThanOrEqual(FLEET_RADIUS_KM * 1.01);
    expect(Math.max(...distances) - Math.min(...distances)).toBeGreaterThan(2);
  });
});
