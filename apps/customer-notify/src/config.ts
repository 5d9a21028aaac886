import { z } from 'zod';
import { baseEnvSchema, consumerEnvSchema } from '@dinner-rush/service-kit';

export const customerNotifyEnvSchema = baseEnvSchema({ port: 3004, schema: 'customer_notify' })
  .extend(consumerEnvSchema.shape)
  .extend({
    /**
     * Where each notification is POSTed (the push/SMS gateway). Unset or empty:
     * notifications are only stored, for GET /customers/:id/notifications.
     */
    WEBHOOK_URL: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z.url({ protocol: /^https?$/, error: 'WEBHOOK_URL must be an http(s) URL' }).optional(),
    ),
    /** How long one webhook POST may take before it counts as failed. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(3_000),
    /** Quick in-process tries per delivery; after the last, the broker's retries take over. */
    WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
    /** Pause before the second try; doubled for each further one. */
    WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(0).max(10_000).default(200),
    /** How long notifications are kept (older ones are deleted in small batches). */
    NOTIFICATION_RETENTION_DAYS: z.coerce.number().positive().max(3_650).default(30),
  });

export type CustomerNotifyConfig = z.infer<typeof customerNotifyEnvSchema>;
