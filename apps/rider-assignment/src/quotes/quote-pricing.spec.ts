import { QUOTE_RULES, quoteDelivery, type FleetSnapshot } from './quote-pricing';

const kreuzberg = { lat: 52.4937, lng: 13.3878 };
const oranienstrasse = { lat: 52.501, lng: 13.419 };
const rider = (id: string, lat: number, lng: number) => ({ id, name: id, position: { lat, lng } });

describe('quoteDelivery', () => {
  const fleet = (riders: FleetSnapshot['availableRiders'], waitingOrders = 0): FleetSnapshot => ({
    availableRiders: riders,
    fleetSize: 10,
    waitingOrders,
  });

  it('prices the trip and times the nearest free rider plus the trip', () => {
    const near = rider('rider-near', 52.4946, 13.3878); // ~0.1 km from the pick-up
    const far = rider('rider-far', 52.53, 13.45);
    const quote = quoteDelivery(fleet([far, near]), kreuzberg, oranienstrasse, 5_000);
    expect(quote.riderAvailable).toBe(true);
    expect(quote.riderDistanceKm).toBeCloseTo(0.1, 1);
    expect(quote.tripDistanceKm).toBeCloseTo(2.27, 1);
    // 199 + 50 × 2.27 km, rounded up to 10 cents
    expect(quote.deliveryFeeCents).toBe(320);
    // (0.1 + 2.27) km at 15 km/h = 9.5 min
    expect(quote.etaMinutes).toBe(10);
  });

  it('never quotes a zero-minute ETA, even next door', () => {
    const quote = quoteDelivery(fleet([rider('r', 52.4937, 13.3878)]), kreuzberg, kreuzberg, 5_000);
    expect(quote.etaMinutes).toBe(1);
    expect(quote.deliveryFeeCents).toBe(200);
  });

  it('with every rider busy, adds the surcharge and the rounds of the waiting line ahead', () => {
    const idle = quoteDelivery(fleet([], 0), kreuzberg, oranienstrasse, 600_000);
    const queued = quoteDelivery(fleet([], 25), kreuzberg, oranienstrasse, 600_000);
    expect(idle).toMatchObject({ riderAvailable: false, riderDistanceKm: null });
    expect(idle.deliveryFeeCents).toBe(320 + QUOTE_RULES.busySurchargeCents);
    // one 10-minute round, plus the 9.1-minute trip
    expect(idle.etaMinutes).toBe(20);
    // 25 waiting over 10 riders: two rounds ahead, then its own
    expect(queued.etaMinutes).toBe(40);
  });
});
