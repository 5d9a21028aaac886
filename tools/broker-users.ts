import { management } from './broker-management';
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
  await management(managementUrl, 'POST', '/definitions', definitions);
}

/**
 * npm run broker:users
 * Gives a running broker (RABBITMQ_MANAGEMENT_URL, default the local one as
 * guest) the same per-service users, permissions and topology as compose, in
 * RABBITMQ_VHOST (default '/'). Passwords from `<SERVICE>_RABBITMQ_PASSWORD`.
 * Then start a service with RABBITMQ_URL=amqp://<service>:<password>@…
 * and RABBITMQ_TOPOLOGY=provisioned.
 */
async function main(): Promise<void> {
  const managementUrl = process.env.RABBITMQ_MANAGEMENT_URL ?? 'http://guest:guest@127.0.0.1:15672';
  const definitions = renderedDefinitions(false);
  await applyDefinitions(managementUrl, definitions);
  for (const p of definitions.permissions)
    console.log(
      `${p.user} on ${p.vhost}: configure ${p.configure}  write ${p.write}  read ${p.read}`,
    );
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
