import { randomUUID } from 'node:crypto';
import { Injectable, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { buildEvent, consumerQueue, defineEvent, Exchanges } from '@dinner-rush/contracts';
import { createPgPool } from '@dinner-rush/database';
import {
  applyBatchExactlyOnce,
  ConsumeBatches,
  DeadLetterHeaders,
  eventConsumer,
  messagesOfType,
  MessagingModule,
  outgoingEvent,
  type BatchMessage,
} from '@dinner-rush/messaging';
import {
  BrokerProbe,
  createMessagingSchema,
  createTestDatabase,
  createTestVhost,
  waitFor,
  type TestDatabase,
  type TestVhost,
} from '@dinner-rush/testing';
import type { Pool } from 'pg';
import { z } from 'zod';

/**
 * The batch path against a real broker and database: messages delivered
 * close together are applied in ONE transaction (inbox, effect, outbox), and
 * a bad message inside a batch fails alone while the others are applied once.
 */
const names = consumerQueue('batch-test', 'items');
const ItemV1 = defineEvent(
  'batch-test.item',
  1,
  Exchanges.orders,
  z.object({ orderId: z.uuid(), value: z.string() }),
);
const ItemAppliedV1 = defineEvent(
  'batch-test.item-applied',
  1,
  Exchanges.orderStatus,
  z.object({ orderId: z.uuid() }),
);

let pool: Pool;

/** Records each fresh item with the id of the transaction that applied it; 'explode' makes the effect throw. */
@Injectable()
class ItemsHandler {
  @ConsumeBatches(eventConsumer(names, [ItemV1]))
  apply(batch: readonly BatchMessage[]): Promise<void> {
    return applyBatchExactlyOnce(pool, batch, async (tx, fresh) => {
      const items = messagesOfType(fresh, ItemV1);
      if (items.some((item) => item.envelope.data.value === 'explode')) {
        throw new Error('the effect failed on one item');
      }
      await tx.query(
        `INSERT INTO applied (message_id, value)
         SELECT * FROM unnest($1::uuid[], $2::text[])`,
        [items.map((i) => i.envelope.messageId), items.map((i) => i.envelope.data.value)],
      );
      return items.map(({ envelope }) =>
        outgoingEvent(
          ItemAppliedV1,
          { orderId: envelope.data.orderId },
          {
            correlationId: envelope.data.orderId,
            causationId: envelope.messageId,
          },
        ),
      );
    });
  }
}

function item(value: string) {
  const orderId = randomUUID();
  return buildEvent(ItemV1, { orderId, value }, { correlationId: orderId, causationId: null });
}

describe('batch consumer (real PostgreSQL + RabbitMQ)', () => {
  let db: TestDatabase;
  let vhost: TestVhost;
  let app: INestApplication;
  let probe: BrokerProbe;

  const applied = async (ids: readonly string[]) =>
    (
      await pool.query<{ message_id: string; tx: string }>(
        'SELECT message_id::text, tx::text FROM applied WHERE message_id = ANY($1::uuid[])',
        [ids],
      )
    ).rows;
  const publishAll = async (envelopes: readonly (ReturnType<typeof item> | Buffer)[]) => {
    for (const envelope of envelopes) await probe.publish(Exchanges.orders, ItemV1.type, envelope);
  };

  beforeAll(async () => {
    db = await createTestDatabase('batch');
    vhost = await createTestVhost('batch');
    const url = db.urlFor('batch_test');
    await createMessagingSchema(url);
    pool = createPgPool(url, 4);
    await pool.query(
      `CREATE TABLE applied (message_id uuid PRIMARY KEY, value text NOT NULL,
         tx bigint NOT NULL DEFAULT txid_current())`,
    );
    const moduleRef = await Test.createTestingModule({
      imports: [
        MessagingModule.forRootAsync({
          // Room for a whole test's messages in one batch, and long enough a linger to gather them.
          useFactory: () => ({
            rabbitmqUrl: vhost.url,
            prefetch: 40,
            batch: { size: 40, lingerMs: 400 },
            consumes: [names],
            retryLimit: 1,
            outbox: { pool, pollIntervalMs: 1_000 },
          }),
        }),
      ],
      providers: [ItemsHandler],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    probe = await BrokerProbe.open(vhost.url);
    await probe.untilConsuming(names.queue);
  });

  afterAll(async () => {
    await probe?.close();
    await app?.close();
    await pool?.end();
    await vhost?.delete();
    await db?.drop();
  });

  it('applies messages that arrive together in one transaction, and publishes what they caused', async () => {
    const items = Array.from({ length: 12 }, (_, i) => item(`v${i}`));
    await publishAll(items);

    const ids = items.map((i) => i.messageId);
    const rows = await waitFor(async () => {
      const found = await applied(ids);
      return found.length === items.length ? found : undefined;
    });
    expect(new Set(rows.map((row) => row.tx)).size).toBe(1);
    for (const { envelope } of items.map((i) => ({ envelope: i }))) {
      await probe.untilStatus(envelope.data.orderId, ItemAppliedV1.type);
    }
  });

  it('dead-letters poison inside a batch on its own; the rest of the batch is applied once, together', async () => {
    const good = Array.from({ length: 10 }, (_, i) => item(`good-${i}`));
    const invalid = { ...item('x'), data: { orderId: 'not-a-uuid' } };
    await publishAll([...good.slice(0, 5), Buffer.from('{not json'), ...good.slice(5)]);
    await probe.publish(Exchanges.orders, ItemV1.type, invalid);

    const rows = await waitFor(async () => {
      const found = await applied(good.map((g) => g.messageId));
      return found.length === good.length ? found : undefined;
    });
    expect(new Set(rows.map((row) => row.tx)).size).toBe(1);
    const reasons = [
      (await probe.nextDeadLetter(names.deadLetterQueue)).headers[DeadLetterHeaders.reason],
      (await probe.nextDeadLetter(names.deadLetterQueue)).headers[DeadLetterHeaders.reason],
    ];
    expect(reasons.sort()).toEqual(['invalid-data', 'not-json']);
  });

  it('isolates a message whose effect fails: the others commit, it alone is retried, then dead-lettered', async () => {
    const good = Array.from({ length: 6 }, (_, i) => item(`fine-${i}`));
    const bad = item('explode');
    await publishAll([...good.slice(0, 3), bad, ...good.slice(3)]);

    await waitFor(async () => {
      const found = await applied(good.map((g) => g.messageId));
      return found.length === good.length ? found : undefined;
    });
    const dead = await probe.nextDeadLetter(names.deadLetterQueue);
    expect(JSON.parse(dead.body)).toMatchObject({ messageId: bad.messageId });
    expect(dead.headers).toMatchObject({
      [DeadLetterHeaders.reason]: 'retries-exhausted',
      [DeadLetterHeaders.error]: 'the effect failed on one item',
    });
    expect(await applied([bad.messageId])).toEqual([]);
    expect(await applied(good.map((g) => g.messageId))).toHaveLength(good.length);
  });

  it('applies a message delivered twice in one batch once', async () => {
    const once = item('once');
    const after = item('after');
    await publishAll([once, once, after]);
    await waitFor(async () => ((await applied([after.messageId])).length === 1 ? true : undefined));
    expect(await applied([once.messageId])).toHaveLength(1);
    await probe.untilStatus(once.data.orderId, ItemAppliedV1.type);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(probe.statusFor(once.data.orderId, ItemAppliedV1.type)).toHaveLength(1);
  });
});
