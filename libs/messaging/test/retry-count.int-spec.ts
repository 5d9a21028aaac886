import { buildEvent, consumerQueue, defineEvent, Exchanges } from '@dinner-rush/contracts';
import {
  DeadLetterHeaders,
  exchangesFor,
  FailurePolicy,
  queuesFor,
  type BrokerSettings,
} from '@dinner-rush/messaging';
import { BrokerProbe, createTestVhost, type TestVhost } from '@dinner-rush/testing';
import { connect, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import { z } from 'zod';

/**
 * Retries are counted by our own header, never by the broker's x-delivery-count,
 * whose meaning changed in RabbitMQ 4 (it counts requeues too). A message that
 * is requeued again and again between its retries (a consumer that crashed or
 * shut down holding it) still gets exactly RETRY_LIMIT retries, and its dead
 * letter says how many times the handler failed, not how often it was delivered.
 */
const names = consumerQueue('retry-count-test', 'orders');
const RETRY_LIMIT = 2;
/** Requeues before the handler fails on each pass through the work queue. */
const REQUEUES_PER_PASS = 2;
const CountedV1 = defineEvent('retry.counted', 1, Exchanges.orders, z.object({}));

describe('retry count across requeues (real RabbitMQ)', () => {
  let vhost: TestVhost;
  let connection: ChannelModel;
  let channel: ConfirmChannel;
  let probe: BrokerProbe;
  const deliveries: { redelivered: boolean; retries: unknown }[] = [];

  beforeAll(async () => {
    vhost = await createTestVhost('retry-count');
    const settings: BrokerSettings = {
      rabbitmqUrl: vhost.url,
      prefetch: 1,
      consumes: [names],
      retryLimit: RETRY_LIMIT,
    };
    connection = await connect(vhost.url);
    channel = await connection.createConfirmChannel();
    // The topology a service declares: exchanges, the work queue, its delay and dead-letter queues.
    for (const exchange of exchangesFor(settings))
      await channel.assertExchange(exchange.name, exchange.type ?? 'topic', exchange.options);
    for (const queue of queuesFor(settings)) {
      const name = queue.name ?? '';
      await channel.assertQueue(name, queue.options);
      for (const key of [queue.routingKey ?? ''].flat())
        if (queue.exchange) await channel.bindQueue(name, queue.exchange, key);
    }
    await channel.bindQueue(names.queue, Exchanges.orders, CountedV1.type);
    await channel.prefetch(1);
    probe = await BrokerProbe.open(vhost.url);
  });

  afterAll(async () => {
    await probe?.close();
    await connection?.close().catch(() => undefined);
    await vhost?.delete();
  });

  it('dead-letters after RETRY_LIMIT retries however often the message was requeued', async () => {
    const policy = new FailurePolicy({ retryLimit: RETRY_LIMIT }).handlerFor(names);
    let requeuesThisPass = 0;
    await channel.consume(names.queue, (msg: ConsumeMessage | null) => {
      if (!msg) return;
      deliveries.push({
        redelivered: msg.fields.redelivered,
        retries: msg.properties.headers?.[DeadLetterHeaders.retries],
      });
      if (requeuesThisPass < REQUEUES_PER_PASS) {
        requeuesThisPass += 1;
        channel.nack(msg, false, true);
        return;
      }
      requeuesThisPass = 0;
      void policy(channel, msg, new Error('still broken'));
    });
    const event = buildEvent(
      CountedV1,
      {},
      { correlationId: crypto.randomUUID(), causationId: null },
    );
    await probe.publish(Exchanges.orders, CountedV1.type, event);

    const dead = await probe.nextDeadLetter(names.deadLetterQueue);
    expect(JSON.parse(dead.body)).toMatchObject({ messageId: event.messageId });
    expect(dead.headers).toMatchObject({
      [DeadLetterHeaders.reason]: 'retries-exhausted',
      [DeadLetterHeaders.retries]: RETRY_LIMIT,
      [DeadLetterHeaders.attempts]: RETRY_LIMIT + 1,
    });
    // The broker really did requeue it on every pass (first try plus each retry).
    const passes = RETRY_LIMIT + 1;
    expect(deliveries).toHaveLength(passes * (REQUEUES_PER_PASS + 1));
    expect(deliveries.filter((d) => d.redelivered)).toHaveLength(passes * REQUEUES_PER_PASS);
    expect(deliveries.map((d) => d.retries ?? 0)).toEqual(
      [0, 1, 2].flatMap((retries) => Array<number>(REQUEUES_PER_PASS + 1).fill(retries)),
    );
  });
});
