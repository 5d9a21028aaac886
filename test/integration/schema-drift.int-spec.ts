import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyMigrations, diffSchemas, servicePrismaPaths } from '@dinner-rush/database';
import {
  createTestDatabase,
  REPO_ROOT,
  runSql,
  schemaCatalog,
  type TestDatabase,
} from '@dinner-rush/testing';
import { SERVICE_SCHEMAS } from '../../tools/services';

/**
 * The Prisma schemas are the source of truth and each service's migrations
 * folder must build exactly the same tables. The engine cannot introspect
 * PostgreSQL 15 offline, so two scratch databases are compared instead: one
 * built from the migrations, one from the schema's diff against empty.
 */
const SCHEMAS: Record<string, string> = SERVICE_SCHEMAS;
const services = readdirSync(join(REPO_ROOT, 'prisma'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
  .map((entry) => entry.name);

describe('schema drift', () => {
  const databases: TestDatabase[] = [];
  const scratch = async (label: string) => {
    const db = await createTestDatabase(label);
    databases.push(db);
    return db;
  };
  afterAll(async () => {
    await Promise.all(databases.map((db) => db.drop()));
  });

  it('knows the schema name of every service folder', () => {
    expect(services.sort()).toEqual(Object.keys(SCHEMAS).sort());
  });

  describe.each(services)('%s', (service) => {
    const schema = SCHEMAS[service] ?? service;
    let migratedUrl: string;

    beforeAll(async () => {
      migratedUrl = await (await scratch('drift_m')).migrate(service, schema);
    });

    it('migrations build exactly what the Prisma schema describes', async () => {
      const fromSchema = (await scratch('drift_s')).urlFor(schema);
      await runSql(fromSchema, await diffSchemas(fromSchema, join(REPO_ROOT, 'prisma', service)));
      expect(await schemaCatalog(migratedUrl)).toEqual(await schemaCatalog(fromSchema));
    });

    it('migrations leave no NOTIFY trigger on the outbox (it would serialise every commit)', async () => {
      const { Client } = await import('pg');
      const client = new Client({ connectionString: migratedUrl.replace(/[?&]schema=[^&]+/, '') });
      await client.connect();
      const { rowCount } = await client.query(
        `SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE NOT t.tgisinternal AND c.relname = 'outbox' AND n.nspname = $1`,
        [schema],
      );
      await client.end();
      expect(rowCount).toBe(0);
    });

    it('a second run applies nothing (idempotent)', async () => {
      const paths = servicePrismaPaths(join(REPO_ROOT, 'prisma'), service);
      expect(await applyMigrations(migratedUrl, paths)).toEqual([]);
    });
  });

  it('reports drift: a column added outside the migrations shows up', async () => {
    const service = services[0] ?? 'ledger';
    const url = await (await scratch('drift_neg')).migrate(service, SCHEMAS[service] ?? service);
    const before = await schemaCatalog(url);
    await runSql(url, 'ALTER TABLE outbox ADD COLUMN drifted integer');
    const after = await schemaCatalog(url);
    expect(after).not.toEqual(before);
    expect(after.find((line) => line.includes('outbox.drifted'))).toBeDefined();
  });

  it('concurrent starts are safe: two migrators at once apply everything exactly once', async () => {
    const service = services[0] ?? 'ledger';
    const db = await scratch('drift_race');
    const url = db.urlFor(SCHEMAS[service] ?? service);
    const paths = servicePrismaPaths(join(REPO_ROOT, 'prisma'), service);
    const [a, b] = await Promise.all([applyMigrations(url, paths), applyMigrations(url, paths)]);
    const total = readdirSync(paths.migrationsDir, { withFileTypes: true }).filter((e) =>
      e.isDirectory(),
    ).length;
    expect(a.length + b.length).toBe(total);
  });
});
