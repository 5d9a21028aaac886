import { Injectable, type INestApplication } from '@nestjs/common';
import { z } from 'zod';
import { Test } from '@nestjs/testing';
import { fromOwnDatabase } from '@dinner-rush/database';
import { buildEvent, consumerQueue, defineEvent, Exchanges } from '@dinner-rush/contracts';
import {
  ConsumeBatches,
  DEAD_LETTER_DELIVERY_LIMIT,
  DeadLetterHeaders,
  eventConsumer,
  messagesOfType,
  MessagingModule,
  PermanentMessageError,
  type BatchMessage,
} from '@dinner-rush/messaging';
import {
  BrokerProbe,
  createTestVhost,
  queueDeclaration,
  waitFor,
  type TestVhost,
} from '@dinner-rush/testing';

/**
 * The failure policy against a real broker: transient failures come back
 * through the delay queues without blocking the queue behind them, exhausted
 * ones and permanent ones land in the dead-letter queue explained, and an
 * unavailable database never uses up a message's retries.
 */
const names = consumerQueue('policy-test', 'orders');
const SCRIPTS = [
  'ok',
  'fail-once',
  'always-fail',
  'db-down-twice',
  'webhook-down',
  'permanent',
] as const;
/** What the handler does with a message, by its `data.script`; every attempt is recorded. */
type Script = (typeof SCRIPTS)[number];
const PolicyTestedV1 = defineEvent(
  'policy.tested',
  1,
  Exchanges.orders,
  z.object({ script: z.enum(SCRIPTS) }),
);
const ROUTING_KEY = PolicyTestedV1.type;
const attempts: { id: string; outcome: 'failed' | 'applied' }[] = [];

function attemptsOf(id: string): number {
  return attempts.filter((a) => a.id === id).length;
}

/**
 * Applies each message of a batch by its script: a failing one is rejected on
 * its own (the failure policy takes it), the others in its batch go on.
 */
@Injectable()
class ScriptedHandler {
  @ConsumeBatches(eventConsumer(names, [PolicyTestedV1]))
  apply(batch: readonly BatchMessage[]): Promise<void> {
    for (const message of messagesOfType(batch, PolicyTestedV1)) this.run(message);
    return Promise.resolve();
  }

  private run(message: BatchMessage<ReturnType<typeof scripted>>): void {
    const id = message.envelope.messageId;
    const before = attemptsOf(id);
    const fail = (error: Error) => {
      attempts.push({ id, outcome: 'failed' });
      message.reject(error);
    };
    switch (message.envelope.data.script) {
      case 'fail-once':
        if (before === 0) return fail(new Error('flaky downstream'));
        break;
      case 'always-fail':
        return fail(new Error('still broken'));
      case 'db-down-twice':
        // As PgTx raises it: the service's own database refused the connection.
        if (before < 2) return fail(fromOwnDatabase(refused()));
        break;
      case 'webhook-down':
        // The same socket error from a merchant's webhook: not an outage of ours.
        return fail(new Error('webhook failed', { cause: refused() }));
      case 'permanent':
        return fail(new PermanentMessageError('unknown-order', 'no such order'));
      default:
        break;
    }
    attempts.push({ id, outcome: 'applied' });
  }
}

function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
}

function scripted(script: Script) {
  return buildEvent(
    PolicyTestedV1,
    { script },
    { correlationId: crypto.randomUUID(), causationId: null },
  );
}

