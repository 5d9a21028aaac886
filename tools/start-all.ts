import concurrently from 'concurrently';

/**
 * `npm start`: all five services and the dashboard in the foreground against the local
 * PostgreSQL and RabbitMQ, logs prefixed by service. Each applies its own
 * migrations and seeds its demo data at boot. Ctrl-C (SIGINT) reaches every
 * service, which drains in-flight messages and closes its connections.
 */
const services = [
  { name: 'order-service', prefixColor: 'cyan', consumer: false },
  { name: 'rider-assignment', prefixColor: 'green', consumer: true },
  { name: 'merchant-notify', prefixColor: 'magenta', consumer: true },
  { name: 'ledger', prefixColor: 'yellow', consumer: true },
  { name: 'customer-notify', prefixColor: 'cyanBright', consumer: true },
  // The live dashboard on :3100 (reads the services' HTTP APIs and RabbitMQ's management API).
  { name: 'dashboard', prefixColor: 'whiteBright', consumer: false },
];

/**
 * Everything shares one machine here, so a spike's backlog would take the CPU
 * that intake needs: consumers run at a lower scheduling priority (nice), the
 * way a deployment gives intake its own CPU. Their queues absorb the burst and
 * intake latency stays flat. CONSUMER_NICE=0 turns it off.
 */
const consumerNice = Number(process.env.CONSUMER_NICE ?? 10);
const nice = (consumer: boolean): string =>
  consumer && consumerNice > 0 && process.platform === 'linux' ? `nice -n ${consumerNice} ` : '';

// Human-readable logs in the terminal unless asked otherwise (LOG_FORMAT=json).
process.env.LOG_FORMAT ??= 'pretty';

const { result } = concurrently(
  services.map(({ name, prefixColor, consumer }) => ({
    name,
    prefixColor,
    command: `${nice(consumer)}node dist/apps/${name}/src/main.js`,
  })),
  { prefix: 'name', killOthersOn: ['failure'], handleInput: false },
);

result.then(
  () => process.exit(0),
  () => process.exit(1),
);
