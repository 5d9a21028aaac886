import { Exchanges } from '../topology';

/** Where every reply goes: see Exchanges.rpcReplies. */
export const RPC_REPLY_EXCHANGE = Exchanges.rpcReplies;

/**
 * An asker's reply queue: `<service>.replies.<instance>`, one per running
 * asker, bound to the reply exchange under its own name. The service prefix
 * is what its broker user may declare and bind; the responder may publish
 * only to keys of this shape (topic permissions), so it can answer askers
 * and reach no other queue.
 */
export function replyQueueName(service: string, instance: string): string {
  if (!/^[a-z0-9]+$/.test(instance))
    throw new Error(`reply queue instance must be [a-z0-9]+: ${instance}`);
  return `${replyQueuePrefix(service)}${instance}`;
}

/** The part of every reply queue name of `service` before its instance id. */
export function replyQueuePrefix(service: string): string {
  return `${service}.replies.`;
}

/** Whether a reply-to address has a reply queue's shape (anything else is not answered). */
export function isReplyQueueName(address: string): boolean {
  return /^[a-z][a-z0-9-]*\.replies\.[a-z0-9]+$/.test(address);
}
