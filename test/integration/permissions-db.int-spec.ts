import { readInfraFromEnv } from '@dinner-rush/testing';
import { withDatabaseName } from '@dinner-rush/database';
import { Client } from 'pg';
import { SERVICE_SCHEMAS, type ServiceName } from '../../tools/services';
import { provisionRestrictedDatabase, type RestrictedDatabase } from './permissions-support';

/**
 * Per-service PostgreSQL roles (deploy/postgres/service-role.sql via
 * `npm run db:roles`): each service's migrations ran as its own role, which
 * owns its schema and cannot read, write or create in anyone else's.
 */
describe('per-service PostgreSQL roles (real PostgreSQL)', () => {
  let db: RestrictedDatabase;
  const tableIn: Partial<Record<string, string>> = {};
  const services = Object.keys(SERVICE_SCHEMAS) as ServiceName[];

  beforeAll(async () => {
    db = await provisionRestrictedDatabase('perm');
    // One table of each schema, looked up as the admin.
    const admin = new Client({
      connectionString: withDatabaseName(readInfraFromEnv().postgresAdminUrl, db.name),
    });
    await admin.connect();
    try {
      for (const schema of Object.values(SERVICE_SCHEMAS)) {
        const { rows } = await admin.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'outbox'`,
          [schema],
        );
        tableIn[schema] = rows[0]?.table_name;
      }
    } finally {
      await admin.end();
    }
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  it('each service’s migrations ran as its own role, which owns its schema and tables', async () => {
    for (const service of services) {
      const schema = SERVICE_SCHEMAS[service];
      expect(tableIn[schema]).toBe('outbox');
      const owners = await asService(db, service, (c) =>
        c.query<{ owner: string }>(
          `SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = $1
           UNION SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = $1`,
          [schema],
        ),
      );
      expect(owners.rows.map((r) => r.owner)).toEqual([db.roleOf(service)]);
      await asService(db, service, (c) => c.query(`SELECT count(*) FROM "${schema}".outbox`));
    }
  });

  it('no role can read another service’s schema', async () => {
    for (const service of services)
      for (const [, schema] of Object.entries(SERVICE_SCHEMAS).filter(([s]) => s !== service))
        await expect(
          asService(db, service, (c) => c.query(`SELECT * FROM "${schema}".outbox LIMIT 1`)),
        ).rejects.toThrow(`permission denied for schema ${schema}`);
    expect.hasAssertions();
  });

  it('no role can write into the public schema or become someone else', async () => {
    await expect(
      asService(db, 'ledger', (c) => c.query('CREATE TABLE public.stolen (id int)')),
    ).rejects.toThrow(/permission denied/);
    await expect(
      asService(db, 'ledger', (c) => c.query(`SET ROLE "${db.roleOf('order-service')}"`)),
    ).rejects.toThrow(/permission denied/);
  });
});

async function asService<T>(
  db: RestrictedDatabase,
  service: ServiceName,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const url = new URL(db.urls[service]);
  url.searchParams.delete('schema');
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
