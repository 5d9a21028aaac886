import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ReceivedWebhook } from '@dinner-rush/testing';

/**
 * A merchant's check of a Standard Webhooks signature, written with node:crypto
 * alone (independent of the package the service signs with): the HMAC-SHA256,
 * under the base64 key after "whsec_", of "webhook-id.webhook-timestamp.body",
 * compared with each "v1,<base64>" the header lists.
 */
export function signatureVerifies(secret: string, { headers, raw }: ReceivedWebhook): boolean {
  const id = String(headers['webhook-id']);
  const timestamp = String(headers['webhook-timestamp']);
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${raw}`).digest();
  return String(headers['webhook-signature'])
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => Buffer.from(entry.slice(3), 'base64'))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected));
}
