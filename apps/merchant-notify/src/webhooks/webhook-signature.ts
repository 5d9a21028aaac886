import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new signing secret in the Standard Webhooks form: "whsec_" + base64 of a 32-byte key. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The Standard Webhooks headers for one try: `webhook-id` is the notification
 * id (the same on every retry, so the merchant dedupes by it), the timestamp
 * is the try's own (receivers reject old ones), and the signature is
 * `v1,` + base64 HMAC-SHA256 of "id.timestamp.body" under the merchant's key.
 */
export function signatureHeaders(
  secret: string,
  webhookId: string,
  body: string,
  at: Date,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(webhookId, at, body),
  };
}
