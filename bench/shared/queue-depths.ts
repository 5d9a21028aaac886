import { Queues } from '@dinner-rush/contracts';
import { AmqpQueueReader } from '@dinner-rush/pipeline-stats';

/** The three consumers of order.created.v1 the reduced set-up runs, by the service that owns each. */
export const CONSUMER_QUEUES = {
  'rider-assignment': Queues.riderAssignment.queue,
  'merchant-notify': Queues.merchantNotify.queue,
  ledger: Queues.ledger.queue,
} as const;

export type Downstream = keyof typeof CONSUMER_QUEUES;

/** Every work queue of the full pipeline (npm start), by the queue's own name. */
export const PIPELINE_WORK_QUEUES = Object.fromEntries(
  [
    Queues.orderTracking,
    Queues.riderAssignment,
    Queues.merchantNotify,
    Queues.ledger,
    Queues.customerNotify,
  ].map((names) => [names.queue, names.queue]),
) as Record<string, string>;

export interface DepthSample<Key extends string = Downstream> {
  atMs: number;
  depths: Record<Key, number | null>;
}

/**
 * Reads queue depths straight from the broker over AMQP (a passive declare
 * answers with the exact ready count at once; the management API's figures lag
 * by its 5 s statistics interval), with the pipeline-stats reader the
 * dashboard and load generator use too. Uses its own connection on the run's
 * vhost. `queues` names what to read, by a key of the caller's choosing.
 */
export class QueueDepths<Key extends string = Downstream> {
  private constructor(
    private readonly reader: AmqpQueueReader,
    private readonly queues: Record<Key, string>,
  ) {}

  static async open(rabbitmqUrl: string): Promise<QueueDepths>;
  static async open<Key extends string>(
    rabbitmqUrl: string,
    queues: Record<Key, string>,
  ): Promise<QueueDepths<Key>>;
  static async open(
    rabbitmqUrl: string,
    queues: Record<string, string> = CONSUMER_QUEUES,
  ): Promise<QueueDepths<string>> {
    const reader = new AmqpQueueReader(rabbitmqUrl);
    await reader.read([]); // connects now: a wrong URL fails here, not mid-run
    return new QueueDepths(reader, queues);
  }

  /** Ready messages per key; null for a queue that does not exist (yet). */
  async read(): Promise<Record<Key, number | null>> {
    const entries = Object.entries(this.queues) as [Key, string][];
    const found = await this.reader.read(entries.map(([, queue]) => queue));
    return Object.fromEntries(
      entries.map(([key, queue]) => [key, found.get(queue)?.messages ?? null]),
    ) as Record<Key, number | null>;
  }

  /** Milliseconds until every queue reads empty; null if not within `timeoutMs`. */
  async untilEmpty(timeoutMs: number, intervalMs = 250): Promise<number | null> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      const now = await this.read();
      if (Object.values<number | null>(now).every((depth) => !depth)) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    return null;
  }

  async close(): Promise<void> {
    await this.reader.close();
  }
}
