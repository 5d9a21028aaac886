import { randomBytes } from 'node:crypto';
import { basename, dirname, resolve } from 'node:path';
import { applyMigrations, servicePrismaPaths, withDatabaseName } from '@dinner-rush/database';
import { Client } from 'pg';
import { readInfraFromEnv } from './infra';

// From libs/testing/src, or from dist/libs/testing/src when a built bench script uses the harness.
const libsParent = resolve(__dirname, '../../..');
export const REPO_ROOT = basename(libsParent) === 'dist' ? dirname(libsParent) : libsParent;

/** A database of its own for one test file; dropped afterwards. */
export interface TestDatabase {
  name: string;
  /** DATABASE_URL for a service schema in this database. */
  urlFor(schema: string): string;
  /** Applies `prisma/<service>` migrations and returns the service's DATABASE_URL. */
  migrate(service: string, schema: string): Promise<string>;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: readInfraFromEnv().postgresAdminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `dr_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const baseUrl = withDatabaseName(readInfraFromEnv().postgresAdminUrl, name);
  const urlFor = (schema: string) =>
    `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}schema=${schema}`;
  return {
    name,
    urlFor,
    async migrate(service, schema) {
      const url = urlFor(schema);
      await applyMigrations(url, servicePrismaPaths(resolve(REPO_ROOT, 'prisma'), service));
      return url;
    },
    async drop() {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
