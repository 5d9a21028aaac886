import { orderRequest } from './factories';
import { OrderServiceHarness } from './harness';

describe('order-service: intake rate limit (real PostgreSQL + RabbitMQ)', () => {
  let service: OrderServiceHarness;

  beforeAll(async () => {
    // Three orders per minute per client: the fourth in the same window is refused.
    service = await OrderServiceHarness.start({
      ORDER_RATE_LIMIT: '3',
      QUOTE_RATE_LIMIT: '2',
      ORDER_RATE_WINDOW_MS: '60000',
      QUOTE_TIMEOUT_MS: '10',
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('answers 429 with Retry-After and problem+json past the limit, and writes nothing for it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await service.placeOrder(orderRequest())).status);
    }
    const refused = await service.placeOrder(orderRequest());

    expect(statuses).toEqual([201, 201, 201]);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect(await service.count('orders')).toBe(3);
    // Each accepted order's events (v1 and its v2 twin): still in the outbox, or archived once
    // the broker confirmed them.
    expect((await service.count('outbox')) + (await service.count('outbox_archive'))).toBe(6);
  });

  it('limits GET /quote on its own (each asks rider-assignment), apart from orders', async () => {
    const quote = () =>
      service.http().get('/quote').query({ merchantId: 'm-curry-36', lat: 52.5, lng: 13.4 });
    expect((await quote()).status).toBe(200);
    expect((await quote()).status).toBe(200);
    const refused = await quote();
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
  });

  it('does not limit reads', async () => {
    for (let i = 0; i < 5; i++) await service.http().get('/merchants').expect(200);
  });
});
