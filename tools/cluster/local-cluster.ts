import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrivateRabbitMQCluster } from '@dinner-rush/testing';

/**
 * `npm run cluster:local -- start|status|stop`: three RabbitMQ nodes on this
 * machine, clustered, for `RABBITMQ_URL=<the three URLs> npm start`. The same
 * code the fault suite runs its cluster cases on (PrivateRabbitMQCluster),
 * on fixed ports beside the machine's own broker: AMQP on 5681-5683 and the
 * management API on 15681-15683 (CLUSTER_BASE_PORT=5680 is the default base),
 * data and logs in CLUSTER_DIR (default: <tmp>/dinner-rush-cluster). `stop`
 * stops the nodes and deletes their data: the next `start` is a fresh cluster.
 */
const DIR = process.env.CLUSTER_DIR ?? join(tmpdir(), 'dinner-rush-cluster');
const BASE_PORT = Number(process.env.CLUSTER_BASE_PORT ?? 5680);
const NODES = 3;

async function start(): Promise<number> {
  if (PrivateRabbitMQCluster.attach(DIR)) {
    console.error(`a cluster is already running from ${DIR}: npm run cluster:local -- stop`);
    return 1;
  }
  console.log(`starting ${NODES} RabbitMQ nodes in ${DIR} (about 30 s)…`);
  const cluster = await PrivateRabbitMQCluster.start('local', NODES, {
    basePort: BASE_PORT,
    dir: DIR,
    management: true,
  });
  printUse(cluster);
  return 0;
}

async function status(): Promise<number> {
  const cluster = PrivateRabbitMQCluster.attach(DIR);
  if (!cluster) {
    console.log(`no cluster started from ${DIR}`);
    return 1;
  }
  const [first] = cluster.nodes;
  console.log(await first!.ctl('cluster_status'));
  printUse(cluster);
  return 0;
}

async function stop(): Promise<number> {
  const cluster = PrivateRabbitMQCluster.attach(DIR);
  if (cluster) await cluster.destroy();
  rmSync(DIR, { recursive: true, force: true });
  console.log(cluster ? 'cluster stopped, its data deleted' : `no cluster started from ${DIR}`);
  return 0;
}

function printUse(cluster: PrivateRabbitMQCluster): void {
  const [first] = cluster.nodes;
  console.log(
    [
      '',
      'Run the pipeline on it:',
      `  RABBITMQ_URL=${cluster.url} \\`,
      '  RABBITMQ_QUORUM_INITIAL_GROUP_SIZE=3 \\',
      `  RABBITMQ_MANAGEMENT_URL=http://127.0.0.1:${first!.managementPort} npm start`,
      'Which node leads which queue:',
      `  npm run cluster:local -- leaders`,
      '',
    ].join('\n'),
  );
}

async function leaders(): Promise<number> {
  const cluster = PrivateRabbitMQCluster.attach(DIR);
  if (!cluster) return status();
  for (const [queue, leader] of await cluster.leaders()) console.log(`${queue}\t${leader}`);
  return 0;
}

const commands: Record<string, () => Promise<number>> = { start, status, stop, leaders };
const command = commands[process.argv[2] ?? ''];
if (!command) {
  console.error('usage: npm run cluster:local -- start|status|leaders|stop');
  process.exit(2);
}
command().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
