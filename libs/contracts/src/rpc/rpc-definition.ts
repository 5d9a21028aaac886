import type { z } from 'zod';

/**
 * One request/reply exchange between services. Unlike an event, a request is
 * worth something only while its asker waits: it is sent with a reply-to
 * address (the asker's reply queue, reached through the reply exchange, see
 * rpc-replies.ts) and a correlation id, expires with the asker's timeout, and
 * lands on a queue that goes away once no responder uses it. The asker must
 * always have an answer of its own for "nobody replied in time".
 */
export interface RpcDefinition<
  TRequest extends z.ZodType = z.ZodType,
  TReply extends z.ZodType = z.ZodType,
> {
  /** Versioned like events: `delivery-quote.v1`. */
  readonly name: string;
  /** A direct exchange the asker may write to; the routing key names the responder's queue. */
  readonly exchange: string;
  readonly routingKey: string;
  /** The responder's queue, shared by its replicas (competing consumers). */
  readonly queue: string;
  readonly request: TRequest;
  readonly reply: TReply;
  /** Pinned examples: checked against the schemas and shown in the AsyncAPI document. */
  readonly examples: { readonly request: z.input<TRequest>; readonly reply: z.input<TReply> };
}

export type RpcRequest<TDef extends RpcDefinition> = z.infer<TDef['request']>;
export type RpcReply<TDef extends RpcDefinition> = z.infer<TDef['reply']>;

/**
 * A request/reply contract: sent to a named direct exchange (not the default
 * exchange, whose write permission reaches every queue), routed by the
 * responder's queue name.
 */
export function defineRpc<TRequest extends z.ZodType, TReply extends z.ZodType>(
  name: string,
  version: number,
  exchange: string,
  queue: string,
  schemas: {
    request: TRequest;
    reply: TReply;
    examples: { request: z.input<TRequest>; reply: z.input<TReply> };
  },
): RpcDefinition<TRequest, TReply> {
  return {
    name: `${name}.v${version}`,
    exchange,
    routingKey: queue,
    queue,
    request: schemas.request,
    reply: schemas.reply,
    examples: schemas.examples,
  };
}
