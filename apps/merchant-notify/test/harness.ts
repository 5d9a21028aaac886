import type { INestApplication } from '@nestjs/common';
import type { Pool } from 'pg';
import { Queues } from '@dinner-rush/contracts';
import type { Role } from '@dinner-rush/auth';
import { BrokerProbe, startAppUnderTest } from '@dinner-rush/testing';
import type request from 'supertest';
import { AppModule } from '../src/app.module';
import { merchantNotifyEnvSchema } from '../src/config';

/** merchant-notify running in-process on its own database and vhost, plus a test-side broker client. */
export interface MerchantNotifyHarness {
  app: INestApplication;
  /** A client calling as an operator. */
  http: () => ReturnType<typeof request>;
  /** A client calling as `role` (a merchant's id as `sub`: the merchant itself). */
  as: (role: Role, sub?: string) => Promise<ReturnType<typeof request>>;
  broker: BrokerProbe;
  /** The service's schema, for arranging and asserting on rows. */
  sql: Pool;
  close(): Promise<void>;
}

export async function startMerchantNotify(
  env: Record<string, string> = {},
): Promise<MerchantNotifyHarness> {
  const service = await startAppUnderTest({
    service: 'merchant-notify',
    schema: 'merchant_notify',
    envSchema: merchantNotifyEnvSchema,
    module: (config) => AppModule.forConfig(config),
    env,
  });
  const broker = await BrokerProbe.open(service.brokerUrl);
  // Publishing before the service consumes its queue would drop the message unrouted.
  await broker.untilConsuming(Queues.merchantNotify.queue);
  return {
    app: service.app,
    http: () => service.http(),
    as: (role, sub) => service.as(role, sub),
    broker,
    get sql() {
      return service.sql;
    },
    async close() {
      await broker.close();
      await service.close();
    },
  };
}
