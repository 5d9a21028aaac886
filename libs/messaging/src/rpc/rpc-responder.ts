import { Logger } from '@nestjs/common';
import type { MessageHandlerOptions } from '@golevelup/nestjs-rabbitmq';
import type { RpcDefinition } from '@dinner-rush/contracts';
import type { Channel, ConsumeMessage } from 'amqplib';

const logger = new Logger('RpcResponder');

/**
 * Options for @RabbitRPC: the responder's queue, shared by its replicas. It is
 * a classic, non-durable, auto-delete queue on purpose: a request outlives its
 * asker's timeout by nothing (it carries that timeout as its expiration), so
 * persisting or replicating it buys nothing, and with no responder running the
 * queue is gone and a request is dropped at once instead of piling up.
 */
export function rpcResponder(definition: RpcDefinition): MessageHandlerOptions {
  return {
    exchange: definition.exchange || undefined,
    routingKey: definition.routingKey,
    queue: definition.queue,
    createQueueIfNotExists: true,
    queueOptions: { durable: false, autoDelete: true },
    errorHandler: dropFailedRequest(definition),
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

export { RabbitRPC } from '@golevelup/nestjs-rabbitmq';
