import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import { Client } from 'pg';
import { parseDatabaseUrl } from './database-url';
import { ensureDatabase } from './ensure-database';
import {
  NO_FILTERS,
  readSchemaFolder,
  startSchemaEngine,
  type PrismaSchemaFile,
} from './schema-engine';

/** Where a service's Prisma schema and its migration history live. */
export interface ServiceSchemaPaths {
  /** Folder of .prisma files: the service's schema.prisma plus shared models. */
  schemaDir: string;
  migrationsDir: string;
}

/** `prismaDir` is the folder holding one sub-folder per service (the repo's `prisma/`). */
export function servicePrismaPaths(prismaDir: string, service: string): ServiceSchemaPaths {
  const dir = join(prismaDir, service);
  return { schemaDir: dir, migrationsDir: join(dir, 'migrations') };
}

/** Reads a Prisma migrations folder in the shape the schema engine expects. */
export function readMigrations(migrationsDir: string): MigrationList {
  const lockPath = join(migrationsDir, 'migration_lock.toml');
  const folders = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: folders.map((folder) => ({
      path: folder,
      migrationFile: {
        path: 'migration.sql',
        content: {
          tag: 'ok',
          value: readFileSync(join(migrationsDir, folder, 'migration.sql'), 'utf8'),
        },
      },
    })),
  };
}

/**
 * Applies pending migrations, exactly like `prisma migrate deploy` (same
 * `_prisma_migrations` table), but offline through the WASM schema engine.
 * A session-level advisory lock per schema makes concurrent starts safe: the
 * second instance waits, then finds nothing left to apply.
 */
export async function applyMigrations(
  databaseUrl: string,
  paths: ServiceSchemaPaths,
): Promise<string[]> {
  const target = parseDatabaseUrl(databaseUrl);
  const lock = new Client({ connectionString: target.connectionString });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [
      `dinner-rush:migrate:${target.schema}`,
    ]);
    const session = await startSchemaEngine(databaseUrl, readSchemaFolder(paths.schemaDir));
    try {
      const result = await session.engine.applyMigrations({
        migrationsList: readMigrations(paths.migrationsDir),
        filters: NO_FILTERS,
      });
      return result.appliedMigrationNames;
    } finally {
      await session.close();
    }
  } finally {
    await lock.end(); // ending the session releases the advisory lock
  }
}

/**
 * SQL that takes the `from` datamodel (or an empty schema) to the schema in
 * `schemaDir`. Computed from the models alone; the URL only names the schema.
 */
export async function diffSchemas(
  databaseUrl: string,
  schemaDir: string,
  from?: PrismaSchemaFile[],
): Promise<string> {
  const toFiles = readSchemaFolder(schemaDir);
  const session = await startSchemaEngine(databaseUrl, toFiles);
  try {
    const result = await session.engine.diff({
      from: from ? { tag: 'schemaDatamodel', files: from } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: toFiles },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? '';
  } finally {
    await session.close();
  }
}

/** Boot step for a service: apply its own migrations unless MIGRATE_ON_START is off. */
export async function migrateOnStart(settings: {
  service: string;
  databaseUrl: string;
  prismaDir: string;
  enabled: boolean;
}): Promise<void> {
  if (!settings.enabled) return;
  await ensureDatabase(settings.databaseUrl);
  const applied = await applyMigrations(
    settings.databaseUrl,
    servicePrismaPaths(settings.prismaDir, settings.service),
  );
  if (applied.length > 0)
    console.log(`[${settings.service}] applied migrations: ${applied.join(', ')}`);
}
