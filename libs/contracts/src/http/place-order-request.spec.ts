import { IdempotencyKeyHeader, placeOrderRequestSchema } from './place-order-request';

const schema = placeOrderRequestSchema(3);

function valid() {
  return {
    customerId: 'c-1',
    merchantId: 'm-1',
    items: [{ menuItemId: 'i-1', quantity: 1 }],
    deliveryAddress: { line1: 'Alexanderplatz 1', lat: 52.52, lng: 13.41 },
  };
}

/** The paths of every issue zod reports (unknown keys are reported by name). */
function failures(body: unknown): string[] {
  const result = schema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? [...issue.path, ...issue.keys].join('.')
      : issue.path.join('.'),
  );
}

describe('placeOrderRequestSchema', () => {
  it('accepts a valid order', () => {
    expect(failures(valid())).toEqual([]);
  });

  it.each<[string, (body: ReturnType<typeof valid>) => unknown, string]>([
    ['unknown top-level field', (b) => ({ ...b, totalCents: 1 }), 'totalCents'],
    [
      'unknown item field',
      (b) => ({ ...b, items: [{ ...b.items[0], priceCents: 1 }] }),
      'items.0.priceCents',
    ],
    [
      'unknown address field',
      (b) => ({ ...b, deliveryAddress: { ...b.deliveryAddress, zip: '10178' } }),
      'deliveryAddress.zip',
    ],
    ['empty customerId', (b) => ({ ...b, customerId: '' }), 'customerId'],
    ['customerId over 64', (b) => ({ ...b, customerId: 'c'.repeat(65) }), 'customerId'],
    ['missing merchantId', ({ merchantId: _m, ...b }) => b, 'merchantId'],
    ['no items', (b) => ({ ...b, items: [] }), 'items'],
    ['more than max lines', (b) => ({ ...b, items: Array(4).fill(b.items[0]) }), 'items'],
    [
      'quantity 0',
      (b) => ({ ...b, items: [{ menuItemId: 'i-1', quantity: 0 }] }),
      'items.0.quantity',
    ],
    [
      'quantity 51',
      (b) => ({ ...b, items: [{ menuItemId: 'i-1', quantity: 51 }] }),
      'items.0.quantity',
    ],
    [
      'quantity 1.5',
      (b) => ({ ...b, items: [{ menuItemId: 'i-1', quantity: 1.5 }] }),
      'items.0.quantity',
    ],
    [
      'quantity as string',
      (b) => ({ ...b, items: [{ menuItemId: 'i-1', quantity: '2' }] }),
      'items.0.quantity',
    ],
    [
      'lat 90.5',
      (b) => ({ ...b, deliveryAddress: { ...b.deliveryAddress, lat: 90.5 } }),
      'deliveryAddress.lat',
    ],
    [
      'lng -180.5',
      (b) => ({ ...b, deliveryAddress: { ...b.deliveryAddress, lng: -180.5 } }),
      'deliveryAddress.lng',
    ],
    [
      'empty line1',
      (b) => ({ ...b, deliveryAddress: { ...b.deliveryAddress, line1: '' } }),
      'deliveryAddress.line1',
    ],
    [
      'line1 over 200',
      (b) => ({ ...b, deliveryAddress: { ...b.deliveryAddress, line1: 'x'.repeat(201) } }),
      'deliveryAddress.line1',
    ],
    [
      'empty deliveryInstructions',
      (b) => ({ ...b, deliveryInstructions: '' }),
      'deliveryInstructions',
    ],
    [
      'deliveryInstructions over 500',
      (b) => ({ ...b, deliveryInstructions: 'x'.repeat(501) }),
      'deliveryInstructions',
    ],
    [
      'deliveryInstructions with a NUL character',
      (b) => ({ ...b, deliveryInstructions: 'ring\u0000twice' }),
      'deliveryInstructions',
    ],
    [
      'deliveryInstructions with a lone surrogate',
      (b) => ({ ...b, deliveryInstructions: 'ring \uDC00 twice' }),
      'deliveryInstructions',
    ],
    [
      'deliveryInstructions as a number',
      (b) => ({ ...b, deliveryInstructions: 3 }),
      'deliveryInstructions',
    ],
  ])('rejects %s', (_rule, mutate, path) => {
    expect(failures(mutate(valid()))).toContain(path);
  });

  it('accepts the boundaries: 64-char customerId, max lines, quantity 50, 200-char line1, ±90/±180, 500-char instructions', () => {
    const body = {
      ...valid(),
      customerId: 'c'.repeat(64),
      items: Array(3).fill({ menuItemId: 'i-1', quantity: 50 }),
      deliveryAddress: { line1: 'x'.repeat(200), lat: -90, lng: 180 },
      deliveryInstructions: 'x'.repeat(500),
    };
    expect(failures(body)).toEqual([]);
  });
});

describe('IdempotencyKeyHeader', () => {
  it.each([
    ['absent', undefined, true],
    ['1 char', 'k', true],
    ['200 chars', 'k'.repeat(200), true],
    ['empty', '', false],
    ['201 chars', 'k'.repeat(201), false],
  ])('%s → valid: %s', (_what, key, ok) => {
    expect(IdempotencyKeyHeader.safeParse(key).success).toBe(ok);
  });
});
