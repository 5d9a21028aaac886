import { isBrokerUrlList } from '@dinner-rush/messaging';
import { authEnvSchema } from '@dinner-rush/auth';
import { z } from 'zod';
import { productionSecretProblems } from './production-secrets';

/** Settings every service shares; each app extends this with its own. */
export function baseEnvSchema(defaults: { port: number; schema: string }) {
  // OIDC_ISSUER, OIDC_JWKS_URL, OIDC_AUDIENCE: whose access tokens the service trusts (docs/auth.md).
  return authEnvSchema.extend({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    PORT: z.coerce.number().int().min(0).max(65535).default(defaults.port),
    /** Without a `schema` parameter the service uses its own schema in that database. */
    DATABASE_URL: z
      .url()
      .default('postgresql://root@127.0.0.1:5432/dinner_rush')
      .transform((url) => withDefaultSchema(url, defaults.schema)),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** One broker, or the nodes of a cluster comma-separated: connect to one, fail over to the next. */
    RABBITMQ_URL: z
      .string()
      .default('amqp://guest:guest@127.0.0.1:5672')
      .refine(isBrokerUrlList, 'one amqp:// URL, or several separated by commas'),
    /** Replicas of each new quorum queue (x-quorum-initial-group-size); unset: the broker's default. */
    RABBITMQ_QUORUM_INITIAL_GROUP_SIZE: z.coerce.number().int().min(1).max(99).optional(),
    /** 'provisioned' when the broker's topology and users come from deploy/rabbitmq (compose). */
    RABBITMQ_TOPOLOGY: z.enum(['declare', 'provisioned']).default('declare'),
    /** Apply this service's migrations at boot (safe with several instances). */
    MIGRATE_ON_START: booleanFlag(true),
    /** Seed demo data at boot (idempotent). */
    SEED_DEMO_DATA: booleanFlag(true),
    OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(1_000),
    /** Delay-queue retries (1 s, 5 s, 25 s, 25 s, ...) before a failing message is dead-lettered. */
    RETRY_LIMIT: z.coerce.number().int().min(0).max(100).default(5),
    OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(5_000).default(200),
    /**
     * How long a consumed message's id is kept for deduplication (longer than the replay archive).
     * Retention windows take fractions (0.01 h = 36 s) so a soak can run through many of them.
     */
    INBOX_RETENTION_HOURS: z.coerce.number().positive().max(87_600).default(192),
    /** How often each service deletes what its retention windows let go. */
    RETENTION_SWEEP_MS: z.coerce.number().int().min(100).max(86_400_000).default(60_000),
    /** Where prisma/<service>/ lives (the repository root, or /app in the image). */
    PRISMA_DIR: z.string().default('prisma'),
  });
}

function withDefaultSchema(databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl);
  if (!url.searchParams.has('schema')) url.searchParams.set('schema', schema);
  return url.toString();
}

/** Consumer pace: how many messages in flight, how they are batched, simulated work per message. */
export const consumerEnvSchema = z.object({
  /** Unacked messages in flight per queue: room for two batches, so one commits while the next fills. */
  PREFETCH: z.coerce.number().int().min(1).max(1_000).default(100),
  /** Most messages applied in one transaction (at most PREFETCH). */
  CONSUMER_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(50),
  /** Longest a message waits for a fuller batch when traffic is light. */
  CONSUMER_BATCH_LINGER_MS: z.coerce.number().int().min(0).max(5_000).default(20),
  WORK_TIME_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /** Also take events over HTTP (POST /events), for the sync-vs-async comparison only. */
  HTTP_INGEST: booleanFlag(false),
  /**
   * The consumer admin API (GET /admin/consumers, pause/resume a queue, change
   * WORK_TIME_MS live) for demos. Unset: on, except with NODE_ENV=production.
   */
  CONSUMER_CONTROL: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true' || value === '1')),
});

export function booleanFlag(defaultValue: boolean) {
  return z
    .enum(['true', 'false', '1', '0'])
    .default(defaultValue ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');
}

/**
 * Validates the environment once at boot into a typed, frozen object. A bad or
 * missing variable stops the process with a message that names it.
 */
export function loadConfig<TSchema extends z.ZodType>(
  schema: TSchema,
  env: NodeJS.ProcessEnv = process.env,
): Readonly<z.infer<TSchema>> {
  const result = schema.safeParse(env);
  const secretProblems = productionSecretProblems(
    env,
    secretVariablesIn(result.success ? result.data : undefined),
  );
  if (!result.success || secretProblems.length > 0) {
    const problems = [
      ...(result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      ...secretProblems,
    ]
      .map((problem) => `  ${problem}`)
      .join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return Object.freeze(result.data);
}

/** The credentialed URLs this service's schema actually reads (the dashboard has no database). */
function secretVariablesIn(config: unknown): string[] {
  const keys = typeof config === 'object' && config !== null ? Object.keys(config) : [];
  return ['DATABASE_URL', 'RABBITMQ_URL'].filter((name) => keys.includes(name));
}
