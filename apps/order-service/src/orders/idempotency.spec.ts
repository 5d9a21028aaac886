import { canonicalJson, requestHash } from './idempotency';

const body = {
  customerId: 'c-1',
  merchantId: 'm-1',
  items: [
    { menuItemId: 'i-1', quantity: 2 },
    { menuItemId: 'i-2', quantity: 1 },
  ],
  deliveryAddress: { line1: 'A 1', lat: 52.5, lng: 13.4 },
};

describe('request hashing for idempotency keys', () => {
  it('ignores key order at every level', () => {
    const reordered = {
      deliveryAddress: { lng: 13.4, lat: 52.5, line1: 'A 1' },
      items: [
        { quantity: 2, menuItemId: 'i-1' },
        { quantity: 1, menuItemId: 'i-2' },
      ],
      merchantId: 'm-1',
      customerId: 'c-1',
    };
    expect(requestHash(reordered)).toBe(requestHash(body));
    expect(canonicalJson(reordered)).toBe(canonicalJson(body));
  });

  it('tells apart any change of value', () => {
    const changed = { ...body, items: [{ menuItemId: 'i-1', quantity: 3 }, body.items[1]] };
    expect(requestHash(changed)).not.toBe(requestHash(body));
  });

  it('treats line order as meaningful', () => {
    const swapped = { ...body, items: [body.items[1], body.items[0]] };
    expect(requestHash(swapped)).not.toBe(requestHash(body));
  });

  it('is a sha-256 hex digest', () => {
    expect(requestHash(body)).toMatch(/^[0-9a-f]{64}$/);
  });
});
