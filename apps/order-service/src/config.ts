import { baseEnvSchema, consumerEnvSchema } from '@dinner-rush/service-kit';
import { z } from 'zod';

export const orderServiceEnvSchema = baseEnvSchema({ port: 3000, schema: 'orders' })
  .extend(consumerEnvSchema.shape)
  .extend({
    /** Most lines one order may have. */
    ORDER_MAX_LINES: z.coerce.number().int().min(1).max(200).default(20),
    /** Flat delivery fee added to every order. */
    DELIVERY_FEE_CENTS: z.coerce.number().int().min(0).default(299),
  });

export type OrderServiceConfig = z.infer<typeof orderServiceEnvSchema>;
