import { Injectable, NotFoundException } from '@nestjs/common';
import { TokenClient } from '@dinner-rush/auth';
import { serviceOfQueue } from '@dinner-rush/contracts';
import { ServiceDirectory } from '../service-directory';
import { fetchJson } from '../snapshot/http-json';
import { forwardedTo } from './upstream-problem';

/**
 * Pause, resume or slow a consumer through its service's admin API
 * (CONSUMER_CONTROL), on every replica the dashboard reaches: a queue is
 * paused only when none of its consumers takes messages.
 */
@Injectable()
export class ConsumerCommands {
  constructor(
    private readonly directory: ServiceDirectory,
    private readonly tokens: TokenClient,
  ) {}

  pause(queue: string): Promise<unknown> {
    return this.onQueue(queue, 'pause');
  }

  resume(queue: string): Promise<unknown> {
    return this.onQueue(queue, 'resume');
  }

  async setWorkTime(service: string, workTimeMs: number): Promise<unknown> {
    return this.onEveryReplica(
      service,
      this.replicas(this.directory.replicasOf(service), `service "${service}"`),
      '/admin/consumers/work-time',
      { method: 'PUT', body: { workTimeMs } },
    );
  }

  private async onQueue(queue: string, action: 'pause' | 'resume'): Promise<unknown> {
    return this.onEveryReplica(
      serviceOfQueue(queue),
      this.replicas(this.directory.replicasOfQueue(queue), `queue "${queue}"`),
      `/admin/consumers/${encodeURIComponent(queue)}/${action}`,
      { method: 'POST' },
    );
  }

  /** One admin call on every replica, as an operator; a refusal is answered as the service's. */
  private async onEveryReplica(
    service: string,
    replicas: string[],
    path: string,
    init: { method: string; body?: unknown },
  ): Promise<unknown> {
    const bearer = await this.tokens.operator();
    return forwardedTo(
      service,
      Promise.all(replicas.map((url) => fetchJson(`${url}${path}`, { ...init, bearer }))),
    );
  }

  private replicas(urls: string[], what: string): string[] {
    if (urls.length === 0)
      throw new NotFoundException(
        `the dashboard reaches no service for ${what} (add it to SERVICE_URLS)`,
      );
    return urls;
  }
}
