import {
  EnvelopeSchema,
  type Envelope,
  type EventData,
  type EventDefinition,
} from '@dinner-rush/contracts';
import type { z } from 'zod';
import { PermanentMessageError } from './permanent-message-error';

type Handler = (envelope: Envelope<never>) => Promise<void>;

/**
 * Validates an incoming message against the contracts and calls the handler
 * registered for its type. Anything that does not fit is a permanent failure
 * naming the offending field, so it lands in the dead-letter queue explained.
 */
export class EventRouter {
  private readonly routes = new Map<string, { definition: EventDefinition; handler: Handler }>();

  on<TDef extends EventDefinition>(
    definition: TDef,
    handler: (envelope: Envelope<EventData<TDef>>) => Promise<void>,
  ): this {
    this.routes.set(definition.type, { definition, handler });
    return this;
  }

  /** Parses and validates `raw` without dispatching (also used by generic consumers). */
  static parseEnvelope(raw: unknown): Envelope {
    const result = EnvelopeSchema.safeParse(raw);
    if (!result.success) {
      throw new PermanentMessageError('invalid-envelope', describe(result.error));
    }
    return result.data;
  }

  static parseData<TSchema extends z.ZodType>(
    envelope: Envelope,
    schema: TSchema,
  ): z.infer<TSchema> {
    const result = schema.safeParse(envelope.data);
    if (!result.success) {
      throw new PermanentMessageError(
        'invalid-data',
        `${envelope.type}: ${describe(result.error, 'data')}`,
      );
    }
    return result.data;
  }

  async dispatch(raw: unknown): Promise<void> {
    const envelope = EventRouter.parseEnvelope(raw);
    const route = this.routes.get(envelope.type);
    if (!route) {
      throw new PermanentMessageError('unknown-type', `no handler for type "${envelope.type}"`);
    }
    const data = EventRouter.parseData(envelope, route.definition.schema);
    await route.handler({ ...envelope, data } as Envelope<never>);
  }
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
