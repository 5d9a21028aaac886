import {
  buildEvent,
  type Envelope,
  type EnvelopeLineage,
  type EventData,
  type EventDefinition,
} from '@dinner-rush/contracts';

/** A message waiting in a service's outbox: where it goes and what it says. */
export interface OutgoingMessage {
  exchange: string;
  routingKey: string;
  envelope: Envelope;
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
