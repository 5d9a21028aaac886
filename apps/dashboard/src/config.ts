import { z } from 'zod';

const url = (fallback: string) => z.url().default(fallback);

/** The dashboard's settings: where the services and RabbitMQ's management API are. */
export const dashboardEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  ORDER_SERVICE_URL: url('http://127.0.0.1:3000'),
  RIDER_ASSIGNMENT_URL: url('http://127.0.0.1:3001'),
  MERCHANT_NOTIFY_URL: url('http://127.0.0.1:3002'),
  LEDGER_URL: url('http://127.0.0.1:3003'),
  /** RabbitMQ management HTTP API (queue depths, rates, dead letters). */
  RABBITMQ_MANAGEMENT_URL: url('http://127.0.0.1:15672'),
  RABBITMQ_MANAGEMENT_USER: z.string().min(1).default('guest'),
  RABBITMQ_MANAGEMENT_PASSWORD: z.string().default('guest'),
  /** The vhost the services use (the path of their RABBITMQ_URL). */
  RABBITMQ_VHOST: z.string().min(1).default('/'),
  /** How often the dashboard polls everything and pushes a snapshot. */
  POLL_INTERVAL_MS: z.coerce.number().int().min(200).max(60_000).default(1_000),
  /** Largest spike one click may fire. */
  SPIKE_MAX_ORDERS: z.coerce.number().int().min(1).max(20_000).default(2_000),
});

export type DashboardConfig = z.infer<typeof dashboardEnvSchema>;
