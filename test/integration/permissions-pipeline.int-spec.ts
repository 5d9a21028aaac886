import { auditPipeline, type AcceptedOrder } from '@dinner-rush/audit';
import {
  bearerHeader,
  freePort,
  getJson,
  orderFactory,
  postJson,
  ServiceProcess,
  startTestIssuer,
  waitFor,
  type Merchant,
  type TestIssuer,
} from '@dinner-rush/testing';
import { SERVICE_SCHEMAS, type ServiceName } from '../../tools/services';
import {
  provisionRestrictedBroker,
  provisionRestrictedDatabase,
  type RestrictedBroker,
  type RestrictedDatabase,
} from './permissions-support';

/**
 * The services work under least privilege, as in docker compose: each runs as
 * its own process with its own broker user (topology provisioned from the
 * definitions, RABBITMQ_TOPOLOGY=provisioned) and its own database role (its
 * schema migrated beforehand as that role), and orders still flow end to end.
 */
jest.setTimeout(240_000);

describe('the pipeline under per-service users and roles (processes from dist/)', () => {
  let broker: RestrictedBroker;
  let db: RestrictedDatabase;
  let issuer: TestIssuer;
  const services: Partial<Record<ServiceName, ServiceProcess>> = {};

  beforeAll(async () => {
    broker = await provisionRestrictedBroker('least');
    db = await provisionRestrictedDatabase('least');
    issuer = await startTestIssuer();
    for (const name of Object.keys(SERVICE_SCHEMAS) as ServiceName[])
      services[name] = new ServiceProcess(
        name,
        await freePort(),
        {
          NODE_ENV: 'production',
          DATABASE_URL: db.urls[name],
          RABBITMQ_URL: broker.urlOf(name),
          RABBITMQ_TOPOLOGY: 'provisioned',
          MIGRATE_ON_START: 'false',
          LOG_LEVEL: 'warn',
          OUTBOX_POLL_MS: '300',
          // A cold responder on a busy machine: long enough that a quote is not the fallback.
          QUOTE_TIMEOUT_MS: '3000',
          OIDC_ISSUER: issuer.url,
        },
        `least-privilege-${name}`,
      );
    await Promise.all(Object.values(services).map((s) => s.start()));
  });

  afterAll(async () => {
    await Promise.all(Object.values(services).map((s) => s.stop('SIGTERM')));
    await issuer?.close();
    await broker?.close();
    await db?.close();
  });

  it('accepts orders and every consumer completes them, with no permission refused', async () => {
    const order = services['order-service']?.baseUrl ?? '';
    const merchants = (await getJson<Merchant[]>(`${order}/merchants`)).body;
    const nextOrder = orderFactory(merchants, 7);
    const accepted: AcceptedOrder[] = [];
    for (let n = 0; n < 5; n++) {
      const body = nextOrder(n);
      const customer = await issuer.token('customer', body.customerId);
      const response = await postJson<AcceptedOrder>(
        `${order}/orders`,
        body,
        bearerHeader(customer),
      );
      expect(response.status).toBe(201);
      accepted.push({ id: response.body.id, totalCents: response.body.totalCents });
    }
    const report = await auditPipeline(
      {
        orderService: order,
        ledger: services.ledger?.baseUrl ?? '',
        bearer: await issuer.token('operator'),
      },
      accepted,
      { timeoutMs: 90_000 },
    );
    expect({ lost: report.lost, doubleApplied: report.doubleApplied }).toEqual({
      lost: [],
      doubleApplied: [],
    });
    for (const service of Object.values(services))
      expect((await getJson(`${service.baseUrl}/health`)).status).toBe(200);
  });

  it('answers a delivery quote from rider-assignment, its reply sent through the reply exchange', async () => {
    const order = services['order-service']?.baseUrl ?? '';
    // The quotes queue appears with rider-assignment's first consumer: until then, the fallback.
    const quote = await waitFor(
      async () => {
        const { body } = await getJson<{ source: string }>(
          `${order}/quote?merchantId=m-curry-36&lat=52.5219&lng=13.4132`,
        );
        return body.source === 'rider-assignment' ? body : undefined;
      },
      { what: 'a quote answered by rider-assignment', timeoutMs: 60_000 },
    );
    expect(quote).toMatchObject({ source: 'rider-assignment', riderAvailable: true });
  });
});
