import { readInfraFromEnv, TcpProxy, waitFor } from '@dinner-rush/testing';
import { orderRequest } from './factories';
import { OrderServiceHarness } from './harness';

/**
 * PostgreSQL going away under the order service (staged with a TCP proxy that
 * drops and refuses its connections, so the shared server stays up): intake
 * answers 503 with Retry-After and a problem body, writes nothing, reports
 * not-ready, and takes orders again as soon as the database is back.
 */
describe('order-service: database outage (real PostgreSQL behind a cut-able proxy)', () => {
  let proxy: TcpProxy;
  let service: OrderServiceHarness;

  beforeAll(async () => {
    const postgres = new URL(readInfraFromEnv().postgresAdminUrl);
    proxy = await TcpProxy.start(postgres.hostname, Number(postgres.port || 5432));
    service = await OrderServiceHarness.start({}, (url) => proxy.route(url));
  });

  afterAll(async () => {
    await service?.close();
    await proxy?.close();
  });

  it('answers 503 + Retry-After while the database is down, writes nothing, and recovers', async () => {
    expect((await service.placeOrder(orderRequest())).status).toBe(201);
    // Every event written is in the outbox or, once the broker confirmed it, in the archive.
    const events = async () =>
      (await service.count('outbox')) + (await service.count('outbox_archive'));
    const before = { orders: await service.count('orders'), events: await events() };

    proxy.interrupt();
    const refused = await service.placeOrder(orderRequest());
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 503, code: 'database-unavailable' });
    await service.http().get('/health').expect(503);

    proxy.restore();
    // The harness reads through its own direct pool: nothing of the refused order exists.
    expect({ orders: await service.count('orders'), events: await events() }).toEqual(before);
    await waitFor(
      async () => {
        const res = await service.placeOrder(orderRequest());
        return res.status === 201 ? true : undefined;
      },
      { what: 'intake answering 201 again' },
    );
  });
});
