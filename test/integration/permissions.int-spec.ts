import { Exchanges, Queues, replyQueueName, RPC_REPLY_EXCHANGE } from '@dinner-rush/contracts';
import { ManagementApi } from '@dinner-rush/pipeline-stats';
import { connect, type ConfirmChannel } from 'amqplib';
import { MONITOR_USER } from '../../tools/broker-definitions-builder';
import { BROKER_SERVICES } from '../../tools/broker-services';
import { provisionRestrictedBroker, type RestrictedBroker } from './permissions-support';

/**
 * Fault-suite case 9: each service's broker user, provisioned from the same
 * definitions as docker compose, is refused every operation outside its grant
 * (checked with a plain AMQP client, not the services' own code), and allowed
 * the ones it needs.
 */
describe('per-service RabbitMQ users (real broker)', () => {
  let broker: RestrictedBroker;

  beforeAll(async () => {
    broker = await provisionRestrictedBroker('perm');
  });

  afterAll(async () => {
    await broker?.close();
  });

  const services = () => broker.grants.map((g) => g.service);
  const grantOf = (service: string) => {
    const grant = broker.grants.find((g) => g.service === service);
    if (!grant) throw new Error(`no grant for ${service}`);
    return grant;
  };

  /** Its consumed queues that the definitions create (an RPC queue lives only while its responder runs). */
  const provisionedQueues = (service: string) => {
    const { footprint } = grantOf(service);
    return footprint.consumes.filter((name) =>
      footprint.queues.some((q) => q.name === name && q.durable && !q.autoDelete),
    );
  };

  it('every service logs in with its own password and consumes its own queues', async () => {
    for (const service of services())
      for (const queue of provisionedQueues(service))
        expect([service, queue, await attempt(broker.urlOf(service), consume(queue))]).toEqual([
          service,
          queue,
          'ok',
        ]);
  });

  it('no service may read another service’s queue (order-service included)', async () => {
    for (const service of services())
      for (const other of services().filter((s) => s !== service))
        for (const queue of grantOf(other).footprint.consumes)
          expect(await attempt(broker.urlOf(service), consume(queue))).toMatch(/ACCESS.REFUSED/);
  });

  it('consumers may not publish to orders, only their own status events', async () => {
    for (const service of services().filter((s) => s !== 'order-service')) {
      const url = broker.urlOf(service);
      expect(await attempt(url, publish(Exchanges.orders, 'order.created.v1'))).toMatch(
        /ACCESS.REFUSED/,
      );
      for (const event of BROKER_SERVICES[service]?.events ?? [])
        expect([
          service,
          event.type,
          await attempt(url, publish(event.exchange, event.type)),
        ]).toEqual([service, event.type, 'ok']);
      // Another service's progress, or a type nobody produces, is refused (topic permissions).
      for (const forged of ['rider.delivered.v1', 'ledger.recorded.v1', 'permission.probe.v1'])
        if (!BROKER_SERVICES[service]?.events.some((e) => e.type === forged))
          expect(await attempt(url, publish(Exchanges.orderStatus, forged))).toMatch(
            /ACCESS.REFUSED/,
          );
    }
  });

  it('order-service publishes its order events only, and no status events', async () => {
    const url = broker.urlOf('order-service');
    expect(await attempt(url, publish(Exchanges.orders, 'order.created.v1'))).toBe('ok');
    expect(await attempt(url, publish(Exchanges.orders, 'order.refunded.v1'))).toMatch(
      /ACCESS.REFUSED/,
    );
    expect(await attempt(url, publish(Exchanges.orderStatus, 'rider.assigned.v1'))).toMatch(
      /ACCESS.REFUSED/,
    );
  });

  it('no service may publish through the default exchange (the quote responder included)', async () => {
    expect(services()).toContain('rider-assignment');
    for (const service of services())
      expect([service, await attempt(broker.urlOf(service), publish('', 'ledger.orders'))]).toEqual(
        [service, expect.stringMatching(/ACCESS.REFUSED/)],
      );
  });

  it('replies: only the responder may answer, and only to its askers’ reply queues', async () => {
    const askersQueue = replyQueueName('order-service', 'probe1');
    const responder = broker.urlOf('rider-assignment');
    expect(await attempt(responder, publish(RPC_REPLY_EXCHANGE, askersQueue))).toBe('ok');
    for (const elsewhere of ['ledger.orders', replyQueueName('ledger', 'probe1')])
      expect(await attempt(responder, publish(RPC_REPLY_EXCHANGE, elsewhere))).toMatch(
        /ACCESS.REFUSED/,
      );
    for (const other of services().filter((s) => s !== 'rider-assignment'))
      expect([
        other,
        await attempt(broker.urlOf(other), publish(RPC_REPLY_EXCHANGE, askersQueue)),
      ]).toEqual([other, expect.stringMatching(/ACCESS.REFUSED/)]);
  });

  it('the asker declares and binds its own reply queue, under its own name only', async () => {
    const asker = broker.urlOf('order-service');
    const replyQueue = replyQueueName('order-service', 'probe2');
    const bindWith = (key: string) => async (channel: ConfirmChannel) => {
      await channel.assertQueue(replyQueue, { exclusive: true, autoDelete: true, durable: false });
      await channel.bindQueue(replyQueue, RPC_REPLY_EXCHANGE, key);
    };
    expect(await attempt(asker, bindWith(replyQueue))).toBe('ok');
    expect(await attempt(asker, bindWith('#'))).toMatch(/ACCESS.REFUSED/);
    expect(await attempt(broker.urlOf('ledger'), bindWith(replyQueue))).toMatch(/ACCESS.REFUSED/);
  });

  it('a consumer binds with its own routing keys only (topic permissions on read)', async () => {
    const url = broker.urlOf('customer-notify');
    const queue = Queues.customerNotify.queue;
    const bind = (key: string) =>
      attempt(url, (ch) => ch.bindQueue(queue, Exchanges.orderStatus, key));
    expect(await bind('rider.assigned.v1')).toBe('ok');
    expect(await bind('#')).toMatch(/ACCESS.REFUSED/);
  });

  it('the monitoring user sees queue depths over the management API but cannot consume', async () => {
    const { body } = await new ManagementApi(broker.managementUrlOf(MONITOR_USER)).call(
      'GET',
      `/queues/${encodeURIComponent(broker.vhost)}`,
    );
    expect((JSON.parse(body) as { name: string }[]).map((q) => q.name)).toContain('ledger.orders');
    expect(await attempt(broker.urlOf(MONITOR_USER), consume('ledger.orders'))).toMatch(
      /ACCESS.REFUSED/,
    );
  });

  it('no service may delete or redeclare a shared exchange', async () => {
    for (const service of services()) {
      const url = broker.urlOf(service);
      expect(await attempt(url, (ch) => ch.deleteExchange(Exchanges.orders))).toMatch(
        /ACCESS.REFUSED/,
      );
      expect(
        await attempt(url, (ch) =>
          ch.assertExchange(Exchanges.orderStatus, 'topic', { durable: true }),
        ),
      ).toMatch(/ACCESS.REFUSED/);
    }
  });
});

type Operation = (channel: ConfirmChannel) => Promise<unknown>;

const consume =
  (queue: string): Operation =>
  async (channel) => {
    const { consumerTag } = await channel.consume(queue, () => undefined);
    await channel.cancel(consumerTag);
  };

const publish =
  (exchange: string, routingKey: string): Operation =>
  (channel) =>
    new Promise<void>((resolve, reject) =>
      channel.publish(exchange, routingKey, Buffer.from('{}'), {}, (error) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
      ),
    );

/** 'ok', or the reason the broker closed the channel (e.g. 403 ACCESS_REFUSED …). */
async function attempt(url: string, operation: Operation): Promise<string> {
  const connection = await connect(url);
  let closedWith: string | undefined;
  try {
    const channel = await connection.createConfirmChannel();
    channel.on('error', (error: Error) => (closedWith = error.message));
    await operation(channel);
    await channel.close();
    return 'ok';
  } catch (error) {
    await new Promise((resolve) => setImmediate(resolve));
    return closedWith ?? String(error);
  } finally {
    await connection.close().catch(() => undefined);
  }
}
