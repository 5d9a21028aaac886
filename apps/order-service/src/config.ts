import { baseEnvSchema, consumerEnvSchema } from '@dinner-rush/service-kit';
import { z } from 'zod';

export const orderServiceEnvSchema = baseEnvSchema({ port: 3000, schema: 'orders' })
  .extend(consumerEnvSchema.shape)
  .extend({
    /** Most lines one order may have. */
    ORDER_MAX_LINES: z.coerce.number().int().min(1).max(200).default(20),
    /** Orders one client (address) may place per ORDER_RATE_WINDOW_MS before 429; 0 = no limit. */
    ORDER_RATE_LIMIT: z.coerce.number().int().min(0).default(2_000),
    ORDER_RATE_WINDOW_MS: z.coerce.number().int().min(100).default(1_000),
    /** Flat delivery fee added to every order. */
    DELIVERY_FEE_CENTS: z.coerce.number().int().min(0).default(299),
    /** How long GET /quote waits for rider-assignment before answering with DELIVERY_FEE_CENTS. */
    QUOTE_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(500),
    /** Simulated work inside POST /orders before it answers (npm run compare), outside the transaction. */
    ORDER_WORK_TIME_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  });

export type OrderServiceConfig = z.infer<typeof orderServiceEnvSchema>;
