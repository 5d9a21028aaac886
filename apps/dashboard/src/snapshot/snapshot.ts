import type { IntakeWindow } from './intake-latency';
import type { OrderRow } from './order-timelines';

/** One consumer service's queue as the page shows it. */
export interface ConsumerView {
  service: string;
  queue: string;
  up: boolean;
  ready: number;
  unacked: number;
  consumers: number;
  publishRate: number;
  /** Acknowledged per second: how fast the consumer drains its queue. */
  ackRate: number;
  deadLetters: number;
  paused: boolean | null;
  workTimeMs: number | null;
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
  broker: { up: boolean; error: string | null };
  orders: OrderRow[];
  endToEnd: { p50Ms: number; p95Ms: number; orders: number } | null;
  trialBalance: { debitCents: number; creditCents: number; balanced: boolean } | null;
  spike: SpikeView;
}
