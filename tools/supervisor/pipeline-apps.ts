/**
 * What `npm start` runs: the dev issuer, the five services and the dashboard,
 * each a `dist/apps/<name>/src/main.js`. The dev issuer is first but nothing
 * waits for it: a service fetches the issuer's keys on its first request.
 * `devOnly`: not deployed (a cluster has a real OpenID provider).
 */
export const PIPELINE_APPS = [
  { name: 'dev-issuer', port: 3090, prefixColor: 'gray', consumer: false, devOnly: true },
  { name: 'order-service', port: 3000, prefixColor: 'cyan', consumer: false },
  { name: 'rider-assignment', port: 3001, prefixColor: 'green', consumer: true },
  { name: 'merchant-notify', port: 3002, prefixColor: 'magenta', consumer: true },
  { name: 'ledger', port: 3003, prefixColor: 'yellow', consumer: true },
  { name: 'customer-notify', port: 3004, prefixColor: 'cyanBright', consumer: true },
  // The live dashboard (reads the services' HTTP APIs and RabbitMQ).
  { name: 'dashboard', port: 3100, prefixColor: 'whiteBright', consumer: false },
] as const;

export type PipelineAppName = (typeof PIPELINE_APPS)[number]['name'];

/** `PORT_ORDER_SERVICE`, `PORT_DASHBOARD`, …: where start-all puts an app instead of its default port. */
export function portVariable(app: PipelineAppName): string {
  return `PORT_${app.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * Each app's port: its default (the PORT default in apps/<name>/src/config.ts)
 * unless `PORT_<APP>` says otherwise, so tests can run a whole `npm start` on
 * free ports beside a developer's. A bad value stops start-all before anything runs.
 */
export function pipelinePorts(env: NodeJS.ProcessEnv): Record<PipelineAppName, number> {
  const entries = PIPELINE_APPS.map(({ name, port }) => {
    const raw = env[portVariable(name)];
    if (raw === undefined || raw === '') return [name, port] as const;
    const parsed = Number(raw);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65_535) {
      throw new Error(`${portVariable(name)} must be a TCP port (1-65535), got "${raw}"`);
    }
    return [name, parsed] as const;
  });
  return Object.fromEntries(entries) as Record<PipelineAppName, number>;
}

/**
 * The settings start-all gives one app on top of its own environment: its port
 * (always set, so a PORT exported in the shell cannot put every app on one
 * port), the issuer the services check tokens against and, for the
 * dashboard, where the services it reads are.
 */
export function appEnv(
  app: PipelineAppName,
  ports: Record<PipelineAppName, number>,
): Record<string, string> {
  const env: Record<string, string> = { PORT: String(ports[app]) };
  // Every app trusts (and the dashboard asks) the dev issuer, unless the shell names another issuer.
  if (app !== 'dev-issuer' && !process.env.OIDC_ISSUER) {
    env.OIDC_ISSUER = `http://127.0.0.1:${ports['dev-issuer']}`;
  }
  if (app === 'dashboard') {
    const at = (name: PipelineAppName) => `http://127.0.0.1:${ports[name]}`;
    env.ORDER_SERVICE_URL = at('order-service');
    env.RIDER_ASSIGNMENT_URL = at('rider-assignment');
    env.MERCHANT_NOTIFY_URL = at('merchant-notify');
    env.LEDGER_URL = at('ledger');
    env.CUSTOMER_NOTIFY_URL = at('customer-notify');
  }
  return env;
}
