import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Queues, type ConsumerQueueNames } from '@dinner-rush/contracts';
import { messagesHandled } from '@dinner-rush/messaging';
import {
  BrokerProbe,
  createTestDatabase,
  createTestVhost,
  orderCreatedData,
  orderCreatedEventFor,
  orderFactory,
  startInProcess,
  startTestIssuer,
  untilHealthy,
  waitFor,
  type Merchant,
  type TestDatabase,
  type TestIssuer,
  type TestVhost,
} from '@dinner-rush/testing';
import { createPgPool } from '@dinner-rush/database';
import { connect } from 'amqplib';
import type { Pool } from 'pg';
import request from 'supertest';
/* eslint-disable no-restricted-imports -- the test runs two real services side by side */
import { AppModule as MerchantNotifyApp } from '../../apps/merchant-notify/src/app.module';
import { merchantNotifyEnvSchema } from '../../apps/merchant-notify/src/config';
import { AppModule as OrderServiceApp } from '../../apps/order-service/src/app.module';
import { orderServiceEnvSchema } from '../../apps/order-service/src/config';
/* eslint-enable no-restricted-imports */
import {
  AppliedOrders,
  closeApp,
  LegacyQueue,
  LegacyV1Consumer,
  startConsumer,
  UpgradingAfterUpgrade,
  UpgradingBeforeUpgrade,
  UpgradingQueue,
  type AppliedOrder,
} from './rolling-upgrade-consumers';

/**
 * A rolling upgrade from order.created.v1 to v2 against real PostgreSQL and
 * RabbitMQ, in both orders (docs/event-versioning.md). Orders, some with
 * delivery instructions, flow through the real order-service and its relay.
 * A v1-only consumer runs throughout; a second consumer is upgraded from
 * v1-only to v2-aware while v1 copies wait in its queue; merchant-notify
 * (v2-aware) joins; an old order-service (v1 only, no instructions) keeps
 * publishing beside the new one. Every consumer must apply every order it
 * hears exactly once (nothing lost, nothing doubled, nothing dead-lettered),
 * and the v2-aware ones with the customer's instructions. Last, v1 is
 * retired (ORDER_CREATED_V1=false): v2 alone announces new orders, and a
 * replay sends each archived order once, as v2.
 */
jest.setTimeout(180_000);

/** What each order carried: the instructions a v2-aware consumer must apply (null: none). */
const sent = new Map<string, string | null>();
/** Deliveries each work queue must have handled so far (each copy of each order routed to it). */
const expectedDeliveries = new Map<string, number>();
const expectDeliveries = (queue: ConsumerQueueNames, n: number) =>
  expectedDeliveries.set(queue.queue, (expectedDeliveries.get(queue.queue) ?? 0) + n);

