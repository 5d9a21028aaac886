import { randomUUID } from 'node:crypto';
import {
  bearerHeader,
  getJson,
  orderCreatedEvent,
  orderFactory,
  orderLine,
  postJson,
  type Merchant,
} from '@dinner-rush/testing';
import { runCompare, type CompareReport, type CompareSettings } from './compare';
import { renderCompareHtml } from './report-html';
import { startManagedSetups, type CompareSetups } from './setups';

/**
 * A tiny `npm run compare` against real services (processes from dist/, own
 * database and vhost, free ports). It asserts what the experiment must show
 * to be trusted, never how fast: every request answered; the queued set-up
 * keeps accepting and loses nothing while a downstream is stopped; the
 * synchronous chain fails then. Needs `npm run build` first.
 */
jest.setTimeout(600_000);

const settings: CompareSettings = {
  ratePerS: 2,
  durationS: 4,
  orderWorkMs: 100,
  downstreamWorkMs: 60,
  timeoutMs: 30_000,
  stopped: 'ledger',
  scenarios: ['all-up', 'downstream-stopped'],
  auditTimeoutMs: 120_000,
  seed: 3,
};

interface SyncOrder {
  id: string;
  totalCents: number;
  steps: { service: string }[];
}

describe('npm run compare: synchronous chain vs queued pipeline (real services)', () => {
  let setups: CompareSetups;
  let report: CompareReport;

  beforeAll(async () => {
    setups = await startManagedSetups(settings, 'compare-test');
    report = await runCompare(setups, settings);
  });

  afterAll(async () => {
    await setups?.close();
  });

  const scenario = (name: string) => {
    const found = report.scenarios.find((s) => s.name === name);
    if (!found) throw new Error(`no scenario ${name}`);
    return found;
  };
  const requests = settings.ratePerS * settings.durationS;

  it('all services up: both set-ups answer every order 201, and the queued orders all complete once', () => {
    const { async, sync } = scenario('all-up');
    expect(async.summary.byStatus).toEqual({ '201': requests });
    expect(sync.summary.byStatus).toEqual({ '201': requests });
    expect(async.audit).toMatchObject({
      accepted: requests,
      complete: requests,
      lost: 0,
      doubleApplied: 0,
    });
  });

  it('ledger stopped: the queued set-up still answers 201 (its queue grows); the chain fails every order', () => {
    const { async, sync } = scenario('downstream-stopped');
    expect(async.summary.byStatus).toEqual({ '201': requests });
    expect(async.stoppedQueueGrowth).toBeGreaterThan(0);
    expect(sync.summary.byStatus).toEqual({ '502': requests });
    expect(sync.failureReasons[0]?.reason).toMatch(/^502: ledger: /);
    // Restarted, the ledger works off its queue: nothing accepted meanwhile is lost.
    expect(async.audit).toMatchObject({
      accepted: requests,
      complete: requests,
      lost: 0,
      doubleApplied: 0,
    });
  });

  it('the chain runs each consumer’s real handler: the order has a rider and a balanced journal', async () => {
    const merchants = (await getJson<Merchant[]>(`${setups.orderUrl}/merchants`)).body;
    const order = orderFactory(merchants, 99)(0);
    const customer = await setups.issueToken('customer', order.customerId);
    const placed = await postJson<SyncOrder>(
      `${setups.syncUrl}/orders`,
      order,
      bearerHeader(customer),
    );
    const operator = await setups.issueToken('operator');
    expect(placed.status).toBe(201);
    expect(placed.body.steps.map((s) => s.service)).toEqual([
      'rider-assignment',
      'merchant-notify',
      'ledger',
    ]);
    const assignment = await getJson<unknown>(
      `${setups.downstreamUrls['rider-assignment']}/assignments/${placed.body.id}`,
      operator,
    );
    expect(assignment.status).toBe(200);
    const journal = await getJson<{ balanced: boolean; entries: { debitCents: number }[] }>(
      `${setups.ledgerUrl}/ledger/orders/${placed.body.id}`,
      operator,
    );
    expect(journal.body.balanced).toBe(true);
    expect(journal.body.entries.reduce((sum, e) => sum + e.debitCents, 0)).toBeGreaterThan(0);
  });

  it('an event delivered twice over HTTP is applied once (the same inbox as the queue path)', async () => {
    const orderId = randomUUID();
    // 1 000 + 299 delivery: the journal must debit exactly the order's total.
    const event = orderCreatedEvent({
      orderId,
      items: [orderLine({ unitPriceCents: 1_000, quantity: 1 })],
      deliveryFeeCents: 299,
    });
    const ledgerEvents = `${setups.ledgerUrl}/events`;
    const operator = await setups.issueToken('operator');
    expect((await postJson(ledgerEvents, event, bearerHeader(operator))).status).toBe(200);
    expect((await postJson(ledgerEvents, event, bearerHeader(operator))).status).toBe(200);
    const journal = await getJson<{ entries: { debitCents: number }[] }>(
      `${setups.ledgerUrl}/ledger/orders/${orderId}`,
      operator,
    );
    expect(journal.body.entries.reduce((sum, e) => sum + e.debitCents, 0)).toBe(1_299);
  });

  it('renders a self-contained HTML report: the data and Chart.js inlined, no external script', () => {
    const html = renderCompareHtml(report);
    expect(html).toContain('<canvas id="percentiles">');
    expect(html).toContain('downstream-stopped');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html.length).toBeGreaterThan(100_000); // Chart.js itself is ~200 kB
  });
});
