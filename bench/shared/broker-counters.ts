import { ManagementApi, metricSum, vhostPath } from '@dinner-rush/pipeline-stats';
import { readInfraFromEnv, readMetricsText } from '@dinner-rush/testing';

/** Messages the broker moved so far (cumulative counters). */
export interface BrokerCounts {
  publish: number;
  /** Deliveries to consumers (deliver_get), or messages the services' handlers took. */
  deliver: number;
  /** Only the management API knows these. */
  ack: number | null;
  confirm: number | null;
  redeliver: number | null;
}

export interface BrokerCounter {
  /** Where the figures come from, for the output. */
  source: string;
  /** The counters once they have stopped moving (call when no message is in flight). */
  settled(): Promise<BrokerCounts>;
}

export const MANAGEMENT_SOURCE = 'RabbitMQ management API (the vhost message_stats)';
export const METRICS_SOURCE =
  "the services' GET /metrics (outbox_published_total, messages_handled_total): the management API did not answer";

/** The management API publishes statistics every 5 s: unchanged over longer than that means settled. */
const MANAGEMENT_QUIET_MS = 6_000;
const MANAGEMENT_SETTLE_TIMEOUT_MS = 60_000;

/**
 * The vhost's own counters from the management API when the plugin is on;
 * otherwise what the services count themselves: each relay's confirmed
 * publishes and each consumer's handled messages (whatever the outcome, so a
 * redelivery counts as a delivery, as the broker would count it).
 */
export async function openBrokerCounter(
  vhost: string,
  serviceUrls: readonly string[],
  operatorToken: () => Promise<string>,
): Promise<BrokerCounter> {
  const management = await readVhostStats(vhost).catch(() => undefined);
  if (management) {
    return { source: MANAGEMENT_SOURCE, settled: () => settle(() => readVhostStats(vhost)) };
  }
  return {
    source: METRICS_SOURCE,
    settled: async () => readServiceMetrics(serviceUrls, await operatorToken()),
  };
}

async function settle(read: () => Promise<BrokerCounts>): Promise<BrokerCounts> {
  const deadline = Date.now() + MANAGEMENT_SETTLE_TIMEOUT_MS;
  let last = await read();
  let since = Date.now();
  while (Date.now() - since < MANAGEMENT_QUIET_MS && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = await read();
    if (JSON.stringify(now) !== JSON.stringify(last)) since = Date.now();
    last = now;
  }
  return last;
}

interface VhostStats {
  message_stats?: Partial<
    Record<'publish' | 'deliver_get' | 'ack' | 'confirm' | 'redeliver', number>
  >;
}

async function readVhostStats(vhost: string): Promise<BrokerCounts> {
  const api = new ManagementApi(readInfraFromEnv().rabbitmqManagementUrl, { timeoutMs: 5_000 });
  const stats = (await api.getJson<VhostStats>(`/vhosts/${vhostPath(vhost)}`)).message_stats ?? {};
  return {
    publish: stats.publish ?? 0,
    deliver: stats.deliver_get ?? 0,
    ack: stats.ack ?? 0,
    confirm: stats.confirm ?? 0,
    redeliver: stats.redeliver ?? 0,
  };
}

/** Exact at once: each service counts in-process, and none is in flight when this is called. */
async function readServiceMetrics(
  serviceUrls: readonly string[],
  operatorToken: string,
): Promise<BrokerCounts> {
  const texts = await Promise.all(serviceUrls.map((url) => readMetricsText(url, operatorToken)));
  const sum = (metric: string) =>
    texts.reduce((total, text) => total + (metricSum(text, metric) ?? 0), 0);
  return {
    publish: sum('outbox_published_total'),
    deliver: sum('messages_handled_total'),
    ack: null,
    confirm: null,
    redeliver: null,
  };
}
