import { readQueues, type QueueSample } from '@dinner-rush/audit';
import { readServiceSample, type ServiceSample } from './service-metrics';

export interface PipelineSample {
  /** ms since the run started. */
  tMs: number;
  /** Keyed by queue name; absent when the management API could not be read this time. */
  queues?: Record<string, QueueSample>;
  services: Record<string, ServiceSample>;
}

export interface SamplerTargets {
  rabbitmq: { managementUrl: string; vhost: string };
  services: Record<string, string>;
}

/**
 * Reads queue depths and rates and each service's /health and /metrics every
 * `intervalMs`, from the start of the load until the pipeline has drained.
 * A failed read is a gap in the series, never a failed run.
 */
export class PipelineSampler {
  readonly samples: PipelineSample[] = [];
  lastQueueError?: string;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly targets: SamplerTargets,
    private readonly clock: () => number,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.sampleOnce().then(() => {
        if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  get latest(): PipelineSample | undefined {
    return this.samples.at(-1);
  }

  async sampleOnce(): Promise<PipelineSample> {
    const tMs = this.clock();
    const { managementUrl, vhost } = this.targets.rabbitmq;
    const [queues, services] = await Promise.all([
      readQueues(managementUrl, vhost).catch((error: unknown) => {
        this.lastQueueError = error instanceof Error ? error.message : String(error);
        return undefined;
      }),
      Promise.all(
        Object.entries(this.targets.services).map(
          async ([name, url]) => [name, await readServiceSample(url)] as const,
        ),
      ),
    ]);
    const sample: PipelineSample = {
      tMs,
      ...(queues ? { queues: Object.fromEntries(queues.map((q) => [q.name, q])) } : {}),
      services: Object.fromEntries(services),
    };
    this.samples.push(sample);
    return sample;
  }
}
