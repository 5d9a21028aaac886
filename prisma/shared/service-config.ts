import { join } from 'node:path';
import { defineConfig, env } from 'prisma/config';

/**
 * Prisma CLI configuration for one service's folder, for machines that can
 * download Prisma's native schema engine:
 *   DATABASE_URL=postgresql://…/dinner_rush?schema=<schema> \
 *     npx prisma migrate deploy --config prisma/<service>/prisma.config.ts
 * Offline, `npm run db:migrate` applies the same migration folders through the
 * WASM engine and records them in the same `_prisma_migrations` table.
 */
export function serviceConfig(serviceDir: string) {
  return defineConfig({
    schema: serviceDir,
    migrations: { path: join(serviceDir, 'migrations') },
    datasource: { url: env('DATABASE_URL') },
  });
}
