import { Gauge } from 'prom-client';

/** Anything that runs SQL: each service's Prisma client. */
export interface OutboxReader {
  $queryRawUnsafe(sql: string): Promise<unknown>;
}

interface OutboxLag {
  pending: number;
  oldestAgeSeconds: number;
}

const LAG_SQL = `SELECT count(*)::int AS pending,
                        coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS age
                   FROM outbox`;

const readers = new Set<OutboxReader>();
let inFlight: Promise<OutboxLag> | undefined;

/**
 * How far the relay is behind, read at scrape time from the outbox itself
 * (a row leaves it at most ~200 ms after its confirm, see OutboxRelay): a
 * growing count or age means the broker
 * is away or confirms are slow, while orders are still being accepted.
 */
export const outboxPendingMessages = new Gauge({
  name: 'outbox_pending_messages',
  help: 'Outbox rows not yet confirmed by the broker',
  async collect() {
    this.set((await lagForThisScrape()).pending);
  },
});

export const outboxOldestPendingAge = new Gauge({
  name: 'outbox_oldest_pending_age_seconds',
  help: 'Age of the oldest outbox row not yet confirmed by the broker (0 when none)',
  async collect() {
    this.set((await lagForThisScrape()).oldestAgeSeconds);
  },
});

/** Both gauges are collected concurrently by one scrape: they share one query. */
function lagForThisScrape(): Promise<OutboxLag> {
  inFlight ??= readLag().finally(() => {
    inFlight = undefined;
  });
  return inFlight;
}

async function readLag(): Promise<OutboxLag> {
  const lag = { pending: 0, oldestAgeSeconds: 0 };
  for (const reader of readers) {
    try {
      const rows = (await reader.$queryRawUnsafe(LAG_SQL)) as { pending: number; age: number }[];
      lag.pending += Number(rows[0]?.pending ?? 0);
      lag.oldestAgeSeconds = Math.max(lag.oldestAgeSeconds, Number(rows[0]?.age ?? 0));
    } catch {
      // Database away: the scrape still answers; /health reports the outage.
    }
  }
  return lag;
}

/** Registers a service's database for the outbox lag gauges; returns the unregister call. */
export function watchOutboxLag(reader: OutboxReader): () => void {
  readers.add(reader);
  return () => readers.delete(reader);
}
