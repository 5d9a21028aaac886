import { auditPipeline, type AuditedOrderView, type AuditReport } from '@dinner-rush/audit';
import { Queues, type ConsumerQueueNames } from '@dinner-rush/contracts';
import {
  BrokerInspector,
  freePort,
  PipelineDatabase,
  PrivatePostgres,
  PrivateRabbitMQ,
  PrivateRabbitMQCluster,
  ServiceProcess,
  sleep,
  startTestIssuer,
  type AcceptedOrder,
  type TestIssuer,
} from '@dinner-rush/testing';
import { Client } from 'pg';
import { SERVICE_SCHEMAS } from '../../../tools/services';

const DATABASE = 'dinner_rush';

/**
 * The order pipeline the guarantees are about: intake and its three
 * consumers (further consumers, e.g. customer-notify, are not part of it).
 */
export const PIPELINE_SCHEMAS = {
  'order-service': SERVICE_SCHEMAS['order-service'],
  'rider-assignment': SERVICE_SCHEMAS['rider-assignment'],
  'merchant-notify': SERVICE_SCHEMAS['merchant-notify'],
  ledger: SERVICE_SCHEMAS.ledger,
} as const;
export type ServiceName = keyof typeof PIPELINE_SCHEMAS;

/** Every consumer's queue names, by the service that consumes it. */
export const CONSUMER_QUEUES: Record<ServiceName, ConsumerQueueNames> = {
  'order-service': Queues.orderTracking,
  'rider-assignment': Queues.riderAssignment,
  'merchant-notify': Queues.merchantNotify,
  ledger: Queues.ledger,
};
export const WORK_QUEUES = Object.values(CONSUMER_QUEUES).map((names) => names.queue);
export const DEAD_LETTER_QUEUES = Object.values(CONSUMER_QUEUES).map((n) => n.deadLetterQueue);

const PREFETCH = 5;
/** The most messages a service can hold unacked: PREFETCH on each of its (at most two) queues. */
export const MOST_IN_FLIGHT = 2 * PREFETCH;

/**
 * Service settings for the suite: a fleet big enough that no order waits in
 * line for a rider, and fewer messages in flight than database connections, so
 * on a busy machine a handler never times out waiting for a pooled connection.
 */
const BASE_ENV: Record<string, string> = {
  LOG_LEVEL: 'warn',
  PREFETCH: String(PREFETCH),
  OUTBOX_POLL_MS: '200',
  RIDER_FLEET_SIZE: '40',
  RIDER_DELIVERY_MS: '1000',
};

/**
 * The four services as OS processes on a RabbitMQ node and a PostgreSQL
 * cluster of their own, which the fault suite may stop, kill and restart at
 * will (the shared servers on 5432/5672 are never touched).
 */
export class FaultPipeline {
  private constructor(
    readonly label: string,
    /** Each service's environment, for starting another instance or a variant of it. */
    private readonly envs: Record<ServiceName, Record<string, string>>,
    private readonly brokerServers: PrivateRabbitMQ | PrivateRabbitMQCluster,
    readonly postgres: PrivatePostgres,
    readonly services: Record<ServiceName, ServiceProcess>,
    readonly broker: BrokerInspector,
    readonly database: PipelineDatabase,
    /** The OpenID provider the services trust: `issuer.token(role, sub?)`. */
    readonly issuer: TestIssuer,
  ) {}

  /** Every extra process started by instance(), stopped with the rest. */
  private readonly spawned = new Set<ServiceProcess>();

  /** `clusterNodes`: RabbitMQ as a cluster of that many nodes, all listed in RABBITMQ_URL. */
  static async start(
    label: string,
    env: Partial<Record<ServiceName, Record<string, string>>> = {},
    { clusterNodes }: { clusterNodes?: number } = {},
  ): Promise<FaultPipeline> {
    const [rabbit, postgres] = await Promise.allSettled([
      clusterNodes
        ? PrivateRabbitMQCluster.start(label, clusterNodes)
        : PrivateRabbitMQ.start(label),
      PrivatePostgres.start(label),
    ]);
    if (rabbit.status === 'rejected' || postgres.status === 'rejected') {
      if (rabbit.status === 'fulfilled') await rabbit.value.destroy();
      if (postgres.status === 'fulfilled') await postgres.value.destroy();
      throw rabbit.status === 'rejected'
        ? rabbit.reason
        : (postgres as PromiseRejectedResult).reason;
    }
    await createDatabase(postgres.value.adminUrl, DATABASE);
    const issuer = await startTestIssuer();
    const services = {} as Record<ServiceName, ServiceProcess>;
    const envs = {} as Record<ServiceName, Record<string, string>>;
    for (const [name, schema] of Object.entries(PIPELINE_SCHEMAS) as [ServiceName, string][]) {
      envs[name] = serviceEnv(postgres.value, rabbit.value.url, issuer.url, schema, env[name]);
      services[name] = new ServiceProcess(
        name,
        await freePort(),
        envs[name],
        `faults-${label}-${name}`,
      );
    }
    const pipeline = new FaultPipeline(
      label,
      envs,
      rabbit.value,
      postgres.value,
      services,
      new BrokerInspector(rabbit.value.url),
      new PipelineDatabase(postgres.value.databaseUrl(DATABASE), Object.values(PIPELINE_SCHEMAS)),
      issuer,
    );
    try {
      // Sequentially: each applies its migrations at boot, and two cores are shared.
      for (const service of Object.values(services)) await service.start();
      return pipeline;
    } catch (error) {
      await pipeline.stop();
      throw error;
    }
  }

