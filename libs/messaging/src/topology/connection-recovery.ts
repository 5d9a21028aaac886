/** What the watchdog sees of the broker side at one check. */
export interface ConsumerChannelState {
  connected: boolean;
  /** The consumer channel exists (the server has not closed it). */
  channelOpen: boolean;
  /**
   * The default publishing channel (RPC requests and replies, order-service's
   * replays; the outbox relay has a connection of its own) exists.
   * A server-closed channel is not reopened while the connection stays up, so
   * without a forced reconnect every publish would wait in the buffer forever.
   */
  publishingChannelOpen: boolean;
  /** Consumers live on that channel (amqplib drops one the server cancelled). */
  liveConsumers: number;
  /** Subscriptions that should be consuming (paused ones excluded). */
  expectedConsumers: number;
  /**
   * The consumer channel's setups (queue declarations, basic.consume) have not
   * all been answered since the last (re)connect. On a cluster that is waiting
   * for a frozen node to be declared down (basic.consume on a queue whose
   * leader was there waits for it), and a reconnect would only start the wait
   * again.
   */
  subscribing?: boolean;
}

export interface ConsumingVerdict {
  consuming: boolean;
  /** Why not, for logs and /health. */
  reason?: string;
  /** Not connected at all: the connection manager is already reconnecting on its own. */
  disconnected?: boolean;
  /** Connected, the broker has not answered every subscription yet (see ConsumerChannelState). */
  subscribing?: boolean;
}

export function consumingVerdict(state: ConsumerChannelState): ConsumingVerdict {
  if (!state.connected)
    return { consuming: false, disconnected: true, reason: 'not connected to RabbitMQ' };
  if (!state.publishingChannelOpen)
    return { consuming: false, reason: 'publishing channel closed' };
  if (state.expectedConsumers === 0) return { consuming: true };
  if (!state.channelOpen) return { consuming: false, reason: 'consumer channel closed' };
  if (state.liveConsumers < state.expectedConsumers && state.subscribing)
    return {
      consuming: false,
      subscribing: true,
      reason: `${state.liveConsumers} of ${state.expectedConsumers} consumers live, the broker has not answered the others yet`,
    };
  if (state.liveConsumers < state.expectedConsumers)
    return {
      consuming: false,
      reason: `${state.liveConsumers} of ${state.expectedConsumers} consumers live`,
    };
  return { consuming: true };
}

export type RecoveryAction = 'none' | 'reconnect' | 'exit';

export interface RecoveryTimings {
  /** Connected but not consuming for this long before acting (a reconnect's setups take a moment). */
  graceMs: number;
  /** At most one forced reconnect per this interval. */
  reconnectEveryMs: number;
  /** Connected but not consuming for this long in total, despite reconnects: give up, exit. */
  deadlineMs: number;
  /**
   * Subscriptions the broker has not answered yet are waited for this long
   * before any of the above applies. Longer than Erlang's net_ticktime (60 s,
   * up to 75 s to notice), which bounds how long a cluster takes to give up
   * on a frozen or cut-off node.
   */
  subscribingMs: number;
}

export const DEFAULT_RECOVERY_TIMINGS: RecoveryTimings = {
  graceMs: 3_000,
  reconnectEveryMs: 5_000,
  deadlineMs: 60_000,
  subscribingMs: 90_000,
};

/**
 * Decides, check by check, what to do about a service that is not consuming.
 * Only time spent connected-but-not-consuming counts: while disconnected the
 * connection manager retries by itself (and /health says not ready), so a
 * long broker outage never makes the process exit, but a broker that keeps
 * accepting the connection and refusing the consumers does. Subscriptions
 * still waiting for the broker's answer are given `subscribingMs` first.
 */
export class RecoveryClock {
  private unhealthyMs = 0;
  private subscribingMs = 0;
  private lastCheckAt?: number;
  private lastReconnectAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly timings: RecoveryTimings = DEFAULT_RECOVERY_TIMINGS) {}

  next(verdict: ConsumingVerdict, now: number): RecoveryAction {
    const elapsed = this.lastCheckAt === undefined ? 0 : now - this.lastCheckAt;
    this.lastCheckAt = now;
    if (verdict.consuming) {
      this.unhealthyMs = 0;
      this.subscribingMs = 0;
      return 'none';
    }
    if (verdict.disconnected) return 'none';
    if (verdict.subscribing) {
      this.subscribingMs += elapsed;
      if (this.subscribingMs <= this.timings.subscribingMs) return 'none';
    }
    this.unhealthyMs += elapsed;
    if (this.unhealthyMs > this.timings.deadlineMs) return 'exit';
    if (
      this.unhealthyMs >= this.timings.graceMs &&
      now - this.lastReconnectAt >= this.timings.reconnectEveryMs
    ) {
      this.lastReconnectAt = now;
      return 'reconnect';
    }
    return 'none';
  }
}
