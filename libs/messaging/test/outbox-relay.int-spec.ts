import { createEnvelope, type Envelope } from '@dinner-rush/contracts';
import { createPgPool } from '@dinner-rush/database';
import {
  OutboxRelay,
  OutboxStore,
  RelayConnection,
  enqueueOutbox,
  outboxConnectionResets,
  inPgTransaction,
  onOutboxCommitted,
  type OutboxArchive,
  type OutgoingMessage,
} from '@dinner-rush/messaging';
import {
  createMessagingSchema,
  createTestDatabase,
  createTestVhost,
  waitFor,
  type TestDatabase,
  type TestVhost,
} from '@dinner-rush/testing';
import { connect, type Channel, type ChannelModel } from 'amqplib';
import type { Pool } from 'pg';

const EXCHANGE = 'relay-test';

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
  let relayConnection: RelayConnection;
  let broker: ChannelModel;
  let channel: Channel;
  const stops: (() => Promise<void>)[] = [];

  /** A relay on the test outbox; with `listening`, it takes this process's commits too. */
  const relay = (
    pollIntervalMs: number,
    options: { listening?: boolean; archive?: OutboxArchive; connection?: RelayConnection } = {},
  ) => {
    const r = new OutboxRelay(
      new OutboxStore(pool, options.archive),
      options.connection ?? relayConnection,
      {
        pollIntervalMs,
        batchSize: 50,
        publishTimeoutMs: 5_000,
      },
    );
    const unsubscribe = options.listening
      ? onOutboxCommitted(pool, (c) => r.committed(c))
      : () => true;
    stops.push(async () => {
      unsubscribe();
      await r.stop();
    });
    r.start();
    return r;
  };
  /** A relay connection of the test's own, open before it returns and closed after the test. */
  const openConnection = async (mayFindNoQueue?: ReadonlySet<string>) => {
    const connection = new RelayConnection(vhost.url, mayFindNoQueue);
    stops.push(() => connection.close());
    await connection.waitForConnect();
    return connection;
  };
  /** A writer's transaction: the rows are claimed by it and handed to its relay after COMMIT. */
  const commit = (messages: OutgoingMessage[]) =>
    inPgTransaction(pool, (tx) => enqueueOutbox(tx, messages));
  /** Rows as a writer that died before publishing leaves them once its lease ran out. */
  const leftBehind = async (messages: OutgoingMessage[]) => {
    await commit(messages);
    await pool.query("UPDATE outbox SET claimed_until = now() - interval '1 second'");
  };
  const rowsLeft = async () =>
    Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM outbox')).rows[0]?.n);

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
    await createMessagingSchema(url);
    pool = createPgPool(url, 6);
    await pool.query(
      `CREATE TABLE outbox_archive (id bigint PRIMARY KEY, message_id uuid NOT NULL,
         exchange text NOT NULL, routing_key text NOT NULL, payload jsonb NOT NULL,
         created_at timestamptz(3) NOT NULL)`,
    );
    broker = await connect(vhost.url);
    channel = await broker.createChannel();
    await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
    relayConnection = new RelayConnection(vhost.url);
    await relayConnection.waitForConnect();
  });

  afterEach(async () => {
    await Promise.all(stops.splice(0).map((stop) => stop()));
    await pool.query('DELETE FROM outbox');
  });

  afterAll(async () => {
    await relayConnection?.close();
    await broker?.close();
    await pool?.end();
    await vhost?.delete();
    await db?.drop();
  });

  it("publishes a writer's rows right after its commit, persistent, with no poll, then removes them", async () => {
    const sink = await collect();
    relay(600_000, { listening: true }); // a poll far beyond the test: only the hand-over can publish
    await commit([message('a1', 1), message('a2', 1)]);
    await waitFor(() => (sink.received.length === 2 ? true : undefined), {
      timeoutMs: 10_000,
      what: 'two messages',
    });
    expect(sink.persistent).toEqual([true, true]);
    expect(sink.received.map((e) => e.type)).toEqual(['test.happened.v1', 'test.happened.v1']);
    // Confirmed rows leave the outbox in the next sweep.
    await waitFor(async () => ((await rowsLeft()) === 0 ? true : undefined), {
      what: 'outbox emptied',
    });
  });

  it('moves sent rows to the archive when the service keeps one', async () => {
    const sink = await collect();
    relay(600_000, { listening: true, archive: { table: 'outbox_archive' } });
    const kept = message('kept', 1);
    await commit([kept]);
    await waitFor(() => (sink.received.length === 1 ? true : undefined), { what: 'published' });
    await waitFor(
      async () => {
        const { rows } = await pool.query('SELECT 1 FROM outbox_archive WHERE message_id = $1', [
          kept.envelope.messageId,
        ]);
        return rows.length === 1 && (await rowsLeft()) === 0 ? true : undefined;
      },
      { what: 'row archived' },
    );
  });

  it('claims by its poll what no writer will publish: rows whose lease ran out', async () => {
    const sink = await collect();
    await leftBehind([message('orphan', 1)]); // committed with no relay listening: nobody published
    expect(sink.received).toHaveLength(0);
    relay(50);
    await waitFor(() => (sink.received.length === 1 ? true : undefined), { what: 'orphan' });
    await waitFor(async () => ((await rowsLeft()) === 0 ? true : undefined), {
      what: 'outbox emptied',
    });
  });

  it("leaves a row behind its order's unsent one, then publishes it second", async () => {
    const sink = await collect();
    await commit([message('ordered', 1)]); // claimed by a writer that will never publish it
    relay(50, { listening: true });
    await commit([message('ordered', 2)]); // the first is still there: this one is left free
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.received).toHaveLength(0); // neither may go: the first is someone else's lease
    await pool.query(
      "UPDATE outbox SET claimed_until = now() - interval '1 second' WHERE claimed_until IS NOT NULL",
    );
    await waitFor(() => (sink.received.length === 2 ? true : undefined), { what: 'both' });
    expect(sink.received.map((e) => (e.data as { seq: number }).seq)).toEqual([1, 2]);
  });

  it('two relays at once publish every row exactly once, each aggregate in order', async () => {
    const sink = await collect();
    const aggregates = Array.from({ length: 40 }, (_, i) => `agg-${i}`);
    const all = aggregates.flatMap((aggregate) =>
      [1, 2, 3, 4, 5].map((seq) => message(aggregate, seq)),
    );
    await leftBehind(all);
    relay(50);
    relay(50);
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

  it('stops while writers keep committing (a graceful stop under load), publishing what it was handed', async () => {
    const sink = await collect();
    const r = relay(600_000, { listening: true });
    let writing = true;
    let written = 0;
    // Several writers at once, as intake under load: some publish is always in flight.
    const writers = Array.from({ length: 6 }, async () => {
      while (writing) {
        await commit([message(`busy-${written}`, 1)]);
        written += 1;
      }
    });
    await waitFor(() => (written >= 20 ? true : undefined), { what: 'writers committing' });
    await r.stop(); // must return although commits keep arriving
    writing = false;
    await Promise.all(writers);
    await waitFor(() => (sink.received.length >= 20 ? true : undefined), { what: 'published' });
  });

  it('keeps a message no queue is bound for (returned unroutable), and publishes it once one is', async () => {
    relay(100, { listening: true });
    // An exchange of its own: the sinks above bind '#' on the shared one.
    const unbound = 'relay-test-unbound';
    await channel.assertExchange(unbound, 'topic', { durable: false, autoDelete: false });
    const lonely: OutgoingMessage = {
      ...message('lonely', 1),
      exchange: unbound,
      routingKey: 'nobody.listens.v1',
    };
    await commit([lonely]);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await rowsLeft()).toBe(1); // confirmed by the broker, yet returned: not sent
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, unbound, 'nobody.listens.v1');
    await waitFor(async () => ((await rowsLeft()) === 0 ? true : undefined), {
      what: 'published once a queue is bound',
    });
    const got = await waitFor(async () => (await channel.get(queue, { noAck: true })) || undefined);
    expect(JSON.parse(got.content.toString())).toMatchObject({
      messageId: lonely.envelope.messageId,
    });
  });

  it('sends both copies of one fact (one id, two routing keys) once, though only the first finds a queue', async () => {
    // As order-service publishes order.created.v1 and its v2 twin before any consumer reads v2.
    relay(100, {
      listening: true,
      connection: await openConnection(new Set(['twin.happened.v2'])),
    });
    const exchange = 'relay-test-twins';
    await channel.assertExchange(exchange, 'topic', { durable: false, autoDelete: false });
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, exchange, 'twin.happened.v1');
    const first: OutgoingMessage = {
      ...message('twin', 1),
      exchange,
      routingKey: 'twin.happened.v1',
    };
    const second: OutgoingMessage = {
      ...first,
      routingKey: 'twin.happened.v2',
      envelope: { ...first.envelope, type: 'twin.happened.v2', version: 2 },
    };
    await commit([first, second]);
    await waitFor(async () => ((await rowsLeft()) === 0 ? true : undefined), {
      what: 'both rows sent, the unbound twin included',
    });
    const got = await waitFor(async () => (await channel.get(queue, { noAck: true })) || undefined);
    expect(got.fields.routingKey).toBe('twin.happened.v1');
    expect(JSON.parse(got.content.toString())).toMatchObject({
      messageId: first.envelope.messageId,
    });
    // The twin's return was not taken for its sibling's (same id): the first went out once.
    expect(await channel.get(queue, { noAck: true })).toBe(false);
  });

  it('reconnects after a nack, and the nacked row goes out later, nothing lost', async () => {
    // A full queue that refuses more (reject-publish) makes the broker nack: the way a channel
    // stuck behind a lost quorum-queue leader is told, too.
    const exchange = 'relay-test-full';
    await channel.assertExchange(exchange, 'topic', { durable: false, autoDelete: false });
    const { queue } = await channel.assertQueue('', {
      exclusive: true,
      arguments: { 'x-max-length': 1, 'x-overflow': 'reject-publish' },
    });
    await channel.bindQueue(queue, exchange, '#');
    const resets = async () => (await outboxConnectionResets.get()).values[0]?.value ?? 0;
    const before = await resets();
    relay(100, { listening: true, connection: await openConnection() });
    const sent = [1, 2].map((n) => ({ ...message(`full-${n}`, 1), exchange }));
    await commit(sent);
    await waitFor(async () => ((await resets()) > before ? true : undefined), {
      what: 'a fresh connection after the nack',
    });
    // The confirmed row goes with the relay's next sweep; the nacked one stays for a retry.
    await waitFor(async () => ((await rowsLeft()) === 1 ? true : undefined), {
      what: 'the confirmed row swept, the nacked one kept',
    });
    const received: string[] = [];
    await waitFor(
      async () => {
        const got = await channel.get(queue, { noAck: true });
        if (got) received.push((JSON.parse(got.content.toString()) as Envelope).messageId);
        return received.length === 2 && (await rowsLeft()) === 0 ? true : undefined;
      },
      { what: 'the nacked row published once there was room' },
    );
    expect(received.sort()).toEqual(sent.map((m) => m.envelope.messageId).sort());
  });
});
