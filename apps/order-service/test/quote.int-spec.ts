import { DeliveryQuoteV1 } from '@dinner-rush/contracts';
import {
  createTestDatabase,
  freePort,
  ServiceProcess,
  type TestDatabase,
  waitFor,
} from '@dinner-rush/testing';
import { orderRequest } from './factories';
import { OrderServiceHarness } from './harness';

interface QuoteBody {
  merchantId: string;
  deliveryFeeCents: number;
  currency: string;
  etaMinutes: number | null;
  riderAvailable: boolean | null;
  source: 'rider-assignment' | 'fallback';
  fallbackReason?: string;
  quoteToken: string;
  expiresAt: string;
}

const FLAT_FEE_CENTS = 299;
/** Generous: two cores shared with other suites can make a cold responder slow. */
const QUOTE_TIMEOUT_MS = 1_500;
/** Far above QUOTE_TIMEOUT_MS, far below golevelup's own 10 s default: catches a hang, not a slow CI. */
const ANSWER_DEADLINE_MS = 6_000;
const quoteFromAlexanderplatz = '/quote?merchantId=m-curry-36&lat=52.5219&lng=13.4132';

/**
 * GET /quote over real RabbitMQ request/reply: order-service in this process,
 * rider-assignment as its own OS process from dist/ (so the two never share
 * golevelup's process-wide connection manager), on one scratch vhost.
 */
