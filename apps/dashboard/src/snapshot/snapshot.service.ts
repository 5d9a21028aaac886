import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { BehaviorSubject } from 'rxjs';
import { SpikeRunner } from '../actions/spike-runner';
import { DASHBOARD_CONFIG } from '../dashboard-config.token';
import type { DashboardConfig } from '../config';
import { watchedServices, type WatchedService } from '../services';
import { BrokerStats, type QueueStats } from './broker-stats';
import { fetchJson } from './http-json';
import { intakeBetween } from './intake-latency';
import { endToEnd, toOrderRow, type RecentOrder } from './order-timelines';
import { sumOf, type Sample } from './prometheus-text';
import { readService, type ServiceReading } from './service-probe';
import type { ConsumerView, Snapshot } from './snapshot';

/**
 * Polls the broker and every service server-side (the page never talks to
 * them) and publishes one Snapshot per interval to whoever listens (SSE).
 */
@Injectable()
export class SnapshotService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SnapshotService.name);
  private readonly services: WatchedService[];
  private readonly broker: BrokerStats;
  private previous?: { at: number; samples: Sample[] };
  private timer?: NodeJS.Timeout;
  private polling = false;
  readonly snapshots = new BehaviorSubject<Snapshot | undefined>(undefined);

  constructor(
    @Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig,
    private readonly spike: SpikeRunner,
  ) {
    this.services = watchedServices(config);
    this.broker = new BrokerStats(config);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.poll(), this.config.POLL_INTERVAL_MS);
    void this.poll();
  }

  /** Before the HTTP server closes: completing the stream ends open SSE responses. */
  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
    this.snapshots.complete();
  }

  /** One round; a round still running when the next is due is not overtaken. */
  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      this.snapshots.next(await this.take());
    } catch (error) {
      this.logger.warn(`snapshot failed: ${String(error)}`);
    } finally {
      this.polling = false;
    }
  }

  private async take(): Promise<Snapshot> {
    const orderService = this.config.ORDER_SERVICE_URL.replace(/\/$/, '');
    const ledger = this.config.LEDGER_URL.replace(/\/$/, '');
    const [queues, readings, recent, trialBalance] = await Promise.all([
      this.broker.queues().then(
        (map) => ({ map, error: null }),
        (error: unknown) => ({ map: new Map<string, QueueStats>(), error: String(error) }),
      ),
      Promise.all(this.services.map((service) => readService(service))),
      fetchJson<RecentOrder[]>(`${orderService}/orders?limit=20`).catch(() => []),
      fetchJson<Snapshot['trialBalance']>(`${ledger}/ledger/trial-balance`).catch(() => null),
    ]);
    const now = Date.now();
    const orderReading = readings[0] as ServiceReading;
    const previous = this.previous;
    if (orderReading.up) this.previous = { at: now, samples: orderReading.samples };
    const window =
      previous && orderReading.up
        ? intakeBetween(previous.samples, orderReading.samples, (now - previous.at) / 1000)
        : { ratePerSec: 0, avgMs: null, p95Ms: null };
    const orders = recent.map(toOrderRow);
    return {
      at: new Date(now).toISOString(),
      intake: {
        ...window,
        acceptedTotal: sumOf(orderReading.samples, 'orders_accepted_total'),
        orderServiceUp: orderReading.up,
      },
      consumers: this.services.map((service, i) =>
        consumerView(service, readings[i] as ServiceReading, queues.map),
      ),
      broker: { up: queues.error === null, error: queues.error },
      orders,
      endToEnd: endToEnd(orders),
      trialBalance,
      spike: this.spike.progress(),
    };
  }
}

function consumerView(
  service: WatchedService,
  reading: ServiceReading,
  queues: Map<string, QueueStats>,
): ConsumerView {
  const queue = queues.get(service.queue);
  return {
    service: service.name,
    queue: service.queue,
    up: reading.up,
    ready: queue?.ready ?? 0,
    unacked: queue?.unacked ?? 0,
    consumers: queue?.consumers ?? 0,
    publishRate: queue?.publishRate ?? 0,
    ackRate: queue?.ackRate ?? 0,
    deadLetters: queues.get(service.deadLetterQueue)?.ready ?? 0,
    paused: reading.paused,
    workTimeMs: reading.workTimeMs,
    rssBytes: reading.rssBytes,
  };
}
