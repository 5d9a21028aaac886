import { storableText } from '@dinner-rush/contracts';
import { z } from 'zod';

/** Merchant ids come from order-service's catalogue; any non-empty string up to 100 chars. */
export const MerchantIdParam = storableText().trim().min(1).max(100);

export const PutWebhookBody = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'url must be an http(s) URL' }).max(2_000),
});
export type PutWebhookBody = z.infer<typeof PutWebhookBody>;

export interface WebhookView {
  merchantId: string;
  url: string;
  updatedAt: string;
  /**
   * The Standard Webhooks secret ("whsec_…") every POST is signed with; in the
   * answer to the registration that created the webhook only, never again.
   */
  signingSecret?: string;
}
