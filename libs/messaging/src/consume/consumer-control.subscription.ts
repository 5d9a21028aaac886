import type { AmqpConnection, MessageHandlerOptions } from '@golevelup/nestjs-rabbitmq';
import { Logger } from '@nestjs/common';
import type { ConsumeMessage } from 'amqplib';
import { eventTypeLabel, messageHandlerDuration, messagesHandled } from '../messaging-metrics';
import { classifyFailure } from './failure-classification';
import { trackHandling } from './handling-context';

export type QueueHandler = (
  message: unknown,
  raw?: ConsumeMessage,
  headers?: unknown,
) => Promise<unknown>;

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
      (message: unknown, raw?: ConsumeMessage, headers?: unknown) =>
        this.handle(message, raw, headers),
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

  private async handle(message: unknown, raw?: ConsumeMessage, headers?: unknown): Promise<void> {
    if (raw) this.noticeConsumer(raw.fields.consumerTag);
    const stopTimer = messageHandlerDuration.startTimer({ queue: this.queue });
    let outcome: 'applied' | 'duplicate' | 'failed' | 'dead-lettered' = 'failed';
    try {
      const handling = await trackHandling(async () => {
        await this.handler(message, raw, headers);
      });
      outcome = handling.duplicate ? 'duplicate' : 'applied';
    } catch (error) {
      outcome = classifyFailure(error).kind === 'permanent' ? 'dead-lettered' : 'failed';
      throw error; // golevelup hands it to the queue's failure policy
    } finally {
      stopTimer({ outcome });
      messagesHandled.inc({ queue: this.queue, type: eventTypeLabel(message), outcome });
    }
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
