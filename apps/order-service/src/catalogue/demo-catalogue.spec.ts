import { DEMO_CATALOGUE } from './demo-catalogue';

const BERLIN_CENTRE = { lat: 52.52, lng: 13.405 };

/** Equirectangular distance: accurate to metres at city scale. */
function kmFromCentre({ lat, lng }: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const x = (lng - BERLIN_CENTRE.lng) * rad * Math.cos(BERLIN_CENTRE.lat * rad);
  const y = (lat - BERLIN_CENTRE.lat) * rad;
  return Math.hypot(x, y) * 6371;
}

describe('demo catalogue', () => {
  it.each(DEMO_CATALOGUE.map((m) => [m.id, m] as const))(
    '%s lies within 6 km of Berlin centre and has 4-8 integer-priced items',
    (_id, merchant) => {
      expect(kmFromCentre(merchant.location)).toBeLessThan(6);
      expect(merchant.menu.length).toBeGreaterThanOrEqual(4);
      expect(merchant.menu.length).toBeLessThanOrEqual(8);
      for (const item of merchant.menu) {
        expect(Number.isInteger(item.priceCents)).toBe(true);
        expect(item.priceCents).toBeGreaterThan(0);
      }
    },
  );

  it('uses unique merchant and menu-item ids', () => {
    const merchantIds = DEMO_CATALOGUE.map((m) => m.id);
    const itemIds = DEMO_CATALOGUE.flatMap((m) => m.menu.map((item) => item.id));
    expect(new Set(merchantIds).size).toBe(merchantIds.length);
    expect(new Set(itemIds).size).toBe(itemIds.length);
  });
});
