import { LedgerRecordedV1, Queues } from '@dinner-rush/contracts';
import { metricSum } from '@dinner-rush/pipeline-stats';
import {
  BrokerProbe,
  orderCreatedEvent,
  startScratchServices,
  readMetricsText,
  waitFor,
  type ScratchServices,
} from '@dinner-rush/testing';
import { Client } from 'pg';

/**
 * A consumer killed in the middle of a batch (the ledger, as its own OS
 * process): before the batch's COMMIT nothing of it is applied, and after
 * the restart every message is redelivered and applied once; between COMMIT
 * and the acks, the redelivered messages are recognised by the inbox and
 * nothing is applied twice. Test-only holds widen each window (fault-injection.ts).
 */
jest.setTimeout(180_000);

const ORDERS = 30;
/** One batch of them all: room in flight, and time to gather. */
const BATCHING = {
  PREFETCH: '100',
  CONSUMER_BATCH_SIZE: '50',
  CONSUMER_BATCH_LINGER_MS: '300',
};

describe('a consumer SIGKILLed mid-batch (ledger as a process, real PostgreSQL + RabbitMQ)', () => {
  let pipeline: ScratchServices<'ledger'>;
  let probe: BrokerProbe;
  let sql: Client;

  const count = async (query: string, ids: readonly string[]) =>
    Number((await sql.query<{ n: string }>(query, [ids])).rows[0]?.n);
  const journals = (orderIds: readonly string[]) =>
    count('SELECT count(*) AS n FROM ledger.journals WHERE order_id = ANY($1::uuid[])', orderIds);
  const inboxed = (messageIds: readonly string[]) =>
    count('SELECT count(*) AS n FROM ledger.inbox WHERE message_id = ANY($1::uuid[])', messageIds);
  /** A transaction of the ledger's open and waiting (the hold before COMMIT). */
  const openTransaction = async () =>
    (
      await sql.query(
        `SELECT 1 FROM pg_stat_activity
          WHERE datname = current_database() AND state = 'idle in transaction'`,
      )
    ).rows.length > 0;

  beforeAll(async () => {
    pipeline = await startScratchServices('batch-crash', {
      services: ['ledger'],
      env: { ledger: { ...BATCHING, FAULT_HOLD_IN_TRANSACTION_MS: '20000' } },
    });
    sql = new Client({ connectionString: pipeline.db.urlFor('ledger').split('?')[0] });
    await sql.connect();
    probe = await BrokerProbe.open(pipeline.vhost.url);
    await probe.untilConsuming(Queues.ledger.queue);
  });

  afterAll(async () => {
    await sql?.end();
    await probe?.close();
    await pipeline?.stop();
  });

  it('killed before COMMIT: nothing of the batch applied; after the restart, all of it once', async () => {
    const events = Array.from({ length: ORDERS }, () => orderCreatedEvent());
    for (const event of events) await probe.publishOrderEvent(event);
    await waitFor(async () => ((await openTransaction()) ? true : undefined), {
      what: "the ledger's batch holding before COMMIT",
    });
    await pipeline.services.ledger.stop('SIGKILL');

    const orderIds = events.map((e) => e.data.orderId);
    expect(await journals(orderIds)).toBe(0);
    expect(await inboxed(events.map((e) => e.messageId))).toBe(0);

    await pipeline.start('ledger', { ...BATCHING, FAULT_HOLD_IN_TRANSACTION_MS: '0' });
    await waitFor(async () => ((await journals(orderIds)) === ORDERS ? true : undefined), {
      what: 'every order posted after the restart',
    });
    for (const id of orderIds) await probe.untilStatus(id, LedgerRecordedV1.type);
    expect(await journals(orderIds)).toBe(ORDERS);
  });

  it('killed between COMMIT and the acks: redelivered, recognised by the inbox, applied once', async () => {
    // Queued while the ledger is down, so the restarted ledger takes them as one
    // batch: published one by one to a running consumer on a busy machine they
    // could split into batches, each holding its acks in turn.
    await pipeline.services.ledger.stop('SIGTERM');
    const events = Array.from({ length: ORDERS }, () => orderCreatedEvent());
    for (const event of events) await probe.publishOrderEvent(event);
    await pipeline.start('ledger', { ...BATCHING, FAULT_HOLD_AFTER_COMMIT_MS: '20000' });
    const messageIds = events.map((e) => e.messageId);
    await waitFor(async () => ((await inboxed(messageIds)) === ORDERS ? true : undefined), {
      what: 'the batch committed (and holding its acks)',
    });
    await pipeline.services.ledger.stop('SIGKILL');

    await pipeline.start('ledger', { ...BATCHING, FAULT_HOLD_AFTER_COMMIT_MS: '0' });
    const orderIds = events.map((e) => e.data.orderId);
    // The redelivered batch met the inbox: counted as duplicates, nothing posted again.
    await waitFor(
      async () => {
        const operator = await pipeline.issuer.token('operator');
        const metrics = await readMetricsText(pipeline.url('ledger'), operator);
        const duplicates =
          metricSum(metrics, 'messages_handled_total', { outcome: 'duplicate' }) ?? 0;
        return duplicates >= ORDERS ? true : undefined;
      },
      { what: 'the whole batch redelivered as duplicates' },
    );
    expect(await journals(orderIds)).toBe(ORDERS);
    for (const id of orderIds) {
      await probe.untilStatus(id, LedgerRecordedV1.type);
      const ids = new Set(probe.statusFor(id, LedgerRecordedV1.type).map((e) => e.messageId));
      expect(ids.size).toBe(1);
    }
  });
});
