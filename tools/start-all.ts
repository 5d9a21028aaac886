import { baseEnvSchema } from '@dinner-rush/service-kit';
// eslint-disable-next-line no-restricted-imports -- the preflight asks the management API the dashboard will ask (a tool reading an app's settings, as broker-services does)
import { dashboardEnvSchema } from '../apps/dashboard/src/config';
import { preflight } from './preflight/preflight';
import { dashboardLink } from './supervisor/dashboard-link';
import { appEnv, PIPELINE_APPS, pipelinePorts, portVariable } from './supervisor/pipeline-apps';
import { supervise } from './supervisor/supervise';

/**
 * `npm start`: all five services and the dashboard in the foreground against
 * the local PostgreSQL and RabbitMQ, logs prefixed by service. First a
 * preflight says in one line each what is missing and how to fix it; then
 * each service applies its own migrations and seeds its demo data at boot. A
 * service that exits is restarted with backoff while the others keep running;
 * Ctrl-C (SIGINT) or SIGTERM reaches every service, which drains in-flight
 * messages and closes its connections, and nothing restarts after it.
 * PORT_<APP> (PORT_ORDER_SERVICE, …, PORT_DASHBOARD) moves an app off its default port.
 */

/**
 * Everything shares one machine here, so a spike's backlog would take the CPU
 * that intake needs: consumers run at a lower scheduling priority (nice), the
 * way a deployment gives intake its own CPU. Their queues absorb the burst and
 * intake latency stays flat. CONSUMER_NICE=0 turns it off.
 */
const consumerNice = Number(process.env.CONSUMER_NICE ?? 10);
const nice = (consumer: boolean): string =>
  consumer && consumerNice > 0 && process.platform === 'linux' ? `nice -n ${consumerNice} ` : '';
// The shell concurrently runs each command in execs it, so signals reach node and its pid is the one to watch.
const exec = process.platform === 'win32' ? '' : 'exec ';

async function main(): Promise<number> {
  const ports = pipelinePorts(process.env);
  // The same defaults the services and the dashboard will read.
  const infra = baseEnvSchema({ port: 0, schema: 'public' })
    .pick({ DATABASE_URL: true, RABBITMQ_URL: true })
    .parse(process.env);
  const management = dashboardEnvSchema
    .pick({
      RABBITMQ_MANAGEMENT_URL: true,
      RABBITMQ_MANAGEMENT_USER: true,
      RABBITMQ_MANAGEMENT_PASSWORD: true,
    })
    .parse(process.env);
  const checked = await preflight({
    databaseUrl: infra.DATABASE_URL,
    rabbitmqUrl: infra.RABBITMQ_URL,
    management: {
      url: management.RABBITMQ_MANAGEMENT_URL,
      user: management.RABBITMQ_MANAGEMENT_USER,
      password: management.RABBITMQ_MANAGEMENT_PASSWORD,
    },
    ports: PIPELINE_APPS.map(({ name }) => ({
      app: name,
      port: ports[name],
      variable: portVariable(name),
    })),
  });
  for (const line of checked.lines) console.log(`preflight ${line}`);
  if (checked.fatal) return 1;

  // Human-readable logs in the terminal unless asked otherwise (LOG_FORMAT=json).
  process.env.LOG_FORMAT ??= 'pretty';
  const running = supervise(
    PIPELINE_APPS.map(({ name, prefixColor, consumer }) => ({
      name,
      prefixColor,
      command: `${exec}${nice(consumer)}node dist/apps/${name}/src/main.js`,
      env: appEnv(name, ports),
    })),
  );
  // With the dev issuer (no OIDC_ISSUER of its own), hand the first visit an operator's token.
  if (!process.env.OIDC_ISSUER) {
    const stopped = new AbortController();
    void running.finally(() => stopped.abort());
    void dashboardLink(
      `http://localhost:${ports.dashboard}`,
      `http://127.0.0.1:${ports['dev-issuer']}`,
      stopped.signal,
    ).then((line) => {
      if (!stopped.signal.aborted) console.log(line);
    });
  }
  return running;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
