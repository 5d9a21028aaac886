import type { NestExpressApplication } from '@nestjs/platform-express';
import { createPgPool } from '@dinner-rush/database';
import type { Pool } from 'pg';
import request from 'supertest';
import type { z } from 'zod';
import { startInProcess, untilHealthy, type ServiceDefinition } from './in-process-service';
import { createTestDatabase, type TestDatabase } from './test-database';
import { createTestVhost, type TestVhost } from './test-vhost';

export interface AppUnderTestOptions<TSchema extends z.ZodType> extends ServiceDefinition<TSchema> {
  /** The service's name: prisma/<service> migrations, and the database and vhost labels. */
  service: string;
  /** The PostgreSQL schema the service's migrations create. */
  schema: string;
  /** Settings on top of the test defaults (e.g. PREFETCH: '1'). */
  env?: Record<string, string>;
  /** The URL the service is given for its (migrated) database, e.g. through a TcpProxy. */
  routeDatabase?: (databaseUrl: string) => string;
}

/** One service running in-process on a database and a vhost nobody else uses. */
export interface AppUnderTest {
  app: NestExpressApplication;
  databaseUrl: string;
  /** The AMQP URL of the service's vhost, for a BrokerProbe. */
  brokerUrl: string;
  /** A supertest client against the service's HTTP server. */
  http(): ReturnType<typeof request>;
  /** A small pool on the service's schema, for asserting on state; opened on first use. */
  readonly sql: Pool;
  /** Stops the service, then deletes its vhost and drops its database. */
  close(): Promise<void>;
}

/**
 * Starts one service the way a test file needs it: its own database (migrated
 * beforehand, so boot does not race the schema) and its own vhost (so queues of
 * parallel test files never meet), then waits for GET /health 200, so the first
 * test does not meet a service still connecting. The outbox relay polls every
 * 200 ms so published events show up quickly.
 */
export async function startAppUnderTest<TSchema extends z.ZodType>(
  options: AppUnderTestOptions<TSchema>,
): Promise<AppUnderTest> {
  const db = await createTestDatabase(options.service);
  let vhost: TestVhost | undefined;
  let app: NestExpressApplication | undefined;
  try {
    const databaseUrl = await db.migrate(options.service, options.schema);
    vhost = await createTestVhost(options.service);
    const brokerUrl = vhost.url;
    app = await startInProcess(options, {
      DATABASE_URL: options.routeDatabase?.(databaseUrl) ?? databaseUrl,
      RABBITMQ_URL: brokerUrl,
      SEED_DEMO_DATA: 'true',
      OUTBOX_POLL_MS: '200',
      ...options.env,
    });
    await untilHealthy(app);
    return underTest(app, databaseUrl, brokerUrl, db, vhost);
  } catch (error) {
    // A half-started service must not leave its database and vhost behind.
    await release(app, vhost, db);
    throw error;
  }
}

function underTest(
  app: NestExpressApplication,
  databaseUrl: string,
  brokerUrl: string,
  db: TestDatabase,
  vhost: TestVhost,
): AppUnderTest {
  let pool: Pool | undefined;
  return {
    app,
    databaseUrl,
    brokerUrl,
    http: () => request(app.getHttpServer()),
    get sql() {
      pool ??= createPgPool(databaseUrl, 2);
      return pool;
    },
    async close() {
      await pool?.end();
      await release(app, vhost, db);
    },
  };
}

async function release(
  app: NestExpressApplication | undefined,
  vhost: TestVhost | undefined,
  db: TestDatabase,
): Promise<void> {
  await app?.close();
  await vhost?.delete();
  await db.drop();
}
