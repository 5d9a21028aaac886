import { DiscoveryService } from '@golevelup/nestjs-discovery';
import {
  AmqpConnection,
  RABBIT_HANDLER,
  type MessageHandlerOptions,
  type RabbitHandlerConfig,
} from '@golevelup/nestjs-rabbitmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { consumerQueueNamed, type Envelope } from '@dinner-rush/contracts';
import {
  DEFAULT_CONSUMER_BATCH,
  MESSAGING_OPTIONS,
  type MessagingModuleOptions,
} from '../messaging-options';
import { answering, rpcAnsweredBy } from '../rpc/rpc-responder';
import { ConsumerChannelTopology } from '../topology/consumer-channel-topology';
import { splitSubscription } from '../topology/kept-queues';
import { TopologyKeeper } from '../topology/topology-keeper';
import { withQuorumGroupSize } from '../topology/quorum-group-size';
import type { BatchMessage } from './batch/batch-message';
import type { BatchSettings } from './batch/message-batcher';
import { BATCH_CONSUMER, type BatchConsumer } from './consume-batches';
import { ConsumerControl } from './consumer-control.service';
import { ConsumerPace } from './consumer-control.pace';
import { ConsumerPipeline } from './consumer-pipeline';
import { ConsumerPipelines } from './consumer-pipelines';
import { DEFAULT_RETRY_LIMIT, FailurePolicy } from './failure-policy';

type ApplyMethod = (batch: readonly BatchMessage<Envelope>[]) => Promise<void>;

/**
 * Subscribes every @ConsumeBatches method (and every @AnswerRpc responder)
 * without waiting for the broker. golevelup's own registration awaits each
 * subscription during bootstrap, so with RabbitMQ down a service never
 * reaches listen() and cannot even answer /health with 503. Here each
 * subscription completes whenever the connection comes up (and is
 * re-established on every reconnect by the channel's setup).
 * Each message is acked or handed to the failure policy (delay-queue retries,
 * then the dead-letter queue) on its own, whatever batch it was applied in.
 */
@Injectable()
export class ConsumerRegistrar implements OnApplicationBootstrap {
  private readonly logger = new Logger(ConsumerRegistrar.name);

  private readonly failurePolicy: FailurePolicy;
  private readonly batch: BatchSettings;
  private readonly quorumInitialGroupSize?: number;
  /** Handlers whose queue is not bound and subscribed yet, by name. */
  private readonly notYetConsuming = new Set<string>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly amqp: AmqpConnection,
    /** Counts each message's outcome and lets an operator pause the queue (see ConsumerControl). */
    private readonly control: ConsumerControl,
    private readonly pace: ConsumerPace,
    private readonly pipelines: ConsumerPipelines,
    private readonly topology: ConsumerChannelTopology,
    private readonly keeper: TopologyKeeper,
    @Inject(MESSAGING_OPTIONS) options: MessagingModuleOptions,
  ) {
    this.failurePolicy = new FailurePolicy({
      retryLimit: options.retryLimit ?? DEFAULT_RETRY_LIMIT,
    });
    this.batch = batchSettings(options);
    this.quorumInitialGroupSize = options.quorumInitialGroupSize;
  }

  /**
   * Handlers still waiting for their queue's bindings (the TopologyKeeper's,
   * which on a cluster can take seconds) or their first basic.consume. Until
   * none is left the service is not ready: on a fresh broker a message
   * published meanwhile reaches the other consumers' queues but not this
   * one's, and since some queue took it, `mandatory` does not bring it back
   * to the relay. The order is simply missing here for good.
   */
  get pending(): readonly string[] {
    return [...this.notYetConsuming];
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlers =
      await this.discovery.providerMethodsWithMetaAtKey<RabbitHandlerConfig>(RABBIT_HANDLER);
    for (const { discoveredMethod, meta } of handlers) {
      const method = discoveredMethod.handler;
      const handler = method.bind(discoveredMethod.parentClass.instance) as (
        message: unknown,
      ) => Promise<unknown>;
      const name = `${discoveredMethod.parentClass.name}.${discoveredMethod.methodName}`;
      const consumer = Reflect.getMetadata(BATCH_CONSUMER, method) as BatchConsumer | undefined;
      const answers = rpcAnsweredBy(method);
      if (meta.type !== 'rpc' && !consumer) {
        throw new Error(
          `${name}: work queues are consumed with @ConsumeBatches, not @RabbitSubscribe`,
        );
      }
      if (meta.type === 'rpc' && !answers) {
        throw new Error(`${name}: answer requests with @AnswerRpc, not @RabbitRPC`);
      }
      // The queue's bindings are the keeper's; golevelup only declares the queue and consumes.
      const { subscription, queue } = splitSubscription(
        consumer ? this.withFailurePolicy(meta) : meta,
      );
      this.notYetConsuming.add(name);
      const subscribed = this.topology.ready.then(async (): Promise<void> => {
        if (queue) await this.keeper.declare([], [queue]);
        // Responders reply through the reply exchange themselves (see answering).
        if (answers) {
          await this.amqp.createSubscriber(
            answering(this.amqp, answers, handler),
            subscription,
            name,
          );
          return;
        }
        if (!consumer) return;
        const pipeline = new ConsumerPipeline(
          consumer,
          handler as ApplyMethod,
          this.pace,
          this.batch,
        );
        this.pipelines.add(name, pipeline);
        await this.control.subscribe((message) => pipeline.handle(message), subscription, name);
      });
      subscribed.then(
        () => {
          this.notYetConsuming.delete(name);
          this.logger.log(`consuming ${meta.queue ?? '(server-named queue)'} with ${name}`);
        },
        (error: unknown) => this.logger.error(`could not subscribe ${name}: ${String(error)}`),
      );
    }
  }

  /** The work queue as this service declares it: failure policy, and the configured group size. */
  private withFailurePolicy(meta: MessageHandlerOptions): MessageHandlerOptions {
    const declared = {
      ...meta,
      queueOptions: withQuorumGroupSize(meta.queueOptions, this.quorumInitialGroupSize),
    };
    if (meta.errorHandler || !meta.queue) return declared;
    return {
      ...declared,
      errorHandler: this.failurePolicy.handlerFor(consumerQueueNamed(meta.queue)),
    };
  }
}

/**
 * Batches no bigger than what the broker lets in flight (PREFETCH), applied
 * one at a time per queue, in delivery order: a message never overtakes an
 * earlier one of its queue (a rider's assignment meets its order's creation
 * already applied), and with PREFETCH above the batch size the next batch
 * fills while one commits.
 */
function batchSettings(options: MessagingModuleOptions): BatchSettings {
  const wanted = options.batch ?? DEFAULT_CONSUMER_BATCH;
  return {
    size: Math.max(1, Math.min(wanted.size, options.prefetch)),
    lingerMs: wanted.lingerMs,
    maxInFlight: 1,
  };
}
