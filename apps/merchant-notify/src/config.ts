import { z } from 'zod';
import { baseEnvSchema, consumerEnvSchema } from '@dinner-rush/service-kit';

export const merchantNotifyEnvSchema = baseEnvSchema({ port: 3002, schema: 'merchant_notify' })
  .extend(consumerEnvSchema.shape)
  .extend({
    /** How long one webhook POST may take before it counts as failed. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(3_000),
    /**
     * Quick in-process tries per delivery. After the last, the message goes back to
     * the broker, whose delivery limit bounds the rest (then the dead-letter queue).
     */
    WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
    /** Pause before the second try; doubled for each further one. */
    WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(0).max(10_000).default(200),
  });

export type MerchantNotifyConfig = z.infer<typeof merchantNotifyEnvSchema>;
