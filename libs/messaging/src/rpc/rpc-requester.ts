import { randomUUID } from 'node:crypto';
import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { RpcDefinition, RpcReply, RpcRequest } from '@dinner-rush/contracts';
import { RpcReplyQueue } from './rpc-reply-queue';

/** Why no reply is usable: the asker then uses its own fallback answer. */
export type NoReplyReason = 'not-connected' | 'timeout' | 'invalid-reply' | 'failed';

export type RpcOutcome<TDef extends RpcDefinition> =
  | { answered: true; reply: RpcReply<TDef> }
  | { answered: false; reason: NoReplyReason; detail: string };

/** Who asks and what: read by tools/broker-footprint.ts to grant its reply queue and requests. */
export interface RpcAsker {
  service: string;
  asks: readonly RpcDefinition[];
}

export const RPC_ASKER = Symbol('RPC_ASKER');

/**
 * Asks over RabbitMQ request/reply and never throws: every way of not getting
 * a valid reply within `timeoutMs` is an outcome the caller must handle. Each
 * request carries a fresh correlation id and this process's reply queue as
 * its reply-to address; it expires in the broker with the same timeout, so a
 * responder that starts late never works on a question nobody waits for, and
 * a reply that still comes late is dropped by the reply queue.
 */
@Injectable()
export class RpcRequester implements OnModuleInit, OnModuleDestroy {
  readonly replies: RpcReplyQueue;

  constructor(
    private readonly amqp: AmqpConnection,
    @Inject(RPC_ASKER) private readonly asker: RpcAsker,
  ) {
    this.replies = new RpcReplyQueue(asker.service);
  }

  onModuleInit(): void {
    this.replies.attach(this.amqp);
  }

  async onModuleDestroy(): Promise<void> {
    await this.replies.detach();
  }

  async ask<TDef extends RpcDefinition>(
    definition: TDef,
    request: RpcRequest<TDef>,
    timeoutMs: number,
  ): Promise<RpcOutcome<TDef>> {
    if (!this.asker.asks.includes(definition))
      throw new Error(`${this.asker.service} does not declare that it asks ${definition.name}`);
    if (!this.amqp.connected || !this.replies.listening)
      return { answered: false, reason: 'not-connected', detail: 'not connected to RabbitMQ' };
    const correlationId = randomUUID();
    const reply = this.replies.expect(correlationId, timeoutMs);
    try {
      await this.amqp.publish(
        definition.exchange,
        definition.routingKey,
        definition.request.parse(request),
        {
          replyTo: this.replies.name,
          correlationId,
          expiration: timeoutMs,
          contentType: 'application/json',
          type: definition.name,
        },
      );
    } catch (error) {
      this.replies.withdraw(correlationId);
      return { answered: false, reason: 'failed', detail: String(error) };
    }
    const message = await reply;
    if (!message)
      return { answered: false, reason: 'timeout', detail: `no reply within ${timeoutMs} ms` };
    const parsed = definition.reply.safeParse(parseJson(message.content));
    if (!parsed.success)
      return { answered: false, reason: 'invalid-reply', detail: parsed.error.message };
    return { answered: true, reply: parsed.data as RpcReply<TDef> };
  }
}

function parseJson(content: Buffer): unknown {
  try {
    return JSON.parse(content.toString('utf8'));
  } catch {
    return undefined;
  }
}
