import { bearerHeader } from '@dinner-rush/auth';
import type { WaitingLineView } from '@dinner-rush/contracts';
import { BrokerQueues, type QueueReading, type QueueSource } from '@dinner-rush/pipeline-stats';
import { readServiceSample, type ServiceSample } from './service-metrics';

export interface PipelineSample {
  /** ms since the run started. */
  tMs: number;
  /** Keyed by queue name; absent when neither the management API nor AMQP could be read this time. */
  queues?: Record<string, QueueReading>;
  /** The consumer work queues among them (bound to the order exchanges, or registered in contracts). */
  consumerQueues?: string[];
  queueSource?: QueueSource;
  /** Orders waiting for a rider (rider-assignment's GET /waiting-line); null when unreadable. */
  waitingLine: number | null;
  services: Record<string, ServiceSample>;
}

export interface SamplerTargets {
  /** AMQP always works; the management API adds rates when it answers. */
  rabbitmq: { url: string; managementUrl: string; vhost: string };
  services: Record<string, string>;
  /** An operator's access token for /metrics and /waiting-line (asked per sample: it may expire mid-run). */
  bearer?: () => Promise<string>;
}

/**
 * Reads queue depths and rates, the rider waiting line and each service's
 * /health and /metrics every `intervalMs`, from the start of the load until
 * the pipeline has drained. A failed read is a gap in the series, never a
 * failed run.
 */
export class PipelineSampler {
  readonly samples: PipelineSample[] = [];
  lastQueueError?: string;
  private readonly broker: BrokerQueues;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly targets: SamplerTargets,
    private readonly clock: () => number,
    private readonly intervalMs: number,
  ) {
    const { url, managementUrl, vhost } = targets.rabbitmq;
    this.broker = new BrokerQueues({ amqpUrl: url, managementUrl, vhost });
  }

  start(): void {
    const tick = () => {
      this.running = this.sampleOnce().then(() => {
        if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops the periodic sampling and closes the broker connection (sampleOnce reopens it). */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    await this.broker.close();
  }

  get latest(): PipelineSample | undefined {
    return this.samples.at(-1);
  }

  async sampleOnce(): Promise<PipelineSample> {
    const tMs = this.clock();
    const rider = this.targets.services['rider-assignment'];
    const bearer = await this.targets.bearer?.().catch(() => undefined);
    const [round, waitingLine, services] = await Promise.all([
      this.broker.read().catch((error: unknown) => {
        this.lastQueueError = error instanceof Error ? error.message : String(error);
        return undefined;
      }),
      rider ? readWaitingLine(rider, bearer) : null,
      Promise.all(
        Object.entries(this.targets.services).map(
          async ([name, url]) => [name, await readServiceSample(url, undefined, bearer)] as const,
        ),
      ),
    ]);
    const sample: PipelineSample = {
      tMs,
      ...(round
        ? { queues: round.queues, consumerQueues: round.consumerQueues, queueSource: round.source }
        : {}),
      waitingLine,
      services: Object.fromEntries(services),
    };
    this.samples.push(sample);
    return sample;
  }
}

async function readWaitingLine(
  riderAssignmentUrl: string,
  bearer: string | undefined,
): Promise<number | null> {
  try {
    const response = await fetch(`${riderAssignmentUrl}/waiting-line`, {
      signal: AbortSignal.timeout(3_000),
      ...(bearer ? { headers: bearerHeader(bearer) } : {}),
    });
    return response.ok ? ((await response.json()) as WaitingLineView).waiting : null;
  } catch {
    return null;
  }
}
