import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AllEvents,
  AllRpcs,
  EnvelopeSchema,
  Exchanges,
  Queues,
  type EventDefinition,
  type RpcDefinition,
  RPC_REPLY_EXCHANGE,
} from '@dinner-rush/contracts';
import { RPC_QUEUE_OPTIONS } from '@dinner-rush/messaging';
import { z } from 'zod';

/**
 * The AsyncAPI 3.0 document of Dinner Rush, derived from libs/contracts (and
 * the RPC queue's flags from libs/messaging, which declares it):
 * every exchange an event is published to, one channel per routing key (the
 * event type), every consumer queue with its dead-letter queue, and every
 * request/reply pair. Payload schemas come from the zod contracts through
 * z.toJSONSchema; examples are the pinned files in libs/contracts/examples.
 */
type Json = Record<string, unknown>;

const AMQP_BINDING_VERSION = '0.3.0';
const ref = (path: string) => ({ $ref: `#/${path}` });

/** AsyncAPI's default schema format is a superset of JSON Schema draft-07. */
function jsonSchema(schema: z.ZodType): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-7' });
  return rest;
}

function example(examplesDir: string, type: string): unknown {
  const file = join(examplesDir, `${type}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : undefined;
}

/** The consumer queues, by the exchange each consumes (purpose `orders` or `status`). */
function queuesOf(exchange: string) {
  const purpose = exchange === Exchanges.orders ? '.orders' : '.status';
  return Object.values(Queues).filter((names) => names.queue.endsWith(purpose));
}

function eventMessage(event: EventDefinition, examplesDir: string): Json {
  const payload = EnvelopeSchema.extend({
    type: z.literal(event.type),
    version: z.literal(event.version),
    data: event.schema,
  });
  const pinned = example(examplesDir, event.type);
  return {
    name: event.type,
    title: event.type,
    summary: event.schema.description ?? `${event.type} on the ${event.exchange} exchange`,
    contentType: 'application/json',
    correlationId: { location: '$message.payload#/correlationId' },
    payload: jsonSchema(payload),
    ...(pinned === undefined ? {} : { examples: [{ name: event.type, payload: pinned }] }),
    bindings: { amqp: { messageType: event.type, bindingVersion: AMQP_BINDING_VERSION } },
  };
}

function topicChannel(event: EventDefinition): Json {
  return {
    address: event.type,
    title: `${event.exchange} ▸ ${event.type}`,
    description: `Routing key \`${event.type}\` on the durable topic exchange \`${event.exchange}\`.`,
    messages: { [event.type]: ref(`components/messages/${event.type}`) },
    bindings: {
      amqp: {
        is: 'routingKey',
        exchange: { name: event.exchange, type: 'topic', durable: true, autoDelete: false },
        bindingVersion: AMQP_BINDING_VERSION,
      },
    },
  };
}

function queueChannel(queue: string, events: readonly EventDefinition[], description: string) {
  return {
    address: queue,
    description,
    messages: Object.fromEntries(events.map((e) => [e.type, ref(`components/messages/${e.type}`)])),
    bindings: {
      amqp: {
        is: 'queue',
        queue: { name: queue, durable: true, exclusive: false, autoDelete: false },
        bindingVersion: AMQP_BINDING_VERSION,
      },
    },
  };
}

