import {
  EnvelopeSchema,
  type Envelope,
  type EventDefinition,
  type Upcaster,
} from '@dinner-rush/contracts';
import type { z } from 'zod';
import { PermanentMessageError } from './permanent-message-error';

/**
 * What a consumer accepts, checked per message before it joins a batch: the
 * envelope, then its data against the schema of its type (or, for a generic
 * consumer, one schema whatever the type). Anything that does not fit is a
 * permanent failure naming the offending field, so it lands in the
 * dead-letter queue explained while the rest of the batch goes on. An
 * upcaster among the definitions is read as the old event it names, then
 * handed on as the new one: the handler sees one version only.
 */
/** How one type is read: its schema, and for an older version, how it becomes the newer. */
type Reader = Pick<EventDefinition, 'schema'> & Partial<Pick<Upcaster, 'upcast'>>;

export class AcceptedEvents {
  private constructor(
    private readonly readerOf: (type: string) => Reader | undefined,
    /** The event types, when the consumer names them (routing keys come from them). */
    readonly definitions: readonly EventDefinition[],
  ) {}

  static of(definitions: readonly EventDefinition[]): AcceptedEvents {
    const readers = new Map<string, Reader>(definitions.map((d) => [d.type, d]));
    return new AcceptedEvents((type) => readers.get(type), definitions);
  }

  /** Any well-formed envelope whose data fits `schema` (tracking reads only what all share). */
  static anyType(schema: z.ZodType): AcceptedEvents {
    return new AcceptedEvents(() => ({ schema }), []);
  }

  /** The envelope with its data parsed; throws PermanentMessageError when it does not fit. */
  parse(raw: unknown): Envelope {
    const envelope = parseEnvelope(raw);
    const reader = this.readerOf(envelope.type);
    if (!reader) {
      throw new PermanentMessageError('unknown-type', `no handler for type "${envelope.type}"`);
    }
    const data = reader.schema.safeParse(envelope.data);
    if (!data.success) {
      throw new PermanentMessageError(
        'invalid-data',
        `${envelope.type}: ${describe(data.error, 'data')}`,
      );
    }
    const read = { ...envelope, data: data.data };
    return reader.upcast ? reader.upcast(read) : read;
  }
}

/** Parses and validates the envelope alone (its data is checked against its type elsewhere). */
export function parseEnvelope(raw: unknown): Envelope {
  const result = EnvelopeSchema.safeParse(raw);
  if (!result.success) {
    throw new PermanentMessageError('invalid-envelope', describe(result.error));
  }
  return result.data;
}

function describe(error: z.ZodError, prefix?: string): string {
  return error.issues
    .slice(0, 5)
    .map(
      (issue) =>
        `${[prefix, ...issue.path].filter((p) => p !== undefined).join('.') || '(root)'}: ${issue.message}`,
    )
    .join('; ');
}
