import type { z } from 'zod';
import { createEnvelope, type Envelope, type EnvelopeLineage } from './envelope';

/**
 * One versioned event: its type (also its routing key), the exchange it is
 * published to and the runtime schema of its data. Additive changes only within
 * a version; a breaking change is a new definition published beside the old.
 */
export interface EventDefinition<TSchema extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly version: number;
  readonly exchange: string;
  readonly schema: TSchema;
}

export type EventData<TDef extends EventDefinition> = z.infer<TDef['schema']>;

export function defineEvent<TSchema extends z.ZodType>(
  name: string,
  version: number,
  exchange: string,
  schema: TSchema,
): EventDefinition<TSchema> {
  return { type: `${name}.v${version}`, version, exchange, schema };
}

/** Builds a ready-to-publish envelope, validating the data against the schema first. */
export function buildEvent<TDef extends EventDefinition>(
  definition: TDef,
  data: EventData<TDef>,
  lineage: EnvelopeLineage,
  occurredAt?: Date,
): Envelope<EventData<TDef>> {
  const parsed = definition.schema.parse(data) as EventData<TDef>;
  return createEnvelope(definition.type, definition.version, parsed, lineage, occurredAt);
}
