import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { diffSchemas, servicePrismaPaths, type PrismaSchemaFile } from '@dinner-rush/database';
import { SERVICE_SCHEMAS, type ServiceName } from './services';

/**
 * `dinner-rush db:migration <service> <name>`:
 * Writes prisma/<service>/migrations/<timestamp>_<name>/migration.sql offline:
 * the SQL that takes the schema as last committed (git HEAD) to the schema in
 * the work tree. With internet, `prisma migrate dev` does the same job.
 * The schema-drift test fails if the result does not match the schema.
 */
export async function writeMigration(service: ServiceName, migrationName: string): Promise<void> {
  const name = migrationName.replace(/[^a-z0-9_]/gi, '_');
  const paths = servicePrismaPaths(join(process.cwd(), 'prisma'), service);
  const previous = committedSchema(paths.schemaDir);
  // The engine opens a connection even for a pure diff; any reachable server will do.
  const server = process.env.DATABASE_URL ?? 'postgresql://root@127.0.0.1:5432/postgres';
  const url = `${server.split('?')[0]}?schema=${SERVICE_SCHEMAS[service]}`;
  const sql = await diffSchemas(url, paths.schemaDir, previous);
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.log('schema unchanged: no migration written');
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = join(paths.migrationsDir, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'migration.sql'), sql);
  console.log(`wrote ${dir}/migration.sql`);
}

/** The schema folder as of HEAD, or undefined (diff from empty) when it was never committed. */
function committedSchema(schemaDir: string): PrismaSchemaFile[] | undefined {
  try {
    const files = execFileSync('git', ['ls-tree', '--name-only', 'HEAD', `${schemaDir}/`], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter((path) => path.endsWith('.prisma'));
    if (files.length === 0) return undefined;
    return files.map((path) => ({
      path: join(process.cwd(), path),
      content: gitShow(path),
    }));
  } catch {
    return undefined;
  }
}

function gitShow(path: string): string {
  const content = execFileSync('git', ['show', `HEAD:${path}`], { encoding: 'utf8' });
  // A committed symlink shows its target path: read the shared file it points at, as committed.
  if (content.includes('\n') || content.includes('model ')) return content;
  return gitShow(posix.normalize(posix.join(posix.dirname(path), content.trim())));
}
