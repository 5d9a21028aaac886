import { join } from 'node:path';
import { ensureDatabase, applyMigrations, servicePrismaPaths } from '@dinner-rush/database';
import { SERVICE_SCHEMAS, type ServiceName } from './services';

/**
 * npm run db:migrate [-- <service>]
 * Applies each service's migrations to its DATABASE_URL (env
 * `<SERVICE>_DATABASE_URL`, else the local default), offline, like
 * `prisma migrate deploy`. Services also do this themselves at boot.
 */
async function main(): Promise<void> {
  const only = process.argv[2];
  const services = (Object.keys(SERVICE_SCHEMAS) as ServiceName[]).filter(
    (s) => !only || s === only,
  );
  for (const service of services) {
    const envName = `${service.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;
    const url =
      process.env[envName] ??
      `postgresql://root@127.0.0.1:5432/dinner_rush?schema=${SERVICE_SCHEMAS[service]}`;
    await ensureDatabase(url);
    const applied = await applyMigrations(
      url,
      servicePrismaPaths(join(process.cwd(), 'prisma'), service),
    );
    console.log(`${service}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
