import type { MessageHandlerOptions } from '@golevelup/nestjs-rabbitmq';
import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Injectable, NotFoundException } from '@nestjs/common';
import { ConsumerPace } from './consumer-control.pace';
import { ControlledSubscription, type QueueHandler } from './consumer-control.subscription';

export interface ConsumerState {
  queue: string;
  handler: string;
  paused: boolean;
}

/** Every queue subscription of this service, by queue, and the pace they work at. */
@Injectable()
export class ConsumerControl {
  private readonly subscriptions: ControlledSubscription[] = [];

  constructor(
    private readonly amqp: AmqpConnection,
    readonly pace: ConsumerPace,
  ) {}

  subscribe(handler: QueueHandler, options: MessageHandlerOptions, name: string): Promise<void> {
    const subscription = new ControlledSubscription(this.amqp, handler, options, name);
    this.subscriptions.push(subscription);
    return subscription.start();
  }

  list(): ConsumerState[] {
    return this.subscriptions.map(({ queue, name, paused }) => ({ queue, handler: name, paused }));
  }

  async pause(queue: string): Promise<ConsumerState[]> {
    await Promise.all(this.on(queue).map((subscription) => subscription.pause()));
    return this.list();
  }

  async resume(queue: string): Promise<ConsumerState[]> {
    await Promise.all(this.on(queue).map((subscription) => subscription.resume()));
    return this.list();
  }

  private on(queue: string): ControlledSubscription[] {
    const found = this.subscriptions.filter((subscription) => subscription.queue === queue);
    if (found.length === 0)
      throw new NotFoundException(`this service consumes no queue "${queue}"`);
    return found;
  }
}
