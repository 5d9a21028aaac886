import { vhostPath, type ManagementApi } from './management-api';
import type { QueueReading } from './queue-reading';

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

/** Only what a reading needs: a vhost with many queues answers in a fraction of the full size. */
const COLUMNS = [
  'name',
  'messages',
  'messages_ready',
  'messages_unacknowledged',
  'consumers',
  'message_stats.publish_details.rate',
  'message_stats.deliver_get_details.rate',
  'message_stats.ack_details.rate',
].join(',');

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * Every queue of a vhost with depth and rates in one GET. The broker refreshes
 * these figures every statistics interval (5 s by default), so they lag.
 */
export async function readManagementQueues(
  api: ManagementApi,
  vhost: string,
): Promise<QueueReading[]> {
  const queues = await api.getJson<ManagementQueue[]>(
    `/queues/${vhostPath(vhost)}?columns=${COLUMNS}`,
  );
  return queues.map((queue) => {
    const rate = (details?: { rate: number }) => round1(details?.rate ?? 0);
    return {
      name: queue.name,
      ready: queue.messages_ready ?? 0,
      unacked: queue.messages_unacknowledged ?? 0,
      messages: queue.messages ?? 0,
      consumers: queue.consumers ?? 0,
      publishRate: rate(queue.message_stats?.publish_details),
      deliverRate: rate(queue.message_stats?.deliver_get_details),
      ackRate: rate(queue.message_stats?.ack_details),
      netRate: null,
    };
  });
}
