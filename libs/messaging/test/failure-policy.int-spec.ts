import { Injectable, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { consumerQueue, createEnvelope, Exchanges, type Envelope } from '@dinner-rush/contracts';
import {
  consumerSubscription,
  DeadLetterHeaders,
  MessagingModule,
  PermanentMessageError,
  RabbitSubscribe,
} from '@dinner-rush/messaging';
import { BrokerProbe, createTestVhost, waitFor, type TestVhost } from '@dinner-rush/testing';

/**
 * The failure policy against a real broker: transient failures come back
 * through the delay queues without blocking the queue behind them, exhausted
 * ones and permanent ones land in the dead-letter queue explained, and an
 * unavailable database never uses up a message's retries.
 */
const names = consumerQueue('policy-test', 'orders');
const ROUTING_KEY = 'policy.tested.v1';

/** What the handler does with a message, by its `data.script`; every attempt is recorded. */
type Script = 'ok' | 'fail-once' | 'always-fail' | 'db-down-twice' | 'permanent';
const attempts: { id: string; outcome: 'failed' | 'applied' }[] = [];

function attemptsOf(id: string): number {
  return attempts.filter((a) => a.id === id).length;
}

@Injectable()
class ScriptedHandler {
  @RabbitSubscribe(consumerSubscription(names, Exchanges.orders, [ROUTING_KEY]))
  handle(envelope: Envelope<{ script: Script }>): Promise<void> {
    const id = envelope.messageId;
    const before = attemptsOf(id);
    const fail = (error: Error): Promise<void> => {
      attempts.push({ id, outcome: 'failed' });
      return Promise.reject(error);
    };
    switch (envelope.data.script) {
      case 'fail-once':
        if (before === 0) return fail(new Error('flaky downstream'));
        break;
      case 'always-fail':
        return fail(new Error('still broken'));
      case 'db-down-twice':
        if (before < 2) {
          return fail(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
        }
        break;
      case 'permanent':
        return fail(new PermanentMessageError('unknown-order', 'no such order'));
      default:
        break;
    }
    attempts.push({ id, outcome: 'applied' });
    return Promise.resolve();
  }
}

function scripted(script: Script): Envelope<{ script: Script }> {
  return createEnvelope(
    ROUTING_KEY,
    1,
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
    await probe.publish(Exchanges.orders, ROUTING_KEY, broken);

    const dead = await probe.nextDeadLetter(names.deadLetterQueue);
    expect(JSON.parse(dead.body)).toMatchObject({ messageId: broken.messageId });
    expect(dead.headers).toMatchObject({
      [DeadLetterHeaders.reason]: 'retries-exhausted',
      [DeadLetterHeaders.error]: 'still broken',
      [DeadLetterHeaders.attempts]: 2,
      [DeadLetterHeaders.retries]: 1,
      [DeadLetterHeaders.originalExchange]: Exchanges.orders,
      [DeadLetterHeaders.originalRoutingKey]: ROUTING_KEY,
    });
    expect(attemptsOf(broken.messageId)).toBe(2);
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
});
