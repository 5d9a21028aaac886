import { Exchanges, type Envelope } from '@dinner-rush/contracts';
import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import { tapQueue, type Tap } from './message-tap';
import { waitFor } from './wait-for';

/** A message taken off a dead-letter queue: its raw body and the headers that say why. */
export interface DeadLetter {
  body: string;
  headers: Record<string, unknown>;
}

/**
 * The test's own side of the broker (tests may speak amqplib; services may
 * not). It publishes the way a producing service's relay does (persistent
 * JSON, broker-confirmed, so a test never races its own publish), records
 * every status event on `orders.status` from the moment it opens, opens
 * further taps on demand, and reads dead-letter queues.
 */
export class BrokerProbe {
  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: ConfirmChannel,
    private readonly status: Tap,
  ) {}

  /** Connects to a vhost (AppUnderTest.brokerUrl) and starts recording status events. */
  static async open(url: string): Promise<BrokerProbe> {
    const connection = await connect(url);
    try {
      const channel = await connection.createConfirmChannel();
      const status = await tapExchange(channel, Exchanges.orderStatus, '#');
      return new BrokerProbe(connection, channel, status);
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Waits until the service consumes `queue`. Until then a message published
   * to its exchange may be routed nowhere, and the test would wait in vain.
   */
  async untilConsuming(queue: string): Promise<void> {
    await waitFor(
      async () => {
        const channel = await this.connection.createChannel(); // a failed check closes its channel
        channel.on('error', () => undefined); // ...and emits the 404 as an event: not a crash
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

  /** Publishes an envelope, or any bytes (for malformed-message tests), and waits for the confirm. */
  async publish(
    exchange: string,
    routingKey: string,
    message: Envelope | Buffer,
    headers?: Record<string, string>,
  ): Promise<void> {
    const content = Buffer.isBuffer(message) ? message : Buffer.from(JSON.stringify(message));
    this.channel.publish(exchange, routingKey, content, {
      persistent: true,
      contentType: 'application/json',
      ...(headers && { headers }),
    });
    await this.channel.waitForConfirms();
  }

  /** As order-service's relay publishes: to `orders`, routed by the event type. */
  publishOrderEvent(envelope: Envelope): Promise<void> {
    return this.publish(Exchanges.orders, envelope.type, envelope);
  }

  /** As the downstream services publish: to `orders.status`, routed by the event type. */
  publishStatusEvent(envelope: Envelope): Promise<void> {
    return this.publish(Exchanges.orderStatus, envelope.type, envelope);
  }

  /** Every status event seen since the probe opened, in arrival order. */
  get statusEvents(): Envelope[] {
    return this.status.bodies();
  }

  /** Status events of one type about one order, in arrival order. */
  statusFor(orderId: string, type: string): Envelope[] {
    return this.statusEvents.filter(
      (e) => e.type === type && (e.data as { orderId?: string }).orderId === orderId,
    );
  }

  /** The first status event of `type` about `orderId`, waiting for it to arrive. */
  untilStatus(orderId: string, type: string): Promise<Envelope> {
    return this.untilStatusMatching(
      (e) => e.type === type && (e.data as { orderId?: string }).orderId === orderId,
      `${type} for order ${orderId}`,
    );
  }

  /** The first status event `predicate` accepts, waiting for it to arrive. */
  untilStatusMatching(
    predicate: (event: Envelope) => boolean,
    what = 'a matching status event',
  ): Promise<Envelope> {
    return waitFor(() => this.statusEvents.find(predicate), { what });
  }

  /** Records what reaches `exchange` under `routingKey` from now on, on a temporary queue. */
  tap(exchange: string, routingKey: string): Promise<Tap> {
    return tapExchange(this.channel, exchange, routingKey);
  }

  /**
   * Records a queue the service owns (e.g. its dead-letter queue), taking its
   * messages as they arrive; use nextDeadLetter instead to take them one by one.
   */
  tapQueue(queue: string): Promise<Tap> {
    return tapQueue(this.channel, queue);
  }

  /** Takes the next message off a dead-letter queue (acknowledged, so the next call sees the next one). */
  nextDeadLetter(queue: string): Promise<DeadLetter> {
    return waitFor(
      async () => {
        const msg = await this.channel.get(queue, { noAck: true });
        if (!msg) return undefined;
        return { body: msg.content.toString(), headers: msg.properties.headers ?? {} };
      },
      { what: `a message in ${queue}` },
    );
  }

  async close(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }
}

/** An exclusive queue bound to `exchange` (asserted as the services declare it), recorded. */
async function tapExchange(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
): Promise<Tap> {
  await channel.assertExchange(exchange, 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
  await channel.bindQueue(queue, exchange, routingKey);
  return tapQueue(channel, queue);
}
