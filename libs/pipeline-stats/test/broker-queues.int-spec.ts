import { consumerQueue, Exchanges, Queues } from '@dinner-rush/contracts';
import { BrokerQueues } from '@dinner-rush/pipeline-stats';
import {
  createTestVhost,
  freePort,
  readInfraFromEnv,
  waitFor,
  type TestVhost,
} from '@dinner-rush/testing';
import { connect, type Channel, type ChannelModel } from 'amqplib';

/**
 * Queue figures on a real RabbitMQ, with the management API answering and
 * with it absent (a port nobody listens on), on a scratch vhost.
 */
describe('BrokerQueues: depth, consumers and rates with or without the management API', () => {
  const registered = Queues.ledger;
  const unregistered = consumerQueue('late-joiner', 'orders');
  let vhost: TestVhost;
  let connection: ChannelModel;
  let channel: Channel;
  let closedPort: number;

  beforeAll(async () => {
    vhost = await createTestVhost('queue-figures');
    connection = await connect(vhost.url);
    channel = await connection.createChannel();
    await channel.assertExchange(Exchanges.orders, 'topic', { durable: true });
    for (const names of [registered, unregistered]) {
      await channel.assertQueue(names.queue, {
        durable: true,
        arguments: { 'x-queue-type': 'quorum' },
      });
      await channel.assertQueue(names.deadLetterQueue, { durable: true });
      await channel.bindQueue(names.queue, Exchanges.orders, 'order.created.v1');
    }
    for (let n = 0; n < 7; n++)
      channel.publish(Exchanges.orders, 'order.created.v1', Buffer.from('{}'));
    channel.sendToQueue(registered.deadLetterQueue, Buffer.from('{}'));
    await channel.consume(unregistered.queue, () => undefined, { noAck: false });
    closedPort = await freePort();
  });

  afterAll(async () => {
    await connection?.close().catch(() => undefined);
    await vhost?.delete();
  });

  it('without the management API: the registered consumer queues over AMQP, net rate from two readings', async () => {
    const queues = new BrokerQueues({
      amqpUrl: vhost.url,
      vhost: vhost.name,
      managementUrl: `http://guest:guest@127.0.0.1:${closedPort}`,
    });
    try {
      const first = await queues.read();
      expect(first.source).toBe('amqp');
      expect(first.managementError).toMatch(/ECONNREFUSED/);
      // Only the registry's names can be asked for over AMQP: the late joiner is not among them.
      expect(first.consumerQueues).toEqual([registered.queue]);
      expect(first.queues[registered.queue]).toMatchObject({
        messages: 7,
        ready: 7,
        unacked: null,
        consumers: 0,
        ackRate: null,
        netRate: null,
      });
      expect(first.queues[registered.deadLetterQueue]?.messages).toBe(1);

      await channel.purgeQueue(registered.queue);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const second = await queues.read();
      expect(second.queues[registered.queue]?.messages).toBe(0);
      expect(second.queues[registered.queue]?.netRate).toBeLessThan(0);
    } finally {
      await queues.close();
    }
  });

  it('with the management API: every queue bound to the order exchanges, with rates', async () => {
    const queues = new BrokerQueues({
      amqpUrl: readInfraFromEnv().rabbitmqUrl,
      vhost: vhost.name,
      managementUrl: readInfraFromEnv().rabbitmqManagementUrl,
    });
    try {
      // The management API's figures are refreshed every statistics interval: wait for the consumer.
      const round = await waitFor(
        async () => {
          const read = await queues.read();
          return read.queues[unregistered.queue]?.consumers === 1 ? read : undefined;
        },
        { intervalMs: 500, what: 'the consumer in the management API' },
      );
      expect(round.source).toBe('management');
      expect(round.managementError).toBeNull();
      expect(round.consumerQueues).toEqual([registered.queue, unregistered.queue].sort());
      expect(round.queues[unregistered.queue]?.ackRate).not.toBeNull();
    } finally {
      await queues.close();
    }
  });
});
