import {
  Exchanges,
  LedgerRecordedV1,
  LedgerReversedV1,
  Queues,
  type Envelope,
} from '@dinner-rush/contracts';
import { BrokerProbe, startAppUnderTest, waitFor, type AppUnderTest } from '@dinner-rush/testing';
import { AppModule } from '../src/app.module';
import { ledgerEnvSchema } from '../src/config';
import {
  orderCancelledEvent,
  orderCreatedData,
  orderCreatedEvent,
  withNewMessageId,
} from './factories';

interface Entry {
  account: string;
  debitCents: number;
  creditCents: number;
  journalId: string;
  kind: string;
}
interface OrderLedger {
  orderId: string;
  balanced: boolean;
  entries: Entry[];
  journals: { journalId: string; kind: string; debitCents: number; creditCents: number }[];
}

describe('ledger (real PostgreSQL + RabbitMQ)', () => {
  let service: AppUnderTest;
  let broker: BrokerProbe;

  const http = () => service.http();

  /** Polls the read API until the order has `journals` journals, then returns its ledger. */
  const untilJournals = (orderId: string, journals: number) =>
    waitFor(
      async () => {
        const res = await http().get(`/ledger/orders/${orderId}`);
        const body = res.body as OrderLedger;
        return res.status === 200 && body.journals.length === journals ? body : undefined;
      },
      { what: `${journals} journal(s) for order ${orderId}` },
    );

  /**
   * With PREFETCH=1 the single consumer handles messages strictly in order, so
   * once a later sentinel order is posted, everything published before it has
   * been handled too (this is how "nothing more happened" is observed).
   */
  const drainWithSentinel = async () => {
    const sentinel = orderCreatedData();
    await broker.publishOrderEvent(orderCreatedEvent(sentinel));
    await untilJournals(sentinel.orderId, 1);
    await broker.untilStatus(sentinel.orderId, LedgerRecordedV1.type);
  };

  const netByAccount = (entries: Entry[]) => {
    const net = new Map<string, number>();
    for (const e of entries)
      net.set(e.account, (net.get(e.account) ?? 0) + e.debitCents - e.creditCents);
    return net;
  };

  beforeAll(async () => {
    service = await startAppUnderTest({
      service: 'ledger',
      schema: 'ledger',
      envSchema: ledgerEnvSchema,
      module: (config) => AppModule.forConfig(config),
      env: { PREFETCH: '1', LEDGER_COMMISSION_BPS: '1500' },
    });
    broker = await BrokerProbe.open(service.brokerUrl);
    await broker.untilConsuming(Queues.ledger.queue);
  });

  afterAll(async () => {
    await broker?.close();
    await service?.close();
  });

  it('posts one balanced journal for order.created, debiting the customer exactly the total', async () => {
    const order = orderCreatedData({ unitPriceCents: 1_003, quantity: 3, deliveryFeeCents: 299 });
    const event = orderCreatedEvent(order);
    await broker.publishOrderEvent(event);

    const ledger = await untilJournals(order.orderId, 1);
    expect(ledger).toMatchObject({ orderId: order.orderId, balanced: true });
    const commission = 451; // 15 % of 3 x 1003 = 451.35 cents, rounded half-up
    expect(
      ledger.entries.map(({ account, debitCents, creditCents, kind }) => ({
        account,
        debitCents,
        creditCents,
        kind,
      })),
    ).toEqual([
      {
        account: `customer:${order.customerId}`,
        debitCents: order.totalCents,
        creditCents: 0,
        kind: 'order',
      },
      {
        account: `merchant_payable:${order.merchantId}`,
        debitCents: 0,
        creditCents: order.itemsTotalCents - commission,
        kind: 'order',
      },
      { account: 'platform_commission', debitCents: 0, creditCents: commission, kind: 'order' },
      { account: 'rider_fees', debitCents: 0, creditCents: order.deliveryFeeCents, kind: 'order' },
    ]);
    const journalId = ledger.journals[0]?.journalId;
    expect(ledger.entries.every((e) => e.journalId === journalId)).toBe(true);

    const recorded = await broker.untilStatus(order.orderId, LedgerRecordedV1.type);
    expect(recorded).toMatchObject({
      correlationId: order.orderId,
      causationId: event.messageId,
      data: {
        orderId: order.orderId,
        journalId,
        debitCents: order.totalCents,
        creditCents: order.totalCents,
      },
    });

    const trial = await http().get('/ledger/trial-balance').expect(200);
    expect(trial.body.balanced).toBe(true);
    expect(trial.body.debitCents).toBe(trial.body.creditCents);
    expect(trial.body.debitCents).toBeGreaterThanOrEqual(order.totalCents);
  });

  it('keeps exactly one journal when the same order.created arrives twice, or again under a new id', async () => {
    const order = orderCreatedData();
    const event = orderCreatedEvent(order);
    await broker.publishOrderEvent(event);
    await broker.publishOrderEvent(event); // redelivery: stopped by the inbox
    await broker.publishOrderEvent(withNewMessageId(event)); // republished: stopped by unique (order_id, kind)
    await drainWithSentinel();

    const ledger = await untilJournals(order.orderId, 1);
    expect(ledger.entries).toHaveLength(4);
    expect(ledger.balanced).toBe(true);
    expect(broker.statusFor(order.orderId, LedgerRecordedV1.type)).toHaveLength(1);
  });

  it('posts a mirrored reversal for order.cancelled and publishes ledger.reversed.v1, once', async () => {
    const order = orderCreatedData({ deliveryFeeCents: 350 });
    await broker.publishOrderEvent(orderCreatedEvent(order));
    const sale = await untilJournals(order.orderId, 1);
    const cancellation = orderCancelledEvent(order);
    await broker.publishOrderEvent(cancellation);

    const ledger = await untilJournals(order.orderId, 2);
    expect(ledger.balanced).toBe(true);
    const reversal = ledger.entries.filter((e) => e.kind === 'reversal');
    expect(
      reversal.map(({ account, debitCents, creditCents }) => ({
        account,
        debitCents,
        creditCents,
      })),
    ).toEqual(
      sale.entries.map((e) => ({
        account: e.account,
        debitCents: e.creditCents,
        creditCents: e.debitCents,
      })),
    );
    expect([...netByAccount(ledger.entries).values()].every((cents) => cents === 0)).toBe(true);

    const reversed = await broker.untilStatus(order.orderId, LedgerReversedV1.type);
    expect(reversed).toMatchObject({
      causationId: cancellation.messageId,
      data: { orderId: order.orderId, debitCents: order.totalCents, creditCents: order.totalCents },
    });
    expect(reversed.data).toMatchObject({
      journalId: ledger.journals.find((j) => j.kind === 'reversal')?.journalId,
    });

    // A second cancellation (a new message) for an order already reversed changes nothing.
    await broker.publishOrderEvent(withNewMessageId(cancellation));
    await drainWithSentinel();
    expect((await untilJournals(order.orderId, 2)).entries).toHaveLength(8);
    expect(broker.statusFor(order.orderId, LedgerReversedV1.type)).toHaveLength(1);
  });

  it('remembers a cancellation that overtakes its creation, then posts both journals (net zero)', async () => {
    const order = orderCreatedData();
    const cancellation = orderCancelledEvent(order);
    await broker.publishOrderEvent(cancellation);
    await drainWithSentinel();
    await http().get(`/ledger/orders/${order.orderId}`).expect(404); // nothing posted yet

    const creation = orderCreatedEvent(order);
    await broker.publishOrderEvent(creation);
    const ledger = await untilJournals(order.orderId, 2);
    expect(ledger.balanced).toBe(true);
    expect(ledger.journals.map((j) => j.kind).sort()).toEqual(['order', 'reversal']);
    expect([...netByAccount(ledger.entries).values()].every((cents) => cents === 0)).toBe(true);

    const reversed = await broker.untilStatus(order.orderId, LedgerReversedV1.type);
    const recorded = await broker.untilStatus(order.orderId, LedgerRecordedV1.type);
    expect(recorded.causationId).toBe(creation.messageId);
    expect(reversed.causationId).toBe(cancellation.messageId);
    const types = broker.statusEvents
      .filter((e) => (e.data as { orderId: string }).orderId === order.orderId)
      .map((e) => e.type);
    expect(types).toEqual([LedgerRecordedV1.type, LedgerReversedV1.type]);
  });

  describe('dead-lettering', () => {
    const dlq = Queues.ledger.deadLetterQueue;

    it.each([
      ['not JSON', 'not-json', () => Buffer.from('{"this is": not json')],
      [
        'a wrong schema',
        'invalid-data',
        () => {
          const event = orderCreatedEvent() as Envelope<Record<string, unknown>>;
          return Buffer.from(JSON.stringify({ ...event, data: { ...event.data, totalCents: -1 } }));
        },
      ],
      [
        'an order whose total is not items + delivery',
        'unbalanced-order',
        () => {
          const data = orderCreatedData();
          const event = orderCreatedEvent(data);
          return Buffer.from(
            JSON.stringify({ ...event, data: { ...data, totalCents: data.totalCents + 1 } }),
          );
        },
      ],
    ])(
      'dead-letters %s with reason %s, and the next good message is still processed',
      async (_, reason, content) => {
        await broker.publish(Exchanges.orders, 'order.created.v1', content());
        const dead = await broker.nextDeadLetter(dlq);
        expect(dead.headers['x-dead-letter-reason']).toBe(reason);

        const next = orderCreatedData();
        await broker.publishOrderEvent(orderCreatedEvent(next));
        expect((await untilJournals(next.orderId, 1)).balanced).toBe(true);
      },
    );
  });

  it('answers 400 problem+json for an order id that is not a uuid, 404 for an unknown order', async () => {
    const bad = await http().get('/ledger/orders/not-a-uuid').expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body).toMatchObject({ status: 400, errors: [{ field: 'orderId' }] });

    const missing = await http().get(`/ledger/orders/${orderCreatedData().orderId}`).expect(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body).toMatchObject({ status: 404, code: 'ledger-order-not-found' });
  });

  it('keeps the trial balance equal across everything posted by this suite', async () => {
    await drainWithSentinel();
    const trial = await http().get('/ledger/trial-balance').expect(200);
    expect(trial.body.balanced).toBe(true);
    expect(trial.body.debitCents).toBe(trial.body.creditCents);
    expect(trial.body.debitCents).toBeGreaterThan(0);
    // The running totals it reads agree with a sum over every entry.
    const { rows } = await service.sql.query<{ debit: string; credit: string }>(
      'SELECT sum(debit_cents) AS debit, sum(credit_cents) AS credit FROM journal_entries',
    );
    expect(trial.body.debitCents).toBe(Number(rows[0]?.debit));
    expect(trial.body.creditCents).toBe(Number(rows[0]?.credit));
  });
});
