import {
  buildEvent,
  type Envelope,
  type EnvelopeLineage,
  type EventData,
  type EventDefinition,
} from '@dinner-rush/contracts';
import type { TraceCarrier } from '../tracing/trace-context';

/** A message waiting in a service's outbox: where it goes and what it says. */
export interface OutgoingMessage {
  exchange: string;
  routingKey: string;
  envelope: Envelope;
  /**
   * The trace this message continues. Unset: the active one where it is
   * written to the outbox (a consumer's batch sets each status event's to the
   * message that caused it, see applyBatchExactlyOnce).
   */
  traceContext?: TraceCarrier;
}

/** An event from the contracts, routed by its type on its own exchange. */
export function outgoingEvent<TDef extends EventDefinition>(
  definition: TDef,
  data: EventData<TDef>,
  lineage: EnvelopeLineage,
): OutgoingMessage {
  return {
    exchange: definition.exchange,
    routingKey: definition.type,
    envelope: buildEvent(definition, data, lineage),
  };
}

/** An event already built (say, a v1/v2 pair), routed by its type on `exchange`. */
export function outgoingEnvelope(exchange: string, envelope: Envelope): OutgoingMessage {
  return { exchange, routingKey: envelope.type, envelope };
}
