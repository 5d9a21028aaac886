import { ManagementApi } from '@dinner-rush/pipeline-stats';
import { redactUrlCredentials } from '@dinner-rush/service-kit';
import { renderedDefinitions } from './broker-definitions';
import type { BrokerDefinitions } from './broker-definitions-builder';

/**
 * Imports definitions through the management API: users (with their hashes),
 * permissions and the durable topology. Idempotent: re-importing updates users
 * and permissions and leaves existing queues and exchanges as they are.
 */
export async function applyDefinitions(
  managementUrl: string,
  definitions: BrokerDefinitions,
): Promise<void> {
  await new ManagementApi(managementUrl, { timeoutMs: 30_000 }).text(
    'POST',
    '/definitions',
    definitions,
  );
}

/**
 * `dinner-rush broker:users`: gives a running broker the same per-service
 * users, permissions and topology as compose, in RABBITMQ_VHOST (default '/').
 * Passwords from `<SERVICE>_RABBITMQ_PASSWORD`. Then start a service with
 * RABBITMQ_URL=amqp://<service>:<password>@… and RABBITMQ_TOPOLOGY=provisioned.
 */
export async function applyBrokerUsers(managementUrl: string): Promise<void> {
  const definitions = renderedDefinitions(false);
  await applyDefinitions(managementUrl, definitions).catch((error: unknown) => {
    throw new Error(
      `importing definitions through the management API at ${redactUrlCredentials(managementUrl)} ` +
        `failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  });
  for (const p of definitions.permissions)
    console.log(
      `${p.user} on ${p.vhost}: configure ${p.configure}  write ${p.write}  read ${p.read}`,
    );
}
