import type { DashboardConfig } from '../config';
import { readQueues } from '@dinner-rush/audit';

/** What the management API says about one queue. */
export interface QueueStats {
  name: string;
  ready: number;
  unacked: number;
  consumers: number;
  /** Messages per second into the queue, and acknowledged out of it (the drain rate). */
  publishRate: number;
  ackRate: number;
}

/** Reads every queue of the services' vhost in one call to RabbitMQ's management API. */
export class BrokerStats {
  constructor(private readonly config: DashboardConfig) {}

  async queues(): Promise<Map<string, QueueStats>> {
    const queues = await readQueues(
      this.config.RABBITMQ_MANAGEMENT_URL,
      this.config.RABBITMQ_VHOST,
      {
        user: this.config.RABBITMQ_MANAGEMENT_USER,
        password: this.config.RABBITMQ_MANAGEMENT_PASSWORD,
      },
    );
    return new Map(
      queues.map((q) => [
        q.name,
        {
          name: q.name,
          ready: q.ready,
          unacked: q.unacked,
          consumers: q.consumers,
          publishRate: round(q.publishRate),
          ackRate: round(q.ackRate),
        },
      ]),
    );
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
