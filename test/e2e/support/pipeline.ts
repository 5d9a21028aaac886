import {
  createTestDatabase,
  createTestVhost,
  freePort,
  ServiceProcess,
  type TestDatabase,
  type TestVhost,
} from '@dinner-rush/testing';

import { SERVICE_SCHEMAS, type ServiceName } from '../../../tools/services';

export interface Pipeline {
  services: Record<ServiceName, ServiceProcess>;
  stop(): Promise<void>;
}

/**
 * The four services as separate OS processes from dist/, sharing one scratch
 * database (a schema each) and one scratch vhost. Each applies its own
 * migrations and seeds its demo data at boot, exactly as in `npm start`.
 */
export async function startPipeline(
  label: string,
  env: Partial<Record<ServiceName, Record<string, string>>> = {},
): Promise<Pipeline> {
  let db: TestDatabase | undefined;
  let vhost: TestVhost | undefined;
  const services = {} as Record<ServiceName, ServiceProcess>;
  const stop = async () => {
    await Promise.all(Object.values(services).map((s) => s.stop('SIGTERM')));
    await vhost?.delete();
    await db?.drop();
  };
  try {
    db = await createTestDatabase(label);
    vhost = await createTestVhost(label);
    for (const [name, schema] of Object.entries(SERVICE_SCHEMAS) as [ServiceName, string][]) {
      services[name] = new ServiceProcess(
        name,
        await freePort(),
        {
          DATABASE_URL: db.urlFor(schema),
          RABBITMQ_URL: vhost.url,
          LOG_LEVEL: 'warn',
          OUTBOX_POLL_MS: '500',
          ...env[name],
        },
        `${label}-${name}`,
      );
    }
    await Promise.all(Object.values(services).map((s) => s.start()));
    return { services, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
