import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Injectable, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  consumerQueue,
  OrderCreatedV1,
  OrderCreatedV1ToV2,
  OrderCreatedV2,
  type ConsumerQueueNames,
  type EventDefinition,
} from '@dinner-rush/contracts';
import { createPgPool } from '@dinner-rush/database';
import {
  applyBatchExactlyOnce,
  ConsumeBatches,
  eventConsumer,
  MessagingModule,
  type BatchMessage,
} from '@dinner-rush/messaging';
import { createMessagingSchema } from '@dinner-rush/testing';
import type { Pool } from 'pg';

/**
 * Consumers for the rolling-upgrade test, built from the same libs as the
 * services: one that reads only order.created.v1 and is never upgraded, and
 * one service in two versions on one queue and schema (v1-only before its
 * upgrade, v2-aware after). Each records every order it applies, with no
 * unique key, so an order applied twice shows as two rows.
 */
export const LegacyQueue = consumerQueue('legacy-v1', 'orders');
export const UpgradingQueue = consumerQueue('upgrading', 'orders');

export interface AppliedOrder {
  order_id: string;
  /** The type the handler saw (after any upcast). */
  type: string;
  instructions: string | null;
  /** Whether the data the handler saw had the key at all (a v1 reader's never does). */
  has_key: boolean;
}

/** One consumer's schema: the messaging tables (inbox) and what it applied. */
export class AppliedOrders {
  private constructor(readonly pool: Pool) {}

  static async create(databaseUrl: string): Promise<AppliedOrders> {
    await createMessagingSchema(databaseUrl);
    const pool = createPgPool(databaseUrl, 3);
    await pool.query(
      `CREATE TABLE applied (order_id uuid NOT NULL, type text NOT NULL, instructions text,
         has_key boolean NOT NULL)`,
    );
    return new AppliedOrders(pool);
  }

  /** The batch's fresh orders, exactly once per message id (the inbox), as any service does. */
  apply(batch: readonly BatchMessage[]): Promise<void> {
    return applyBatchExactlyOnce(this.pool, batch, async (tx, fresh) => {
      const data = fresh.map((m) => m.envelope.data as Record<string, unknown>);
      await tx.query(
        `INSERT INTO applied (order_id, type, instructions, has_key)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[])`,
        [
          data.map((d) => d.orderId),
          fresh.map((m) => m.envelope.type),
          data.map((d) =>
            typeof d.deliveryInstructions === 'string' ? d.deliveryInstructions : null,
          ),
          data.map((d) => 'deliveryInstructions' in d),
        ],
      );
      return [];
    });
  }

  async all(): Promise<AppliedOrder[]> {
    return (await this.pool.query<AppliedOrder>('SELECT order_id::text, * FROM applied')).rows;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** A consumer of `queue` that accepts `events` (its version) and records what it applies. */
function consumerVersion(queue: ConsumerQueueNames, events: readonly EventDefinition[]) {
  @Injectable()
  class ConsumerVersion {
    constructor(readonly store: AppliedOrders) {}

    @ConsumeBatches(eventConsumer(queue, events))
    apply(batch: readonly BatchMessage[]): Promise<void> {
      return this.store.apply(batch);
    }
  }
  return ConsumerVersion;
}

export const LegacyV1Consumer = consumerVersion(LegacyQueue, [OrderCreatedV1]);
/** The upgrading service before its upgrade: it knows v1 only, like LegacyV1Consumer. */
export const UpgradingBeforeUpgrade = consumerVersion(UpgradingQueue, [OrderCreatedV1]);
/** The same service after its upgrade: v2, and v1 through the upcaster (as merchant-notify). */
export const UpgradingAfterUpgrade = consumerVersion(UpgradingQueue, [
  OrderCreatedV2,
  OrderCreatedV1ToV2,
]);

/** Starts one consumer version in-process on the vhost, consuming `queue` once this resolves. */
export async function startConsumer(
  handler: new (store: AppliedOrders) => unknown,
  store: AppliedOrders,
  rabbitmqUrl: string,
  queue: ConsumerQueueNames,
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      MessagingModule.forRootAsync({
        useFactory: () => ({
          rabbitmqUrl,
          prefetch: 20,
          batch: { size: 20, lingerMs: 20 },
          consumes: [queue],
          retryLimit: 2,
          outbox: { pool: store.pool, pollIntervalMs: 1_000 },
        }),
      }),
    ],
    providers: [handler, { provide: AppliedOrders, useValue: store }],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

/**
 * Stops an app of this process. golevelup keeps every app's broker connection
 * in one static map by name ("default"), so several apps in one process
 * overwrite each other there and app.close() closes only the last one added:
 * each app's own connection is closed here as well (closing twice is harmless).
 */
export async function closeApp(app: INestApplication): Promise<void> {
  const amqp = app.get(AmqpConnection);
  await app.close();
  await amqp.close().catch(() => undefined);
}
