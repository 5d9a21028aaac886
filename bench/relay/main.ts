import { createPgPool } from '@dinner-rush/database';
import { OutboxRelay, OutboxStore, RelayConnection } from '@dinner-rush/messaging';
import { createTestDatabase, createTestVhost } from '@dinner-rush/testing';
import { connect } from 'amqplib';
import { benchArgs } from '../shared/bench-args';
import { machineInfo } from '../shared/machine';
import { ratio, writeJson } from '../shared/results';
import { sampleOrderCreated } from '../shared/sample-order-event';
import { declareFanout, purgeFanout, queueCounts } from './fanout-topology';
import { fillOutbox, untilOutboxEmpty } from './outbox-fill';
import { publishRaw } from './raw-publisher';

/**
 * npm run bench:relay [-- --events 20000 --batch 200 --window 1000]
 * The outbox relay (the real OutboxRelay and OutboxStore) moving N outbox rows
 * to the "orders" exchange with its three quorum consumer queues, until each
 * is confirmed and deleted, two ways: handed over by writers right after
 * their commits (the normal path, --batch rows per commit) and claimed by its
 * poll (rows left behind by writers that died). Beside them, a raw amqplib
 * confirmed publisher sends the same N envelopes to the same fan-out: the
 * ratios say how much of the broker's confirmed-publish rate the relay
 * reaches. Scratch database and vhost.
 */
async function main(): Promise<void> {
  const args = benchArgs(process.argv.slice(2), {
    events: '20000',
    batch: '200',
    window: '1000',
    out: 'bench/results/relay.json',
  });
  const count = Number(args.events);
  const machine = machineInfo();
  const db = await createTestDatabase('bench_relay');
  const vhost = await createTestVhost('bench-relay');
  const pool = createPgPool(await db.migrate('order-service', 'orders'), 4);
  const broker = await connect(vhost.url);
  const relayConnection = new RelayConnection(vhost.url);
  try {
    const channel = await broker.createConfirmChannel();
    await declareFanout(channel);
    await relayConnection.waitForConnect();
    const sample = sampleOrderCreated();

    const rawMs = await publishRaw(channel, sample, count, Number(args.window));
    const rawCounts = await queueCounts(channel);
    await purgeFanout(channel);
    console.log(`[relay] raw confirmed publisher: ${count} in ${Math.round(rawMs)} ms`);

    const batch = Number(args.batch);
    const relayOf = (pollIntervalMs: number) =>
      new OutboxRelay(new OutboxStore(pool), relayConnection, {
        pollIntervalMs,
        batchSize: batch,
        publishTimeoutMs: 10_000,
      });

    // Hand-over: rows as writers claim them at insert, given to the relay a commit at a time.
    await fillOutbox(pool, sample, count);
    const claimed = await new OutboxStore(pool).claim(count);
    const handOver = relayOf(600_000);
    handOver.start();
    const handOverStarted = performance.now();
    for (let i = 0; i < claimed.length; i += batch) {
      handOver.committed({ claimed: claimed.slice(i, i + batch), unclaimed: 0 });
      await new Promise((resolve) => setImmediate(resolve));
    }
    const handOverMs = await untilOutboxEmpty(pool, handOverStarted, 600_000);
    await handOver.stop();
    const handOverCounts = await queueCounts(channel);
    await purgeFanout(channel);
    console.log(`[relay] hand-over after commit: ${count} in ${Math.round(handOverMs)} ms`);

    // Poll: rows nobody is publishing, claimed `batch` at a time.
    await fillOutbox(pool, sample, count);
    const polling = relayOf(1_000);
    const started = performance.now();
    polling.start();
    const relayMs = await untilOutboxEmpty(pool, started, 600_000);
    await polling.stop();
    const relayCounts = await queueCounts(channel);
    await purgeFanout(channel);
    console.log(`[relay] claimed by the poll: ${count} in ${Math.round(relayMs)} ms`);

    const perS = (ms: number) => Math.round(count / (ms / 1_000));
    const result = {
      benchmark: 'relay',
      at: new Date().toISOString(),
      machine,
      events: count,
      payloadBytes: Buffer.byteLength(JSON.stringify(sample)),
      queues: 3,
      handOver: {
        eventsPerS: perS(handOverMs),
        ms: Math.round(handOverMs),
        rowsPerCommit: batch,
        delivered: handOverCounts,
        ratio: ratio(perS(handOverMs), perS(rawMs)),
      },
      relay: {
        eventsPerS: perS(relayMs),
        ms: Math.round(relayMs),
        batchSize: batch,
        delivered: relayCounts,
      },
      rawConfirmedPublisher: {
        eventsPerS: perS(rawMs),
        ms: Math.round(rawMs),
        window: Number(args.window),
        delivered: rawCounts,
      },
      ratio: ratio(perS(relayMs), perS(rawMs)),
    };
    console.table({
      'hand-over after commit': {
        'events/s': result.handOver.eventsPerS,
        'delivered per queue': handOverCounts.join('/'),
      },
      'claimed by the poll': {
        'events/s': result.relay.eventsPerS,
        'delivered per queue': relayCounts.join('/'),
      },
      'raw confirmed publish': {
        'events/s': result.rawConfirmedPublisher.eventsPerS,
        'delivered per queue': rawCounts.join('/'),
      },
    });
    console.log(`ratio hand-over / raw: ${result.handOver.ratio}; poll / raw: ${result.ratio}`);
    writeJson(args.out, result);
    console.log(`written ${args.out}`);
  } finally {
    await relayConnection.close();
    await broker.close().catch(() => undefined);
    await pool.end();
    await vhost.delete();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
