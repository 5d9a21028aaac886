import { authEnvSchema, customerLoginEnvSchema, toolsClientEnvSchema } from '@dinner-rush/auth';
import { isBrokerUrlList } from '@dinner-rush/messaging';
import { z } from 'zod';

const url = (fallback: string) => z.url().default(fallback);

/**
 * SERVICE_URLS: `name=url` pairs, comma-separated. A service named twice has
 * two replicas (the dashboard adds up their figures); a name the *_URL
 * settings do not cover (a scaffolded consumer) gets its pause buttons and
 * memory figures this way. Its queue is listed without it.
 */
const serviceUrls = z
  .string()
  .default('')
  .transform((text, context) => {
    const pairs: [string, string][] = [];
    for (const entry of text
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)) {
      const [name, value] = entry.split(/=(.*)/s) as [string, string | undefined];
      if (!/^[a-z][a-z0-9-]*$/.test(name) || !value || !URL.canParse(value)) {
        context.addIssue({ code: 'custom', message: `"${entry}" is not name=http://host:port` });
        return z.NEVER;
      }
      pairs.push([name, value]);
    }
    return pairs;
  });

/**
 * The dashboard's settings: where the services and RabbitMQ (AMQP, management
 * API) are, the tools client it reads them with, whose tokens its own routes
 * (snapshot, actions) accept, and which customers its demo orders come from.
 */
export const dashboardEnvSchema = toolsClientEnvSchema
  .extend(authEnvSchema.shape)
  .extend(customerLoginEnvSchema.shape)
  .extend({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3100),
    ORDER_SERVICE_URL: url('http://127.0.0.1:3000'),
    RIDER_ASSIGNMENT_URL: url('http://127.0.0.1:3001'),
    MERCHANT_NOTIFY_URL: url('http://127.0.0.1:3002'),
    LEDGER_URL: url('http://127.0.0.1:3003'),
    CUSTOMER_NOTIFY_URL: url('http://127.0.0.1:3004'),
    SERVICE_URLS: serviceUrls,
    /** Queue depth and consumers over AMQP when the management API does not answer (a passive declare needs no rights). */
    /** One node or a cluster's nodes, comma-separated: the first that accepts is read. */
    RABBITMQ_URL: z
      .string()
      .default('amqp://guest:guest@127.0.0.1:5672')
      .refine(isBrokerUrlList, 'one amqp:// URL, or several separated by commas'),
    /** RabbitMQ management HTTP API: rates, and which queues are bound to the order exchanges. */
    RABBITMQ_MANAGEMENT_URL: url('http://127.0.0.1:15672'),
    RABBITMQ_MANAGEMENT_USER: z.string().min(1).default('guest'),
    RABBITMQ_MANAGEMENT_PASSWORD: z.string().default('guest'),
    /** The vhost the services use (the path of their RABBITMQ_URL; a path on RABBITMQ_URL here wins). */
    RABBITMQ_VHOST: z.string().min(1).default('/'),
    /**
     * A tracing UI (Jaeger's, e.g. http://localhost:16686): each order links to
     * its trace there. Unset: the page draws each order's waterfall from its timeline.
     */
    TRACES_UI_URL: z.url().optional(),
    /** How often the dashboard polls everything and pushes a snapshot. */
    POLL_INTERVAL_MS: z.coerce.number().int().min(200).max(60_000).default(1_000),
    /**
     * The issuer's public client for the page's own login (authorization code +
     * PKCE, Keycloak's dinner-rush-dashboard). Unset (the dev issuer has no
     * logins): the page asks for a pasted operator token (`npm run token`).
     */
    DASHBOARD_LOGIN_CLIENT_ID: z.string().min(1).optional(),
    /** Largest spike one click may fire. */
    SPIKE_MAX_ORDERS: z.coerce.number().int().min(1).max(20_000).default(2_000),
  });

export type DashboardConfig = z.infer<typeof dashboardEnvSchema>;