describe('rolling upgrade order.created.v1 → v2 (real PostgreSQL + RabbitMQ)', () => {
  let db: TestDatabase;
  let vhost: TestVhost;
  let issuer: TestIssuer;
  let probe: BrokerProbe;
  let orderService: NestExpressApplication;
  let merchantNotify: NestExpressApplication | undefined;
  let legacy: AppliedOrders;
  let upgrading: AppliedOrders;
  const consumers: INestApplication[] = [];
  let nextOrder: (n: number) => ReturnType<ReturnType<typeof orderFactory>>;
  let placed = 0;
  let ordersDb: Pool;
  let merchantNotifyDb: Pool;
  let orderServiceEnv: Record<string, string>;
  let merchantNotifyEnv: Record<string, string>;
  const startOrderService = async (env: Record<string, string> = {}) => {
    orderService = await startInProcess(
      { envSchema: orderServiceEnvSchema, module: (config) => OrderServiceApp.forConfig(config) },
      { ...orderServiceEnv, ...env },
    );
    await untilHealthy(orderService);
  };
  const startMerchantNotify = async () => {
    merchantNotify = await startInProcess(
      {
        envSchema: merchantNotifyEnvSchema,
        module: (config) => MerchantNotifyApp.forConfig(config),
      },
      merchantNotifyEnv,
    );
    await untilHealthy(merchantNotify);
    await probe.untilConsuming(Queues.merchantNotify.queue);
  };

  /** POSTs n orders to the new order-service, every other one with instructions. */
  const placeOrders = async (n: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < n; i += 1) {
      placed += 1;
      const instructions = placed % 2 === 0 ? `Ring twice at door ${placed} – 3. OG ✓` : null;
      const body = {
        ...nextOrder(placed),
        ...(instructions && { deliveryInstructions: instructions }),
      };
      // As the order's customer: the one caller order-service takes that body from.
      const res = await request(orderService.getHttpServer())
        .post('/orders')
        .auth(await issuer.token('customer', body.customerId), { type: 'bearer' })
        .send(body)
        .expect(201);
      const id = (res.body as { id: string }).id;
      sent.set(id, instructions);
      ids.push(id);
    }
    return ids;
  };

  /**
   * What an order-service from before the upgrade publishes: order.created.v1, no
   * instructions. (That producer has its own database: this order-service's tracking
   * dead-letters merchant-notify's reports about these orders as unknown. Expected.)
   */
  const publishFromOldProducer = async (n: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const event = orderCreatedEventFor(orderCreatedData());
      await probe.publishOrderEvent(event);
      sent.set(event.data.orderId, null);
      ids.push(event.data.orderId);
    }
    return ids;
  };

  /** Handled deliveries of a queue in this process, by outcome. */
  const handled = async (queue: ConsumerQueueNames): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const { labels, value } of (await messagesHandled.get()).values) {
      if (labels.queue !== queue.queue) continue;
      const outcome = String(labels.outcome);
      counts[outcome] = (counts[outcome] ?? 0) + value;
    }
    return counts;
  };

  /** Waits until every delivery routed to the queues so far was handled (none failed). */
  const untilAllHandled = async (...queues: ConsumerQueueNames[]) => {
    for (const queue of queues) {
      await waitFor(
        async () => {
          const counts = await handled(queue);
          const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
          return total >= (expectedDeliveries.get(queue.queue) ?? 0) || undefined;
        },
        {
          what: `${expectedDeliveries.get(queue.queue)} deliveries handled on ${queue.queue}`,
          timeoutMs: 60_000,
        },
      );
    }
  };

  /** Messages waiting in the queues' dead-letter queues. */
  const deadLetters = async (queues: readonly ConsumerQueueNames[]): Promise<number> => {
    const connection = await connect(vhost.url);
    try {
      const channel = await connection.createChannel();
      let n = 0;
      for (const queue of queues)
        n += (await channel.checkQueue(queue.deadLetterQueue)).messageCount;
      return n;
    } finally {
      await connection.close();
    }
  };

  /** Each order of `ids` applied exactly once; a map of what was applied for it. */
  const appliedOnce = (rows: readonly AppliedOrder[], ids: readonly string[]) => {
    const byOrder = new Map<string, AppliedOrder[]>();
    for (const row of rows) byOrder.set(row.order_id, [...(byOrder.get(row.order_id) ?? []), row]);
    expect(ids.filter((id) => byOrder.get(id)?.length !== 1)).toEqual([]);
    return new Map(ids.map((id) => [id, byOrder.get(id)?.[0] as AppliedOrder]));
  };

  beforeAll(async () => {
    db = await createTestDatabase('rolling');
    vhost = await createTestVhost('rolling');
    probe = await BrokerProbe.open(vhost.url);
    issuer = await startTestIssuer();
    orderServiceEnv = {
      DATABASE_URL: await db.migrate('order-service', 'orders'),
      RABBITMQ_URL: vhost.url,
      OUTBOX_POLL_MS: '200',
      OIDC_ISSUER: issuer.url,
    };
    await startOrderService();
    ordersDb = createPgPool(db.urlFor('orders'), 2);
    const merchants = (await request(orderService.getHttpServer()).get('/merchants').expect(200))
      .body as Merchant[];
    nextOrder = orderFactory(merchants);
    legacy = await AppliedOrders.create(db.urlFor('legacy_v1'));
    upgrading = await AppliedOrders.create(db.urlFor('upgrading'));
    consumers.push(await startConsumer(LegacyV1Consumer, legacy, vhost.url, LegacyQueue));
    await probe.untilConsuming(LegacyQueue.queue);
  });

  afterAll(async () => {
    for (const app of consumers) await closeApp(app);
    if (merchantNotify) await closeApp(merchantNotify);
    if (orderService) await closeApp(orderService);
    await ordersDb?.end();
    await merchantNotifyDb?.end();
    await probe?.close();
    await legacy?.close();
    await upgrading?.close();
    await issuer?.close();
    await vhost?.delete();
    await db?.drop();
  });

  it('producer first: v1-only consumers get every order as v1, and the v2 twin nobody binds yet is still sent', async () => {
    const before = await startConsumer(
      UpgradingBeforeUpgrade,
      upgrading,
      vhost.url,
      UpgradingQueue,
    );
    await probe.untilConsuming(UpgradingQueue.queue);
    const ids = await placeOrders(4);
    expectDeliveries(LegacyQueue, 4);
    expectDeliveries(UpgradingQueue, 4);
    await untilAllHandled(LegacyQueue, UpgradingQueue);
    await closeApp(before);

    for (const store of [legacy, upgrading]) {
      for (const row of appliedOnce(await store.all(), ids).values()) {
        // A v1 reader never sees the field, though the producer's v1 copy carries it.
        expect(row).toMatchObject({ type: 'order.created.v1', has_key: false, instructions: null });
      }
    }
    // No queue binds order.created.v2 yet: its rows still leave the outbox (the v1 copy
    // delivered the order), instead of being retried forever.
    await waitFor(
      async () => {
        const { rows } = await ordersDb.query<{ outbox: number; v2_sent: number }>(
          `SELECT (SELECT count(*)::int FROM outbox) AS outbox,
                  (SELECT count(*)::int FROM outbox_archive
                    WHERE routing_key = 'order.created.v2' AND payload->'data'->>'orderId' = ANY($1)) AS v2_sent`,
          [ids],
        );
        return (rows[0]?.outbox === 0 && rows[0].v2_sent === ids.length) || undefined;
      },
      { what: 'every v2 twin confirmed and archived, with no queue bound for it' },
    );
  });

  it('consumer upgraded later: v1 copies queued meanwhile, and an old producer’s v1, are applied through the upcaster', async () => {
    // The upgrading consumer is down; its queue (bound to v1 only) keeps what comes.
    const queuedFromNew = await placeOrders(4);
    const queuedFromOld = await publishFromOldProducer(2);
    expectDeliveries(LegacyQueue, 6);
    expectDeliveries(UpgradingQueue, 6);

    consumers.push(
      await startConsumer(UpgradingAfterUpgrade, upgrading, vhost.url, UpgradingQueue),
    );
    await untilAllHandled(LegacyQueue, UpgradingQueue);

    const applied = appliedOnce(await upgrading.all(), [...queuedFromNew, ...queuedFromOld]);
    for (const [id, row] of applied) {
      expect(row).toMatchObject({
        type: 'order.created.v2',
        has_key: true,
        instructions: sent.get(id),
      });
    }
    expect(queuedFromNew.some((id) => sent.get(id) !== null)).toBe(true);
  });

  it('both versions flowing: every consumer applies every order once, v2-aware ones with the instructions', async () => {
    merchantNotifyEnv = {
      DATABASE_URL: await db.migrate('merchant-notify', 'merchant_notify'),
      RABBITMQ_URL: vhost.url,
      SEED_DEMO_DATA: 'false',
      OUTBOX_POLL_MS: '200',
    };
    await startMerchantNotify();
    merchantNotifyDb = createPgPool(db.urlFor('merchant_notify'), 2);

    const fromNew = await placeOrders(6);
    const fromOld = await publishFromOldProducer(2);
    // The new producer's v1 and v2 twin both reach a v2-aware queue (bound to both); an
    // old producer's v1 reaches it once.
    expectDeliveries(LegacyQueue, 8);
    expectDeliveries(UpgradingQueue, 2 * 6 + 2);
    expectDeliveries(Queues.merchantNotify, 2 * 6 + 2);
    await untilAllHandled(LegacyQueue, UpgradingQueue, Queues.merchantNotify);

    const everyOrder = [...sent.keys()];
    for (const row of appliedOnce(await legacy.all(), everyOrder).values()) {
      expect(row).toMatchObject({ type: 'order.created.v1', has_key: false });
    }
    const upgraded = appliedOnce(await upgrading.all(), everyOrder);
    for (const id of [...fromNew, ...fromOld]) {
      expect(upgraded.get(id)).toMatchObject({
        type: 'order.created.v2',
        instructions: sent.get(id),
      });
    }

    // merchant-notify heard the orders placed since it started: one notification each,
    // printing the instructions.
    const { rows } = await merchantNotifyDb.query<{
      order_id: string;
      instructions: string | null;
    }>(
      `SELECT order_id::text, payload->'order'->>'deliveryInstructions' AS instructions
         FROM notifications WHERE kind = 'order.created'`,
    );
    expect(rows.map((r) => r.order_id).sort()).toEqual([...fromNew, ...fromOld].sort());
    for (const row of rows) expect(row.instructions).toBe(sent.get(row.order_id));

    // Each delivery applied or recognised as the twin of one already applied; none failed.
    const orders = everyOrder.length;
    expect(await handled(LegacyQueue)).toEqual({ applied: orders });
    expect(await handled(UpgradingQueue)).toEqual({ applied: orders, duplicate: 6 });
    expect(await handled(Queues.merchantNotify)).toEqual({ applied: 8, duplicate: 6 });
    expect(await deadLetters([LegacyQueue, UpgradingQueue, Queues.merchantNotify])).toBe(0);
  });

  it('v1 retired: v2 alone announces new orders, applied once; a replay sends each archived order once, as v2', async () => {
    // The precondition: no v1-only consumer is left (its queue stays, bound to v1 only).
    const legacyBefore = await handled(LegacyQueue);
    await closeApp(consumers.shift() as INestApplication);
    // golevelup closes the connection last opened in this process with any app it closes (one
    // static registry, keyed by name), here merchant-notify's: it is restarted too.
    await closeApp(merchantNotify as INestApplication);
    await closeApp(orderService);
    await startOrderService({ ORDER_CREATED_V1: 'false' });
    await startMerchantNotify();

    const afterRetiring = await placeOrders(4);
    expectDeliveries(UpgradingQueue, 4);
    expectDeliveries(Queues.merchantNotify, 4);
    await untilAllHandled(UpgradingQueue, Queues.merchantNotify);
    for (const [id, row] of appliedOnce(await upgrading.all(), afterRetiring)) {
      expect(row).toMatchObject({ type: 'order.created.v2', instructions: sent.get(id) });
    }
    // Only v2 left the outbox for them, and it found its queues (no longer allowed not to). The
    // relay archives confirmed rows in a sweep that may come after the consumers applied them.
    const copies = await waitFor(
      async () => {
        const { rows } = await ordersDb.query<{ outbox: number; copies: unknown }>(
          `SELECT (SELECT count(*)::int FROM outbox) AS outbox,
                  (SELECT json_agg(DISTINCT routing_key) FROM outbox_archive
                    WHERE payload->'data'->>'orderId' = ANY($1)) AS copies`,
          [afterRetiring],
        );
        return rows[0]?.outbox === 0 ? rows[0].copies : undefined;
      },
      { what: 'the outbox empty after the orders placed with v1 retired' },
    );
    expect(copies).toEqual(['order.created.v2']);

    // A replay that names no types: every order this order-service ever announced, once, as v2
    // (the v1 copies archived before are the repeats now). merchant-notify, which joined late,
    // learns the 8 orders from before it started and recognises the rest.
    const replay = await request(orderService.getHttpServer())
      .post('/replays')
      .auth(await issuer.token('operator'), { type: 'bearer' })
      .send({ queue: Queues.merchantNotify.queue })
      .expect(200);
    expect(replay.body).toMatchObject({ replayed: placed });
    expectDeliveries(Queues.merchantNotify, placed);
    await untilAllHandled(Queues.merchantNotify);
    const { rows: notified } = await merchantNotifyDb.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM notifications WHERE kind = 'order.created'",
    );
    // All but the old producer's 2 orders of the second case: sent before merchant-notify
    // started, and never in this order-service's archive.
    const heard = sent.size - 2;
    expect(notified[0]?.n).toBe(heard);
    const byType: Record<string, number> = {};
    for (const { labels, value } of (await messagesHandled.get()).values) {
      if (labels.queue !== Queues.merchantNotify.queue) continue;
      byType[String(labels.type)] = (byType[String(labels.type)] ?? 0) + value;
    }
    // v1 reached merchant-notify only from the old producer (2) and as twins before retiring (6).
    expect(byType['order.created.v1']).toBe(2 + 6);
    expect(await handled(Queues.merchantNotify)).toEqual({
      applied: heard,
      duplicate: 6 + (placed - 8),
    });
    expect(await handled(LegacyQueue)).toEqual(legacyBefore);
    expect(await deadLetters([LegacyQueue, UpgradingQueue, Queues.merchantNotify])).toBe(0);
  });
});