describe('failure policy (real RabbitMQ)', () => {
  let vhost: TestVhost;
  let app: INestApplication;
  let probe: BrokerProbe;

  beforeAll(async () => {
    vhost = await createTestVhost();
    const moduleRef = await Test.createTestingModule({
      imports: [
        MessagingModule.forRootAsync({
          // One retry for ordinary transient failures: keeps the test to seconds.
          useFactory: () => ({
            rabbitmqUrl: vhost.url,
            prefetch: 10,
            consumes: [names],
            retryLimit: 1,
          }),
        }),
      ],
      providers: [ScriptedHandler],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    probe = await BrokerProbe.open(vhost.url);
    await probe.untilConsuming(names.queue);
  });

  afterAll(async () => {
    await probe?.close();
    await app?.close();
    await vhost?.delete();
  });

  it('retries a transient failure through a delay queue without holding up the messages behind it', async () => {
    const flaky = scripted('fail-once');
    const next = scripted('ok');
    await probe.publish(Exchanges.orders, ROUTING_KEY, flaky);
    await probe.publish(Exchanges.orders, ROUTING_KEY, next);

    await waitFor(() => (attemptsOf(flaky.messageId) === 2 ? true : undefined), {
      what: 'the retried message applied',
    });
    const order = attempts
      .filter((a) => a.id === flaky.messageId || a.id === next.messageId)
      .map((a) => `${a.id === flaky.messageId ? 'flaky' : 'next'}:${a.outcome}`);
    expect(order).toEqual(['flaky:failed', 'next:applied', 'flaky:applied']);
  });

  it('dead-letters a message whose retries are used up, with the reason, attempts and origin', async () => {
    const broken = scripted('always-fail');
    // Its trace context rides through the delay queue and the dead-letter exchange.
    const trace = {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      tracestate: 'dinner=rush',
    };
    await probe.publish(Exchanges.orders, ROUTING_KEY, broken, trace);

    const dead = await probe.nextDeadLetter(names.deadLetterQueue);
    expect(JSON.parse(dead.body)).toMatchObject({ messageId: broken.messageId });
    expect(dead.headers).toMatchObject({
      [DeadLetterHeaders.reason]: 'retries-exhausted',
      [DeadLetterHeaders.error]: 'still broken',
      [DeadLetterHeaders.attempts]: 2,
      [DeadLetterHeaders.retries]: 1,
      [DeadLetterHeaders.originalExchange]: Exchanges.orders,
      [DeadLetterHeaders.originalRoutingKey]: ROUTING_KEY,
      ...trace,
    });
    expect(attemptsOf(broken.messageId)).toBe(2);
  });

  it('declares the dead-letter queue with an explicit delivery limit (RabbitMQ 4 defaults to 20, then drops)', async () => {
    const declared = await queueDeclaration(vhost.url, names.deadLetterQueue);
    expect(declared).toMatchObject({ durable: true, auto_delete: false });
    expect(declared.arguments).toEqual({
      'x-queue-type': 'quorum',
      'x-delivery-limit': DEAD_LETTER_DELIVERY_LIMIT,
    });
  });

  it('sends a permanent failure straight to the dead-letter queue', async () => {
    const poison = scripted('permanent');
    await probe.publish(Exchanges.orders, ROUTING_KEY, poison);

    const dead = await probe.nextDeadLetter(names.deadLetterQueue);
    expect(JSON.parse(dead.body)).toMatchObject({ messageId: poison.messageId });
    expect(dead.headers).toMatchObject({
      [DeadLetterHeaders.reason]: 'unknown-order',
      [DeadLetterHeaders.attempts]: 1,
    });
    expect(attemptsOf(poison.messageId)).toBe(1);
  });

  it('keeps retrying while the database is unavailable, beyond the retry limit for other errors', async () => {
    // retryLimit is 1, but an outage is not the message's fault: it must not be dead-lettered.
    const waiting = scripted('db-down-twice');
    await probe.publish(Exchanges.orders, ROUTING_KEY, waiting);

    await waitFor(
      () =>
        attempts.some((a) => a.id === waiting.messageId && a.outcome === 'applied')
          ? true
          : undefined,
      { what: 'the message applied once the database is back' },
    );
    expect(attemptsOf(waiting.messageId)).toBe(3);
  });

  it('spends the retries of a message whose webhook is unreachable, then dead-letters it', async () => {
    const unreachable = scripted('webhook-down');
    await probe.publish(Exchanges.orders, ROUTING_KEY, unreachable);

    const dead = await probe.nextDeadLetter(names.deadLetterQueue);
    expect(JSON.parse(dead.body)).toMatchObject({ messageId: unreachable.messageId });
    expect(dead.headers).toMatchObject({
      [DeadLetterHeaders.reason]: 'retries-exhausted',
      [DeadLetterHeaders.error]: 'webhook failed',
    });
    expect(attemptsOf(unreachable.messageId)).toBe(2);
  });
});
