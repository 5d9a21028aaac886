import { loadConfig, startService } from '@dinner-rush/service-kit';
import {
  createTestDatabase,
  createTestVhost,
  freePort,
  waitFor,
  type TestDatabase,
  type TestVhost,
} from '@dinner-rush/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { ledgerEnvSchema } from '../src/config';

/**
 * GET /health is the readiness signal supervisors and compose wait on: 503
 * while the database or the broker is unreachable, 200 once both answer.
 */
describe('ledger /health (real PostgreSQL + RabbitMQ)', () => {
  let db: TestDatabase;
  let vhost: TestVhost;
  let databaseUrl: string;
  const apps: NestExpressApplication[] = [];

  const start = async (env: Record<string, string>) => {
    const config = loadConfig(ledgerEnvSchema, {
      LOG_LEVEL: 'silent',
      MIGRATE_ON_START: 'false',
      ...env,
    });
    const app = await startService({
      module: AppModule.forConfig(config),
      port: 0,
      shutdownHooks: false,
    });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    db = await createTestDatabase('ledger_health');
    databaseUrl = await db.migrate('ledger', 'ledger');
    vhost = await createTestVhost('ledger-health');
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await vhost?.delete();
    await db?.drop();
  });

  it('answers 503 naming the broker while RabbitMQ is unreachable', async () => {
    const closedPort = await freePort();
    const app = await start({
      DATABASE_URL: databaseUrl,
      RABBITMQ_URL: `amqp://guest:guest@127.0.0.1:${closedPort}`,
    });
    const response = await request(app.getHttpServer()).get('/health');
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 503, error: { broker: { status: 'down' } } });
  });

  it('answers 503 naming the database while PostgreSQL is unreachable', async () => {
    const closedPort = await freePort();
    const app = await start({
      DATABASE_URL: `postgresql://root@127.0.0.1:${closedPort}/nowhere?schema=ledger`,
      RABBITMQ_URL: vhost.url,
    });
    const response = await request(app.getHttpServer()).get('/health');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ error: { database: { status: 'down' } } });
  });

  it('answers 200 once both are up', async () => {
    const app = await start({ DATABASE_URL: databaseUrl, RABBITMQ_URL: vhost.url });
    await waitFor(
      async () =>
        (await request(app.getHttpServer()).get('/health')).status === 200 ? true : undefined,
      {
        what: 'GET /health 200',
      },
    );
  });
});
