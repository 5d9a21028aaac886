import { toolsClientEnvSchema } from '@dinner-rush/auth';
import { z } from 'zod';

/**
 * The synchronous baseline needs no database and no broker: it only does the
 * order's work and then calls the three downstream services in turn, as the
 * tools client (their POST /events is operator-only), hence the issuer settings.
 */
export const syncBaselineEnvSchema = toolsClientEnvSchema.extend({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3200),
  /** The same simulated order work as order-service's ORDER_WORK_TIME_MS. */
  ORDER_WORK_TIME_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /** Each downstream service, started with HTTP_INGEST=true so it answers POST /events. */
  RIDER_ASSIGNMENT_URL: z.url().default('http://127.0.0.1:3001'),
  MERCHANT_NOTIFY_URL: z.url().default('http://127.0.0.1:3002'),
  LEDGER_URL: z.url().default('http://127.0.0.1:3003'),
  /** How long one downstream call may take before the order answers 504. */
  DOWNSTREAM_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(10_000),
  /** Trivial pricing (see orders/trivial-pricing.ts): one price for every item. */
  ITEM_PRICE_CENTS: z.coerce.number().int().min(0).default(1_000),
  DELIVERY_FEE_CENTS: z.coerce.number().int().min(0).default(299),
});

export type SyncBaselineConfig = z.infer<typeof syncBaselineEnvSchema>;
