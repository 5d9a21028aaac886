import { baseEnvSchema, consumerEnvSchema } from '@dinner-rush/service-kit';
import { z } from 'zod';

export const riderAssignmentEnvSchema = baseEnvSchema({ port: 3001, schema: 'rider_assignment' })
  .extend(consumerEnvSchema.shape)
  .extend({
    /**
     * Riders seeded at boot (ids rider-001…); only used when SEED_DEMO_DATA is on.
     * With RIDER_DELIVERY_MS the fleet assigns at most 300 / 2 s = 150 orders/s:
     * the default spike's 300/s burst (npm run load) makes a waiting line that
     * the fleet clears within the spike's own cool-down, so the demo ends in
     * about a minute instead of waiting minutes for riders.
     */
    RIDER_FLEET_SIZE: z.coerce.number().int().min(1).max(1_000).default(300),
    /** Simulated ride from pick-up to hand-over: the TTL of the broker delay queue. */
    RIDER_DELIVERY_MS: z.coerce.number().int().min(1).max(86_400_000).default(2_000),
  });

export type RiderAssignmentConfig = z.infer<typeof riderAssignmentEnvSchema>;
