import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrivateRabbitMQ, type NodeDescription } from './private-rabbitmq';

export interface ClusterOptions {
  /**
   * Node i (from 1) listens for AMQP on basePort + i, its management API on
   * basePort + 10000 + i and Erlang distribution on basePort + 20000 + i.
   * Default: free ports.
   */
  basePort?: number;
  /** Where the cluster keeps its cookie, data and logs, and `cluster.json`; default: temp dirs. */
  dir?: string;
  /** The management plugin on every node (default off: the nodes start faster). */
  management?: boolean;
}

/** Written to `<dir>/cluster.json` so another process can find the nodes again. */
interface ClusterDescription {
  cookieHome: string;
  nodes: NodeDescription[];
}

/**
 * A cluster of the suite's own RabbitMQ nodes on this machine (docs/cluster.md):
 * each a PrivateRabbitMQ on its own ports and data, all sharing one Erlang
 * cookie, the second and later joined to the first. pause_minority: a node cut
 * off from the other two stops serving rather than diverge, and comes back by
 * itself once it sees them again.
 */
export class PrivateRabbitMQCluster {
  private constructor(
    private readonly cookieHome: string,
    readonly nodes: readonly PrivateRabbitMQ[],
  ) {}

  static async start(
    label: string,
    size = 3,
    { basePort, dir, management = false }: ClusterOptions = {},
  ): Promise<PrivateRabbitMQCluster> {
    const cookieHome = dir ? join(dir, 'home') : mkdtempSync(join(tmpdir(), `dr-${label}-cookie-`));
    mkdirSync(cookieHome, { recursive: true });
    writeFileSync(join(cookieHome, '.erlang.cookie'), randomBytes(20).toString('hex'), {
      mode: 0o400,
    });
    const started = await Promise.allSettled(
      Array.from({ length: size }, (_, i) =>
        PrivateRabbitMQ.start(`${label}${i + 1}`, {
          cookieHome,
          management,
          config: ['cluster_partition_handling = pause_minority'],
          ...(basePort && {
            ports: {
              amqp: basePort + i + 1,
              management: basePort + 10_000 + i + 1,
              dist: basePort + 20_000 + i + 1,
            },
          }),
          ...(dir && { dir: join(dir, `node${i + 1}`) }),
        }),
      ),
    );
    const nodes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const cluster = new PrivateRabbitMQCluster(cookieHome, nodes);
    try {
      const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw failed.reason;
      const [first, ...others] = nodes as [PrivateRabbitMQ, ...PrivateRabbitMQ[]];
      for (const node of others) {
        await node.stopApp();
        await node.ctl('join_cluster', first.nodeName);
        await node.startApp();
      }
      if (dir) cluster.save(dir);
      return cluster;
    } catch (error) {
      await cluster.destroy();
      throw error;
    }
  }

  /** The cluster start() left running in `dir`, from another process; undefined if none. */
  static attach(dir: string): PrivateRabbitMQCluster | undefined {
    const file = join(dir, 'cluster.json');
    if (!existsSync(file)) return undefined;
    const saved = JSON.parse(readFileSync(file, 'utf8')) as ClusterDescription;
    return new PrivateRabbitMQCluster(saved.cookieHome, saved.nodes.map(PrivateRabbitMQ.attach));
  }

  private save(dir: string): void {
    const description: ClusterDescription = {
      cookieHome: this.cookieHome,
      nodes: this.nodes.map((node) => node.describe()),
    };
    writeFileSync(join(dir, 'cluster.json'), `${JSON.stringify(description, null, 2)}\n`);
  }

  /** Every node's AMQP URL, comma-separated: what RABBITMQ_URL holds for a cluster. */
  get url(): string {
    return this.nodes.map((node) => node.url).join(',');
  }

  /** Each queue's leader node (rabbitmqctl list_queues name leader), asked of a running node. */
  async leaders(
    on: PrivateRabbitMQ = this.nodes[0] as PrivateRabbitMQ,
  ): Promise<Map<string, string>> {
    const out = await on.ctl('list_queues', '--quiet', '--no-table-headers', 'name', 'leader');
    const leaders = new Map<string, string>();
    for (const line of out.split('\n')) {
      const [queue, leader] = line.trim().split(/\s+/);
      if (queue && leader) leaders.set(queue, leader);
    }
    return leaders;
  }

  /** The node leading most of `queues` (the one whose loss forces the most elections). */
  async leaderOf(queues: readonly string[], askAt?: PrivateRabbitMQ): Promise<PrivateRabbitMQ> {
    const leaders = await this.leaders(askAt);
    const led = (node: PrivateRabbitMQ) =>
      queues.filter((queue) => leaders.get(queue) === node.nodeName).length;
    const [most] = [...this.nodes].sort((a, b) => led(b) - led(a));
    if (!most || led(most) === 0)
      throw new Error(`no node leads any of ${queues.join(', ')}:\n${[...leaders].join('\n')}`);
    return most;
  }

  /** Stops every node cleanly, then boots them all together (each waits for its peers). */
  async restart(): Promise<void> {
    for (const node of this.nodes) await node.stop();
    await Promise.all(this.nodes.map((node) => node.boot()));
  }

  /** Stops every node and deletes every directory the cluster made. */
  async destroy(): Promise<void> {
    await Promise.allSettled(this.nodes.map((node) => node.destroy()));
    rmSync(this.cookieHome, { recursive: true, force: true });
  }
}
