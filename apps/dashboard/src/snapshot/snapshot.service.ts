import { TokenClient } from '@dinner-rush/auth';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import {
  sumOf,
  type BrokerQueues,
  type QueueRound,
  type Sample,
} from '@dinner-rush/pipeline-stats';
import { BehaviorSubject, Observable } from 'rxjs';
import { SpikeRunner } from '../actions/spike-runner';
import { DASHBOARD_CONFIG } from '../dashboard-config.token';
import type { DashboardConfig } from '../config';
import { ServiceDirectory } from '../service-directory';
import { dashboardBrokerQueues } from './broker-queues.provider';
import { consumerRows } from './consumer-rows';
import { fetchJson } from './http-json';
import { intakeBetween } from './intake-latency';
import { endToEnd, toOrderRow, type RecentOrder } from './order-timelines';
import { readServices } from './service-probe';
import type { Snapshot } from './snapshot';
import { readWaitingLine } from './waiting-line';

/** A GET /snapshot keeps the polling going this long, like an open page does. */
const READER_GRACE_MS = 10_000;

/**
 * Polls the broker and every service server-side (the page never talks to
 * them) and publishes one Snapshot per interval to whoever listens (SSE).
 * Nobody watching, nothing polled: an idle dashboard costs the pipeline
 * nothing (no /metrics scrapes, no outbox-lag or trial-balance queries).
 */
@Injectable()
export class SnapshotService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SnapshotService.name);
  private readonly broker: BrokerQueues;
  private previous?: { at: number; samples: Sample[] };
  /** The consumer queues last seen, kept on the page while the broker does not answer. */
  private consumerQueues: string[] = [];
  private timer?: NodeJS.Timeout;
  private polling = false;
  private lastReadAt = 0;
  readonly snapshots = new BehaviorSubject<Snapshot | undefined>(undefined);

  constructor(
    @Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig,
    private readonly spike: SpikeRunner,
    private readonly directory: ServiceDirectory,
    private readonly tokens: TokenClient,
  ) {
    this.broker = dashboardBrokerQueues(config);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.poll(), this.config.POLL_INTERVAL_MS);
    void this.poll();
  }

  /** Before the HTTP server closes: completing the stream ends open SSE responses. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.snapshots.complete();
    await this.broker.close();
  }

  /** Snapshots as they come, starting with a fresh one: the page's stream (SSE). */
  watch(): Observable<Snapshot> {
    return new Observable<Snapshot>((subscriber) => {
      const subscription = this.snapshots.subscribe((snapshot) => {
        if (snapshot) subscriber.next(snapshot);
      });
      void this.poll();
      return subscription;
    });
  }

  /** The latest snapshot, taken now if polling had stopped for want of watchers. */
  async current(): Promise<Snapshot | undefined> {
    const stopped = !this.watched();
    this.lastReadAt = Date.now();
    if (stopped) await this.poll();
    return this.snapshots.value;
  }

  /** One round; a round still running when the next is due is not overtaken. */
  async poll(): Promise<void> {
    if (this.polling || !this.watched()) return;
    this.polling = true;
    try {
      this.snapshots.next(await this.take());
    } catch (error) {
      this.logger.warn(`snapshot failed: ${String(error)}`);
    } finally {
      this.polling = false;
    }
  }

  private watched(): boolean {
    return this.snapshots.observed || Date.now() - this.lastReadAt < READER_GRACE_MS;
  }

  private async take(): Promise<Snapshot> {
    const orderService = this.config.ORDER_SERVICE_URL.replace(/\/$/, '');
    const ledger = this.config.LEDGER_URL.replace(/\/$/, '');
    // The dashboard's own operator token (client_credentials); without it the reads show as down.
    const bearer = await this.tokens.operator().catch((error: unknown) => {
      this.logger.warn(`no access token: ${String(error)}`);
      return undefined;
    });
    const [queues, services, recent, trialBalance, riders] = await Promise.all([
      this.broker.read().then(
        (round): { round: QueueRound | null; error: string | null } => ({ round, error: null }),
        (error: unknown) => ({ round: null, error: String(error) }),
      ),
      readServices(this.directory.all(), bearer),
      fetchJson<RecentOrder[]>(`${orderService}/orders?limit=20`, { bearer }).catch(() => []),
      fetchJson<Snapshot['trialBalance']>(`${ledger}/ledger/trial-balance`, { bearer }).catch(
        () => null,
      ),
      readWaitingLine(this.config.RIDER_ASSIGNMENT_URL.replace(/\/$/, ''), bearer),
    ]);
    const now = Date.now();
    // Every order-service replica's samples together: intake is their sum.
    const intakeReplicas = (services.get('order-service') ?? []).filter((r) => r.up);
    const samples = intakeReplicas.flatMap((r) => r.samples);
    const orderServiceUp = intakeReplicas.length > 0;
    const previous = this.previous;
    if (orderServiceUp) this.previous = { at: now, samples };
    const window =
      previous && orderServiceUp
        ? intakeBetween(previous.samples, samples, (now - previous.at) / 1000)
        : { ratePerSec: 0, avgMs: null, p95Ms: null };
    if (queues.round) this.consumerQueues = queues.round.consumerQueues;
    const orders = recent.map((order) => toOrderRow(order, this.config.TRACES_UI_URL));
    return {
      at: new Date(now).toISOString(),
      intake: {
        ...window,
        acceptedTotal: sumOf(samples, 'orders_accepted_total'),
        orderServiceUp,
      },
      consumers: consumerRows(this.consumerQueues, queues.round, services),
      broker: {
        up: queues.round !== null,
        source: queues.round?.source ?? null,
        error: queues.error,
        managementError: queues.round?.managementError ?? null,
      },
      riders,
      orders,
      endToEnd: endToEnd(orders),
      trialBalance,
      spike: this.spike.progress(),
    };
  }
}
