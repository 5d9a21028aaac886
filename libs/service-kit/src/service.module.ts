import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import {
  ConsumerControlModule,
  HttpIngestModule,
  MessagingModule,
  type BrokerSettings,
  type OutboxArchive,
} from '@dinner-rush/messaging';
import { AuthModule, type AuthSettings } from '@dinner-rush/auth';
import type { RetentionRule } from '@dinner-rush/database';
import type { Pool } from 'pg';
import { RetentionService } from './retention/retention.service';
import { APP_CONFIG } from './app-config.token';
import { HealthModule } from './health.module';
import { loggingModule } from './logging';
import { SERVICE_NAME } from './openapi/service-name.token';
import { MetricsModule } from './metrics';

/** The configuration every service has (see baseEnvSchema and consumerEnvSchema). */
interface FoundationConfig extends AuthSettings {
  LOG_LEVEL: string;
  DATABASE_URL: string;
  RABBITMQ_URL: string;
  RABBITMQ_QUORUM_INITIAL_GROUP_SIZE?: number;
  PREFETCH: number;
  CONSUMER_BATCH_SIZE: number;
  CONSUMER_BATCH_LINGER_MS: number;
  OUTBOX_POLL_MS: number;
  OUTBOX_BATCH_SIZE: number;
  RETRY_LIMIT: number;
  INBOX_RETENTION_HOURS: number;
  RETENTION_SWEEP_MS: number;
  /** 'provisioned': shared exchanges come from the broker's definitions (deploy/rabbitmq). */
  RABBITMQ_TOPOLOGY?: 'declare' | 'provisioned';
  /** Consumers only: their queue handlers also answer POST /events (see HttpIngestModule). */
  HTTP_INGEST?: boolean;
  NODE_ENV?: string;
  /** Consumers only: simulated work per message at boot, and the admin API that changes it. */
  WORK_TIME_MS?: number;
  CONSUMER_CONTROL?: boolean;
}

export interface ServiceDefinition<TConfig extends FoundationConfig> {
  name: string;
  config: TConfig;
  /** The work queues the service consumes, plus any service-private topology. */
  broker: Pick<BrokerSettings, 'consumes' | 'extraExchanges' | 'extraQueues'>;
  /** The service's database (ServicePrisma of its Prisma client), provided to every module. */
  database: Type<ServiceDatabase>;
  /** Where the outbox puts sent rows, when the service keeps them (order-service: replays). */
  outboxArchive?: OutboxArchive;
  /** Routing keys the outbox may publish with no queue bound (see OutboxSettings). */
  outboxMayFindNoQueue?: readonly string[];
  /** Its own tables that grow with traffic, and how long their rows are kept (the inbox is added). */
  retention?: readonly RetentionRule[];
  /** The service's feature modules. */
  imports: NonNullable<ModuleMetadata['imports']>;
}

/** What the wiring needs of a service's database: a SQL ping (health, metrics) and its pool. */
interface ServiceDatabase {
  $queryRawUnsafe(sql: string): Promise<unknown>;
  pool: Pool;
}

/**
 * One service: its validated config (global, as APP_CONFIG), structured logs,
 * the access-token guard on every route (docs/auth.md), RabbitMQ with the
 * shared topology and its own outbox relay, GET /health, and its own modules. Every app's AppModule is this with its own definition.
 */
@Module({})
export class ServiceModule {
  static forService<TConfig extends FoundationConfig>(
    service: ServiceDefinition<TConfig>,
  ): DynamicModule {
    const { config } = service;
    return {
      module: ServiceModule,
      global: true,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: SERVICE_NAME, useValue: service.name },
        service.database,
        {
          provide: RetentionService,
          inject: [service.database],
          useFactory: (database: ServiceDatabase) =>
            new RetentionService(
              database.pool,
              [inboxRetention(config.INBOX_RETENTION_HOURS), ...(service.retention ?? [])],
              config.RETENTION_SWEEP_MS,
            ),
        },
      ],
      exports: [APP_CONFIG, SERVICE_NAME, service.database],
      imports: [
        loggingModule(service.name, config.LOG_LEVEL),
        AuthModule.forRoot(config),
        MessagingModule.forRootAsync({
          inject: [service.database],
          useFactory: (database: ServiceDatabase) => ({
            rabbitmqUrl: config.RABBITMQ_URL,
            quorumInitialGroupSize: config.RABBITMQ_QUORUM_INITIAL_GROUP_SIZE,
            prefetch: config.PREFETCH,
            batch: { size: config.CONSUMER_BATCH_SIZE, lingerMs: config.CONSUMER_BATCH_LINGER_MS },
            retryLimit: config.RETRY_LIMIT,
            topology: config.RABBITMQ_TOPOLOGY,
            workTimeMs: config.WORK_TIME_MS,
            ...service.broker,
            outbox: {
              pool: database.pool,
              pollIntervalMs: config.OUTBOX_POLL_MS,
              batchSize: config.OUTBOX_BATCH_SIZE,
              archive: service.outboxArchive,
              mayFindNoQueue: service.outboxMayFindNoQueue,
            },
          }),
        }),
        ...service.imports,
        ...(config.HTTP_INGEST ? [HttpIngestModule] : []),
        HealthModule.forDatabase(service.database),
        MetricsModule.forDatabase(service.database),
        ConsumerControlModule.register(config.CONSUMER_CONTROL ?? config.NODE_ENV !== 'production'),
      ],
    };
  }
}

/**
 * The inbox keeps a message id as long as the message can come back: a
 * redelivery within minutes, a replay of the order archive (its retention,
 * 168 h by default) within days. Past that the effect's own keys still refuse
 * a duplicate (one journal per order and kind, one notification per order and kind).
 */
function inboxRetention(hours: number): RetentionRule {
  return { table: 'inbox', column: 'processed_at', keepMs: hours * 3_600_000 };
}
