import { Injectable } from '@nestjs/common';
import { AllEvents } from '@dinner-rush/contracts';
import { parseEnvelope } from './accepted-events';
import { ConsumerPipelines } from './consumer-pipelines';
import { PermanentMessageError } from './permanent-message-error';
import { topicMatches } from './topic-match';

/** What one ingested event did: which subscribed handlers ran it. */
export interface IngestResult {
  messageId: string;
  type: string;
  handledBy: string[];
}

const KNOWN_EXCHANGES = new Map(AllEvents.map((event) => [event.type, event.exchange]));

/**
 * Hands an event that arrived over HTTP to the very consumers that take it
 * from the service's queue: same validation, same pace (WORK_TIME_MS), same
 * batches, same exactly-once inbox. A consumer is chosen the way the broker
 * would route the event to its queue: a binding's routing key pattern matches
 * the event type on the event's own exchange (when the contracts know it).
 */
@Injectable()
export class HttpIngestDispatcher {
  constructor(private readonly pipelines: ConsumerPipelines) {}

  /** Runs `raw` through every consumer subscribed to its type, in turn; throws what they throw. */
  async ingest(raw: unknown): Promise<IngestResult> {
    const envelope = parseEnvelope(raw);
    const routes = this.pipelines.list().filter(({ pipeline }) => {
      const { exchange, routingKey, bindings } = pipeline.consumer.subscription;
      const all = [
        ...[routingKey ?? []].flat().map((key) => ({ exchange, routingKey: key })),
        ...(bindings ?? []),
      ];
      return all.some((binding) => this.routes(binding, envelope.type));
    });
    if (routes.length === 0) {
      throw new PermanentMessageError(
        'unknown-type',
        `no handler in this service consumes "${envelope.type}"`,
      );
    }
    for (const { pipeline } of routes) await pipeline.handle(raw);
    return {
      messageId: envelope.messageId,
      type: envelope.type,
      handledBy: routes.map((route) => route.name),
    };
  }

  private routes(binding: { exchange?: string; routingKey: string }, type: string): boolean {
    const exchange = KNOWN_EXCHANGES.get(type);
    if (exchange !== undefined && binding.exchange !== exchange) return false;
    return topicMatches(binding.routingKey, type);
  }
}
