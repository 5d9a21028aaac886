import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DashboardConfig } from '../config';
import { DASHBOARD_CONFIG } from '../dashboard-config.token';
import { watchedServices, type WatchedService } from '../services';
import { fetchJson } from '../snapshot/http-json';

/** Pause, resume or slow a service's consumer through its admin API (CONSUMER_CONTROL). */
@Injectable()
export class ConsumerCommands {
  private readonly services: Map<string, WatchedService>;

  constructor(@Inject(DASHBOARD_CONFIG) config: DashboardConfig) {
    this.services = new Map(watchedServices(config).map((s) => [s.name, s]));
  }

  pause(service: string): Promise<unknown> {
    const target = this.find(service);
    return fetchJson(`${target.url}/admin/consumers/${encodeURIComponent(target.queue)}/pause`, {
      method: 'POST',
    });
  }

  resume(service: string): Promise<unknown> {
    const target = this.find(service);
    return fetchJson(`${target.url}/admin/consumers/${encodeURIComponent(target.queue)}/resume`, {
      method: 'POST',
    });
  }

  setWorkTime(service: string, workTimeMs: number): Promise<unknown> {
    return fetchJson(`${this.find(service).url}/admin/consumers/work-time`, {
      method: 'PUT',
      body: { workTimeMs },
    });
  }

  private find(service: string): WatchedService {
    const found = this.services.get(service);
    if (!found) throw new NotFoundException(`the dashboard watches no service "${service}"`);
    return found;
  }
}
