import type { QueueSource } from '@dinner-rush/pipeline-stats';
import type { IntakeWindow } from './intake-latency';
import type { OrderRow } from './order-timelines';
import type { RidersView } from './waiting-line';

/** One consumer work queue as the page shows it, its replicas taken together. */
export interface ConsumerView {
  queue: string;
  /** The owner, by the queue's name (`<service>.<purpose>`). */
  service: string;
  /** Replicas the dashboard reaches over HTTP (the *_URL settings, SERVICE_URLS), and how many answer. */
  replicas: number;
  replicasUp: number;
  /** Ready plus unacked; ready only when read over AMQP (unacked is then null). */
  messages: number;
  unacked: number | null;
  /** Consumers on the queue as the broker counts them: every replica's. */
  consumers: number;
  /** Published per second (management API only). */
  publishRate: number | null;
  /** Acknowledged per second, or how fast the depth fell (see pipeline-stats' drainRate). */
  drainRate: number;
  deadLetters: number;
  /** Replicas whose consumer of this queue is paused; null when none exposes the admin API. */
  paused: number | null;
  workTimeMs: number | null;
  /** Resident memory of the replicas that answer, added up. */
  rssBytes: number | null;
}

export interface SpikeView {
  running: boolean;
  planned: number;
  sent: number;
  accepted: number;
  failed: number;
}

/** Everything the page needs, pushed once per poll. */
export interface Snapshot {
  at: string;
  intake: IntakeWindow & { acceptedTotal: number; orderServiceUp: boolean };
  consumers: ConsumerView[];
  broker: {
    up: boolean;
    /** Where the queue figures came from this time. */
    source: QueueSource | null;
    error: string | null;
    /** Why the management API was not used (the page says figures are AMQP's). */
    managementError: string | null;
  };
  riders: RidersView | null;
  orders: OrderRow[];
  endToEnd: { p50Ms: number; p95Ms: number; orders: number } | null;
  trialBalance: { debitCents: number; creditCents: number; balanced: boolean } | null;
  spike: SpikeView;
}
