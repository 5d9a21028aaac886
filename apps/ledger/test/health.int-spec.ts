import { AmqpConnection } from '@dinner-rush/messaging';
import { Exchanges } from '@dinner-rush/contracts';
import {
  createTestDatabase,
  createTestVhost,
  freePort,
  startInProcess,
  startTestIssuer,
  untilHealthy,
  waitFor,
  type TestDatabase,
  type TestIssuer,
  type TestVhost,
} from '@dinner-rush/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { ledgerEnvSchema } from '../src/config';

/**
 * GET /health is the readiness signal supervisors and compose wait on: 503
 * while the database or the broker is unreachable, 200 once both answer.
 * GET /health/live (Kubernetes' liveness probe) answers 200 throughout.
 * Which dependency is down is shown to operators only.
 */
describe('ledger /health (real PostgreSQL + RabbitMQ)', () => {
  let db: TestDatabase;
  let vhost: TestVhost;
  let issuer: TestIssuer;
  let databaseUrl: string;
  let running: NestExpressApplication | undefined;
  /** GET /health as an operator, who is told which dependency is down. */
  const healthAsOperator = async (app: NestExpressApplication) =>
    request(app.getHttpServer())
      .get('/health')
      .auth(await issuer.token('operator'), { type: 'bearer' });

  /**
   * One app at a time, closed before the next starts: golevelup keeps one
   * process-wide connection manager, so apps closed together close each
   * other's connections and can hang.
   */
  const start = async (env: Record<string, string>) => {
    running = await startInProcess(
      { envSchema: ledgerEnvSchema, module: (config) => AppModule.forConfig(config) },
      { OIDC_ISSUER: issuer.url, ...env },
    );
    return running;
  };

  beforeAll(async () => {
    db = await createTestDatabase('ledger_health');
    databaseUrl = await db.migrate('ledger', 'ledger');
    vhost = await createTestVhost('ledger-health');
    issuer = await startTestIssuer();
  });

  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  afterAll(async () => {
    await issuer?.close();
    await vhost?.delete();
    await db?.drop();
  });

  it('answers 503 naming the broker while RabbitMQ is unreachable', async () => {
    const closedPort = await freePort();
    const app = await start({
      DATABASE_URL: databaseUrl,
      RABBITMQ_URL: `amqp://guest:guest@127.0.0.1:${closedPort}`,
    });
    const response = await healthAsOperator(app);
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 503, error: { broker: { status: 'down' } } });
    // Anyone else learns that it is not ready, not what is down or where.
    const anonymous = await request(app.getHttpServer()).get('/health');
    expect([anonymous.status, anonymous.body.code, anonymous.body.error]).toEqual([
      503,
      'not-ready',
      undefined,
    ]);
    // Liveness does not follow the broker: the process is alive and must not be restarted.
    const live = await request(app.getHttpServer()).get('/health/live');
    expect([live.status, live.body]).toEqual([200, { status: 'ok' }]);
  });

  it('answers 503 naming the database while PostgreSQL is unreachable', async () => {
    const closedPort = await freePort();
    const app = await start({
      DATABASE_URL: `postgresql://root@127.0.0.1:${closedPort}/nowhere?schema=ledger`,
      RABBITMQ_URL: vhost.url,
    });
    const response = await healthAsOperator(app);
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ error: { database: { status: 'down' } } });
    expect((await request(app.getHttpServer()).get('/health/live')).status).toBe(200);
  });

  it('answers 200 once both are up: the checks to an operator, the status alone to anyone else', async () => {
    const app = await start({ DATABASE_URL: databaseUrl, RABBITMQ_URL: vhost.url });
    await untilHealthy(app);
    const operator = await healthAsOperator(app);
    expect(operator.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    const anonymous = await request(app.getHttpServer()).get('/health');
    expect(anonymous.body).toEqual({ status: 'ok' });
  });

  it('answers 503, then recovers by itself, when the server closes its publishing channel with an error', async () => {
    const app = await start({ DATABASE_URL: databaseUrl, RABBITMQ_URL: vhost.url });
    await untilHealthy(app);
    const amqp = app.get(AmqpConnection);
    // A publish to an exchange that does not exist makes the server close the channel (404).
    await amqp.publish('no-such-exchange', 'x', Buffer.from('{}')).catch(() => undefined);
    await waitFor(
      async () => (await request(app.getHttpServer()).get('/health')).status === 503 || undefined,
      { what: '503 while the publishing channel is closed' },
    );
    // amqplib takes the channel's error down with the connection; it comes back, and publishing works.
    await untilHealthy(app);
    await expect(
      amqp.publish(Exchanges.orderStatus, 'health.checked.v1', Buffer.from('{}')),
    ).resolves.toBeDefined();
  });
});
