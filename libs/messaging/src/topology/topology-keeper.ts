import type { RabbitMQExchangeConfig } from '@golevelup/nestjs-rabbitmq';
import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Injectable, Logger } from '@nestjs/common';
import type { ChannelModel, Options } from 'amqplib';

/** A queue as the keeper declares it, with the bindings that route to it. */
export interface KeptQueue {
  name: string;
  options?: Options.AssertQueue;
  bindings: readonly { exchange: string; routingKey: string }[];
}

/** What one declare() call asks for: exchanges first, then queues and their bindings. */
interface Declaration {
  exchanges: readonly RabbitMQExchangeConfig[];
  queues: readonly KeptQueue[];
  done: boolean;
  markDone: () => void;
}

/** How soon a declaration that failed (e.g. its exchange not there yet) is tried again. */
const RETRY_MS = 1_000;

/**
 * Declares exchanges, queues and bindings on a channel of its own, apart
 * from the channels that consume and publish, again on every reconnect.
 *
 * Why apart: on a cluster with one node frozen (a node that answers nothing:
 * no RST, its TCP connections stay open), `queue.bind` waits for a global
 * Mnesia lock held on every node, the frozen one too, until Erlang declares
 * that node down (net_ticktime: 60 to 75 s). Done on the consumer or the
 * publishing channel, as golevelup does it on every reconnect, it held both:
 * amqp-connection-manager consumes and publishes on a channel only once every
 * setup of that channel finished. Durable bindings survive reconnects; they
 * are asserted again only in case the queue was deleted and recreated, and
 * that can wait without stopping the work.
 *
 * declare() resolves once its declaration succeeded the first time, so a
 * consumer on a fresh broker subscribes only after its queue is bound.
 * `reasserting` says a reconnect's assertions are not all through yet: a
 * queue deleted meanwhile is consumed again (golevelup declares it on the
 * consumer channel) before it is bound again, and whatever is published in
 * between is routed past it, so the service is not ready until they are.
 */
@Injectable()
export class TopologyKeeper {
  private readonly logger = new Logger(TopologyKeeper.name);
  private readonly declarations: Declaration[] = [];
  private listening = false;
  /** Connects seen, and the last one whose every declaration was asserted again. */
  private connects = 0;
  private assertedConnect = 0;

  constructor(private readonly amqp: AmqpConnection) {}

  declare(
    exchanges: readonly RabbitMQExchangeConfig[],
    queues: readonly KeptQueue[],
  ): Promise<void> {
    return new Promise((resolve) => {
      const declaration: Declaration = {
        exchanges,
        queues,
        done: false,
        markDone: () => {
          declaration.done = true;
          resolve();
        },
      };
      this.declarations.push(declaration);
      this.listen();
      const connection = this.amqp.managedConnection.connection;
      if (connection) void this.apply(connection, [declaration]);
    });
  }

  /** Since the last reconnect, not every declaration has been asserted again yet. */
  get reasserting(): boolean {
    return this.assertedConnect < this.connects;
  }

  /** On every (re)connect: everything again, in the background, until it is all through. */
  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    this.amqp.managedConnection.on('connect', ({ connection }: { connection: ChannelModel }) => {
      this.connects += 1;
      void this.apply(connection, [...this.declarations], this.connects);
    });
  }

  /**
   * Declares `declarations` in order. `onConnect` marks a reconnect's whole
   * re-assertion: retried until it is through (or a newer connect took over),
   * not only the declarations never made before.
   */
  private async apply(
    connection: ChannelModel,
    declarations: Declaration[],
    onConnect?: number,
  ): Promise<void> {
    const pending = [...declarations];
    try {
      const channel = await connection.createChannel();
      // A refused declaration closes the channel with an error event; the rejection below reports it.
      channel.on('error', () => undefined);
      while (pending.length > 0) {
        const declaration = pending[0] as Declaration;
        await declareOn(channel, declaration);
        pending.shift();
        if (!declaration.done) declaration.markDone();
      }
      if (onConnect !== undefined && onConnect > this.assertedConnect)
        this.assertedConnect = onConnect;
      await channel.close();
    } catch (error) {
      if (this.toRetry(pending, onConnect).length === 0) return;
      this.logger.warn(`topology not declared yet, again in ${RETRY_MS} ms: ${String(error)}`);
      setTimeout(() => {
        const retry = this.toRetry(pending, onConnect);
        const connection = this.amqp.managedConnection.connection;
        if (connection && retry.length > 0) void this.apply(connection, retry, onConnect);
      }, RETRY_MS).unref();
    }
  }

  /**
   * What of a failed apply is still to do: all of it for the latest connect's
   * re-assertion, otherwise what was never declared (a newer connect asserts
   * the rest again).
   */
  private toRetry(pending: Declaration[], onConnect?: number): Declaration[] {
    const latestConnect = onConnect !== undefined && onConnect === this.connects;
    return pending.filter((declaration) => latestConnect || !declaration.done);
  }
}

/** The part of amqplib's channel a declaration uses. */
interface DeclaringChannel {
  checkExchange(name: string): Promise<unknown>;
  assertExchange(name: string, type: string, options?: Options.AssertExchange): Promise<unknown>;
  assertQueue(name: string, options?: Options.AssertQueue): Promise<unknown>;
  bindQueue(queue: string, exchange: string, routingKey: string): Promise<unknown>;
}

async function declareOn(channel: DeclaringChannel, declaration: Declaration): Promise<void> {
  for (const exchange of declaration.exchanges) {
    if (exchange.createExchangeIfNotExists === false) await channel.checkExchange(exchange.name);
    else await channel.assertExchange(exchange.name, exchange.type ?? 'topic', exchange.options);
  }
  for (const queue of declaration.queues) {
    await channel.assertQueue(queue.name, queue.options);
    for (const { exchange, routingKey } of queue.bindings)
      await channel.bindQueue(queue.name, exchange, routingKey);
  }
}
