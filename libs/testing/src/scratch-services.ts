import { SERVICE_SCHEMAS, type ServiceName } from '@dinner-rush/database';
import { freePort, ServiceProcess } from './service-process';
import { createTestDatabase, type TestDatabase } from './test-database';
import { createTestVhost, type TestVhost } from './test-vhost';
import { startTestIssuer, type TestIssuer } from './test-issuer';

type Env = Record<string, string>;

export interface ScratchServicesOptions<Name extends ServiceName> {
  /** The services to start now; every service of the repository by default. */
  services?: readonly Name[];
  /** Settings for one service, on top of the shared ones. */
  env?: Partial<Record<ServiceName, Env>>;
  /** Settings for every service, on top of the defaults (schema, vhost, quiet logs, 500 ms outbox poll). */
  common?: Env;
  /** Boot one after another: parallel boots (migrations, seeding) starve a busy 2-core machine. */
  oneAtATime?: boolean;
}

/** Built services as OS processes on one scratch database and vhost, which a caller may extend. */
export interface ScratchServices<Name extends ServiceName = ServiceName> {
  db: TestDatabase;
  vhost: TestVhost;
  /** The OpenID provider every service of this run trusts: `issuer.token(role, sub?)`. */
  issuer: TestIssuer;
  services: Record<Name, ServiceProcess> & Partial<Record<ServiceName, ServiceProcess>>;
  /** The settings a service of this run gets for a schema: a consumer built elsewhere can join. */
  envFor(schema: string): Env;
  /** Starts one more service of this repository (from dist/) beside the others. */
  start(name: ServiceName, env?: Env): Promise<ServiceProcess>;
  /** The base URL of a started service. */
  url(name: ServiceName): string;
  /** Stops every service, then drops the vhost and the database. */
  stop(): Promise<void>;
}

/**
 * Starts services as processes from dist/, each on a free port with a schema
 * of its own in one scratch database and one scratch vhost, so nothing touches
 * `npm start`'s. Each applies its migrations and seeds its demo data at boot,
 * exactly as in `npm start`.
 */
export async function startScratchServices<Name extends ServiceName = ServiceName>(
  label: string,
  options: ScratchServicesOptions<Name> = {},
): Promise<ScratchServices<Name>> {
  const names = options.services ?? (Object.keys(SERVICE_SCHEMAS) as Name[]);
  const services: Partial<Record<ServiceName, ServiceProcess>> = {};
  const db = await createTestDatabase(label);
  let vhost: TestVhost | undefined;
  let issuer: TestIssuer | undefined;
  const stop = async () => {
    await Promise.all(Object.values(services).map((s) => s.stop('SIGTERM')));
    await issuer?.close();
    await vhost?.delete();
    await db.drop();
  };
  try {
    vhost = await createTestVhost(label);
    issuer = await startTestIssuer();
    const rabbitmqUrl = vhost.url;
    const issuerUrl = issuer.url;
    const envFor = (schema: string): Env => ({
      DATABASE_URL: db.urlFor(schema),
      RABBITMQ_URL: rabbitmqUrl,
      LOG_LEVEL: 'warn',
      // Tests and benches wait for events: rows another process wrote (a killed service's)
      // must not wait the default second for the poll.
      OUTBOX_POLL_MS: '500',
      OIDC_ISSUER: issuerUrl,
      ...options.common,
    });
    const start = async (name: ServiceName, extra: Env = {}) => {
      const env = { ...envFor(SERVICE_SCHEMAS[name]), ...options.env?.[name], ...extra };
      const service = new ServiceProcess(name, await freePort(), env, `${label}-${name}`);
      services[name] = service;
      await service.start();
      return service;
    };
    if (options.oneAtATime) for (const name of names) await start(name);
    else await Promise.all(names.map((name) => start(name)));
    const url = (name: ServiceName) => {
      const service = services[name];
      if (!service) throw new Error(`${name} was not started`);
      return service.baseUrl;
    };
    return {
      db,
      vhost,
      issuer,
      services: services as ScratchServices<Name>['services'],
      envFor,
      start,
      url,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
