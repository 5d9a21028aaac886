import { consumerQueue } from '@dinner-rush/contracts';
import { createTestVhost, readInfraFromEnv, waitFor, type TestVhost } from '@dinner-rush/testing';
import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import { listQueueNames, vhostOf } from './broker-queues';
import { deadLetterQueuesOf, peekDeadLetters, replayDeadLetters } from './dead-letter-queues';

/** npm run dlq against a real broker: list without consuming, replay back to the work queue. */
describe('dead-letter queues: list and replay (real RabbitMQ)', () => {
  const names = consumerQueue('dlq-test', 'orders');
  let vhost: TestVhost;
  let connection: ChannelModel;
  let channel: ConfirmChannel;

  const deadLetter = (messageId: string, reason: string) =>
    new Promise<void>((resolve, reject) =>
      channel.sendToQueue(
        names.deadLetterQueue,
        Buffer.from(JSON.stringify({ messageId, type: 'order.created.v1', data: {} })),
        {
          persistent: true,
          headers: {
            'x-dead-letter-reason': reason,
            'x-dead-letter-error': `${reason} for ${messageId}`,
            'x-attempts': 6,
            'x-retries': 5,
            'x-original-routing-key': 'order.created.v1',
          },
        },
        (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()),
      ),
    );

  beforeAll(async () => {
    vhost = await createTestVhost('dlq');
    connection = await connect(vhost.url);
    channel = await connection.createConfirmChannel();
    for (const queue of [names.queue, names.deadLetterQueue, 'other-service.orders.dlq']) {
      await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    }
  });

  afterAll(async () => {
    await connection?.close().catch(() => undefined);
    await vhost?.delete();
  });

  it("finds a service's dead-letter queues by name through the management API", async () => {
    const all = await listQueueNames(readInfraFromEnv().rabbitmqManagementUrl, vhostOf(vhost.url));
    expect(deadLetterQueuesOf('dlq-test', all)).toEqual([names.deadLetterQueue]);
  });

  it('lists dead letters with their reason without taking them off the queue', async () => {
    await deadLetter('11111111-1111-4111-8111-111111111111', 'retries-exhausted');
    await deadLetter('22222222-2222-4222-8222-222222222222', 'invalid-data');

    const entries = await peekDeadLetters(channel, names.deadLetterQueue, 10);
    expect(entries.map((e) => [e.messageId, e.reason, e.attempts])).toEqual([
      ['11111111-1111-4111-8111-111111111111', 'retries-exhausted', 6],
      ['22222222-2222-4222-8222-222222222222', 'invalid-data', 6],
    ]);
    expect((await channel.checkQueue(names.deadLetterQueue)).messageCount).toBe(2);
  });

  it('replays one message by id, then the rest, to the work queue without the failure headers', async () => {
    const one = await replayDeadLetters(channel, names.deadLetterQueue, {
      messageId: '22222222-2222-4222-8222-222222222222',
    });
    expect(one).toBe(1);
    // The skipped message is returned to the quorum queue asynchronously.
    await waitFor(
      async () =>
        (await channel.checkQueue(names.deadLetterQueue)).messageCount === 1 ? true : undefined,
      { what: 'the other dead letter back in its queue' },
    );

    expect(await replayDeadLetters(channel, names.deadLetterQueue)).toBe(1);
    expect((await channel.checkQueue(names.deadLetterQueue)).messageCount).toBe(0);

    const replayed = [];
    for (let msg = await channel.get(names.queue, { noAck: true }); msg;) {
      replayed.push(msg);
      msg = await channel.get(names.queue, { noAck: true });
    }
    expect(
      replayed.map((m) => (JSON.parse(m.content.toString()) as { messageId: string }).messageId),
    ).toEqual(['22222222-2222-4222-8222-222222222222', '11111111-1111-4111-8111-111111111111']);
    const headers = replayed[0]?.properties.headers ?? {};
    expect(headers['x-dead-letter-reason']).toBeUndefined();
    expect(headers['x-retries']).toBeUndefined();
    expect(headers).toMatchObject({
      'x-original-routing-key': 'order.created.v1',
      'x-replay-count': 1,
    });
  });
});
