import {
  Inject,
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
  type OnModuleDestroy,
  type OnModuleInit,
  type Type,
} from '@nestjs/common';
import { httpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { watchOutboxLag, type OutboxReader } from './outbox-lag.collector';
import { collectProcessMetricsOnce } from './process-metrics';

const OUTBOX_READER = Symbol('OUTBOX_READER');

/**
 * GET /metrics for a service: process metrics, HTTP latency per route, outbox
 * lag read from the service's own database, plus whatever libs and apps
 * register on prom-client's default registry (consumer and relay counters live
 * in @dinner-rush/messaging, beside the code they count).
 */
@Module({})
export class MetricsModule implements NestModule, OnModuleInit, OnModuleDestroy {
  private unwatch?: () => void;

  constructor(@Inject(OUTBOX_READER) private readonly outbox: OutboxReader) {}

  static forDatabase(database: Type<OutboxReader>): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [{ provide: OUTBOX_READER, useExisting: database }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(httpMetricsMiddleware).forRoutes('{*path}');
  }

  onModuleInit(): void {
    collectProcessMetricsOnce();
    this.unwatch = watchOutboxLag(this.outbox);
  }

  onModuleDestroy(): void {
    this.unwatch?.();
  }
}
