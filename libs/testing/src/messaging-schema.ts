import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffSchemas } from '@dinner-rush/database';
import { runSql } from './schema-catalog';
import { REPO_ROOT } from './test-database';

/**
 * The shared messaging tables alone (outbox, inbox), built from
 * prisma/shared like every service's, for tests of libs/messaging.
 */
export async function createMessagingSchema(databaseUrl: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'messaging-schema-'));
  try {
    writeFileSync(join(dir, 'schema.prisma'), 'datasource db {\n  provider = "postgresql"\n}\n');
    copyFileSync(join(REPO_ROOT, 'prisma/shared/messaging.prisma'), join(dir, 'messaging.prisma'));
    await runSql(databaseUrl, await diffSchemas(databaseUrl, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
