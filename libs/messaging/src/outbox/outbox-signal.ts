import type { Pool } from 'pg';
import type { OutboxEntry } from './outbox-entry';

/** What a writer hands its relay after COMMIT. */
export interface CommittedOutbox {
  /** Rows the writer claimed at insert: the relay publishes them now. */
  claimed: readonly OutboxEntry[];
  /** Rows left for the relay's claim (an earlier row of their order was still unsent). */
  unclaimed: number;
}

type Listener = (committed: CommittedOutbox) => void;

/**
 * Hands committed outbox rows to the relay of the same database in this
 * process: no claim query, no NOTIFY (PostgreSQL serialises every committing
 * transaction that sent one on one database-wide lock, held through its WAL
 * flush). Keyed by the pool the rows were written through, so several
 * services booted in one process (tests) never publish each other's rows.
 * Rows another process left behind (it died before publishing) wait out
 * their lease and are found by the relay's poll.
 */
const listeners = new Map<Pool, Set<Listener>>();

/** Registers a relay for the rows written through `pool`; returns the unregister call. */
export function onOutboxCommitted(pool: Pool, listener: Listener): () => void {
  const forPool = listeners.get(pool) ?? new Set<Listener>();
  forPool.add(listener);
  listeners.set(pool, forPool);
  return () => {
    forPool.delete(listener);
    if (forPool.size === 0) listeners.delete(pool);
  };
}

/** Call after the COMMIT of a transaction that added outbox rows, never before. */
export function outboxCommitted(pool: Pool, committed: CommittedOutbox): void {
  for (const listener of listeners.get(pool) ?? []) listener(committed);
}