  /** The single broker node (a pipeline started without clusterNodes). */
  get rabbit(): PrivateRabbitMQ {
    if (this.brokerServers instanceof PrivateRabbitMQ) return this.brokerServers;
    throw new Error('this pipeline runs on a cluster: use .cluster');
  }

  get cluster(): PrivateRabbitMQCluster {
    if (this.brokerServers instanceof PrivateRabbitMQCluster) return this.brokerServers;
    throw new Error('this pipeline runs on one node: use .rabbit');
  }

  get orderServiceUrl(): string {
    return this.services['order-service'].baseUrl;
  }

  /** Reads the services' own APIs for every accepted order (libs/audit), as an operator. */
  async audit(
    accepted: readonly AcceptedOrder[],
    timeoutMs = 120_000,
    onOrder?: (view: AuditedOrderView) => void,
  ): Promise<AuditReport> {
    return auditPipeline(
      {
        orderService: this.orderServiceUrl,
        ledger: this.services.ledger.baseUrl,
        riderAssignment: this.services['rider-assignment'].baseUrl,
        bearer: await this.issuer.token('operator'),
      },
      accepted,
      { timeoutMs, concurrency: 4, onOrder },
    );
  }

  /**
   * Another process of `name` (not started): on the same port with extra
   * settings, replacing the current one once started (a variant, e.g. with a
   * test hook), or on a port of its own (`port: 'new'`: a second instance).
   */
  async instance(
    name: ServiceName,
    {
      env = {},
      port = 'same',
      label,
    }: { env?: Record<string, string>; port?: 'same' | 'new'; label: string },
  ): Promise<ServiceProcess> {
    const onPort = port === 'same' ? this.services[name].port : await freePort();
    return this.spawn(name, onPort, { ...this.envs[name], ...env }, label);
  }

  /**
   * A consumer outside the audited pipeline (customer-notify), on its schema
   * of the same database and on the same broker, not started; the case that
   * starts it checks what it did itself.
   */
  async outsider(
    name: Exclude<keyof typeof SERVICE_SCHEMAS, ServiceName>,
    { env = {}, label }: { env?: Record<string, string>; label: string },
  ): Promise<ServiceProcess> {
    const schema = SERVICE_SCHEMAS[name];
    const outsiderEnv = serviceEnv(
      this.postgres,
      this.brokerServers.url,
      this.issuer.url,
      schema,
      env,
    );
    return this.spawn(name, await freePort(), outsiderEnv, label);
  }

  /** A process not started yet, stopped with the rest. */
  private spawn(name: string, port: number, env: Record<string, string>, label: string) {
    const spawned = new ServiceProcess(name, port, env, `faults-${this.label}-${label}`);
    this.spawned.add(spawned);
    return spawned;
  }

  /** Starts `process` in place of the service's current one (which must be stopped already). */
  async replace(name: ServiceName, process: ServiceProcess): Promise<void> {
    await process.start();
    this.services[name] = process;
  }

  /** Fails if a service process is gone that nobody stopped on purpose (a crash, not a fault). */
  assertAllRunning(): void {
    const dead = Object.values(this.services).filter((service) => !service.running);
    if (dead.length > 0)
      throw new Error(`crashed: ${dead.map((s) => s.name).join(', ')} (see test-artifacts/)`);
  }

  /** Ready messages left in each work queue (0 everywhere once the pipeline drained). */
  async workQueueDepths(): Promise<Record<string, number>> {
    const states = await Promise.all(WORK_QUEUES.map((q) => this.broker.queueState(q)));
    return Object.fromEntries(states.map((s) => [s.queue, s.messages]));
  }

  async deadLetterDepths(): Promise<Record<string, number>> {
    const states = await Promise.all(DEAD_LETTER_QUEUES.map((q) => this.broker.queueState(q)));
    return Object.fromEntries(states.map((s) => [s.queue, s.messages]));
  }

  /** Stops every service, then the broker and the cluster, and deletes their directories. */
  async stop(): Promise<void> {
    const all = new Set([...Object.values(this.services), ...this.spawned]);
    await Promise.allSettled([...all].map((service) => stopForSure(service)));
    await this.broker.close();
    await this.database.close();
    await Promise.allSettled([this.brokerServers.destroy(), this.postgres.destroy()]);
    await this.issuer.close();
  }
}

/** A service's environment on the suite's own servers: its schema, the broker, the issuer. */
function serviceEnv(
  postgres: PrivatePostgres,
  rabbitmqUrl: string,
  issuerUrl: string,
  schema: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: postgres.urlFor(DATABASE, schema),
    RABBITMQ_URL: rabbitmqUrl,
    OIDC_ISSUER: issuerUrl,
    ...BASE_ENV,
    ...extra,
  };
}

/** SIGCONT (a case may have left it stopped), SIGTERM, and SIGKILL if it will not go in time. */
async function stopForSure(service: ServiceProcess): Promise<void> {
  service.signal('SIGCONT');
  const stopped = service.stop('SIGTERM');
  const timeout = sleep(20_000).then(() => 'timeout' as const);
  if ((await Promise.race([stopped, timeout])) === 'timeout') await service.stop('SIGKILL');
}

async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
