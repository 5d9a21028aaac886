import type { DynamicModule } from '@nestjs/common';
import {
  CustomerNotifiedV1,
  Exchanges,
  LedgerRecordedV1,
  LedgerReversedV1,
  MerchantNotifiedV1,
  OrderCancelledV1,
  OrderCreatedV1,
  OrderCreatedV2,
  RiderAssignedV1,
  RiderDeliveredV1,
  RiderReleasedV1,
  type EventDefinition,
} from '@dinner-rush/contracts';
import { loadConfig } from '@dinner-rush/service-kit';
/* eslint-disable no-restricted-imports -- tooling reads each app's own definitions (apps never import each other: depcruise) */
import { AppModule as CustomerNotifyApp } from '../apps/customer-notify/src/app.module';
import { customerNotifyEnvSchema } from '../apps/customer-notify/src/config';
import { AppModule as LedgerApp } from '../apps/ledger/src/app.module';
import { ledgerEnvSchema } from '../apps/ledger/src/config';
import { AppModule as MerchantNotifyApp } from '../apps/merchant-notify/src/app.module';
import { merchantNotifyEnvSchema } from '../apps/merchant-notify/src/config';
import { AppModule as OrderServiceApp } from '../apps/order-service/src/app.module';
import { orderServiceEnvSchema } from '../apps/order-service/src/config';
import { AppModule as RiderAssignmentApp } from '../apps/rider-assignment/src/app.module';
import { riderAssignmentEnvSchema } from '../apps/rider-assignment/src/config';
/* eslint-enable no-restricted-imports */

/** RabbitMQ's name for the default exchange ('') in permissions. */
export const DEFAULT_EXCHANGE = 'amq.default';

export interface BrokerService {
  /** The service's application module with its default configuration (nothing connects). */
  module(): DynamicModule;
  /**
   * Exchanges it publishes to besides its own `<service>.*` ones and its
   * requests and replies (read from its RpcRequesterModule and @AnswerRpc):
   * the only thing its code does not declare (the outbox relay publishes
   * whatever the service wrote). '' is the default exchange.
   */
  publishes: readonly string[];
  /**
   * The contract events it publishes: on a topic exchange it may use only
   * their routing keys (topic permissions), so no consumer can forge another's
   * progress (rider.delivered.v1 comes from rider-assignment or nobody).
   */
  events: readonly EventDefinition[];
}

/**
 * Every service with a broker user. Queues, bindings and private topology are
 * read from each app's code (tools/broker-footprint.ts); adding a service is
 * one line here.
 */
export const BROKER_SERVICES: Record<string, BrokerService> = {
  'order-service': {
    module: () => OrderServiceApp.forConfig(loadConfig(orderServiceEnvSchema, {})),
    publishes: [Exchanges.orders, Exchanges.orderReplay],
    events: [OrderCreatedV1, OrderCreatedV2, OrderCancelledV1],
  },
  'rider-assignment': {
    module: () => RiderAssignmentApp.forConfig(loadConfig(riderAssignmentEnvSchema, {})),
    publishes: [Exchanges.orderStatus],
    events: [RiderAssignedV1, RiderDeliveredV1, RiderReleasedV1],
  },
  'merchant-notify': {
    module: () => MerchantNotifyApp.forConfig(loadConfig(merchantNotifyEnvSchema, {})),
    publishes: [Exchanges.orderStatus],
    events: [MerchantNotifiedV1],
  },
  ledger: {
    module: () => LedgerApp.forConfig(loadConfig(ledgerEnvSchema, {})),
    publishes: [Exchanges.orderStatus],
    events: [LedgerRecordedV1, LedgerReversedV1],
  },
  'customer-notify': {
    module: () => CustomerNotifyApp.forConfig(loadConfig(customerNotifyEnvSchema, {})),
    publishes: [Exchanges.orderStatus],
    events: [CustomerNotifiedV1],
  },
};
