import { Counter, Gauge } from 'prom-client';

/** Each webhook try, by result: 'delivered' or why it failed (WebhookFailureReason). */
export const webhookTries = new Counter({
  name: 'webhook_tries_total',
  help: 'Merchant webhook POSTs, by result (delivered, timeout, unreachable, http-status, response-too-large, address-refused)',
  labelNames: ['result'] as const,
});

/** Each notification's delivery, once it ended. */
export const webhookDeliveries = new Counter({
  name: 'webhook_deliveries_total',
  help: 'Merchant webhook deliveries ended: delivered, failed (every try failed) or stored (webhook removed meanwhile)',
  labelNames: ['outcome'] as const,
});

export const webhookTriesInFlight = new Gauge({
  name: 'webhook_tries_in_flight',
  help: 'Merchant webhook POSTs under way in this process',
});
