import { OrderCreatedV1 } from '@dinner-rush/contracts';
import { trivialOrder } from './trivial-pricing';

describe('trivialOrder (the sync baseline prices without a catalogue)', () => {
  const request = {
    customerId: 'c-1',
    merchantId: 'm-curry-36',
    items: [
      { menuItemId: 'i-a', quantity: 2 },
      { menuItemId: 'i-b', quantity: 1 },
    ],
    deliveryAddress: { line1: 'Oranienstraße 1', lat: 52.501, lng: 13.419 },
  };

  it('builds order.created.v1 data the contract accepts, with consistent totals', () => {
    const data = trivialOrder(request, { itemPriceCents: 1_000, deliveryFeeCents: 299 });
    expect(OrderCreatedV1.schema.safeParse(data).success).toBe(true);
    expect(data.items.map((i) => i.lineTotalCents)).toEqual([2_000, 1_000]);
    expect(data.itemsTotalCents).toBe(3_000);
    expect(data.totalCents).toBe(3_299);
    expect(data.merchantLocation).toEqual({ lat: 52.501, lng: 13.419 });
  });

  it('gives every order its own id', () => {
    const prices = { itemPriceCents: 1, deliveryFeeCents: 0 };
    expect(trivialOrder(request, prices).orderId).not.toBe(trivialOrder(request, prices).orderId);
  });
});
