import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { createEnvelope, type Envelope } from '@dinner-rush/contracts';
import { createPgPool, diffSchemas } from '@dinner-rush/database';
import {
  OutboxRelay,
  OutboxStore,
  enqueueOutbox,
  outboxCommitted,
  type OutgoingMessage,
} from '@dinner-rush/messaging';
import {
  createTestDatabase,
  createTestVhost,
  REPO_ROOT,
  runSql,
  waitFor,
  type TestDatabase,
  type TestVhost,
} from '@dinner-rush/testing';
import { connect, type Channel, type ChannelModel } from 'amqplib';
import type { Pool } from 'pg';

const EXCHANGE = 'relay-test';

/** The shared messaging tables alone, built from prisma/shared like every service's. */
async function createOutboxSchema(url: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-schema-'));
  try {
    writeFileSync(join(dir, 'schema.prisma'), 'datasource db {\n  provider = "postgresql"\n}\n');
    copyFileSync(join(REPO_ROOT, 'prisma/shared/messaging.prisma'), join(dir, 'messaging.prisma'));
    const sql = await diffSchemas(url, dir);
    await runSql(url, sql);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function message(aggregate: string, seq: number): OutgoingMessage {
  const envelope = createEnvelope(
    'test.happened.v1',
    1,
    { aggregate, seq },
    {
      correlationId: aggregate,
      causationId: null,
    },
  );
  return { exchange: EXCHANGE, routingKey: 'test.happened.v1', envelope };
}

describe('outbox relay (real PostgreSQL + RabbitMQ)', () => {
  let db: TestDatabase;
  let vhost: TestVhost;
  let url: string;
  let pool: Pool;
  let amqp: AmqpConnection;
  let broker: ChannelModel;
  let channel: Channel;
  const relays: OutboxRelay[] = [];

  const relay = (pollIntervalMs: number) => {
    const r = new OutboxRelay(new OutboxStore(pool, 30_000), amqp, {
      pollIntervalMs,
      batchSize: 50,
      publishTimeoutMs: 5_000,
    });
    relays.push(r);
    return r;
  };
  const insert = (messages: OutgoingMessage[]) =>
    enqueueOutbox(
      {
        $executeRawUnsafe: (sql, ...values) => pool.query(sql, values).then((r) => r.rowCount ?? 0),
      },
      messages,
    );

  /** A fresh queue bound to the test exchange, collecting what arrives. */
  async function collect(): Promise<{ received: Envelope[]; persistent: boolean[] }> {
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, EXCHANGE, '#');
    const received: Envelope[] = [];
    const persistent: boolean[] = [];
    await channel.consume(
      queue,
      (msg) => {
        if (!msg) return;
        received.push(JSON.parse(msg.content.toString()) as Envelope);
        persistent.push(msg.properties.deliveryMode === 2);
      },
      { noAck: true },
    );
    return { received, persistent };
  }

  beforeAll(async () => {
    db = await createTestDatabase('relay');
    vhost = await createTestVhost('relay');
    url = db.urlFor('relay_test');
    await createOutboxSchema(url);
    pool = createPgPool(url, 6);
    amqp = new AmqpConnection({
      uri: vhost.url,
      exchanges: [{ name: EXCHANGE, type: 'topic', options: { durable: true } }],
      connectionInitOptions: { wait: true, timeout: 10_000 },
    });
    await amqp.init();
    broker = await connect(vhost.url);
    channel = await broker.createChannel();
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await pool.query('DELETE FROM outbox');
  });

  afterAll(async () => {
    await broker?.close();
    await amqp?.managedConnection.close();
    await pool?.end();
    await vhost?.delete();
    await db?.drop();
  });

  it('publishes persistent messages and marks them sent only after the confirm', async () => {
    const sink = await collect();
    await insert([message('a1', 1), message('a2', 1)]);
    relay(100).start();
    await waitFor(() => (sink.received.length === 2 ? true : undefined), {
      what: 'two messages',
    });
    const { rows } = await pool.query<{ pending: string }>(
      'SELECT count(*) AS pending FROM outbox WHERE sent_at IS NULL',
    );
    expect(rows[0]?.pending).toBe('0');
    expect(sink.persistent).toEqual([true, true]);
    expect(sink.received.map((e) => e.type)).toEqual(['test.happened.v1', 'test.happened.v1']);
  });

  it('wakes when this process commits outbox rows, without waiting for its poll', async () => {
    const sink = await collect();
    relay(600_000).start(); // a poll far beyond the test timeout: only the signal can wake it
    await new Promise((resolve) => setTimeout(resolve, 200));
    await insert([message('n1', 1)]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.received).toHaveLength(0); // committed, but nobody said so: it waits
    outboxCommitted();
    await waitFor(() => (sink.received.length === 1 ? true : undefined), {
      timeoutMs: 10_000,
      what: 'signalled publish',
    });
  });

  it('two relays at once publish every row exactly once, each aggregate in order', async () => {
    const sink = await collect();
    const aggregates = Array.from({ length: 40 }, (_, i) => `agg-${i}`);
    const all = aggregates.flatMap((aggregate) =>
      [1, 2, 3, 4, 5].map((seq) => message(aggregate, seq)),
    );
    await insert(all);
    relay(50).start();
    relay(50).start();
    await waitFor(() => (sink.received.length >= all.length ? true : undefined), {
      what: 'all messages',
    });
    await new Promise((resolve) => setTimeout(resolve, 300)); // a duplicate would arrive in this window
    const ids = sink.received.map((e) => e.messageId);
    expect(new Set(ids).size).toBe(all.length);
    expect(ids.length).toBe(all.length);
    for (const aggregate of aggregates) {
      const seqs = sink.received
        .filter((e) => (e.data as { aggregate: string }).aggregate === aggregate)
        .map((e) => (e.data as { seq: number }).seq);
      expect(seqs).toEqual([1, 2, 3, 4, 5]);
    }
  });
});
