import { Queues } from '@dinner-rush/contracts';
import { connect, type ChannelModel } from 'amqplib';

/** The three consumers' work queues, by the service that owns each. */
export const CONSUMER_QUEUES = {
  'rider-assignment': Queues.riderAssignment.queue,
  'merchant-notify': Queues.merchantNotify.queue,
  ledger: Queues.ledger.queue,
} as const;

export type Downstream = keyof typeof CONSUMER_QUEUES;

export interface DepthSample {
  atMs: number;
  depths: Record<Downstream, number | null>;
}

/**
 * Reads queue depths straight from the broker (a passive declare answers with
 * the exact ready count at once; the management API's figures lag by its
 * 5 s statistics interval). Uses its own connection on the run's vhost.
 */
export class QueueDepths {
  private constructor(private readonly connection: ChannelModel) {}

  static async open(rabbitmqUrl: string): Promise<QueueDepths> {
    return new QueueDepths(await connect(rabbitmqUrl));
  }

  async read(): Promise<Record<Downstream, number | null>> {
    const entries = await Promise.all(
      (Object.entries(CONSUMER_QUEUES) as [Downstream, string][]).map(
        async ([service, queue]) => [service, await this.depth(queue)] as const,
      ),
    );
    return Object.fromEntries(entries) as Record<Downstream, number | null>;
  }

  /** Ready messages in `queue`; null when it does not exist (yet). */
  async depth(queue: string): Promise<number | null> {
    // A failed passive declare closes its channel, so each read gets a fresh one.
    const channel = await this.connection.createChannel();
    channel.on('error', () => undefined);
    try {
      return (await channel.checkQueue(queue)).messageCount;
    } catch {
      return null;
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }
}
