import { baseEnvSchema, booleanFlag, consumerEnvSchema } from '@dinner-rush/service-kit';
import { z } from 'zod';

export const orderServiceEnvSchema = baseEnvSchema({ port: 3000, schema: 'orders' })
  .extend(consumerEnvSchema.shape)
  .extend({
    /** Most lines one order may have. */
    ORDER_MAX_LINES: z.coerce.number().int().min(1).max(200).default(20),
    /**
     * Orders one client (address) may place or cancel per ORDER_RATE_WINDOW_MS before 429;
     * 0 = no limit. Below what intake sustains beside the whole pipeline (≈ 700/s on 2 cores).
     */
    ORDER_RATE_LIMIT: z.coerce.number().int().min(0).default(500),
    /** GET /quote per client per window (each asks rider-assignment); 0 = no limit. */
    QUOTE_RATE_LIMIT: z.coerce.number().int().min(0).default(50),
    ORDER_RATE_WINDOW_MS: z.coerce.number().int().min(100).default(1_000),
    /** Delivery fee of an order placed without a quote (and of a quote rider-assignment did not answer). */
    DELIVERY_FEE_CENTS: z.coerce.number().int().min(0).default(299),
    /**
     * Signs the quoteToken of GET /quote that POST /orders honours (HMAC-SHA256).
     * Every replica needs the same one; unset, each process makes up its own.
     */
    QUOTE_SIGNING_SECRET: z.string().min(32).optional(),
    /** How long a quote's fee holds for an order. */
    QUOTE_VALIDITY_S: z.coerce.number().int().min(10).max(86_400).default(600),
    /** How long GET /quote waits for rider-assignment before answering with DELIVERY_FEE_CENTS. */
    QUOTE_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(500),
    /** How long an Idempotency-Key (and the answer it replays) is kept. */
    IDEMPOTENCY_KEY_RETENTION_HOURS: z.coerce.number().positive().max(87_600).default(24),
    /** How long sent order events stay in the archive that POST /replays reads (default 7 days). */
    OUTBOX_ARCHIVE_RETENTION_HOURS: z.coerce.number().positive().max(87_600).default(168),
    /**
     * Publish order.created.v1 beside its v2 twin. Turn off only once no v1-only consumer is
     * left (docs/event-versioning.md, "Retiring v1"): from then on v2 alone announces an order.
     */
    ORDER_CREATED_V1: booleanFlag(true),
    /** Simulated work inside POST /orders before it answers (npm run compare), outside the transaction. */
    ORDER_WORK_TIME_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  });

export type OrderServiceConfig = z.infer<typeof orderServiceEnvSchema>;
