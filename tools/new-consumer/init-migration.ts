import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffSchemas, servicePrismaPaths } from '@dinner-rush/database';
import type { ConsumerNames } from './consumer-names';

/**
 * Writes prisma/<name>/migrations/<timestamp>_init: the SQL that builds the
 * new schema from empty (the WASM schema engine's diff, as `npm run
 * db:migration` does). Returns the files written.
 */
export async function writeInitMigration(root: string, names: ConsumerNames): Promise<string[]> {
  const paths = servicePrismaPaths(join(root, 'prisma'), names.name);
  // The engine opens a connection even for a pure diff; any reachable server will do.
  const server = process.env.DATABASE_URL ?? 'postgresql://root@127.0.0.1:5432/postgres';
  const sql = await diffSchemas(`${server.split('?')[0]}?schema=${names.schema}`, paths.schemaDir);
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = join(paths.migrationsDir, `${stamp}_init`);
  mkdirSync(dir, { recursive: true });
  const migration = join(dir, 'migration.sql');
  const lock = join(paths.migrationsDir, 'migration_lock.toml');
  writeFileSync(migration, sql);
  writeFileSync(lock, 'provider = "postgresql"\n');
  return [migration, lock];
}
