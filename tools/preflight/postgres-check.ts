import { parseDatabaseUrl, withDatabaseName } from '@dinner-rush/database';
import { Client } from 'pg';
import { errorName, isUnreachable, where, type Finding } from './finding';

export const START_POSTGRES =
  'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';

/**
 * Can the services reach PostgreSQL? Asks the server's `postgres` database,
 * as the services do before creating their own (it may not exist yet).
 */
export async function checkPostgres(databaseUrl: string): Promise<Finding[]> {
  const { connectionString } = parseDatabaseUrl(databaseUrl);
  const client = new Client({
    connectionString: withDatabaseName(connectionString, 'postgres'),
    connectionTimeoutMillis: 3_000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return [];
  } catch (error) {
    return [postgresFinding(error, where(connectionString))];
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function postgresFinding(error: unknown, at: string): Finding {
  return isUnreachable(error)
    ? {
        fatal: true,
        problem: `PostgreSQL is not reachable at ${at} (${errorName(error)})`,
        fix: START_POSTGRES,
      }
    : {
        fatal: true,
        problem: `PostgreSQL at ${at} refused us (${errorName(error)})`,
        fix: 'check DATABASE_URL (user, password, host)',
      };
}
