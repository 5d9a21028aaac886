import { join } from 'node:path';
import { applyMigrations, ensureDatabase, servicePrismaPaths } from '@dinner-rush/database';
import { Client } from 'pg';
import { passwordVariable, requireEnv } from './broker-credentials';
import { roleName, serviceRoleSql } from './db-roles-sql';
import { SERVICE_SCHEMAS, type ServiceName } from './services';

export interface RolesOptions {
  /** A superuser (or the database owner) on the pipeline's database. */
  adminUrl: string;
  passwordOf(service: ServiceName): string;
  /** Prepended to role names (tests: roles are cluster-global). */
  rolePrefix?: string;
  /** Then apply each service's migrations, connected as its own role. */
  migrate?: boolean;
}

/** Gives every service its role and schema; returns each service's DATABASE_URL as that role. */
export async function applyServiceRoles(
  options: RolesOptions,
): Promise<Record<ServiceName, string>> {
  await ensureDatabase(options.adminUrl);
  const database = decodeURIComponent(new URL(options.adminUrl).pathname.slice(1));
  const urls = {} as Record<ServiceName, string>;
  const admin = new Client({ connectionString: options.adminUrl });
  await admin.connect();
  try {
    for (const [service, schema] of Object.entries(SERVICE_SCHEMAS) as [ServiceName, string][]) {
      const role = roleName(service, options.rolePrefix);
      const password = options.passwordOf(service);
      await admin.query(serviceRoleSql({ role, schema, database, password }));
      const url = new URL(options.adminUrl);
      url.username = encodeURIComponent(role);
      url.password = encodeURIComponent(password);
      url.searchParams.set('schema', schema);
      urls[service] = url.toString();
    }
  } finally {
    await admin.end();
  }
  if (options.migrate)
    for (const [service, url] of Object.entries(urls) as [ServiceName, string][])
      await applyMigrations(url, servicePrismaPaths(join(process.cwd(), 'prisma'), service));
  return urls;
}

/**
 * `dinner-rush db:roles [--migrate]`: one login role per service
 * (`order_service`, `rider_assignment`, …) owning its schema and nothing else,
 * on DATABASE_ADMIN_URL (default the local dinner_rush database as root).
 * Passwords from `<SERVICE>_DB_PASSWORD`. With `migrate`, each service's
 * migrations then run as its own role (compose does this before the services
 * start).
 */
export async function applyRolesFromEnv(migrate: boolean): Promise<void> {
  const services = Object.keys(SERVICE_SCHEMAS) as ServiceName[];
  const secrets = requireEnv(services.map((s) => passwordVariable(s, 'DB')));
  await applyServiceRoles({
    adminUrl: process.env.DATABASE_ADMIN_URL ?? 'postgresql://root@127.0.0.1:5432/dinner_rush',
    passwordOf: (service) => secrets[passwordVariable(service, 'DB')] ?? '',
    migrate,
  });
  for (const service of services)
    console.log(`${service}: role ${roleName(service)} owns schema ${SERVICE_SCHEMAS[service]}`);
}
