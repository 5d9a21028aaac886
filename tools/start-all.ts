import concurrently from 'concurrently';

/**
 * `npm start`: all four services in the foreground against the local
 * PostgreSQL and RabbitMQ, logs prefixed by service. Each applies its own
 * migrations and seeds its demo data at boot. Ctrl-C (SIGINT) reaches every
 * service, which drains in-flight messages and closes its connections.
 */
const services = [
  { name: 'order-service', prefixColor: 'cyan' },
  { name: 'rider-assignment', prefixColor: 'green' },
  { name: 'merchant-notify', prefixColor: 'magenta' },
  { name: 'ledger', prefixColor: 'yellow' },
];

// Human-readable logs in the terminal unless asked otherwise (LOG_FORMAT=json).
process.env.LOG_FORMAT ??= 'pretty';

const { result } = concurrently(
  services.map(({ name, prefixColor }) => ({
    name,
    prefixColor,
    command: `node dist/apps/${name}/src/main.js`,
  })),
  { prefix: 'name', killOthersOn: ['failure'], handleInput: false },
);

result.then(
  () => process.exit(0),
  () => process.exit(1),
);
