import { BrokerProbe, startAppUnderTest, type AppUnderTest } from '@dinner-rush/testing';
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

  http() {
    return this.service.http();
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