describe('order-service GET /quote (real PostgreSQL + RabbitMQ, rider-assignment as a process)', () => {
  let orders: OrderServiceHarness;
  let ridersDb: TestDatabase;
  let riders: ServiceProcess | undefined;

  const getQuote = async (path = quoteFromAlexanderplatz) => {
    const res = await orders.http().get(path).timeout({ response: ANSWER_DEADLINE_MS });
    return { status: res.status, type: res.type, body: res.body as QuoteBody };
  };

  beforeAll(async () => {
    orders = await OrderServiceHarness.start({
      QUOTE_TIMEOUT_MS: String(QUOTE_TIMEOUT_MS),
      DELIVERY_FEE_CENTS: String(FLAT_FEE_CENTS),
    });
    ridersDb = await createTestDatabase('quote_riders');
  }, 120_000);

  afterAll(async () => {
    await riders?.stop();
    await orders?.close();
    await ridersDb?.drop();
  });

  describe('while rider-assignment is not running', () => {
    it('answers the flat fee, marked as the fallback, once the timeout passes', async () => {
      const { status, body } = await getQuote();
      expect(status).toBe(200);
      expect(body).toMatchObject({
        merchantId: 'm-curry-36',
        deliveryFeeCents: FLAT_FEE_CENTS,
        currency: 'EUR',
        etaMinutes: null,
        source: 'fallback',
        fallbackReason: 'timeout',
      });
    });

    it('takes orders all the same: intake never asks for a quote', async () => {
      const res = await orders.placeOrder(orderRequest());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ deliveryFeeCents: FLAT_FEE_CENTS });
    });
  });

  describe('with rider-assignment running', () => {
    beforeAll(async () => {
      riders = new ServiceProcess(
        'rider-assignment',
        await freePort(),
        {
          DATABASE_URL: ridersDb.urlFor('rider_assignment'),
          RABBITMQ_URL: orders.brokerUrl,
          LOG_LEVEL: 'warn',
          RIDER_FLEET_SIZE: '5',
        },
        'quote-rider-assignment',
      );
      await riders.start();
      // Healthy is not yet consuming: the quotes queue appears with its first consumer.
      await waitFor(
        async () => ((await getQuote()).body.source === 'rider-assignment' ? true : undefined),
        { what: `a consumer on ${DeliveryQuoteV1.queue}` },
      );
    }, 120_000);

    it("answers rider-assignment's quote from its fleet", async () => {
      const { status, body } = await getQuote();
      expect(status).toBe(200);
      expect(body.source).toBe('rider-assignment');
      expect(body.fallbackReason).toBeUndefined();
      expect(body.riderAvailable).toBe(true);
      expect(body.etaMinutes).toEqual(expect.any(Number));
      // Curry 36 → Alexanderplatz is 3.576 km: 199 + 50 × 3.576 = 377.8, rounded up to 10 cents.
      expect(body.deliveryFeeCents).toBe(380);
    });

    it('answers concurrent quotes each with its own reply (correlation ids)', async () => {
      const far = '/quote?merchantId=m-curry-36&lat=52.55&lng=13.45';
      const answers = await Promise.all([getQuote(), getQuote(far), getQuote(), getQuote(far)]);
      expect(answers.map((a) => a.body.fallbackReason ?? a.body.source)).toEqual(
        Array(4).fill('rider-assignment'),
      );
      const [near1, far1, near2, far2] = answers.map((a) => a.body.deliveryFeeCents);
      expect(near1).toBe(near2);
      expect(far1).toBe(far2);
      expect(far1).toBeGreaterThan(near1 as number);
    });

    it("charges an order placed with the quote's token exactly the quoted fee", async () => {
      const { body: quote } = await getQuote();
      expect(quote.source).toBe('rider-assignment');
      expect(Date.parse(quote.expiresAt)).toBeGreaterThan(Date.now());
      const res = await orders.placeOrder(orderRequest({ quoteToken: quote.quoteToken }));
      expect(res.status).toBe(201);
      // 1100 cents of items (see orderRequest) plus the quoted 380, not the flat 299.
      expect(res.body).toMatchObject({ deliveryFeeCents: 380, totalCents: 1480 });
    });

    it('refuses a forged, foreign or misapplied quote token with 422 and writes nothing', async () => {
      const { body: quote } = await getQuote();
      const [terms, mac] = quote.quoteToken.split('.') as [string, string];
      const cheaper = Buffer.from(
        JSON.stringify({
          ...JSON.parse(Buffer.from(terms, 'base64url').toString()),
          deliveryFeeCents: 1,
        }),
      ).toString('base64url');
      const elsewhere = { line1: 'Tempelhofer Feld', lat: 52.475, lng: 13.401 };
      const countOrders = async () =>
        Number(
          (await orders.sql.query<{ n: string }>('SELECT count(*) AS n FROM orders')).rows[0]?.n,
        );
      const before = await countOrders();
      for (const [why, body] of [
        ['fee rewritten', orderRequest({ quoteToken: `${cheaper}.${mac}` })],
        ['not a token', orderRequest({ quoteToken: 'free-delivery-please' })],
        [
          'another address',
          orderRequest({ quoteToken: quote.quoteToken, deliveryAddress: elsewhere }),
        ],
        [
          'another merchant',
          orderRequest({
            quoteToken: quote.quoteToken,
            merchantId: 'm-konnopke',
            items: [{ menuItemId: 'i-konnopke-bulette', quantity: 1 }],
          }),
        ],
      ] as const) {
        const res = await orders.placeOrder(body);
        expect([why, res.status, res.type]).toEqual([why, 422, 'application/problem+json']);
        expect((res.body as { errors: { field: string }[] }).errors[0]?.field).toBe('quoteToken');
      }
      expect(await countOrders()).toBe(before);
    });

    it('falls back again once rider-assignment stops', async () => {
      await riders?.stop();
      const { body } = await getQuote();
      expect(body).toMatchObject({ source: 'fallback', deliveryFeeCents: FLAT_FEE_CENTS });
    });
  });

  describe('validation', () => {
    it.each([
      ['missing merchantId', '/quote?lat=52.5&lng=13.4', 'merchantId'],
      ['latitude out of range', '/quote?merchantId=m-curry-36&lat=91&lng=13.4', 'lat'],
      ['longitude not a number', '/quote?merchantId=m-curry-36&lat=52.5&lng=east', 'lng'],
      ['unknown parameter', `${quoteFromAlexanderplatz}&fee=1`, 'fee'],
      ['unknown merchant', '/quote?merchantId=m-nowhere&lat=52.5&lng=13.4', 'merchantId'],
    ])('%s → 400 problem+json naming the field', async (_rule, path, field) => {
      const res = await orders.http().get(path);
      expect(res.status).toBe(400);
      expect(res.type).toBe('application/problem+json');
      const { errors } = res.body as { errors: { field: string }[] };
      expect(errors.map((e) => e.field)).toContain(field);
    });
  });
});
