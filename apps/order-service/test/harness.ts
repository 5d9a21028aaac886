import type { Role } from '@dinner-rush/auth';
import { BrokerProbe, startAppUnderTest, type AppUnderTest } from '@dinner-rush/testing';
import type { Response } from 'supertest';
import { AppModule } from '../src/app.module';
import { orderServiceEnvSchema } from '../src/config';

/**
 * One order-service on its own database and vhost, driven like production:
 * HTTP through supertest, events through a real broker, state read with SQL.
 */
export class OrderServiceHarness {
  private constructor(
    private readonly service: AppUnderTest,
    readonly broker: BrokerProbe,
  ) {}

  static async start(
    env: Record<string, string> = {},
    routeDatabase?: (databaseUrl: string) => string,
  ): Promise<OrderServiceHarness> {
    const service = await startAppUnderTest({
      service: 'order-service',
      schema: 'orders',
      envSchema: orderServiceEnvSchema,
      module: (config) => AppModule.forConfig(config),
      env,
      routeDatabase,
    });
    return new OrderServiceHarness(service, await BrokerProbe.open(service.brokerUrl));
  }

  get sql() {
    return this.service.sql;
  }

  /** The AMQP URL of the service's vhost (for a consumer started beside it). */
  get brokerUrl() {
    return this.service.brokerUrl;
  }

  /** A client calling as an operator. */
  http() {
    return this.service.http();
  }

  /** A client calling as `role`, with `sub` (a customer's id) when given. */
  as(role: Role, sub?: string) {
    return this.service.as(role, sub);
  }

  /** POST /orders as the body's customer: the one caller order-service takes that body from. */
  async placeOrder(
    body: { customerId: string } & Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const customer = await this.service.as('customer', body.customerId);
    return customer.post('/orders').set(headers).send(body);
  }

  async count(
    table:
      | 'orders'
      | 'order_lines'
      | 'outbox'
      | 'outbox_archive'
      | 'idempotency_keys'
      | 'order_timeline',
  ) {
    const { rows } = await this.sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    return Number(rows[0]?.n);
  }

  async close(): Promise<void> {
    await this.broker.close();
    await this.service.close();
  }
}
