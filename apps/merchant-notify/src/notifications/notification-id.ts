import { createHash } from 'node:crypto';

/** This service's namespace for name-based ids (a fixed, random UUID; never change it). */
export const NOTIFICATION_NAMESPACE = '4c0b8f5e-2a8d-4f0e-9d4b-6f1e3c2a7b90';

/** A name-based UUID v5 (RFC 9562): SHA-1 of namespace and name, version and variant bits set. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | 0x50, 6);
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The notification for an order event always gets the same id: a redelivered
 * message (say, after the webhook answered but before our commit) re-sends the
 * same id, so the merchant can dedupe by it (it is also the Idempotency-Key).
 */
export function notificationIdFor(messageId: string): string {
  return uuidV5(messageId.toLowerCase(), NOTIFICATION_NAMESPACE);
}
