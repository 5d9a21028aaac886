import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import {
  ConsumerControlModule,
  HttpIngestModule,
  MessagingModule,
  type BrokerSettings,
} from '@dinner-rush/messaging';
import { APP_CONFIG } from './app-config.token';
import { HealthModule } from './health.module';
import { loggingModule } from './logging';
import { SERVICE_NAME } from './openapi/service-name.token';
import { MetricsModule } from './metrics';

/** The configuration every service has (see baseEnvSchema and consumerEnvSchema). */
interface FoundationConfig {
  LOG_LEVEL: string;
  DATABASE_URL: string;
  RABBITMQ_URL: string;
  PREFETCH: number;
  OUTBOX_POLL_MS: number;
  OUTBOX_BATCH_SIZE: number;
  RETRY_LIMIT: number;
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
  /** The service's Prisma client class (a global provider of its database module). */
  database: Type<{ $queryRawUnsafe(sql: string): Promise<unknown> }>;
  /** The database module and the service's feature modules. */
  imports: NonNullable<ModuleMetadata['imports']>;
}

/**
 * One service: its validated config (global, as APP_CONFIG), structured logs,
 * RabbitMQ with the shared topology and its own outbox relay, GET /health, and
 * its own modules. Every app's AppModule is this with its own definition.
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
      ],
      exports: [APP_CONFIG, SERVICE_NAME],
      imports: [
        loggingModule(service.name, config.LOG_LEVEL),
        MessagingModule.forRootAsync({
          useFactory: () => ({
            rabbitmqUrl: config.RABBITMQ_URL,
            prefetch: config.PREFETCH,
            retryLimit: config.RETRY_LIMIT,
            topology: config.RABBITMQ_TOPOLOGY,
            workTimeMs: config.WORK_TIME_MS,
            ...service.broker,
            outbox: {
              databaseUrl: config.DATABASE_URL,
              pollIntervalMs: config.OUTBOX_POLL_MS,
              batchSize: config.OUTBOX_BATCH_SIZE,
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
