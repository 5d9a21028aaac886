import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Role } from '@dinner-rush/auth';
import { createPgPool } from '@dinner-rush/database';
import type { Pool } from 'pg';
import request from 'supertest';
import type { z } from 'zod';
import { startInProcess, untilHealthy, type ServiceDefinition } from './in-process-service';
import { createTestDatabase, type TestDatabase } from './test-database';
import { startTestIssuer, type TestIssuer } from './test-issuer';
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
  /** A supertest client against the service's HTTP server, calling as an operator. */
  http(): ReturnType<typeof request.agent>;
  /** A supertest client calling as `role` (and `sub`: a customer's or merchant's id). */
  as(role: Role, sub?: string): Promise<ReturnType<typeof request.agent>>;
  /** A supertest client with no token. */
  anonymous(): ReturnType<typeof request>;
  /** The issuer the service trusts (a real OpenID provider in this process). */
  issuer: TestIssuer;
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
  let issuer: TestIssuer | undefined;
  try {
    issuer = await startTestIssuer();
    const databaseUrl = await db.migrate(options.service, options.schema);
    vhost = await createTestVhost(options.service);
    const brokerUrl = vhost.url;
    app = await startInProcess(options, {
      DATABASE_URL: options.routeDatabase?.(databaseUrl) ?? databaseUrl,
      RABBITMQ_URL: brokerUrl,
      SEED_DEMO_DATA: 'true',
      OUTBOX_POLL_MS: '200',
      OIDC_ISSUER: issuer.url,
      ...options.env,
    });
    await untilHealthy(app);
    return underTest(
      { app, databaseUrl, brokerUrl, db, vhost, issuer },
      await issuer.token('operator'),
    );
  } catch (error) {
    // A half-started service must not leave its database and vhost behind.
    await release({ app, vhost, db, issuer });
    throw error;
  }
}

interface Started {
  app: NestExpressApplication;
  databaseUrl: string;
  brokerUrl: string;
  db: TestDatabase;
  vhost: TestVhost;
  issuer: TestIssuer;
}

function underTest(started: Started, operatorToken: string): AppUnderTest {
  const { app, databaseUrl, brokerUrl, issuer } = started;
  let pool: Pool | undefined;
  const agent = (token: string) =>
    request.agent(app.getHttpServer()).auth(token, { type: 'bearer' });
  return {
    app,
    databaseUrl,
    brokerUrl,
    issuer,
    http: () => agent(operatorToken),
    as: async (role, sub) => agent(await issuer.token(role, sub)),
    anonymous: () => request(app.getHttpServer()),
    get sql() {
      pool ??= createPgPool(databaseUrl, 2);
      return pool;
    },
    async close() {
      await pool?.end();
      await release(started);
    },
  };
}

async function release(started: Partial<Started> & { db: TestDatabase }): Promise<void> {
  await started.app?.close();
  await started.issuer?.close();
  await started.vhost?.delete();
  await started.db.drop();
}
