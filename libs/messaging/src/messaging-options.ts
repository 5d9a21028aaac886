import type { Pool } from 'pg';
import type { OutboxArchive } from './outbox/outbox-store';
import type { BrokerSettings } from './topology/rabbit-config';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface OutboxSettings {
  /** The service's own pool (the one its writers use): it keys the in-process hand-over. */
  pool: Pool;
  pollIntervalMs: number;
  batchSize?: number;
  /** Keep sent rows (for replays) instead of deleting them. */
  archive?: OutboxArchive;
  /**
   * Routing keys whose messages may find no queue and still count as sent:
   * a second version published beside the first, which its copy in the
   * first version already delivers (see ReturnedMessages). Empty by default:
   * an unroutable message is a failure, retried.
   */
  mayFindNoQueue?: readonly string[];
}

/** How work-queue messages are grouped (see MessageBatcher). */
export interface ConsumerBatchSettings {
  size: number;
  lingerMs: number;
}

export interface MessagingModuleOptions extends BrokerSettings {
  /** Present when the service publishes through its own outbox (all of ours do). */
  outbox?: OutboxSettings;
  /** Simulated work per consumed message at boot (WORK_TIME_MS); ConsumerPace changes it live. */
  workTimeMs?: number;
  /** Batch size and linger of every batch consumer; defaults in DEFAULT_CONSUMER_BATCH. */
  batch?: ConsumerBatchSettings;
}

export const DEFAULT_CONSUMER_BATCH: ConsumerBatchSettings = { size: 50, lingerMs: 20 };
