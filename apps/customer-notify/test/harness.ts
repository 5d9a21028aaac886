import type { INestApplication } from '@nestjs/common';
import type { Role } from '@dinner-rush/auth';
import { Queues } from '@dinner-rush/contracts';
import { BrokerProbe, startAppUnderTest, type AppUnderTest } from '@dinner-rush/testing';
import type request from 'supertest';
import { AppModule } from '../src/app.module';
import { customerNotifyEnvSchema } from '../src/config';

/** customer-notify running in-process on its own database and vhost, plus a test-side broker client. */
export interface CustomerNotifyHarness {
  app: INestApplication;
  /** A client calling as an operator. */
  http: () => ReturnType<typeof request>;
  /** A client calling as `role` (a customer's id as `sub`: the customer). */
  as: (role: Role, sub?: string) => Promise<ReturnType<typeof request>>;
  broker: BrokerProbe;
  sql: AppUnderTest['sql'];
  close(): Promise<void>;
}

export async function startCustomerNotify(
  env: Record<string, string> = {},
): Promise<CustomerNotifyHarness> {
  const service = await startAppUnderTest({
    service: 'customer-notify',
    schema: 'customer_notify',
    envSchema: customerNotifyEnvSchema,
    module: (config) => AppModule.forConfig(config),
    env,
  });
  const broker = await BrokerProbe.open(service.brokerUrl);
  // Publishing before the service consumes its queue would drop the message unrouted.
  await broker.untilConsuming(Queues.customerNotify.queue);
  return {
    app: service.app,
    http: () => service.http(),
    as: (role, sub) => service.as(role, sub),
    broker,
    sql: service.sql,
    async close() {
      await broker.close();
      await service.close();
    },
  };
}
