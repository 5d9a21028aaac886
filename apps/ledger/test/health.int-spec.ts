import {
  createTestDatabase,
  createTestVhost,
  freePort,
  startInProcess,
  untilHealthy,
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
  let running: NestExpressApplication | undefined;

  /**
   * One app at a time, closed before the next starts: golevelup keeps one
   * process-wide connection manager, so apps closed together close each
   * other's connections and can hang.
   */
  const start = async (env: Record<string, string>) => {
    running = await startInProcess(
      { envSchema: ledgerEnvSchema, module: (config) => AppModule.forConfig(config) },
      env,
    );
    return running;
  };

  beforeAll(async () => {
    db = await createTestDatabase('ledger_health');
    databaseUrl = await db.migrate('ledger', 'ledger');
    vhost = await createTestVhost('ledger-health');
  });

  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  afterAll(async () => {
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
    await untilHealthy(app);
  });
});
