import { join } from 'node:path';
import { ensureDatabase, applyMigrations, servicePrismaPaths } from '@dinner-rush/database';
import { redactUrlCredentials } from '@dinner-rush/service-kit';
import { SERVICE_SCHEMAS, type ServiceName } from './services';

/**
 * `dinner-rush db:migrate [service]`: applies each service's migrations (or
 * one's) to its DATABASE_URL (env `<SERVICE>_DATABASE_URL`, else the local
 * default), offline, like `prisma migrate deploy`. Services also do this
 * themselves at boot.
 */
export async function migrateServices(only?: ServiceName): Promise<void> {
  const services = (Object.keys(SERVICE_SCHEMAS) as ServiceName[]).filter(
    (s) => !only || s === only,
  );
  for (const service of services) {
    const envName = `${service.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;
    const url =
      process.env[envName] ??
      `postgresql://root@127.0.0.1:5432/dinner_rush?schema=${SERVICE_SCHEMAS[service]}`;
    const applied = await migrate(url, service).catch((error: unknown) => {
      throw new Error(
        `${service}: migrating ${redactUrlCredentials(url)} failed: ` +
          (error instanceof Error ? error.message : String(error)),
        { cause: error },
      );
    });
    console.log(`${service}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
  }
}

async function migrate(url: string, service: ServiceName): Promise<string[]> {
  await ensureDatabase(url);
  return applyMigrations(url, servicePrismaPaths(join(process.cwd(), 'prisma'), service));
}
