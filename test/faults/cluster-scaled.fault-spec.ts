import { countSteps, NotificationKinds, PIPELINE_STEPS, TimelineTypes } from '@dinner-rush/audit';
import { Queues } from '@dinner-rush/contracts';
import {
  bearerHeader,
  getJson,
  mapLimit,
  orderFactory,
  postJson,
  waitFor,
  type AcceptedOrder,
  type Merchant,
  type ServiceProcess,
} from '@dinner-rush/testing';
import { FaultPipeline, PIPELINE_SCHEMAS, type ServiceName } from './support/fault-pipeline';
import { expectAuditClean, untilDrained } from './support/fault-case';
import { FaultReport } from './support/fault-report';

/**
 * Same code, more replicas, on a three-node cluster: two order-service
 * processes (two relays sharing one outbox with SKIP LOCKED) and two of each
 * consumer (competing consumers on each quorum queue), one PostgreSQL. Every
 * third order is cancelled the moment it is accepted, through the other
 * order-service: the two relays may publish the cancellation before the
 * creation, and two consumer instances may apply them side by side, so
 * cancellations overtake their creations. Afterwards nothing is lost or
 * applied twice, the books balance with one reversal per cancelled order,
 * no rider is left busy with a cancelled order, and customer-notify (two
 * replicas as well) told each customer once of each fact that concerns them.
 */
jest.setTimeout(900_000);

const ORDERS = 240;
const CANCEL_EVERY = 3;

interface Assignment {
  orderId: string;
  status: 'waiting' | 'assigned' | 'delivered' | 'cancelled';
}
interface Rider {
  id: string;
  status: 'available' | 'busy';
  currentOrderId: string | null;
}

describe('faults: two of every service on a three-node cluster', () => {
  let pipeline: FaultPipeline;
  const seconds = new Map<ServiceName, ServiceProcess>();
  const customerNotify: ServiceProcess[] = [];
  const report = new FaultReport('cluster-scaled');

  beforeAll(async () => {
    const env = { RABBITMQ_QUORUM_INITIAL_GROUP_SIZE: '3' };
    // A small fleet keeps riders busy and orders waiting: releases and assignments interleave.
    const riders = { ...env, RIDER_FLEET_SIZE: '20', RIDER_DELIVERY_MS: '800' };
    pipeline = await FaultPipeline.start(
      'scaled',
      { 'order-service': env, 'rider-assignment': riders, 'merchant-notify': env, ledger: env },
      { clusterNodes: 3 },
    );
    for (const name of Object.keys(PIPELINE_SCHEMAS) as ServiceName[]) {
      const second = await pipeline.instance(name, { port: 'new', label: `${name}-2` });
      await second.start();
      seconds.set(name, second);
    }
    // Outside the audited pipeline: its two replicas are checked on their own below.
    for (const label of ['customer-notify', 'customer-notify-2']) {
      const replica = await pipeline.outsider('customer-notify', { env, label });
      await replica.start();
      customerNotify.push(replica);
    }
  });

  afterAll(async () => {
    report.write();
    await pipeline?.stop();
  });

  // In 1 of 3 CI runs the audit once called 1 of 240 orders incomplete (nothing doubled). The
  // likeliest cause (not reproduced since, in 3 runs in a row): a cancellation that overtook its
  // creation at merchant-notify, which by design never announces that creation, while the audit
  // still wanted both notices. If it recurs, the report's lostBy says which step is missing.
  it('nothing lost or doubled, books balanced, cancellations that overtake creations end right', async () => {
    const intake = [pipeline.orderServiceUrl, seconds.get('order-service')!.baseUrl];
    const merchants = (await getJson<Merchant[]>(`${intake[0]}/merchants`)).body;
    const nextOrder = orderFactory(merchants, 13);
    const accepted: AcceptedOrder[] = [];
    const cancelled: string[] = [];
    const refused: number[] = [];
    await mapLimit(
      Array.from({ length: ORDERS }, (_, n) => n),
      8,
      async (n) => {
        const body = nextOrder(n);
        const customer = bearerHeader(await pipeline.issuer.token('customer', body.customerId));
        const placed = await postJson<{ id: string; totalCents: number }>(
          `${intake[n % 2]}/orders`,
          body,
          { 'idempotency-key': `scaled-${n}`, ...customer },
        );
        if (placed.status !== 201) return void refused.push(placed.status);
        accepted.push({
          id: placed.body.id,
          totalCents: placed.body.totalCents,
          customerId: body.customerId,
        });
        if (n % CANCEL_EVERY !== 0) return;
        // Through the other replica: its relay races this one's to publish.
        const cancel = await postJson(
          `${intake[(n + 1) % 2]}/orders/${placed.body.id}/cancel`,
          {},
          customer,
        );
        if (cancel.status === 200) cancelled.push(placed.body.id);
        else refused.push(cancel.status);
      },
    );
    expect(refused).toEqual([]);

    const overtakes = { merchantToldOfCancellationOnly: 0, cancelledWithNoRiderAssigned: 0 };
    const audit = await pipeline.audit(accepted, 300_000, ({ timeline }) => {
      if (countSteps(timeline, TimelineTypes.cancelled) === 0) return;
      // The cancellation reached merchant-notify first: the creation was never announced.
      const notified = PIPELINE_STEPS['merchant-notify'];
      if (countSteps(timeline, notified, NotificationKinds.created) === 0)
        overtakes.merchantToldOfCancellationOnly++;
      if (countSteps(timeline, PIPELINE_STEPS['rider-assignment']) === 0)
        overtakes.cancelledWithNoRiderAssigned++;
    });
    await untilDrained(pipeline);
    const ridersUrl = pipeline.services['rider-assignment'].baseUrl;
    const operator = await pipeline.issuer.token('operator');
    // Deliveries finish within RIDER_DELIVERY_MS of their assignment: then every rider is free.
    const riders = await waitFor(
      async () => {
        const fleet = (await getJson<Rider[]>(`${ridersUrl}/riders`, operator)).body;
        return fleet.every((rider) => rider.status === 'available') ? fleet : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'every rider available again' },
    ).catch(async () => (await getJson<Rider[]>(`${ridersUrl}/riders`, operator)).body);
    const assignments = await mapLimit(cancelled, 4, async (id) => {
      const answer = await getJson<Assignment>(`${ridersUrl}/assignments/${id}`, operator);
      return { id, status: answer.status === 200 ? answer.body.status : `http ${answer.status}` };
    });

    const told = await untilCustomersTold(pipeline, accepted, new Set(cancelled));

    report.add({
      case: 'two of every service, every third order cancelled at once',
      accepted: audit.accepted,
      cancelled: audit.cancelled,
      lost: audit.lost.length,
      lostBy: audit.lostBy,
      doubleApplied: audit.doubleApplied.length,
      debitMismatch: audit.debitMismatch.length,
      trialBalanceZero: audit.trialBalanceZero,
      ridersBusyAtEnd: riders.filter((rider) => rider.status === 'busy').length,
      cancelledOrdersInDispatch: countBy(assignments.map((a) => a.status)),
      ...overtakes,
      customerNotifyReplicas: customerNotify.length,
      customersNotToldOfTheirOrder: told.missing.length,
      customersToldWrongly: told.wrong.length,
    });
    expectAuditClean(audit);
    expect(audit.cancelled).toBe(cancelled.length);
    expect(riders.filter((rider) => rider.status === 'busy')).toEqual([]);
    // Cancelled, or delivered before the cancellation reached dispatch: never left holding a rider.
    expect(assignments.filter((a) => a.status !== 'cancelled' && a.status !== 'delivered')).toEqual(
      [],
    );
    expect(told).toEqual({ missing: [], wrong: [] });
  });

  it('no dead letters: every replica applied what it took', async () => {
    const depths = await pipeline.deadLetterDepths();
    const customerNotifyDead = await pipeline.broker.queueState(
      Queues.customerNotify.deadLetterQueue,
    );
    expect(Object.values(depths).every((n) => n === 0)).toBe(true);
    expect(customerNotifyDead.messages).toBe(0);
  });
});

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** Notification kinds of customer-notify (its notifications.kind column). */
const RIDER_ASSIGNED = 'rider.assigned';
const ORDER_CANCELLED = 'order.cancelled';

