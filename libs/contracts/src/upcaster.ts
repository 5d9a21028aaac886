import type { z } from 'zod';
import type { Envelope } from './envelope';
import type { EventData, EventDefinition } from './event-definition';

/**
 * An older event as a reader of a newer version takes it: bound and validated
 * like the old event (its type, exchange and a reading schema), then turned
 * into the new one, so the reader's code handles one version only. A consumer
 * lists it beside the new event (eventConsumer), and its queue keeps hearing
 * old producers and old messages still queued.
 */
export interface Upcaster<
  TReads extends z.ZodType = z.ZodType,
  TTo extends EventDefinition = EventDefinition,
> extends EventDefinition<TReads> {
  readonly to: TTo;
  upcast(envelope: Envelope<z.infer<TReads>>): Envelope<EventData<TTo>>;
}

export function defineUpcaster<TReads extends z.ZodType, TTo extends EventDefinition>(
  from: EventDefinition,
  reads: TReads,
  to: TTo,
  upcast: (envelope: Envelope<z.infer<TReads>>) => Envelope<EventData<TTo>>,
): Upcaster<TReads, TTo> {
  return {
    type: from.type,
    version: from.version,
    exchange: from.exchange,
    schema: reads,
    to,
    upcast,
  };
}
