import { connect, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import { Exchanges, type Envelope } from '@dinner-rush/contracts';
import { waitFor } from '@dinner-rush/testing';

/**
 * The test's own side of the broker (tests may speak amqplib; services may
 * not): publishes order events the way order-service's relay does, records
 * every status event on a temporary queue, and reads a dead-letter queue.
 */
export class BrokerProbe {
  readonly statusEvents: Envelope[] = [];

  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: ConfirmChannel,
  ) {}

  static async open(url: string): Promise<BrokerProbe> {
    const connection = await connect(url);
    const channel = await connection.createConfirmChannel();
    const probe = new BrokerProbe(connection, channel);
    await channel.assertExchange(Exchanges.orderStatus, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, Exchanges.orderStatus, '#');
    await channel.consume(queue, (msg) => msg && probe.recordStatus(msg), { noAck: true });
    return probe;
  }

  /** Waits until the service consumes `queue`, so nothing published next is routed nowhere. */
  async untilConsuming(queue: string): Promise<void> {
    await waitFor(
      async () => {
        const channel = await this.connection.createChannel(); // a failed check closes its channel
        try {
          const { consumerCount } = await channel.checkQueue(queue);
          return consumerCount > 0 ? true : undefined;
        } finally {
          await channel.close().catch(() => undefined);
        }
      },
      { what: `a consumer on ${queue}` },
    );
  }

  async publish(envelope: Envelope): Promise<void> {
    await this.publishRaw(envelope.type, Buffer.from(JSON.stringify(envelope)));
  }

  async publishRaw(routingKey: string, content: Buffer): Promise<void> {
    this.channel.publish(Exchanges.orders, routingKey, content, {
      persistent: true,
      contentType: 'application/json',
    });
    await this.channel.waitForConfirms();
  }

  /** Status events of one type for one order, in the order they arrived. */
  statusFor(orderId: string, type: string): Envelope[] {
    return this.statusEvents.filter(
      (e) => e.type === type && (e.data as { orderId?: string }).orderId === orderId,
    );
  }

  async untilStatus(orderId: string, type: string): Promise<Envelope> {
    return waitFor(async () => Promise.resolve(this.statusFor(orderId, type)[0]), {
      what: `${type} for order ${orderId}`,
    });
  }

  /** Takes the next message from a dead-letter queue (acknowledged), waiting for one to arrive. */
  async nextDeadLetter(queue: string): Promise<{ body: string; headers: Record<string, unknown> }> {
    return waitFor(
      async () => {
        const msg = await this.channel.get(queue, { noAck: true });
        if (!msg) return undefined;
        return {
          body: msg.content.toString(),
          headers: msg.properties.headers ?? {},
        };
      },
      { what: `a message in ${queue}` },
    );
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  private recordStatus(msg: ConsumeMessage): void {
    this.statusEvents.push(JSON.parse(msg.content.toString()) as Envelope);
  }
}
