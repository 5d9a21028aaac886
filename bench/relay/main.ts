import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { createPgPool } from '@dinner-rush/database';
import { OutboxRelay, OutboxStore } from '@dinner-rush/messaging';
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
 * The outbox relay (the real OutboxRelay and OutboxStore) draining N
 * pre-filled rows to the "orders" exchange with its three quorum consumer
 * queues, beside a raw amqplib confirmed publisher sending the same N
 * envelopes to the same fan-out: the ratio says how much of the broker's
 * confirmed-publish rate the relay reaches. Scratch database and vhost.
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
  const amqp = new AmqpConnection({
    uri: vhost.url,
    connectionInitOptions: { wait: true, timeout: 10_000 },
  });
  try {
    const channel = await broker.createConfirmChannel();
    await declareFanout(channel);
    await amqp.init();
    const sample = sampleOrderCreated();

    const rawMs = await publishRaw(channel, sample, count, Number(args.window));
    const rawCounts = await queueCounts(channel);
    await purgeFanout(channel);
    console.log(`[relay] raw confirmed publisher: ${count} in ${Math.round(rawMs)} ms`);

    await fillOutbox(pool, sample, count);
    const relay = new OutboxRelay(new OutboxStore(pool, 30_000), amqp, {
      pollIntervalMs: 1_000,
      batchSize: Number(args.batch),
      publishTimeoutMs: 10_000,
    });
    const started = performance.now();
    relay.start();
    const relayMs = await untilOutboxEmpty(pool, started, 600_000);
    await relay.stop();
    const relayCounts = await queueCounts(channel);
    await purgeFanout(channel);
    console.log(`[relay] outbox relay: ${count} in ${Math.round(relayMs)} ms`);

    const perS = (ms: number) => Math.round(count / (ms / 1_000));
    const result = {
      benchmark: 'relay',
      at: new Date().toISOString(),
      machine,
      events: count,
      payloadBytes: Buffer.byteLength(JSON.stringify(sample)),
      queues: 3,
      relay: {
        eventsPerS: perS(relayMs),
        ms: Math.round(relayMs),
        batchSize: Number(args.batch),
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
      relay: { 'events/s': result.relay.eventsPerS, 'delivered per queue': relayCounts.join('/') },
      'raw confirmed publish': {
        'events/s': result.rawConfirmedPublisher.eventsPerS,
        'delivered per queue': rawCounts.join('/'),
      },
    });
    console.log(`ratio relay / raw: ${result.ratio}`);
    writeJson(args.out, result);
    console.log(`written ${args.out}`);
  } finally {
    await amqp.managedConnection.close().catch(() => undefined);
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
