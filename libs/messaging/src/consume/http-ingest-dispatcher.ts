import { DiscoveryService } from '@golevelup/nestjs-discovery';
import { RABBIT_HANDLER, type MessageHandlerOptions } from '@golevelup/nestjs-rabbitmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AllEvents, type Envelope } from '@dinner-rush/contracts';
import { EventRouter } from './event-router';
import { PermanentMessageError } from './permanent-message-error';
import { topicMatches } from './topic-match';

interface IngestRoute {
  name: string;
  exchange: string | undefined;
  routingKeys: readonly string[];
  handle: (message: unknown) => Promise<void>;
}

/** What one ingested event did: which subscribed handlers ran it. */
export interface IngestResult {
  messageId: string;
  type: string;
  handledBy: string[];
}

const KNOWN_EXCHANGES = new Map(AllEvents.map((event) => [event.type, event.exchange]));

/**
 * Hands an event that arrived over HTTP to the very @RabbitSubscribe methods
 * that consume it from the service's queue: same simulated work, same
 * EventRouter validation, same exactly-once inbox. A handler is chosen the
 * way the broker would route the event to its queue: the binding's routing
 * key pattern matches the event type (and, for events the contracts know, the
 * binding is on the event's own exchange).
 */
@Injectable()
export class HttpIngestDispatcher implements OnApplicationBootstrap {
  private routes: IngestRoute[] = [];

  constructor(private readonly discovery: DiscoveryService) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers =
      await this.discovery.providerMethodsWithMetaAtKey<MessageHandlerOptions>(RABBIT_HANDLER);
    this.routes = handlers.map(({ discoveredMethod, meta }) => ({
      name: `${discoveredMethod.parentClass.name}.${discoveredMethod.methodName}`,
      exchange: meta.exchange,
      routingKeys: [meta.routingKey ?? []].flat(),
      handle: discoveredMethod.handler.bind(discoveredMethod.parentClass.instance) as (
        message: unknown,
      ) => Promise<void>,
    }));
  }

  /** Runs `raw` through every handler subscribed to its type, in turn; throws what they throw. */
  async ingest(raw: unknown): Promise<IngestResult> {
    const envelope: Envelope = EventRouter.parseEnvelope(raw);
    const routes = this.routes.filter((route) => this.subscribes(route, envelope.type));
    if (routes.length === 0) {
      throw new PermanentMessageError(
        'unknown-type',
        `no handler in this service consumes "${envelope.type}"`,
      );
    }
    for (const route of routes) await route.handle(raw);
    return {
      messageId: envelope.messageId,
      type: envelope.type,
      handledBy: routes.map((r) => r.name),
    };
  }

  private subscribes(route: IngestRoute, type: string): boolean {
    const exchange = KNOWN_EXCHANGES.get(type);
    if (exchange !== undefined && route.exchange !== exchange) return false;
    return route.routingKeys.some((pattern) => topicMatches(pattern, type));
  }
}
