import { consumerQueueNamed, Exchanges } from '@dinner-rush/contracts';
import { workQueueArguments } from '@dinner-rush/messaging';
import { createTestVhost } from '@dinner-rush/testing';
import { connect, type Channel, type ChannelModel } from 'amqplib';
import { publishRaw } from '../relay/raw-publisher';
import { cpuDelta, readCpu, selfCpu, serverTreeCpu } from '../shared/cpu-meter';
import { sampleOrderCreated } from '../shared/sample-order-event';
import { bindingsOf, fanoutKey, type FanoutPlan } from './fanout-plan';

/** As the consumers' channel: at most this many unacknowledged deliveries per consumer. */
const PREFETCH = 50;
/** Confirms outstanding at once, about an outbox relay batch. */
const CONFIRM_WINDOW = 200;
const TIMEOUT_MS = 600_000;

export interface BrokerFloor {
  publishes: number;
  deliveries: number;
  queues: number;
  payloadBytes: number;
  rabbitmqMs: number;
  clientMs: number;
  wallMs: number;
}

/**
 * The broker's floor for the pipeline's traffic: a raw amqplib client
 * publishing as many persistent, confirmed ~800-byte envelopes to a durable
 * topic exchange as the pipeline published, fanned out to durable quorum
 * queues declared with the consumers' arguments so that as many deliveries
 * reach consumers (manual ack, prefetch 50) as the pipeline's consumers took.
 * Counted: the whole RabbitMQ node and this process while the messages move.
 */
export async function runBrokerFloor(plan: FanoutPlan, beam: number): Promise<BrokerFloor> {
  const vhost = await createTestVhost('bench-cost-floor');
  const connections: ChannelModel[] = [];
  try {
    const publisher = await connect(vhost.url);
    const consumers = await connect(vhost.url);
    connections.push(publisher, consumers);
    const setup = await publisher.createChannel();
    await declareQueues(setup, plan);
    await setup.close();
    const sample = sampleOrderCreated();
    const sources = [serverTreeCpu('rabbitmq', beam), selfCpu('client')];
    const before = readCpu(sources);
    const started = performance.now();
    const consumed = consumeAll(consumers, plan);
    const confirm = await publisher.createConfirmChannel();
    await publishRaw(confirm, sample, plan.publishes, CONFIRM_WINDOW, (n) =>
      fanoutKey(plan.fanoutOf(n)),
    );
    await consumed;
    const wallMs = performance.now() - started;
    const used = cpuDelta(before, readCpu(sources));
    return {
      publishes: plan.publishes,
      deliveries: plan.deliveries,
      queues: plan.queues,
      payloadBytes: Buffer.byteLength(JSON.stringify(sample)),
      rabbitmqMs: used.rabbitmq ?? 0,
      clientMs: used.client ?? 0,
      wallMs: Math.round(wallMs),
    };
  } finally {
    await Promise.all(connections.map((c) => c.close().catch(() => undefined)));
    await vhost.delete();
  }
}

function queueName(i: number): string {
  return `floor-${i}.orders`;
}

async function declareQueues(channel: Channel, plan: FanoutPlan): Promise<void> {
  await channel.assertExchange(Exchanges.orders, 'topic', { durable: true });
  for (let i = 0; i < plan.queues; i++) {
    const names = consumerQueueNamed(queueName(i));
    await channel.assertExchange(names.deadLetterExchange, 'fanout', { durable: true });
    await channel.assertQueue(names.queue, { durable: true, arguments: workQueueArguments(names) });
    for (const key of bindingsOf(i, plan))
      await channel.bindQueue(names.queue, Exchanges.orders, key);
  }
}

/** One channel and consumer per queue, acking each message; resolves once all deliveries are acked. */
async function consumeAll(connection: ChannelModel, plan: FanoutPlan): Promise<void> {
  if (plan.deliveries === 0) return;
  let acked = 0;
  let done: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (done = resolve));
  for (let i = 0; i < plan.queues; i++) {
    const channel = await connection.createChannel();
    await channel.prefetch(PREFETCH);
    await channel.consume(queueName(i), (message) => {
      if (!message) return;
      channel.ack(message);
      if (++acked === plan.deliveries) done();
    });
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`floor: ${acked} of ${plan.deliveries} deliveries after ${TIMEOUT_MS} ms`),
        ),
      TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([all, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
