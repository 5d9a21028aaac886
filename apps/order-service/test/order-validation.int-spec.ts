import { orderRequest } from './factories';
import { OrderServiceHarness } from './harness';

/** Each request breaks exactly one rule; the expected field names the culprit. */
const invalidRequests: [rule: string, body: () => unknown, field: string][] = [
  ['unknown top-level field', () => ({ ...orderRequest(), totalCents: 1 }), 'totalCents'],
  ['customerId empty', () => orderRequest({ customerId: '' }), 'customerId'],
  ['customerId over 64 chars', () => orderRequest({ customerId: 'c'.repeat(65) }), 'customerId'],
  ['missing merchantId', () => ({ ...orderRequest(), merchantId: undefined }), 'merchantId'],
  ['no items', () => orderRequest({ items: [] }), 'items'],
  [
    'more lines than ORDER_MAX_LINES (3 here)',
    () => orderRequest({ items: Array(4).fill({ menuItemId: 'i-curry-36-pommes', quantity: 1 }) }),
    'items',
  ],
  [
    'quantity 0',
    () => orderRequest({ items: [{ menuItemId: 'i-curry-36-pommes', quantity: 0 }] }),
    'items.0.quantity',
  ],
  [
    'quantity 51',
    () => orderRequest({ items: [{ menuItemId: 'i-curry-36-pommes', quantity: 51 }] }),
    'items.0.quantity',
  ],
  [
    'fractional quantity',
    () => orderRequest({ items: [{ menuItemId: 'i-curry-36-pommes', quantity: 1.5 }] }),
    'items.0.quantity',
  ],
  [
    'a client-supplied price on a line',
    () =>
      orderRequest({ items: [{ menuItemId: 'i-curry-36-pommes', quantity: 1, priceCents: 1 }] }),
    'items.0',
  ],
  [
    'latitude out of range',
    () => orderRequest({ deliveryAddress: { line1: 'x', lat: 91, lng: 13.4 } }),
    'deliveryAddress.lat',
  ],
  [
    'longitude out of range',
    () => orderRequest({ deliveryAddress: { line1: 'x', lat: 52.5, lng: -181 } }),
    'deliveryAddress.lng',
  ],
  [
    'empty address line',
    () => orderRequest({ deliveryAddress: { line1: '', lat: 52.5, lng: 13.4 } }),
    'deliveryAddress.line1',
  ],
  [
    'address line over 200 chars',
    () => orderRequest({ deliveryAddress: { line1: 'x'.repeat(201), lat: 52.5, lng: 13.4 } }),
    'deliveryAddress.line1',
  ],
  [
    'a NUL character in the address (PostgreSQL cannot store it)',
    () => orderRequest({ deliveryAddress: { line1: 'Main\u0000Street 1', lat: 52.5, lng: 13.4 } }),
    'deliveryAddress.line1',
  ],
  [
    'an unpaired surrogate in the customer id (not valid UTF-8)',
    () => orderRequest({ customerId: 'c-\ud800' }),
    'customerId',
  ],
  [
    'a NUL character in the delivery instructions',
    () => orderRequest({ deliveryInstructions: 'ring\u0000twice' }),
    'deliveryInstructions',
  ],
  [
    'an unpaired surrogate in the delivery instructions',
    () => orderRequest({ deliveryInstructions: 'ring \udc00 twice' }),
    'deliveryInstructions',
  ],
  [
    'delivery instructions over 500 chars',
    () => orderRequest({ deliveryInstructions: 'x'.repeat(501) }),
    'deliveryInstructions',
  ],
  [
    'empty delivery instructions',
    () => orderRequest({ deliveryInstructions: '' }),
    'deliveryInstructions',
  ],
  ['unknown merchant', () => orderRequest({ merchantId: 'm-nowhere' }), 'merchantId'],
  [
    "an item from another merchant's menu",
    () =>
      orderRequest({
        items: [
          { menuItemId: 'i-curry-36-pommes', quantity: 1 },
          { menuItemId: 'i-konnopke-bulette', quantity: 1 },
        ],
      }),
    'items.1.menuItemId',
  ],
  [
    'an item on no menu',
    () => orderRequest({ items: [{ menuItemId: 'i-nothing', quantity: 1 }] }),
    'items.0.menuItemId',
  ],
];

/**
 * Who sends a body: its own customer where it names one a token can be minted
 * for (so a catalogue rule, not the customer check, answers), else c-1.
 */
function callerOf(body: { customerId?: unknown }): string {
  const id = body.customerId;
  return typeof id === 'string' && /^[\w-]{1,64}$/.test(id) ? id : 'c-1';
}

describe('order-service: rejected orders (real PostgreSQL + RabbitMQ)', () => {
  let service: OrderServiceHarness;

  beforeAll(async () => {
    service = await OrderServiceHarness.start({ ORDER_MAX_LINES: '3' });
  });

  afterAll(async () => {
    // Every test here was a rejection: nothing may have been written.
    expect(await service.count('orders')).toBe(0);
    expect(await service.count('outbox')).toBe(0);
    expect(await service.count('outbox_archive')).toBe(0);
    expect(await service.count('idempotency_keys')).toBe(0);
    await service?.close();
  });

  it.each(invalidRequests)('%s → 400 problem+json naming the field', async (_rule, body, field) => {
    const sent = body() as { customerId?: unknown };
    const customer = await service.as('customer', callerOf(sent));
    const res = await customer.post('/orders').set('Idempotency-Key', 'k-1').send(sent);
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 400, errors: expect.any(Array) });
    expect((res.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(
      field,
    );
    expect(await service.count('orders')).toBe(0);
    expect((await service.count('outbox')) + (await service.count('outbox_archive'))).toBe(0);
  });

  it('malformed JSON → 400 problem+json', async () => {
    const caller = await service.as('customer', 'c-1');
    const res = await caller
      .post('/orders')
      .set('content-type', 'application/json')
      .send('{"customerId": "c-1",');
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    // Nest maps body-parser's SyntaxError to a BadRequestException before the filter sees it.
    expect(res.body).toMatchObject({ status: 400, detail: expect.stringContaining('JSON') });
  });

  it('a body over 64 kB → 413 problem+json', async () => {
    const caller = await service.as('customer', 'c-1');
    const res = await caller
      .post('/orders')
      .send(orderRequest({ customerId: 'x'.repeat(70 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 413, code: 'body-too-large' });
  });

  it('an Idempotency-Key over 200 chars → 400 problem+json', async () => {
    const res = await service.placeOrder(orderRequest(), { 'Idempotency-Key': 'k'.repeat(201) });
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
  });
});
