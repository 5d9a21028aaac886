import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildDefinitions,
  MONITOR_USER,
  type BrokerDefinitions,
} from './broker-definitions-builder';
import { passwordVariable, requireEnv } from './broker-credentials';
import { BROKER_SERVICES } from './broker-services';

/** Relative to the repository root (npm scripts run there). */
export const DEFINITIONS_PATH = join(process.cwd(), 'deploy/rabbitmq/definitions.json');

/** The committed file: topology, users and permissions, no password hashes. */
export function committedDefinitions(): string {
  const json = JSON.stringify(buildDefinitions(), null, 2);
  // Short lists of strings (user tags) on one line, as Prettier keeps them.
  const inline = json.replace(/\[\n(?:\s+"[^"\n]*",?\n)+\s+\]/g, (list) =>
    JSON.stringify(JSON.parse(list) as string[]).replace(/","/g, '", "'),
  );
  return `${inline}\n`;
}

/**
 * The same definitions with password hashes from `<SERVICE>_RABBITMQ_PASSWORD`
 * (and MONITOR_RABBITMQ_PASSWORD for the dashboard's monitoring user).
 * With `withAdmin` (compose, where no guest exists) also the operator named by
 * RABBITMQ_USER / RABBITMQ_PASSWORD, for the management UI.
 */
export function renderedDefinitions(withAdmin: boolean, env = process.env): BrokerDefinitions {
  const services = Object.keys(BROKER_SERVICES);
  const secrets = requireEnv(
    [
      ...[...services, MONITOR_USER].map((s) => passwordVariable(s, 'RABBITMQ')),
      ...(withAdmin ? ['RABBITMQ_USER', 'RABBITMQ_PASSWORD'] : []),
    ],
    env,
  );
  return buildDefinitions({
    vhost: env.RABBITMQ_VHOST ?? '/',
    passwordOf: (user) => secrets[passwordVariable(user, 'RABBITMQ')],
    ...(withAdmin
      ? { admin: { name: secrets.RABBITMQ_USER ?? '', password: secrets.RABBITMQ_PASSWORD ?? '' } }
      : {}),
  });
}

/** `dinner-rush broker:definitions`: rewrites deploy/rabbitmq/definitions.json from the code. */
export function writeCommittedDefinitions(): void {
  writeFileSync(DEFINITIONS_PATH, committedDefinitions());
  console.log(`wrote ${DEFINITIONS_PATH}`);
}

/**
 * `dinner-rush broker:definitions --render <file>`: the definitions with
 * password hashes from the environment (compose's broker-definitions step;
 * RabbitMQ loads the file at boot).
 */
export function renderDefinitionsTo(file: string): void {
  writeFileSync(file, JSON.stringify(renderedDefinitions(true)), { mode: 0o644 });
  console.log(
    `broker definitions with ${Object.keys(BROKER_SERVICES).length} service users written to ${file}`,
  );
}
