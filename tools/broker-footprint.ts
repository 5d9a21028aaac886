import 'reflect-metadata';
import {
  RABBIT_HANDLER,
  type MessageHandlerOptions,
  type RabbitMQExchangeConfig,
} from '@golevelup/nestjs-rabbitmq';
import type { DynamicModule, Type } from '@nestjs/common';
import type { RpcDefinition } from '@dinner-rush/contracts';
import {
  MESSAGING_OPTIONS,
  queuesFor,
  RPC_ASKER,
  rabbitConfig,
  rpcAnsweredBy,
  type MessagingModuleOptions,
  type RpcAsker,
} from '@dinner-rush/messaging';

/** One queue a service declares, with the arguments it declares it with. */
export interface QueueDeclaration {
  name: string;
  durable: boolean;
  autoDelete: boolean;
  arguments: Record<string, unknown>;
}

export interface BindingDeclaration {
  exchange: string;
  queue: string;
  routingKey: string;
}

/**
 * Everything a service does to the broker, read from its own code: the
 * exchanges and queues golevelup declares for it (rabbitConfig of its
 * MessagingModule options) plus every @RabbitSubscribe / @RabbitRPC handler's
 * queue and bindings. Nothing is instantiated and nothing connects.
 */
export interface BrokerFootprint {
  exchanges: RabbitMQExchangeConfig[];
  queues: QueueDeclaration[];
  bindings: BindingDeclaration[];
  /** Queues the service consumes from. */
  consumes: string[];
  /** The requests it answers (@AnswerRpc): it publishes their replies to the reply exchange. */
  answers: RpcDefinition[];
  /** The requests it sends (RpcRequesterModule), and the service name its reply queues carry. */
  asks?: RpcAsker;
}

type ModuleRef = Type | DynamicModule | Promise<DynamicModule> | { forwardRef: () => Type };
type ProviderRef =
  Type | { provide: unknown; useFactory?: (...args: unknown[]) => unknown; useValue?: unknown };

export function footprintOf(appModule: DynamicModule): BrokerFootprint {
  const { providers } = collect(appModule);
  const options = messagingOptions(providers);
  const config = rabbitConfig(options);
  const footprint: BrokerFootprint = {
    exchanges: config.exchanges ?? [],
    queues: [],
    bindings: [],
    consumes: [],
    answers: [],
    asks: askerOf(providers),
  };
  // Declared by the service's TopologyKeeper, not through golevelup's config.
  for (const queue of queuesFor(options)) {
    if (!queue.name) continue;
    addQueue(footprint, queue.name, queue.options);
    for (const key of [queue.routingKey ?? ''].flat())
      if (queue.exchange)
        footprint.bindings.push({ exchange: queue.exchange, queue: queue.name, routingKey: key });
  }
  for (const handler of handlersOf(providers)) addHandler(footprint, handler);
  // A module reached twice (class and dynamic form) lists its handlers twice.
  footprint.consumes = [...new Set(footprint.consumes)];
  footprint.answers = [...new Set(footprint.answers)];
  footprint.bindings = footprint.bindings.filter(
    (b, i, all) =>
      all.findIndex(
        (o) => o.exchange === b.exchange && o.queue === b.queue && o.routingKey === b.routingKey,
      ) === i,
  );
  return footprint;
}

/** golevelup's handler metadata, plus the contract an @AnswerRpc method answers. */
type HandlerMeta = MessageHandlerOptions & { answers?: RpcDefinition };

function addHandler(footprint: BrokerFootprint, handler: HandlerMeta): void {
  const queue = handler.queue;
  if (!queue) throw new Error('a handler without a named queue cannot be granted');
  footprint.consumes.push(queue);
  if (handler.answers) footprint.answers.push(handler.answers);
  addQueue(footprint, queue, handler.queueOptions);
  const bindings = [
    ...(handler.exchange
      ? [handler.routingKey ?? '']
          .flat()
          .map((routingKey) => ({ exchange: handler.exchange ?? '', routingKey }))
      : []),
    ...(handler.bindings ?? []).map((b) => ({ exchange: b.exchange, routingKey: b.routingKey })),
  ];
  for (const { exchange, routingKey } of bindings)
    for (const key of [routingKey].flat())
      footprint.bindings.push({ exchange, queue, routingKey: key });
}

function addQueue(
  footprint: BrokerFootprint,
  name: string,
  options: { durable?: boolean; autoDelete?: boolean; arguments?: unknown } | undefined,
): void {
  if (footprint.queues.some((q) => q.name === name)) return;
  footprint.queues.push({
    name,
    durable: options?.durable ?? true,
    autoDelete: options?.autoDelete ?? false,
    arguments: (options?.arguments ?? {}) as Record<string, unknown>,
  });
}

/**
 * The options ServiceModule hands MessagingModule. Its factory's one injection
 * is the service's database, of which it reads only the pool (for the outbox):
 * nothing here connects, so a stand-in without one will do.
 */
function messagingOptions(providers: ProviderRef[]): MessagingModuleOptions {
  const databaseStandIn = { pool: undefined };
  for (const provider of providers) {
    if (
      typeof provider === 'object' &&
      provider.provide === MESSAGING_OPTIONS &&
      provider.useFactory
    )
      return provider.useFactory(databaseStandIn) as MessagingModuleOptions;
  }
  throw new Error('no MessagingModule in this application module');
}

function askerOf(providers: ProviderRef[]): RpcAsker | undefined {
  for (const provider of providers)
    if (typeof provider === 'object' && provider.provide === RPC_ASKER)
      return provider.useValue as RpcAsker;
  return undefined;
}

function handlersOf(providers: ProviderRef[]): HandlerMeta[] {
  const handlers: HandlerMeta[] = [];
  for (const provider of providers) {
    if (typeof provider !== 'function') continue;
    const prototype = provider.prototype as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, key)?.value as unknown;
      if (typeof method !== 'function') continue;
      const meta = Reflect.getMetadata(RABBIT_HANDLER, method) as HandlerMeta | undefined;
      if (meta) handlers.push({ ...meta, answers: rpcAnsweredBy(method) });
    }
  }
  return handlers;
}

/** Walks the module graph as Nest would, without instantiating anything. */
function collect(root: ModuleRef): { providers: ProviderRef[] } {
  const seen = new Set<unknown>();
  const providers: ProviderRef[] = [];
  const visit = (ref: ModuleRef | undefined): void => {
    if (!ref || ref instanceof Promise || seen.has(ref)) return;
    seen.add(ref);
    if ('forwardRef' in ref) return visit(ref.forwardRef());
    const moduleClass = 'module' in ref ? ref.module : ref;
    const dynamic = 'module' in ref ? ref : undefined;
    providers.push(...(metadata<ProviderRef>('providers', moduleClass) ?? []));
    providers.push(...((dynamic?.providers ?? []) as ProviderRef[]));
    for (const child of [
      ...(metadata<ModuleRef>('imports', moduleClass) ?? []),
      ...((dynamic?.imports ?? []) as ModuleRef[]),
    ])
      visit(child);
  };
  visit(root);
  return { providers };
}

function metadata<T>(key: string, target: unknown): T[] | undefined {
  return Reflect.getMetadata(key, target as object) as T[] | undefined;
}
