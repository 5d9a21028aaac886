import { management } from '../broker-management';

/** The names of the queues in one vhost, from the management HTTP API (AMQP cannot list queues). */
export async function listQueueNames(managementUrl: string, vhost: string): Promise<string[]> {
  const body = await management(
    managementUrl,
    'GET',
    `/queues/${encodeURIComponent(vhost)}?columns=name`,
  );
  return (JSON.parse(body) as { name: string }[]).map((q) => q.name);
}

/** The vhost an AMQP URL names ("/" when it names none). */
export function vhostOf(amqpUrl: string): string {
  const path = new URL(amqpUrl).pathname;
  return path.length > 1 ? decodeURIComponent(path.slice(1)) : '/';
}
