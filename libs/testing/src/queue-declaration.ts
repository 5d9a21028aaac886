import { ManagementApi, vhostPath } from '@dinner-rush/pipeline-stats';
import { readInfraFromEnv } from './infra';

/** How the broker holds a queue: what its declaration asked for. */
export interface QueueDeclaration {
  durable: boolean;
  auto_delete: boolean;
  exclusive: boolean;
  arguments: Record<string, unknown>;
}

/**
 * A queue as the broker reports it (management API), in the vhost of `amqpUrl`:
 * checks what a service really declared, not what its code meant to.
 */
export async function queueDeclaration(amqpUrl: string, queue: string): Promise<QueueDeclaration> {
  const path = new URL(amqpUrl).pathname;
  const vhost = path.length > 1 ? decodeURIComponent(path.slice(1)) : '/';
  const api = new ManagementApi(readInfraFromEnv().rabbitmqManagementUrl, { timeoutMs: 5_000 });
  const body = await api.text('GET', `/queues/${vhostPath(vhost)}/${encodeURIComponent(queue)}`);
  const { durable, auto_delete, exclusive, arguments: args } = JSON.parse(body) as QueueDeclaration;
  return { durable, auto_delete, exclusive, arguments: args };
}
