import { RpcTimeoutError, type AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import type { RpcDefinition, RpcReply, RpcRequest } from '@dinner-rush/contracts';

/** Why no reply is usable: the asker then uses its own fallback answer. */
export type NoReplyReason = 'not-connected' | 'timeout' | 'invalid-reply' | 'failed';

export type RpcOutcome<TDef extends RpcDefinition> =
  | { answered: true; reply: RpcReply<TDef> }
  | { answered: false; reason: NoReplyReason; detail: string };

/**
 * Asks over RabbitMQ request/reply (direct reply-to, a fresh correlation id per
 * request) and never throws: every way of not getting a valid reply within
 * `timeoutMs` is an outcome the caller must handle. The request expires in the
 * broker with the same timeout, so a responder that starts late never works
 * on a question nobody is waiting for.
 */
export async function requestReply<TDef extends RpcDefinition>(
  amqp: AmqpConnection,
  definition: TDef,
  request: RpcRequest<TDef>,
  timeoutMs: number,
): Promise<RpcOutcome<TDef>> {
  if (!amqp.connected) {
    return { answered: false, reason: 'not-connected', detail: 'not connected to RabbitMQ' };
  }
  let raw: unknown;
  try {
    raw = await amqp.request<unknown>({
      exchange: definition.exchange,
      routingKey: definition.routingKey,
      payload: definition.request.parse(request),
      timeout: timeoutMs,
      expiration: timeoutMs,
      publishOptions: { contentType: 'application/json', type: definition.name },
    });
  } catch (error) {
    const reason = error instanceof RpcTimeoutError ? 'timeout' : 'failed';
    return { answered: false, reason, detail: String(error) };
  }
  const parsed = definition.reply.safeParse(raw);
  if (!parsed.success) {
    return { answered: false, reason: 'invalid-reply', detail: parsed.error.message };
  }
  return { answered: true, reply: parsed.data as RpcReply<TDef> };
}
