import { Queues, serviceOfQueue } from '@dinner-rush/contracts';
import { passwordVariable } from '../broker-credentials';
import { roleName } from '../db-roles-sql';
import { SERVICE_SCHEMAS } from '../services';
import { PIPELINE_APPS } from '../supervisor/pipeline-apps';

/** One deployable app as the cluster sees it, read from the maps the scaffold extends. */
export interface K8sApp {
  name: string;
  port: number;
  /** Consumes work queues: scaled on their depth by KEDA. */
  consumer: boolean;
  /** Its PostgreSQL role and where its password is (absent: no database, the dashboard). */
  database?: { role: string; passwordKey: string };
  /** Its RabbitMQ user (the service's name) and where its password is. */
  broker?: { user: string; passwordKey: string };
  /** The work queues it scales on: its own queues in the contracts' registry. */
  queues: string[];
}

/** What the app map is built from; the defaults are the repository's own maps. */
export interface AppSources {
  apps: readonly { name: string; port: number; consumer: boolean }[];
  schemas: Readonly<Record<string, string>>;
  queues: readonly string[];
}

export const REPOSITORY_SOURCES: AppSources = {
  // The dev issuer is for `npm start` only: a cluster trusts a real OpenID provider.
  apps: PIPELINE_APPS.filter((app) => !('devOnly' in app && app.devOnly)),
  schemas: SERVICE_SCHEMAS,
  queues: Object.values(Queues).map((q) => q.queue),
};

/**
 * Every app `npm start` runs (tools/supervisor/pipeline-apps.ts), with its
 * database role when it has a schema (libs/database/src/service-schemas.ts;
 * every such service also has a broker user of its own name, which
 * tools/broker-definitions.spec.ts checks) and its work queues (the contracts'
 * Queues registry). `npm run new:consumer` adds a line to each, so a new
 * consumer gets its manifests from `npm run k8s:render` with no edit here.
 */
export function k8sApps(sources: AppSources = REPOSITORY_SOURCES): K8sApp[] {
  return sources.apps.map(({ name, port, consumer }) => {
    const hasSchema = name in sources.schemas;
    const queues = sources.queues.filter((queue) => serviceOfQueue(queue) === name);
    if (consumer && (!hasSchema || queues.length === 0))
      throw new Error(`consumer ${name} needs a schema and a queue in the registry to deploy`);
    return {
      name,
      port,
      consumer,
      ...(hasSchema
        ? {
            database: { role: roleName(name), passwordKey: passwordVariable(name, 'DB') },
            broker: { user: name, passwordKey: passwordVariable(name, 'RABBITMQ') },
          }
        : {}),
      queues: consumer ? queues : [],
    };
  });
}
