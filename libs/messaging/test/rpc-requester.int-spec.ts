import { defineRpc, Exchanges, RPC_REPLY_EXCHANGE } from '@dinner-rush/contracts';
import { AmqpConnection, rabbitConfig, RpcRequester } from '@dinner-rush/messaging';
import { createTestVhost, waitFor, type TestVhost } from '@dinner-rush/testing';
import { connect, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import { z } from 'zod';

const EchoV1 = defineRpc('echo-test', 1, Exchanges.orderRequests, 'rpc-requester-test.echo', {
  request: z.strictObject({ say: z.string(), replyAfterMs: z.number().int().nonnegative() }),
  reply: z.object({ said: z.string() }),
  examples: { request: { say: 'hi', replyAfterMs: 0 }, reply: { said: 'hi' } },
});
const TIMEOUT_MS = 400;

/**
 * The asking side of request/reply against a real broker, with a hand-made
 * responder that answers through the reply exchange when and how each test
 * asks it to: on time, late (after the asker gave up) or with nonsense.
 */
describe('RpcRequester (real RabbitMQ)', () => {
  let vhost: TestVhost;
  let amqp: AmqpConnection;
  let requester: RpcRequester;
  let responder: ChannelModel;
  let channel: ConfirmChannel;
  const answered: string[] = [];

  beforeAll(async () => {
    vhost = await createTestVhost('rpc-requester');
    amqp = new AmqpConnection({
      ...rabbitConfig({ rabbitmqUrl: vhost.url, prefetch: 1, consumes: [] }),
      connectionInitOptions: { wait: true },
    });
    await amqp.init();
    requester = new RpcRequester(amqp, { service: 'rpc-requester-test', asks: [EchoV1] });
    requester.onModuleInit();
    await waitFor(() => requester.replies.listening || undefined, { what: 'the reply queue' });

    responder = await connect(vhost.url);
    channel = await responder.createConfirmChannel();
    await channel.assertQueue(EchoV1.queue, { exclusive: true });
    await channel.bindQueue(EchoV1.queue, EchoV1.exchange, EchoV1.routingKey);
    await channel.consume(EchoV1.queue, (msg) => msg && answer(msg), { noAck: true });
  });

  /** Echoes `say` after `replyAfterMs`; says nonsense (an invalid reply) when asked to say 'nonsense'. */
  function answer(msg: ConsumeMessage): void {
    const request = EchoV1.request.parse(JSON.parse(msg.content.toString()));
    const reply = request.say === 'nonsense' ? { heard: 42 } : { said: request.say };
    setTimeout(() => {
      channel.publish(
        RPC_REPLY_EXCHANGE,
        String(msg.properties.replyTo),
        Buffer.from(JSON.stringify(reply)),
        {
          correlationId: msg.properties.correlationId as string,
        },
      );
      answered.push(request.say);
    }, request.replyAfterMs);
  }

  afterAll(async () => {
    await responder?.close().catch(() => undefined);
    await requester?.onModuleDestroy();
    await amqp?.close();
    await vhost?.delete();
  });

  it('matches each reply to its request by correlation id', async () => {
    const outcomes = await Promise.all(
      ['a', 'b', 'c'].map((say, n) =>
        requester.ask(EchoV1, { say, replyAfterMs: (3 - n) * 30 }, TIMEOUT_MS),
      ),
    );
    expect(outcomes).toEqual(['a', 'b', 'c'].map((said) => ({ answered: true, reply: { said } })));
  });

  it('gives up at the timeout, then drops the late reply and keeps answering', async () => {
    const droppedBefore = requester.replies.droppedReplies;
    const late = await requester.ask(
      EchoV1,
      { say: 'late', replyAfterMs: TIMEOUT_MS * 2 },
      TIMEOUT_MS,
    );
    expect(late).toMatchObject({ answered: false, reason: 'timeout' });
    await waitFor(() => answered.includes('late') || undefined, { what: 'the late reply sent' });
    await waitFor(() => requester.replies.droppedReplies > droppedBefore || undefined, {
      what: 'the late reply dropped',
    });
    expect(requester.replies.droppedReplies).toBe(droppedBefore + 1);
    expect(await requester.ask(EchoV1, { say: 'after', replyAfterMs: 0 }, TIMEOUT_MS)).toEqual({
      answered: true,
      reply: { said: 'after' },
    });
  });

  it('turns a reply that breaks the contract into an outcome, not an exception', async () => {
    expect(
      await requester.ask(EchoV1, { say: 'nonsense', replyAfterMs: 0 }, TIMEOUT_MS),
    ).toMatchObject({
      answered: false,
      reason: 'invalid-reply',
    });
  });

  it('without the reply exchange (stale definitions) falls back, and the service still publishes', async () => {
    const bare = await createTestVhost('rpc-requester-bare');
    const other = new AmqpConnection({
      ...rabbitConfig({ rabbitmqUrl: bare.url, prefetch: 1, consumes: [] }),
      exchanges: [],
      connectionInitOptions: { wait: true },
    });
    const asker = new RpcRequester(other, { service: 'rpc-requester-test', asks: [EchoV1] });
    try {
      await other.init();
      asker.onModuleInit();
      expect(await asker.ask(EchoV1, { say: 'x', replyAfterMs: 0 }, TIMEOUT_MS)).toMatchObject({
        answered: false,
        reason: 'not-connected',
      });
      // The refused declare closed the reply queue's own channel, not the one the outbox publishes on.
      const check = await connect(bare.url);
      const probe = await check.createChannel();
      await probe.assertQueue('rpc-requester-test.probe', { exclusive: true });
      await other.publish('', 'rpc-requester-test.probe', { still: 'publishing' });
      const got = await waitFor(
        async () => (await probe.get('rpc-requester-test.probe')) || undefined,
        {
          what: 'the message published after the refused declare',
        },
      );
      expect(JSON.parse(got.content.toString())).toEqual({ still: 'publishing' });
      await check.close();
    } finally {
      await asker.onModuleDestroy();
      await other.close();
      await bare.delete();
    }
  });

  it('refuses to ask what the service did not declare (its broker user could not send it)', async () => {
    const undeclared = { ...EchoV1, name: 'undeclared.v1' };
    await expect(
      requester.ask(undeclared, { say: 'x', replyAfterMs: 0 }, TIMEOUT_MS),
    ).rejects.toThrow(/does not declare/);
  });
});
