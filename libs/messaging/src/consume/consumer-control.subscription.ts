import type { AmqpConnection, MessageHandlerOptions } from '@golevelup/nestjs-rabbitmq';
import { Logger } from '@nestjs/common';
import { context, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ConsumeMessage } from 'amqplib';
import { contextFromCarrier, startSpanIn, withMessageLogFields } from '../tracing/trace-context';
import { eventTypeLabel, messageHandlerDuration, messagesHandled } from '../messaging-metrics';
import type { BatchOutcome } from './batch/batch-message';
import { classifyFailure } from './failure-classification';

/** Takes one delivered message; settles with its outcome once its batch is done. */
export type QueueHandler = (message: unknown) => Promise<BatchOutcome>;

/**
 * One @RabbitSubscribe handler on its queue, counted and pausable.
 *
 * Pausing cancels the broker consumer (basic.cancel): messages already
 * delivered still reach the handler and are acked as usual, the rest stay in
 * the queue; nothing is acked or dropped by pausing. Resuming subscribes again
 * through golevelup. A reconnect makes golevelup re-subscribe on its own with
 * a new consumer tag; the first message under a tag this class did not start
 * reveals that, and if the operator asked for a pause it is cancelled again
 * right after that message is handled, so a pause outlives a reconnect.
 */
export class ControlledSubscription {
  private readonly logger = new Logger(ControlledSubscription.name);
  private tag?: string;
  private consuming = false;
  private pauseWanted = false;
  private readonly cancelledTags = new Set<string>();
  /** Pause and resume run one at a time, in the order they were asked for. */
  private transitions: Promise<void> = Promise.resolve();

  constructor(
    private readonly amqp: AmqpConnection,
    private readonly handler: QueueHandler,
    private readonly options: MessageHandlerOptions,
    readonly name: string,
  ) {}

  get queue(): string {
    return this.options.queue ?? '(server-named queue)';
  }

  get paused(): boolean {
    return this.pauseWanted;
  }

  /** Resolves once the broker accepted the first subscription (never blocks start-up). */
  async start(): Promise<void> {
    const { consumerTag } = await this.amqp.createSubscriber(
      (message: unknown, raw?: ConsumeMessage) => this.handle(message, raw),
      this.options,
      this.name,
    );
    this.tag ??= consumerTag;
    this.consuming = true;
    if (this.pauseWanted) await this.serially(() => this.cancelLiveConsumer());
  }

  pause(): Promise<void> {
    this.pauseWanted = true;
    return this.serially(() => this.cancelLiveConsumer());
  }

  resume(): Promise<void> {
    this.pauseWanted = false;
    return this.serially(() => this.subscribeAgain());
  }

  private async handle(message: unknown, raw?: ConsumeMessage): Promise<void> {
    if (raw) this.noticeConsumer(raw.fields.consumerTag);
    const stopTimer = messageHandlerDuration.startTimer({ queue: this.queue });
    const { span, ctx } = this.processSpan(raw);
    let outcome: 'applied' | 'duplicate' | 'failed' | 'dead-lettered' = 'failed';
    try {
      outcome = await context.with(ctx, () => this.handler(message));
    } catch (error) {
      outcome = classifyFailure(error).kind === 'permanent' ? 'dead-lettered' : 'failed';
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
      throw error; // golevelup hands it to the queue's failure policy
    } finally {
      stopTimer({ outcome });
      messagesHandled.inc({ queue: this.queue, type: eventTypeLabel(message), outcome });
      span.setAttribute('dinner_rush.outcome', outcome);
      span.end();
    }
  }

  /**
   * One span per message, from delivery until its batch is done, a child of
   * the publish that sent it (the `traceparent` header): every consumer of an
   * order shows in the order's trace. A retried or dead-lettered copy keeps
   * the headers, so its next attempt joins the same trace.
   */
  private processSpan(raw?: ConsumeMessage) {
    const properties = raw?.properties as
      { headers?: Record<string, unknown>; messageId?: string; correlationId?: string } | undefined;
    const parent = withMessageLogFields(contextFromCarrier(properties?.headers), {
      messageId: properties?.messageId ?? '',
      correlationId: properties?.correlationId ?? '',
    });
    return startSpanIn(parent, `${this.queue} process`, {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'rabbitmq',
        'messaging.operation.type': 'process',
        'messaging.destination.name': raw?.fields.exchange ?? '',
        'messaging.rabbitmq.destination.routing_key': raw?.fields.routingKey ?? '',
        'messaging.message.id': properties?.messageId ?? '',
        'messaging.message.conversation_id': properties?.correlationId ?? '',
      },
    });
  }

  /** A delivery under a consumer tag we have not seen: golevelup re-subscribed after a reconnect. */
  private noticeConsumer(tag: string): void {
    if (this.cancelledTags.has(tag) || (tag === this.tag && this.consuming)) return;
    this.tag = tag;
    this.consuming = true;
    if (this.pauseWanted) void this.serially(() => this.cancelLiveConsumer());
  }

  private async cancelLiveConsumer(): Promise<void> {
    if (!this.pauseWanted || !this.consuming || !this.tag) return;
    const tag = this.tag;
    this.cancelledTags.add(tag);
    this.consuming = false;
    try {
      await this.amqp.cancelConsumer(tag);
      this.logger.log(`paused ${this.queue} (${this.name})`);
    } catch (error) {
      // Channel gone: a reconnect re-subscribes, and noticeConsumer pauses that consumer again.
      this.logger.warn(`pausing ${this.queue}: ${String(error)}`);
    }
  }

  private async subscribeAgain(): Promise<void> {
    if (this.pauseWanted || this.consuming || !this.tag) return;
    try {
      const tag = await this.amqp.resumeConsumer(this.tag);
      if (!tag) throw new Error(`golevelup no longer knows consumer ${this.tag}`);
      this.tag = tag;
      this.consuming = true;
      this.logger.log(`resumed ${this.queue} (${this.name})`);
    } catch (error) {
      // Channel gone: golevelup's own setup subscribes again when the connection is back.
      this.logger.warn(`resuming ${this.queue}: ${String(error)}`);
    }
  }

  private serially(step: () => Promise<void>): Promise<void> {
    this.transitions = this.transitions.then(step, step);
    return this.transitions;
  }
}
