/** One queue as the RabbitMQ management API reports it (it refreshes these every few seconds). */
export interface QueueSample {
  name: string;
  /** Ready plus unacknowledged: everything the queue still owes its consumers. */
  messages: number;
  ready: number;
  unacked: number;
  consumers: number;
  publishRate: number;
  deliverRate: number;
  ackRate: number;
}

interface ManagementQueue {
  name: string;
  messages?: number;
  messages_ready?: number;
  messages_unacknowledged?: number;
  consumers?: number;
  message_stats?: {
    publish_details?: { rate: number };
    deliver_get_details?: { rate: number };
    ack_details?: { rate: number };
  };
}

/**
 * Every queue of a vhost with its depth and rates, in one GET /api/queues/<vhost>
 * (used by the load generator's sampler and the dashboard). Credentials come from
 * the URL (fetch refuses them inline) unless given apart.
 */
export async function readQueues(
  managementUrl: string,
  vhost: string,
  credentials?: { user: string; password: string },
): Promise<QueueSample[]> {
  const base = new URL(managementUrl);
  const user = credentials?.user ?? (decodeURIComponent(base.username) || 'guest');
  const password = credentials?.password ?? (decodeURIComponent(base.password) || 'guest');
  const auth = Buffer.from(`${user}:${password}`).toString('base64');
  const url = `${base.origin}/api/queues/${encodeURIComponent(vhost)}`;
  const response = await fetch(url, {
    headers: { authorization: `Basic ${auth}` },
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok)
    throw new Error(`RabbitMQ management API answered ${response.status} for ${url}`);
  const queues = (await response.json()) as ManagementQueue[];
  return queues.map((queue) => ({
    name: queue.name,
    messages: queue.messages ?? 0,
    ready: queue.messages_ready ?? 0,
    unacked: queue.messages_unacknowledged ?? 0,
    consumers: queue.consumers ?? 0,
    publishRate: queue.message_stats?.publish_details?.rate ?? 0,
    deliverRate: queue.message_stats?.deliver_get_details?.rate ?? 0,
    ackRate: queue.message_stats?.ack_details?.rate ?? 0,
  }));
}
