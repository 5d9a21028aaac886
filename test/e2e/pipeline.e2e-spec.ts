import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARTIFACTS_DIR,
  getJson,
  mapLimit,
  orderFactory,
  pollOrders,
  postJson,
  type Merchant,
} from '@dinner-rush/testing';
import { startPipeline, type Pipeline } from './support/pipeline';

/**
 * The whole pipeline across processes: a few hundred concurrent orders, a
 * consumer SIGKILLed mid-stream and restarted, some cancellations; then every
 * order is checked through the services' own read APIs.
 */
jest.setTimeout(300_000);

const ORDERS = 300;
const CLIENTS = 32;
const CANCEL_EVERY = 15; // every 15th order is cancelled right after it is placed
const STEPS = ['rider.assigned.v1', 'merchant.notified.v1', 'ledger.recorded.v1'] as const;

interface TimelineEntry {
  type: string;
  at: string;
  kind?: string;
}
interface Order {
  id: string;
  status: string;
  totalCents: number;
  customerId?: string;
  timeline: TimelineEntry[];
}
interface LedgerEntry {
  account: string;
  debitCents: number;
  creditCents: number;
}
interface LedgerView {
  orderId: string;
  balanced: boolean;
  entries: LedgerEntry[];
}

const count = (timeline: TimelineEntry[], type: string) =>
  timeline.filter((e) => e.type === type).length;

function isComplete(order: Order, cancelled: boolean): boolean {
  if (cancelled) {
    return (
      count(order.timeline, 'ledger.reversed.v1') === 1 &&
      count(order.timeline, 'merchant.notified.v1') >= 2
    );
  }
  return STEPS.every((step) => count(order.timeline, step) >= 1);
}

describe('order pipeline end to end (4 processes, real PostgreSQL + RabbitMQ)', () => {
  let pipeline: Pipeline;
  const placed: { id: string; totalCents: number; customerId: string }[] = [];
  const cancelled = new Set<string>();
  const orders = new Map<string, Order>();

  beforeAll(async () => {
    pipeline = await startPipeline('e2e', {
      // A slow-ish ledger with a deep prefetch keeps messages in flight for the SIGKILL.
      ledger: { WORK_TIME_MS: '5', PREFETCH: '20' },
      'merchant-notify': { WORK_TIME_MS: '5', PREFETCH: '20' },
      'rider-assignment': { RIDER_FLEET_SIZE: '60', RIDER_DELIVERY_MS: '2000' },
    });
  });

  afterAll(async () => {
    await pipeline?.stop();
  });

  it('accepts every order while one consumer is SIGKILLed and another SIGTERMed mid-stream', async () => {
    const { services } = pipeline;
    const order = services['order-service'].baseUrl;
    const merchants = (await getJson<Merchant[]>(`${order}/merchants`)).body;
    expect(merchants.length).toBeGreaterThan(0);
    const nextOrder = orderFactory(merchants, 2026);
    const requests = Array.from({ length: ORDERS }, (_, n) => nextOrder(n));

    const restarts: Promise<void>[] = [];
    const statuses = await mapLimit(requests, CLIENTS, async (request, n) => {
      // ledger dies hard (no ack for what it had in flight); merchant-notify is asked to stop
      // (it must finish in-flight messages first). Both come back later in the stream.
      if (n === Math.floor(ORDERS / 3)) await services.ledger.stop('SIGKILL');
      if (n === Math.floor(ORDERS / 2)) await services['merchant-notify'].stop('SIGTERM');
      if (n === Math.floor((2 * ORDERS) / 3)) restarts.push(services.ledger.start());
      if (n === Math.floor((3 * ORDERS) / 4)) restarts.push(services['merchant-notify'].start());
      const response = await postJson<Order>(`${order}/orders`, request);
      if (response.status === 201) {
        placed.push({
          id: response.body.id,
          totalCents: response.body.totalCents,
          customerId: request.customerId,
        });
        if (n % CANCEL_EVERY === 0) {
          const cancel = await postJson<Order>(`${order}/orders/${response.body.id}/cancel`, {
            reason: 'e2e',
          });
          expect([200, 202]).toContain(cancel.status);
          cancelled.add(response.body.id);
        }
      }
      return response.status;
    });
    await Promise.all(restarts);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    expect(placed).toHaveLength(ORDERS);
  });

  it('every order reaches all three steps (cancelled ones: reversal and merchant told)', async () => {
    const order = pipeline.services['order-service'].baseUrl;
    const { views, pending } = await pollOrders<Order>(
      order,
      placed.map((p) => p.id),
      (view) => isComplete(view, cancelled.has(view.id)),
      { timeoutMs: 180_000, intervalMs: 500 },
    );
    views.forEach((view, id) => orders.set(id, view));
    expect({ lost: pending.length, sample: pending.slice(0, 5) }).toEqual({ lost: 0, sample: [] });
  });

  it('applies nothing twice: each step once per order in the timeline', () => {
    const doubled = [...orders.values()].filter((view) =>
      ['rider.assigned.v1', 'ledger.recorded.v1'].some((type) => count(view.timeline, type) > 1),
    );
    expect(doubled.map((view) => view.id)).toEqual([]);
  });

  it('every ledger journal is balanced and debits exactly the order total; cancellations reverse', async () => {
    const ledger = pipeline.services.ledger.baseUrl;
    const problems = (
      await mapLimit(placed, 16, async ({ id, totalCents, customerId }) => {
        const { status, body } = await getJson<LedgerView>(`${ledger}/ledger/orders/${id}`);
        const debits = body.entries?.reduce((sum, e) => sum + e.debitCents, 0) ?? 0;
        const customer = body.entries?.filter((e) => e.account === `customer:${customerId}`) ?? [];
        const customerNet = customer.reduce((sum, e) => sum + e.debitCents - e.creditCents, 0);
        const expectedDebits = cancelled.has(id) ? 2 * totalCents : totalCents;
        const expectedNet = cancelled.has(id) ? 0 : totalCents;
        const ok =
          status === 200 &&
          body.balanced &&
          debits === expectedDebits &&
          customerNet === expectedNet;
        return ok
          ? undefined
          : { id, status, balanced: body.balanced, debits, expectedDebits, customerNet };
      })
    ).filter(Boolean);
    expect(problems).toEqual([]);
  });

  it('no service logged an error: not while starting on a fresh broker, not while a SIGTERMed consumer drained', () => {
    const errors = Object.keys(pipeline.services).flatMap((name) =>
      readFileSync(join(ARTIFACTS_DIR, `e2e-${name}.log`), 'utf8')
        .split('\n')
        .filter((line) => line.includes('"level":50'))
        .map((line) => `${name}: ${line.slice(0, 300)}`),
    );
    expect(errors).toEqual([]);
  });

  it('the trial balance is zero (total debits equal total credits)', async () => {
    const { body } = await getJson<{ debitCents: number; creditCents: number }>(
      `${pipeline.services.ledger.baseUrl}/ledger/trial-balance`,
    );
    expect(body.debitCents).toBeGreaterThan(0);
    expect(body.debitCents).toBe(body.creditCents);
  });
});
