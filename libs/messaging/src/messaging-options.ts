import type { BrokerSettings } from './topology/rabbit-config';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface OutboxSettings {
  databaseUrl: string;
  pollIntervalMs: number;
  batchSize?: number;
  leaseMs?: number;
  publishTimeoutMs?: number;
}

export interface MessagingModuleOptions extends BrokerSettings {
  /** Present when the service publishes through its own outbox (all of ours do). */
  outbox?: OutboxSettings;
  /** Simulated work per consumed message at boot (WORK_TIME_MS); ConsumerPace changes it live. */
  workTimeMs?: number;
}
