import { consumerQueueNamed } from '@dinner-rush/contracts';
import { AmqpQueueReader, amqpUrlForVhost } from './amqp-queue-reader';
import { boundConsumerQueues, registeredConsumerQueues } from './consumer-queues';
import { ManagementApi } from './management-api';
import { readManagementQueues } from './management-queues';
import { withNetRate, type QueueReading, type QueueSource } from './queue-reading';

export interface BrokerQueuesOptions {
  /** AMQP URL; a vhost in its path wins over `vhost`. */
  amqpUrl: string;
  vhost: string;
  /** The management API, when there may be one: richer figures (rates) when it answers. */
  managementUrl?: string;
  managementCredentials?: { user: string; password: string };
}

/** One round of readings. */
export interface QueueRound {
  /** Epoch ms. */
  at: number;
  source: QueueSource;
  /** The pipeline's consumer work queues (see consumer-queues.ts), sorted. */
  consumerQueues: string[];
  /** By name: at least the consumer queues and their dead-letter queues. */
  queues: Record<string, QueueReading>;
  /** Why the management API was not used, when one was configured. */
  managementError: string | null;
}

/** A management API that failed is tried again after this long; AMQP answers meanwhile. */
const MANAGEMENT_RETRY_MS = 30_000;
const MANAGEMENT_TIMEOUT_MS = 3_000;

/**
 * Queue depth, consumers and rates on any RabbitMQ: from the management API
 * when it answers (rates included), otherwise over AMQP (depth and consumers;
 * the net rate from successive readings). Used by the dashboard, the load
 * generator and the benches alike.
 */
export class BrokerQueues {
  private readonly amqp: AmqpQueueReader;
  private readonly api?: ManagementApi;
  private managementDownUntil = 0;
  private managementError: string | null = null;
  private previous?: QueueRound;

  constructor(private readonly options: BrokerQueuesOptions) {
    this.amqp = new AmqpQueueReader(amqpUrlForVhost(options.amqpUrl, options.vhost));
    if (options.managementUrl) {
      this.api = new ManagementApi(options.managementUrl, {
        ...(options.managementCredentials ? { credentials: options.managementCredentials } : {}),
        timeoutMs: MANAGEMENT_TIMEOUT_MS,
      });
    }
  }

  /** Fails only when neither the management API nor AMQP answered. */
  async read(): Promise<QueueRound> {
    const at = Date.now();
    const round = (await this.fromManagement(at)) ?? (await this.fromAmqp(at));
    // Management depth counts unacked messages and AMQP's does not: no rate across a switch.
    const previous = this.previous?.source === round.source ? this.previous : undefined;
    const seconds = previous ? (at - previous.at) / 1000 : 0;
    for (const [name, reading] of Object.entries(round.queues)) {
      round.queues[name] = withNetRate(reading, previous?.queues[name], seconds);
    }
    this.previous = round;
    return round;
  }

  async close(): Promise<void> {
    await this.amqp.close();
  }

  private async fromManagement(at: number): Promise<QueueRound | undefined> {
    if (!this.api || at < this.managementDownUntil) return undefined;
    try {
      const [queues, consumerQueues] = await Promise.all([
        readManagementQueues(this.api, this.options.vhost),
        boundConsumerQueues(this.api, this.options.vhost),
      ]);
      this.managementError = null;
      return {
        at,
        source: 'management',
        consumerQueues,
        queues: Object.fromEntries(queues.map((q) => [q.name, q])),
        managementError: null,
      };
    } catch (error) {
      this.managementDownUntil = at + MANAGEMENT_RETRY_MS;
      this.managementError = error instanceof Error ? error.message : String(error);
      return undefined;
    }
  }

  private async fromAmqp(at: number): Promise<QueueRound> {
    const registered = registeredConsumerQueues();
    const names = registered.flatMap((queue) => [queue, consumerQueueNamed(queue).deadLetterQueue]);
    const states = await this.amqp.read(names);
    const queues: Record<string, QueueReading> = {};
    for (const [name, state] of states) {
      queues[name] = {
        name,
        ready: state.messages,
        unacked: null,
        messages: state.messages,
        consumers: state.consumers,
        publishRate: null,
        deliverRate: null,
        ackRate: null,
        netRate: null,
      };
    }
    return {
      at,
      source: 'amqp',
      consumerQueues: registered.filter((name) => states.has(name)),
      queues,
      managementError: this.managementError,
    };
  }
}
