import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditPipeline, type AuditReport } from '@dinner-rush/audit';
import {
  ARTIFACTS_DIR,
  getJson,
  mapLimit,
  orderFactory,
  postJson,
  bearerHeader,
  startScratchServices,
  type Merchant,
  type ScratchServices,
} from '@dinner-rush/testing';

/**
 * The whole pipeline across processes: a few hundred concurrent orders, a
 * consumer SIGKILLed mid-stream and restarted, some cancellations; then every
 * order is checked through the services' own read APIs.
 */
jest.setTimeout(300_000);

const ORDERS = 300;
const CLIENTS = 32;
const CANCEL_EVERY = 15; // every 15th order is cancelled right after it is placed

interface Order {
  id: string;
  totalCents: number;
}

describe('order pipeline end to end (4 processes, real PostgreSQL + RabbitMQ)', () => {
  let pipeline: ScratchServices;
  const placed: { id: string; totalCents: number }[] = [];
  const cancelled = new Set<string>();
  let audit: AuditReport;

  beforeAll(async () => {
    pipeline = await startScratchServices('e2e', {
      env: {
        // A slow-ish ledger with a deep prefetch keeps messages in flight for the SIGKILL.
        ledger: { WORK_TIME_MS: '5', PREFETCH: '20' },
        'merchant-notify': { WORK_TIME_MS: '5', PREFETCH: '20' },
        'rider-assignment': { RIDER_FLEET_SIZE: '60', RIDER_DELIVERY_MS: '2000' },
      },
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
      const customer = bearerHeader(await pipeline.issuer.token('customer', request.customerId));
      const response = await postJson<Order>(`${order}/orders`, request, customer);
      if (response.status === 201) {
        placed.push({ id: response.body.id, totalCents: response.body.totalCents });
        if (n % CANCEL_EVERY === 0) {
          const cancel = await postJson<Order>(
            `${order}/orders/${response.body.id}/cancel`,
            { reason: 'e2e' },
            customer,
          );
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
    const { services } = pipeline;
    audit = await auditPipeline(
      {
        orderService: services['order-service'].baseUrl,
        ledger: services.ledger.baseUrl,
        bearer: await pipeline.issuer.token('operator'),
      },
      placed,
      // A fresh database: every debit the ledger holds must be one these orders account for.
      {
        timeoutMs: 180_000,
        intervalMs: 500,
        ledgerBefore: { debitCents: 0, creditCents: 0, balanced: true },
      },
    );
    expect(audit.cancelled).toBe(cancelled.size);
    expect({ lost: audit.lost.length, sample: audit.lost.slice(0, 5) }).toEqual({
      lost: 0,
      sample: [],
    });
  });

  it('applies nothing twice: each step once per order in the timeline, one journal of each kind', () => {
    expect(audit.doubleApplied).toEqual([]);
  });

  it('every ledger journal is balanced and debits exactly the order total; cancellations reverse', () => {
    expect(audit.debitMismatch).toEqual([]);
    expect(audit.complete).toBe(ORDERS);
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

  it('the trial balance is zero (total debits equal total credits)', () => {
    expect(audit.trialBalance.debitCents).toBeGreaterThan(0);
    expect(audit.trialBalanceZero).toBe(true);
    expect(audit.ledgerDelta?.postedDebitCents).toBe(audit.ledgerDelta?.expectedDebitCents);
  });
});
