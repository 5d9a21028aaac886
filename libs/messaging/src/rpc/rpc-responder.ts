import { applyDecorators, Logger, SetMetadata } from '@nestjs/common';
import {
  RabbitRPC,
  type AmqpConnection,
  type MessageHandlerOptions,
} from '@golevelup/nestjs-rabbitmq';
import { isReplyQueueName, RPC_REPLY_EXCHANGE, type RpcDefinition } from '@dinner-rush/contracts';
import type { Channel, ConsumeMessage } from 'amqplib';

const logger = new Logger('RpcResponder');

/**
 * How long the responder's queue outlives its last responder: long enough to
 * ride out a restart, short enough that a queue nobody consumes any more (all
 * responders gone while the broker restarted) does not stay forever.
 */
export const RPC_QUEUE_EXPIRES_MS = 60_000;

/**
 * The responder's queue, shared by its replicas. A quorum queue, like every
 * other: a durable classic queue lives on one node, and once that node is
 * down its responders cannot even redeclare it ("home node down"), so on a
 * cluster they would never reconnect. A request carries its asker's timeout
 * as its expiration, so with no responder running requests expire instead of
 * piling up; `x-expires` removes the queue once no responder has used it for
 * a while. Durable because RabbitMQ 4.x refuses transient non-exclusive queues.
 */
export const RPC_QUEUE_OPTIONS = {
  durable: true,
  autoDelete: false,
  arguments: { 'x-queue-type': 'quorum', 'x-expires': RPC_QUEUE_EXPIRES_MS },
} as const;

/** Marks a method as the answer to one request/reply contract (read by ConsumerRegistrar and the broker footprint). */
export const RPC_ANSWERS = Symbol('RPC_ANSWERS');

/**
 * Answers `definition`'s requests: the method's return value is the reply.
 * It is sent through the reply exchange to the asker's reply queue (see
 * answering), never through the default exchange as golevelup's own RPC
 * replies are, so a responder's broker user needs no write access there.
 */
export function AnswerRpc(definition: RpcDefinition): MethodDecorator {
  return applyDecorators(RabbitRPC(rpcResponder(definition)), SetMetadata(RPC_ANSWERS, definition));
}

/** The contract a method answers, if it is a responder. */
export function rpcAnsweredBy(method: object): RpcDefinition | undefined {
  return Reflect.getMetadata(RPC_ANSWERS, method) as RpcDefinition | undefined;
}

/** Options for @RabbitRPC: declares the responder's queue (RPC_QUEUE_OPTIONS) and drops failed requests. */
export function rpcResponder(definition: RpcDefinition): MessageHandlerOptions {
  return {
    exchange: definition.exchange || undefined,
    routingKey: definition.routingKey,
    queue: definition.queue,
    createQueueIfNotExists: true,
    queueOptions: { ...RPC_QUEUE_OPTIONS, arguments: { ...RPC_QUEUE_OPTIONS.arguments } },
    errorHandler: dropFailedRequest(definition),
  };
}

/**
 * A subscriber that runs `answer` and publishes its (validated) reply to the
 * reply exchange under the request's reply-to address, with its correlation
 * id. An address without a reply queue's shape is not answered: the broker
 * would refuse the publish (topic permissions) and close the channel that
 * every other publish of the service shares.
 */
export function answering(
  amqp: AmqpConnection,
  definition: RpcDefinition,
  answer: (request: unknown) => Promise<unknown>,
): (request: unknown, raw?: ConsumeMessage) => Promise<void> {
  return async (request, raw) => {
    const reply = definition.reply.parse(await answer(request));
    const { replyTo, correlationId, expiration } = (raw?.properties ?? {}) as {
      replyTo?: string;
      correlationId?: string;
      expiration?: string;
    };
    if (!replyTo || !isReplyQueueName(replyTo) || !correlationId) {
      logger.warn(`${definition.name}: request without a usable reply address, not answered`);
      return;
    }
    await amqp.publish(RPC_REPLY_EXCHANGE, replyTo, reply, {
      correlationId,
      expiration,
      contentType: 'application/json',
      type: `${definition.name}.reply`,
    });
  };
}

/**
 * golevelup's default for a failing RPC handler is to requeue forever. A
 * request that failed once is dropped instead: its asker falls back when its
 * timeout passes, and a retry would answer someone who stopped listening.
 */
function dropFailedRequest(definition: RpcDefinition) {
  return (channel: Channel, msg: ConsumeMessage, error: unknown): void => {
    logger.warn(`${definition.name}: request dropped, asker will fall back: ${String(error)}`);
    channel.nack(msg, false, false);
  };
}
