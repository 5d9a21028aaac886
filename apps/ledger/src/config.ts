import { z } from 'zod';
import { baseEnvSchema, consumerEnvSchema } from '@dinner-rush/service-kit';

export const ledgerEnvSchema = baseEnvSchema({ port: 3003, schema: 'ledger' })
  .extend(consumerEnvSchema.shape)
  .extend({
    /** Platform commission in basis points of the items total (1500 = 15 %). */
    LEDGER_COMMISSION_BPS: z.coerce.number().int().min(0).max(10_000).default(1_500),
  });

export type LedgerConfig = z.infer<typeof ledgerEnvSchema>;
