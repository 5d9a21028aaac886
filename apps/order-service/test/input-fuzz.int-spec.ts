import {
  anyJson,
  anyNumber,
  FuzzTally,
  headerSafe,
  nastyString as nasty,
  percentEncoded,
} from '@dinner-rush/testing';
import fc from 'fast-check';
import { orderRequest } from './factories';
import { OrderServiceHarness } from './harness';

/**
 * Property-based fuzz of every order-service route's input against a real
 * PostgreSQL and RabbitMQ: whatever a client sends (broken JSON, wrong types,
 * NUL bytes and lone surrogates, huge numbers, unknown fields, odd ids and
 * query strings, hostile headers) the answer is never a 5xx, and a refused
 * request writes nothing; an accepted order is written whole (lines and
 * outbox event). The counts of inputs tried are printed and written to
 * test-artifacts/input-fuzz.json.
 */
jest.setTimeout(300_000);

const RUNS = 150;

/** The customer every fuzzed order is placed as: a mutated customerId is refused (403) like any bad field. */
const FUZZER = 'c-fuzzer';

/** A valid order with one part replaced by something arbitrary. */
const mutatedOrder = fc
  .tuple(
    fc.constantFrom(
      'customerId',
      'merchantId',
      'items',
      'items.0.menuItemId',
      'items.0.quantity',
      'deliveryAddress',
      'deliveryAddress.line1',
      'deliveryAddress.lat',
      'deliveryInstructions',
      'quoteToken',
      'extra',
    ),
    fc.oneof(nasty, anyJson, anyNumber),
  )
  .map(([path, value]) => setPath(orderRequest({ customerId: FUZZER }), path, value));

const orderBody = fc.oneof(
  { weight: 1, arbitrary: fc.constant(orderRequest({ customerId: FUZZER })) },
  { weight: 6, arbitrary: mutatedOrder },
  { weight: 2, arbitrary: anyJson },
);

describe('order-service input fuzz (fast-check, real PostgreSQL + RabbitMQ)', () => {
  let service: OrderServiceHarness;
  const tally = new FuzzTally('input-fuzz.json');
  const seen = (route: string, status: number) => tally.seen(route, status);
  const writes = async () =>
    Promise.all([
      service.count('orders'),
      service.count('order_lines'),
      service.count('idempotency_keys'),
    ]);

  beforeAll(async () => {
    service = await OrderServiceHarness.start({
      ORDER_RATE_LIMIT: '0',
      QUOTE_RATE_LIMIT: '0',
      QUOTE_TIMEOUT_MS: '10',
      LOG_LEVEL: 'fatal',
    });
  });

  afterAll(async () => {
    await service?.close();
    tally.write();
  });

  it('POST /orders: never a 5xx; a refusal writes nothing, an acceptance writes the whole order', async () => {
    await fc.assert(
      fc.asyncProperty(
        orderBody,
        fc.option(nasty, { nil: undefined }),
        fc.boolean(),
        async (body, key, raw) => {
          const before = await writes();
          let request = (await service.as('customer', FUZZER)).post('/orders');
          if (key !== undefined) request = request.set('Idempotency-Key', headerSafe(key));
          const text = JSON.stringify(body);
          const res = await request
            .set('Content-Type', 'application/json')
            .send(raw ? text.slice(1) : text);
          expect(seen('POST /orders', res.status)).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.type).toBe('application/problem+json');
            expect(await writes()).toEqual(before);
          }
        },
      ),
      { numRuns: RUNS * 2 },
    );
    const { rows } = await service.sql.query<{ n: string }>(
      `SELECT count(*) AS n FROM orders o
        WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)
           OR NOT EXISTS (SELECT 1 FROM outbox x WHERE x.aggregate_id = o.id::text
                          UNION ALL SELECT 1 FROM outbox_archive a WHERE a.payload->'data'->>'orderId' = o.id::text)`,
    );
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('GET /orders/:id, POST /orders/:id/cancel, GET /orders?limit=: never a 5xx, nothing cancelled that was not asked for', async () => {
    const placed = await service.placeOrder(orderRequest());
    const id = (placed.body as { id: string }).id;
    const ids = fc.oneof(
      fc.constant(id),
      fc.uuid(),
      nasty.filter((s) => s.length > 0),
    );
    await fc.assert(
      fc.asyncProperty(ids, nasty, async (candidate, limit) => {
        const path = `/orders/${candidate}`;
        expect(seen('GET /orders/:id', (await service.http().get(path)).status)).toBeLessThan(500);
        const list = await service.http().get(`/orders?limit=${percentEncoded(limit)}`);
        expect(seen('GET /orders', list.status)).toBeLessThan(500);
        if (candidate !== id) {
          const cancel = await service.http().post(`${path}/cancel`).send({});
          expect(seen('POST /orders/:id/cancel', cancel.status)).toBeLessThan(500);
        }
      }),
      { numRuns: RUNS },
    );
    const order = await service.http().get(`/orders/${id}`);
    expect((order.body as { status: string }).status).not.toBe('CANCELLED');
  });

  it('GET /quote and POST /replays: never a 5xx', async () => {
    const query = fc.dictionary(
      fc.constantFrom('merchantId', 'lat', 'lng', 'x', 'merchantId[]'),
      fc.oneof(nasty, anyNumber.map(String)),
    );
    await fc.assert(
      fc.asyncProperty(query, fc.oneof(anyJson, mutatedReplay()), async (params, replay) => {
        const qs = Object.entries(params)
          .map(([k, v]) => `${percentEncoded(k)}=${percentEncoded(v)}`)
          .join('&');
        expect(seen('GET /quote', (await service.http().get(`/quote?${qs}`)).status)).toBeLessThan(
          500,
        );
        const res = await service
          .http()
          .post('/replays')
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(replay));
        expect(seen('POST /replays', res.status)).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });
});

function mutatedReplay() {
  return fc.record({ queue: nasty, since: fc.oneof(nasty, anyNumber) }, { requiredKeys: [] });
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): unknown {
  const keys = path.split('.');
  let node: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1] as string] = value;
  return target;
}
