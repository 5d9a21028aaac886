import { Catalogue } from '../catalogue/catalogue';
import { OrderError } from './order-errors';
import { priceOrder } from './pricing';

const catalogue = new Catalogue([
  {
    id: 'm-a',
    name: 'A',
    location: { lat: 52.52, lng: 13.4 },
    menu: [
      { id: 'a-1', name: 'Soup', priceCents: 450 },
      { id: 'a-2', name: 'Bread', priceCents: 125 },
    ],
  },
  {
    id: 'm-b',
    name: 'B',
    location: { lat: 52.5, lng: 13.4 },
    menu: [{ id: 'b-1', name: 'Tea', priceCents: 300 }],
  },
]);

function rejection(run: () => unknown): OrderError {
  try {
    run();
  } catch (error) {
    if (error instanceof OrderError) return error;
    throw error;
  }
  throw new Error('expected an OrderError');
}

describe('priceOrder', () => {
  it('prices every line from the catalogue and adds the delivery fee', () => {
    const priced = priceOrder(
      catalogue,
      {
        merchantId: 'm-a',
        items: [
          { menuItemId: 'a-1', quantity: 2 },
          { menuItemId: 'a-2', quantity: 3 },
        ],
      },
      299,
    );
    expect(priced.lines).toEqual([
      { menuItemId: 'a-1', name: 'Soup', quantity: 2, unitPriceCents: 450, lineTotalCents: 900 },
      { menuItemId: 'a-2', name: 'Bread', quantity: 3, unitPriceCents: 125, lineTotalCents: 375 },
    ]);
    expect(priced).toMatchObject({
      itemsTotalCents: 1275,
      deliveryFeeCents: 299,
      totalCents: 1574,
      currency: 'EUR',
    });
  });

  it('keeps repeated items as separate lines', () => {
    const priced = priceOrder(
      catalogue,
      {
        merchantId: 'm-a',
        items: [
          { menuItemId: 'a-2', quantity: 1 },
          { menuItemId: 'a-2', quantity: 1 },
        ],
      },
      0,
    );
    expect(priced.lines).toHaveLength(2);
    expect(priced.totalCents).toBe(250);
  });

  it('rejects an unknown merchant, naming merchantId', () => {
    const error = rejection(() =>
      priceOrder(catalogue, { merchantId: 'm-x', items: [{ menuItemId: 'a-1', quantity: 1 }] }, 0),
    );
    expect(error.code).toBe('unknown-merchant');
    expect(error.errors?.map((e) => e.field)).toEqual(['merchantId']);
  });

  it("rejects items not on THIS merchant's menu, naming each one", () => {
    const error = rejection(() =>
      priceOrder(
        catalogue,
        {
          merchantId: 'm-a',
          items: [
            { menuItemId: 'a-1', quantity: 1 },
            { menuItemId: 'b-1', quantity: 1 },
            { menuItemId: 'zz', quantity: 1 },
          ],
        },
        0,
      ),
    );
    expect(error.code).toBe('unknown-menu-item');
    expect(error.errors?.map((e) => e.field)).toEqual(['items.1.menuItemId', 'items.2.menuItemId']);
  });
});
