import { CustomerNotifiedV1, Queues } from '@dinner-rush/contracts';
import { createPgPool } from '@dinner-rush/database';
import {
  bearerHeader,
  getJson,
  orderFactory,
  postJson,
  startScratchServices,
  waitFor,
  type Merchant,
  type ScratchServices,
  type ServiceProcess,
} from '@dinner-rush/testing';
import type { Pool } from 'pg';
import { runTool } from './support/run-tool';

/**
 * Replay for late joiners, across processes: orders are placed and some
 * cancelled while customer-notify does not exist yet; it starts afterwards,
 * `npm run replay -- customer-notify` sends it order-service's archive, and
 * it ends up where it would be had it run from the start. A second replay
 * changes nothing (its inbox drops what it already applied).
 */
jest.setTimeout(240_000);

const ORDERS = 6;
const CANCELLED = 2;

interface Order {
  id: string;
  customerId: string;
  timeline: { type: string }[];
}

describe('replay for late joiners (order-service + customer-notify processes, real PostgreSQL + RabbitMQ)', () => {
  let scratch: ScratchServices<'order-service' | 'ledger'>;
  let orderService: ServiceProcess;
  let customerNotify: ServiceProcess;
  let sql: Pool;
  const placed: Order[] = [];

  const count = async (table: string): Promise<number> =>
    Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
  const replay = (...args: string[]) =>
    runTool('replay', args, { ORDER_SERVICE_URL: orderService.baseUrl, ...scratch.issuer.env });
  const operator = () => scratch.issuer.token('operator');
  const notificationsOf = async (orderId: string) =>
    (
      await getJson<{ kind: string }[]>(
        `${customerNotify.baseUrl}/orders/${orderId}/notifications`,
        await operator(),
      )
    ).body;

  beforeAll(async () => {
    // The ledger stands for the pipeline already running: the relay publishes mandatory, so an
    // event needs a bound queue to be confirmed and archived; customer-notify joins later.
    scratch = await startScratchServices('replay', { services: ['order-service', 'ledger'] });
    orderService = scratch.services['order-service'];
    const merchants = (await getJson<Merchant[]>(`${orderService.baseUrl}/merchants`)).body;
    const nextOrder = orderFactory(merchants, 7);
    for (let n = 0; n < ORDERS; n++) {
      const request = nextOrder(n);
      const customer = bearerHeader(await scratch.issuer.token('customer', request.customerId));
      const { body } = await postJson<Order>(`${orderService.baseUrl}/orders`, request, customer);
      placed.push(body);
      if (n < CANCELLED) {
        await postJson(`${orderService.baseUrl}/orders/${body.id}/cancel`, {}, customer);
      }
    }
    const orders = createPgPool(scratch.db.urlFor('orders'), 1);
    await waitFor(
      async () => {
        const { rows } = await orders.query<{ n: string }>(
          // Each fact once: the v2 twins (same ids) are not what a replay sends by default.
          "SELECT count(*) AS n FROM outbox_archive WHERE routing_key <> 'order.created.v2'",
        );
        return Number(rows[0]?.n) === ORDERS + CANCELLED ? true : undefined;
      },
      { what: 'every order event published' },
    );
    await orders.end();
    customerNotify = await scratch.start('customer-notify');
    sql = createPgPool(scratch.db.urlFor('customer_notify'), 2);
  });

  afterAll(async () => {
    await sql?.end();
    await scratch?.stop();
  });

  it('starts with no history of its own', async () => {
    expect(await count('inbox')).toBe(0);
    expect(await notificationsOf(placed[0]?.id ?? '')).toEqual([]);
  });

  it('refuses a queue that does not exist, or its own', async () => {
    const unknown = await replay('nobody.orders');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('404');
    const own = await postJson<{ code: string }>(
      `${orderService.baseUrl}/replays`,
      { queue: Queues.orderTracking.queue },
      bearerHeader(await operator()),
    );
    expect(own.status).toBe(400);
  });

  it('replays the archive into its queue: it learns every order and tells the cancelled ones', async () => {
    const first = await replay('customer-notify');
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain(
      `replayed ${ORDERS + CANCELLED} order event(s) to customer-notify.orders`,
    );

    await waitFor(async () => ((await count('inbox')) === ORDERS + CANCELLED ? true : undefined), {
      what: 'every replayed event applied',
    });
    expect(await count('customer_orders')).toBe(ORDERS);
    for (const [n, order] of placed.entries()) {
      const kinds = (await notificationsOf(order.id)).map((x) => x.kind);
      expect(kinds).toEqual(n < CANCELLED ? ['order.cancelled'] : []);
    }
    // Its status events join the order's timeline with no order-service change.
    const cancelled = placed[0]?.id ?? '';
    const timeline = await waitFor(async () => {
      const { body } = await getJson<Order>(
        `${orderService.baseUrl}/orders/${cancelled}`,
        await operator(),
      );
      return body.timeline.some((e) => e.type === CustomerNotifiedV1.type)
        ? body.timeline
        : undefined;
    });
    expect(timeline.filter((e) => e.type === CustomerNotifiedV1.type)).toHaveLength(1);
  });

  it('a second replay changes nothing; one from the future replays nothing', async () => {
    const again = await replay('customer-notify');
    expect(again.stdout).toContain(`replayed ${ORDERS + CANCELLED} order event(s)`);
    const future = await replay(
      'customer-notify',
      '--since',
      new Date(Date.now() + 3_600_000).toISOString(),
    );
    expect(future.stdout).toContain('replayed 0 order event(s)');

    // Drained, then stopped: anything taken but not acknowledged would be back in the queue.
    await waitFor(async () => ((await queueDepth()) === 0 ? true : undefined), {
      what: 'customer-notify.orders drained',
    });
    await customerNotify.stop('SIGTERM');
    expect(await queueDepth()).toBe(0);
    expect(await count('inbox')).toBe(ORDERS + CANCELLED);
    expect(await count('notifications')).toBe(CANCELLED);
  });

  async function queueDepth(): Promise<number> {
    const { connect } = await import('amqplib');
    const connection = await connect(scratch.vhost.url);
    try {
      const channel = await connection.createChannel();
      return (await channel.checkQueue(Queues.customerNotify.queue)).messageCount;
    } finally {
      await connection.close();
    }
  }
});