interface CustomersTold {
  /** Orders whose customer was not told what they should have been. */
  missing: string[];
  /** Orders told something that did not happen (a cancellation of an order never cancelled). */
  wrong: string[];
}

/**
 * Waits until customer-notify told every customer what concerns them: of
 * their rider when the order went ahead, of the cancellation when it was
 * cancelled (a rider assigned before the cancellation arrived may have been
 * announced too). Read from its table, where one notification per order and
 * kind is all there can be; on timeout, what is still missing.
 */
async function untilCustomersTold(
  pipeline: FaultPipeline,
  accepted: readonly AcceptedOrder[],
  cancelled: ReadonlySet<string>,
): Promise<CustomersTold> {
  const read = async (): Promise<CustomersTold> => {
    const rows = await pipeline.database.query<{ order_id: string; kind: string }>(
      'SELECT order_id, kind FROM customer_notify.notifications WHERE order_id = ANY($1::uuid[])',
      [accepted.map((order) => order.id)],
    );
    const kinds = new Map<string, Set<string>>();
    for (const row of rows)
      kinds.set(row.order_id, (kinds.get(row.order_id) ?? new Set()).add(row.kind));
    const told: CustomersTold = { missing: [], wrong: [] };
    for (const { id } of accepted) {
      const got = kinds.get(id) ?? new Set();
      const due = cancelled.has(id) ? ORDER_CANCELLED : RIDER_ASSIGNED;
      if (!got.has(due)) told.missing.push(id);
      if (!cancelled.has(id) && got.has(ORDER_CANCELLED)) told.wrong.push(id);
    }
    return told;
  };
  return waitFor(
    async () => {
      const told = await read();
      return told.missing.length === 0 ? told : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 1_000, what: 'customer-notify telling every customer' },
  ).catch(read);
}
