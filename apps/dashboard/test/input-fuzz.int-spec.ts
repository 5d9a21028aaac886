import type { NestExpressApplication } from '@nestjs/platform-express';
import { Queues } from '@dinner-rush/contracts';
import { createPgPool } from '@dinner-rush/database';
import {
  anyNumber,
  anyValue,
  FuzzTally,
  hostileBody,
  hostileHeaders,
  pathSegment,
  percentEncoded,
  queryString,
  sendHostile,
  startInProcess,
  startScratchServices,
  tryInput,
  waitFor,
  type ScratchServices,
} from '@dinner-rush/testing';
import fc from 'fast-check';
import type { Pool } from 'pg';
import request from 'supertest';
import { SpikeRunner } from '../src/actions/spike-runner';
import { AppModule } from '../src/app.module';
import { dashboardEnvSchema } from '../src/config';

/**
 * Property-based fuzz of the dashboard's operator routes (/actions/*,
 * /snapshot) against a real order-service and ledger (processes from dist/)
 * on real PostgreSQL and RabbitMQ: arbitrary queue and service names, spike
 * and work-time bodies (broken JSON, wrong types, huge numbers, unknown
 * fields), query strings and hostile headers. Never a 5xx; a refusal places
 * no order and starts no spike; an accepted spike places exactly what it
 * counted and ends (the runner never spins). Counts go to
 * test-artifacts/input-fuzz-dashboard.json.
 */
jest.setTimeout(300_000);

const RUNS = 100;
const SPIKE_MAX_ORDERS = 8;

type Pipeline = ScratchServices<'order-service' | 'ledger'>;

describe('dashboard input fuzz (fast-check, real order-service and ledger)', () => {
  let pipeline: Pipeline;
  let dashboard: NestExpressApplication;
  let orders: Pool;
  let token: string;
  const tally = new FuzzTally('input-fuzz-dashboard.json');
  const http = () => request.agent(dashboard.getHttpServer()).auth(token, { type: 'bearer' });
  /** What only a request writes in order-service (events keep writing its timeline and outbox). */
  const requestWrites = async () => {
    const { rows } = await orders.query<{ orders: number; lines: number; keys: number }>(
      `SELECT (SELECT count(*)::int FROM orders) AS orders,
              (SELECT count(*)::int FROM order_lines) AS lines,
              (SELECT count(*)::int FROM idempotency_keys) AS keys`,
    );
    return rows[0];
  };
  const placed = async () => (await requestWrites())?.orders ?? 0;

  beforeAll(async () => {
    pipeline = await startScratchServices('dashboard-fuzz', {
      services: ['order-service', 'ledger'],
      env: { 'order-service': { ORDER_RATE_LIMIT: '0', QUOTE_RATE_LIMIT: '0' } },
    });
    orders = createPgPool(pipeline.db.urlFor('orders'), 2);
    dashboard = await startInProcess(
      { envSchema: dashboardEnvSchema, module: (config) => AppModule.forConfig(config) },
      {
        ORDER_SERVICE_URL: pipeline.url('order-service'),
        LEDGER_URL: pipeline.url('ledger'),
        RABBITMQ_URL: pipeline.vhost.url,
        RABBITMQ_VHOST: pipeline.vhost.name,
        SPIKE_MAX_ORDERS: String(SPIKE_MAX_ORDERS),
        ...pipeline.issuer.env,
      },
    );
    token = await pipeline.issuer.token('operator');
  });

  afterAll(async () => {
    await dashboard?.close();
    await orders?.end();
    await pipeline?.stop();
    tally.write();
  });

  it('POST /actions/order, /actions/queues/:queue/pause|resume, PUT /actions/services/:service/work-time, GET /snapshot: never a 5xx, a refusal places no order', async () => {
    const workTime = fc.oneof(
      fc.record({ workTimeMs: fc.oneof(fc.integer({ min: 0, max: 5 }), anyNumber) }),
      fc.dictionary(fc.string({ maxLength: 12 }), anyValue),
    );
    await fc.assert(
      fc.asyncProperty(
        pathSegment(Queues.ledger.queue, Queues.orderTracking.queue, 'ledger.no-such-queue'),
        fc.constantFrom('pause', 'resume'),
        pathSegment('ledger', 'order-service'),
        hostileBody(workTime),
        hostileHeaders,
        queryString('orders', 'seconds'),
        async (queue, action, service, body, headers, query) => {
          const before = await placed();
          const order = await tryInput(tally, 'POST /actions/order', requestWrites, () =>
            sendHostile(http().post(`/actions/order?${query}`), headers),
          );
          expect(await placed()).toBe(before + (order.status < 400 ? 1 : 0));
          await tryInput(tally, `POST /actions/queues/:queue/${action}`, requestWrites, () =>
            sendHostile(http().post(`/actions/queues/${percentEncoded(queue)}/${action}`), headers),
          );
          await tryInput(tally, 'PUT /actions/services/:service/work-time', requestWrites, () =>
            sendHostile(
              http().put(`/actions/services/${percentEncoded(service)}/work-time`),
              headers,
              body,
            ),
          );
          await tryInput(tally, 'GET /snapshot', requestWrites, () =>
            sendHostile(http().get(`/snapshot?${query}`), headers),
          );
        },
      ),
      { numRuns: RUNS },
    );
    for (const queue of [Queues.ledger.queue, Queues.orderTracking.queue])
      await http().post(`/actions/queues/${queue}/resume`).expect(200);
  });

  it('POST /actions/spike: never a 5xx; a refusal starts nothing; an accepted spike ends, having placed what it counted', async () => {
    const runner = dashboard.get(SpikeRunner);
    // Valid spikes are kept short (seconds ≤ 1): how long a spike runs is not what is fuzzed here.
    const spike = fc.oneof(
      fc.record({
        orders: fc.integer({ min: 1, max: SPIKE_MAX_ORDERS }),
        seconds: fc.double({ min: 0.1, max: 1, noNaN: true }),
      }),
      fc.record({ orders: anyValue, seconds: anyValue }, { requiredKeys: [] }),
      fc.record({ orders: fc.integer({ min: 1, max: 3 }), seconds: anyNumber, extra: anyValue }),
      fc.record({ orders: anyNumber, seconds: fc.constant(0.5) }),
    );
    const quick = (value: unknown) => {
      const seconds = (value as { seconds?: unknown } | null)?.seconds;
      return !(typeof seconds === 'number' && seconds > 1 && seconds <= 600);
    };
    await fc.assert(
      fc.asyncProperty(
        hostileBody(spike).filter(({ value }) => quick(value)),
        hostileHeaders,
        async (body, headers) => {
          const before = await placed();
          const answer = await tryInput(tally, 'POST /actions/spike', requestWrites, () =>
            sendHostile(http().post('/actions/spike'), headers, body),
          );
          if (answer.status >= 400) {
            expect(runner.progress().running).toBe(false);
            expect(await placed()).toBe(before);
            return;
          }
          const done = await waitFor(
            () => {
              const progress = runner.progress();
              return progress.running ? undefined : progress;
            },
            { what: 'the spike to end' },
          );
          expect(done.sent).toBe(done.planned);
          expect(done.accepted + done.failed).toBe(done.planned);
          expect(await placed()).toBe(before + done.accepted);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
