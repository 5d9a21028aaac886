import { Queues } from '@dinner-rush/contracts';
import type { DashboardConfig } from './config';

/** One service the dashboard watches: its base URL and the work queue it consumes. */
export interface WatchedService {
  name: string;
  url: string;
  queue: string;
  deadLetterQueue: string;
}

export function watchedServices(config: DashboardConfig): WatchedService[] {
  return [
    { name: 'order-service', url: config.ORDER_SERVICE_URL, names: Queues.orderTracking },
    { name: 'rider-assignment', url: config.RIDER_ASSIGNMENT_URL, names: Queues.riderAssignment },
    { name: 'merchant-notify', url: config.MERCHANT_NOTIFY_URL, names: Queues.merchantNotify },
    { name: 'ledger', url: config.LEDGER_URL, names: Queues.ledger },
  ].map(({ name, url, names }) => ({
    name,
    url: url.replace(/\/$/, ''),
    queue: names.queue,
    deadLetterQueue: names.deadLetterQueue,
  }));
}
