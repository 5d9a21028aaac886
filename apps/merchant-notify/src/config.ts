import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { baseEnvSchema, consumerEnvSchema } from '@dinner-rush/service-kit';

/** A host name, an IP address or a CIDR range, as WEBHOOK_ALLOWED_HOSTS lists them. */
const allowedHost = z
  .string()
  .refine((entry) => (entry.includes('/') ? ipaddr.isValidCIDR(entry) : /^[\w.:-]+$/.test(entry)), {
    error: (issue) => `WEBHOOK_ALLOWED_HOSTS: "${String(issue.input)}" is not a host, IP or CIDR`,
  });

export const merchantNotifyEnvSchema = baseEnvSchema({ port: 3002, schema: 'merchant_notify' })
  .extend(consumerEnvSchema.shape)
  .extend({
    /**
     * Hosts (names, IPs or CIDR ranges, comma-separated) webhooks may reach although they are
     * not public: loopback, private, link-local and metadata addresses are refused otherwise.
     * For an in-house receiver or a local demo (e.g. `127.0.0.1`); empty in production.
     */
    WEBHOOK_ALLOWED_HOSTS: z
      .string()
      .default('')
      .transform((list) =>
        list
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .pipe(z.array(allowedHost)),
    /** ONE deadline per webhook try: connect, send, answer headers and (capped) body. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(3_000),
    /** Tries per notification before its delivery is failed for good (kept with its reason). */
    WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
    /** Pause before the second try; doubled for each further one. */
    WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
    /** Webhook tries in flight at once in this process (one per merchant at a time). */
    WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
    /** How often the delivery worker looks for tries that came due (it is also woken on commit). */
    WEBHOOK_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
    /** How long notifications are kept (older ones are deleted in small batches). */
    NOTIFICATION_RETENTION_DAYS: z.coerce.number().positive().max(3_650).default(30),
  });

export type MerchantNotifyConfig = z.infer<typeof merchantNotifyEnvSchema>;
