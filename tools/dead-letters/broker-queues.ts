import { brokerVhost } from '@dinner-rush/messaging';
import { ManagementApi, vhostPath } from '@dinner-rush/pipeline-stats';

/** The names of the queues in one vhost, from the management HTTP API (AMQP cannot list queues). */
export async function listQueueNames(managementUrl: string, vhost: string): Promise<string[]> {
  const queues = await new ManagementApi(managementUrl, { timeoutMs: 30_000 }).getJson<
    { name: string }[]
  >(`/queues/${vhostPath(vhost)}?columns=name`);
  return queues.map((q) => q.name);
}

/** The vhost an AMQP URL (or a cluster's list of them) names ("/" when it names none). */
export const vhostOf = brokerVhost;
