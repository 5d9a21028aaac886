import type { z } from 'zod';
import { baseEnvSchema, consumerEnvSchema } from '@dinner-rush/service-kit';

/** __name__'s settings: the shared ones plus the consumer's pace. Add its own with .extend(). */
export const __nameCamel__EnvSchema = baseEnvSchema({ port: __port__, schema: '__schema__' }).extend(
  consumerEnvSchema.shape,
);

export type __Name__Config = z.infer<typeof __nameCamel__EnvSchema>;
