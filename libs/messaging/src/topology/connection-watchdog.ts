import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ConsumerControl } from '../consume/consumer-control.service';
import { CONSUMER_CHANNEL } from './consumer-subscription';
import { consumingVerdict, RecoveryClock, type ConsumingVerdict } from './connection-recovery';

/** How often the consumer channel is checked. */
const CHECK_INTERVAL_MS = 1_000;

/** The raw amqplib channel, as far as the watchdog reads it (its consumer table is amqplib's own). */
interface RawChannel {
  consumers?: Map<string, unknown>;
  on(event: 'close', listener: () => void): unknown;
}

/**
 * Makes sure a service never goes on silently not consuming (or not
 * publishing). The connection manager reconnects a dropped connection by
 * itself, but two failures slip past it: a channel the server closed while
 * the connection stayed up (consuming or publishing: it waits for a reconnect
 * that never comes), and a consumer the server cancelled (golevelup ignores
 * the null delivery). Both leave the process
 * connected, healthy-looking and idle. Every second this compares the live
 * consumers on the consumer channel with the subscriptions that should be
 * running (paused ones excluded); after a short grace it forces a reconnect,
 * which re-runs every setup and re-subscribes. If that does not bring the
 * consumers back before the deadline, the process exits non-zero so its
 * supervisor restarts it. Subscriptions the broker has not answered yet are
 * waited for first (RecoveryTimings.subscribingMs): on a cluster, basic.consume
 * may wait until a frozen node is declared down, and forcing a reconnect would
 * only start that wait again. /health reads `ready` (BrokerHealthIndicator).
 */
@Injectable()
export class ConnectionWatchdog implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ConnectionWatchdog.name);
  private raw?: RawChannel;
  /** From each (re)connect until the consumer channel's setups have all been answered. */
  private subscribing = false;
  private publishing?: RawChannel;
  private timer?: NodeJS.Timeout;
  private readonly clock = new RecoveryClock();
  private verdict: ConsumingVerdict = { consuming: false, reason: 'not connected yet' };

  constructor(
    private readonly amqp: AmqpConnection,
    private readonly control: ConsumerControl,
  ) {}

  /** Connected, and every subscription that should be consuming is. */
  get ready(): boolean {
    return this.verdict.consuming;
  }

  get reason(): string | undefined {
    return this.verdict.reason;
  }

  onApplicationBootstrap(): void {
    const consumerChannel = this.amqp.managedChannels[CONSUMER_CHANNEL];
    // On a reconnect the channel wrapper runs every setup again (declare, consume) and says
    // 'connect' once the broker answered them all.
    this.amqp.managedConnection.on('connect', () => (this.subscribing = true));
    consumerChannel?.on('connect', () => (this.subscribing = false));
    consumerChannel
      ?.addSetup((raw: RawChannel) => {
        // Runs on every (re)connect: remember the live channel, forget it when it closes.
        this.raw = raw;
        raw.on('close', () => {
          if (this.raw === raw) this.raw = undefined;
        });
      })
      .catch((error: unknown) => this.logger.warn(`consumer channel watch: ${String(error)}`));
    this.amqp.managedChannel
      ?.addSetup((raw: RawChannel) => {
        this.publishing = raw;
        raw.on('close', () => {
          if (this.publishing === raw) this.publishing = undefined;
        });
      })
      .catch((error: unknown) => this.logger.warn(`publishing channel watch: ${String(error)}`));
    this.timer = setInterval(() => this.check(), CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops first (before the graceful drain cancels consumers on purpose). */
  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    const expected = this.control.list().filter((subscription) => !subscription.paused).length;
    this.verdict = consumingVerdict({
      connected: this.amqp.connected,
      channelOpen: this.raw !== undefined,
      publishingChannelOpen: this.publishing !== undefined,
      liveConsumers: this.raw?.consumers?.size ?? 0,
      expectedConsumers: expected,
      subscribing: this.subscribing,
    });
    const action = this.clock.next(this.verdict, Date.now());
    if (action === 'reconnect') {
      this.logger.warn(`not consuming (${this.verdict.reason}): forcing a reconnect`);
      this.amqp.managedConnection.reconnect();
    } else if (action === 'exit') {
      this.logger.error(`still not consuming (${this.verdict.reason}): exiting for a restart`);
      process.exit(1);
    }
  }
}
