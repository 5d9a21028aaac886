import type { INestApplication } from '@nestjs/common';
import { Queues } from '@dinner-rush/contracts';
import { BrokerProbe, startAppUnderTest, type AppUnderTest } from '@dinner-rush/testing';
import type request from 'supertest';
import { AppModule } from '../src/app.module';
import { __nameCamel__EnvSchema } from '../src/config';

/** __name__ running in-process on its own database and vhost, plus a test-side broker client. */
export interface __Name__Harness {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  broker: BrokerProbe;
  sql: AppUnderTest['sql'];
  close(): Promise<void>;
}

export async function start__Name__(env: Record<string, string> = {}): Promise<__Name__Harness> {
  const service = await startAppUnderTest({
    service: '__name__',
    schema: '__schema__',
    envSchema: __nameCamel__EnvSchema,
    module: (config) => AppModule.forConfig(config),
    env,
  });
  const broker = await BrokerProbe.open(service.brokerUrl);
  // Publishing before the service consumes its queue would drop the message unrouted.
  await broker.untilConsuming(Queues.__nameCamel__.queue);
  return {
    app: service.app,
    http: () => service.http(),
    broker,
    sql: service.sql,
    async close() {
      await broker.close();
      await service.close();
    },
  };
}
