import { Client } from 'pg';
import { parseDatabaseUrl, withDatabaseName } from './database-url';

/**
 * Creates the service's database when it does not exist yet, so `npm start`
 * works on a fresh PostgreSQL. Several services may race here: the loser's
 * "already exists" error (42P04) is the outcome it wanted anyway.
 */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const { connectionString } = parseDatabaseUrl(databaseUrl);
  const database = decodeURIComponent(new URL(connectionString).pathname.slice(1));
  const admin = new Client({ connectionString: withDatabaseName(connectionString, 'postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await admin.end();
  }
}