function rpcParts(rpc: RpcDefinition) {
  const requestId = `${rpc.name}.request`;
  const replyId = `${rpc.name}.reply`;
  const channels = {
    [requestId]: {
      address: rpc.queue,
      description:
        `Requests for \`${rpc.name}\`, sent to the exchange \`${rpc.exchange}\` with routing key \`${rpc.routingKey}\`. ` +
        'A quorum queue shared by the responder replicas (replicated, so a lost node does not take it ' +
        "along; expiring when unused); each request expires with its asker's timeout.",
      messages: { [requestId]: ref(`components/messages/${requestId}`) },
      bindings: {
        amqp: {
          is: 'queue',
          queue: {
            name: rpc.queue,
            durable: RPC_QUEUE_OPTIONS.durable,
            exclusive: false,
            autoDelete: RPC_QUEUE_OPTIONS.autoDelete,
          },
          bindingVersion: AMQP_BINDING_VERSION,
        },
      },
    },
    [replyId]: {
      address: null,
      description:
        `Replies go to the topic exchange \`${RPC_REPLY_EXCHANGE}\` with the request's reply_to as routing key: ` +
        "the asker's own reply queue (`<service>.replies.<instance>`, exclusive to its connection, bound " +
        'there under its name). Never through the default exchange: no service may write to it, and the ' +
        "responder's topic permissions let it reach its askers' reply queues only. A reply that comes after " +
        'its asker gave up is dropped.',
      messages: { [replyId]: ref(`components/messages/${replyId}`) },
      bindings: {
        amqp: {
          is: 'routingKey',
          exchange: { name: RPC_REPLY_EXCHANGE, type: 'topic', durable: true, autoDelete: false },
          bindingVersion: AMQP_BINDING_VERSION,
        },
      },
    },
  };
  const message = (id: string, schema: z.ZodType, payload: unknown) => ({
    name: id,
    title: id,
    contentType: 'application/json',
    correlationId: { location: '$message.header#/correlation_id' },
    payload: jsonSchema(schema),
    examples: [{ name: id, payload }],
  });
  const messages = {
    [requestId]: message(requestId, rpc.request, rpc.examples.request),
    [replyId]: message(replyId, rpc.reply, rpc.examples.reply),
  };
  const reply = {
    address: { location: '$message.header#/reply_to' },
    channel: ref(`channels/${replyId}`),
    messages: [ref(`channels/${replyId}/messages/${replyId}`)],
  };
  const operations = {
    [`ask.${rpc.name}`]: {
      action: 'send',
      summary: `Ask ${rpc.name} with a correlation id and wait for the reply (with a timeout and a fallback).`,
      channel: ref(`channels/${requestId}`),
      messages: [ref(`channels/${requestId}/messages/${requestId}`)],
      reply,
    },
    [`answer.${rpc.name}`]: {
      action: 'receive',
      summary: `Answer ${rpc.name} through ${RPC_REPLY_EXCHANGE} to the reply-to address, echoing the correlation id.`,
      channel: ref(`channels/${requestId}`),
      messages: [ref(`channels/${requestId}/messages/${requestId}`)],
      reply,
    },
  };
  return { channels, messages, operations };
}

export function buildAsyncApiDocument(examplesDir: string, version: string): Json {
  const channels: Json = {};
  const operations: Json = {};
  const messages: Json = {};
  for (const event of AllEvents) {
    messages[event.type] = eventMessage(event, examplesDir);
    channels[event.type] = topicChannel(event);
    operations[`publish.${event.type}`] = {
      action: 'send',
      summary: `Publish ${event.type} through the producer's outbox relay (publisher confirms).`,
      channel: ref(`channels/${event.type}`),
      messages: [ref(`channels/${event.type}/messages/${event.type}`)],
    };
  }
  const exchanges = [...new Set(AllEvents.map((event) => event.exchange))];
  for (const exchange of exchanges) {
    const events = AllEvents.filter((event) => event.exchange === exchange);
    for (const names of queuesOf(exchange)) {
      channels[names.queue] = queueChannel(
        names.queue,
        events,
        `Durable quorum queue bound to \`${exchange}\` for the routing keys its service handles; ` +
          `failures are retried boundedly, then dead-lettered to \`${names.deadLetterQueue}\`.`,
      );
      channels[names.deadLetterQueue] = queueChannel(
        names.deadLetterQueue,
        events,
        `Dead letters of \`${names.queue}\` (via \`${names.deadLetterExchange}\`), each with an ` +
          '`x-dead-letter-reason` header; kept for inspection and replay.',
      );
      operations[`consume.${names.queue}`] = {
        action: 'receive',
        summary: `Consume ${names.queue}: validate, apply once (inbox), ack after commit.`,
        channel: ref(`channels/${names.queue}`),
        messages: events.map((e) => ref(`channels/${names.queue}/messages/${e.type}`)),
      };
    }
  }
  for (const rpc of AllRpcs) {
    const parts = rpcParts(rpc);
    Object.assign(channels, parts.channels);
    Object.assign(messages, parts.messages);
    Object.assign(operations, parts.operations);
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Dinner Rush messaging',
      version,
      description:
        'Events, queues and request/reply of the Dinner Rush order pipeline, generated from ' +
        'libs/contracts by `npm run docs:asyncapi`. Every event travels in the standard envelope ' +
        '(messageId, type, version, occurredAt, correlationId, causationId, data).',
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:5672',
        protocol: 'amqp',
        protocolVersion: '0.9.1',
        description: 'RabbitMQ of `npm start` (docker compose: the rabbitmq service).',
      },
    },
    channels,
    operations,
    components: { messages },
  };
}
