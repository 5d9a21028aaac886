import { serviceOfQueue } from '@dinner-rush/contracts';
import type { DashboardConfig } from './config';

/**
 * Where each service answers over HTTP, by name: every replica's base URL.
 * Queues are discovered from the broker; this only says whom to ask for a
 * queue's pause button, memory and work time (the service named by the
 * queue's `<service>.<purpose>` name).
 */
export class ServiceDirectory {
  private readonly urls = new Map<string, string[]>();

  constructor(config: DashboardConfig) {
    const pairs: [string, string][] = [
      ['order-service', config.ORDER_SERVICE_URL],
      ['rider-assignment', config.RIDER_ASSIGNMENT_URL],
      ['merchant-notify', config.MERCHANT_NOTIFY_URL],
      ['ledger', config.LEDGER_URL],
      ['customer-notify', config.CUSTOMER_NOTIFY_URL],
      ...config.SERVICE_URLS,
    ];
    for (const [name, url] of pairs) {
      const replicas = this.urls.get(name) ?? [];
      const base = url.replace(/\/$/, '');
      if (!replicas.includes(base)) this.urls.set(name, [...replicas, base]);
    }
  }

  /** Every service with its replicas' URLs. */
  all(): [string, string[]][] {
    return [...this.urls];
  }

  replicasOf(service: string): string[] {
    return this.urls.get(service) ?? [];
  }

  replicasOfQueue(queue: string): string[] {
    return this.replicasOf(serviceOfQueue(queue));
  }
}
