import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../service-process';
import { waitFor } from '../wait-for';
import { runCommand, sleep } from './run-command';

const SBIN = '/usr/lib/rabbitmq/bin';
const binary = (name: string) => (existsSync(join(SBIN, name)) ? join(SBIN, name) : name);

/**
 * A RabbitMQ node of the suite's own: its own node name, ports, mnesia and
 * logs in a temp dir, and its own Erlang cookie (HOME), so the fault suite may
 * stop, kill and restart it while everyone else keeps using the shared broker.
 * Data survives a kill: a restart reuses the same mnesia directory.
 */
export interface PrivateRabbitMQOptions {
  /** HOME holding the Erlang cookie: nodes of one cluster share it (default: the node's own). */
  cookieHome?: string;
  /** More rabbitmq.conf lines (e.g. cluster_partition_handling). */
  config?: readonly string[];
  /** The management plugin (default on); a cluster's nodes go without it to start faster. */
  management?: boolean;
  /** Fixed ports (a cluster a user starts and connects to); default: free ones. */
  ports?: { amqp: number; management: number; dist: number };
  /** Where its data and logs live (created if missing); default: a new temp dir. */
  dir?: string;
}

/** What it takes to find a running node again from another process (cluster:local stop). */
export interface NodeDescription {
  dir: string;
  nodeName: string;
  amqpPort: number;
  managementPort: number;
  env: Record<string, string>;
}

export class PrivateRabbitMQ {
  private constructor(
    readonly dir: string,
    readonly nodeName: string,
    readonly amqpPort: number,
    readonly managementPort: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async start(
    label = 'faults',
    options: PrivateRabbitMQOptions = {},
  ): Promise<PrivateRabbitMQ> {
    const dir = options.dir ?? mkdtempSync(join(tmpdir(), `dr-${label}-rabbit-`));
    mkdirSync(dir, { recursive: true });
    const {
      amqp: amqpPort,
      management: managementPort,
      dist: distPort,
    } = options.ports ?? {
      amqp: await freePort(),
      management: await freePort(),
      dist: await freePort(),
    };
    const nodeName = `dr-${label}-${amqpPort}@localhost`;
    for (const sub of ['home', 'mnesia', 'log']) mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(
      join(dir, 'rabbitmq.conf'),
      [
        `listeners.tcp.1 = 127.0.0.1:${amqpPort}`,
        `management.tcp.ip = 127.0.0.1`,
        `management.tcp.port = ${managementPort}`,
        // guest may connect over loopback only by default; this node never leaves loopback anyway.
        'loopback_users = none',
        'collect_statistics_interval = 1000',
        ...(options.config ?? []),
        '',
      ].join('\n'),
    );
    const plugins = options.management === false ? '[]' : '[rabbitmq_management]';
    writeFileSync(join(dir, 'enabled_plugins'), `${plugins}.\n`);
    writeFileSync(join(dir, 'rabbitmq-env.conf'), ''); // keeps the machine's NODENAME out
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: options.cookieHome ?? join(dir, 'home'), // the node and its CLI share the cookie there
      RABBITMQ_CONF_ENV_FILE: join(dir, 'rabbitmq-env.conf'),
      RABBITMQ_NODENAME: nodeName,
      RABBITMQ_NODE_PORT: String(amqpPort),
      RABBITMQ_DIST_PORT: String(distPort),
      RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
      RABBITMQ_LOG_BASE: join(dir, 'log'),
      RABBITMQ_PID_FILE: join(dir, 'rabbitmq.pid'),
      RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
      RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq.conf'),
      RABBITMQ_ADVANCED_CONFIG_FILE: join(dir, 'advanced.config'),
      ERL_EPMD_ADDRESS: '127.0.0.1',
    };
    const node = new PrivateRabbitMQ(dir, nodeName, amqpPort, managementPort, env);
    try {
      await node.boot();
      return node;
    } catch (error) {
      await node.destroy();
      throw error;
    }
  }

  /** A node another process can stop (see attach). */
  describe(): NodeDescription {
    const env = Object.fromEntries(
      Object.entries(this.env).filter(
        (entry): entry is [string, string] =>
          (entry[0].startsWith('RABBITMQ_') || ['HOME', 'ERL_EPMD_ADDRESS'].includes(entry[0])) &&
          entry[1] !== undefined,
      ),
    );
    return {
      dir: this.dir,
      nodeName: this.nodeName,
      amqpPort: this.amqpPort,
      managementPort: this.managementPort,
      env,
    };
  }

  /** The node describe() described, started by another process. */
  static attach(node: NodeDescription): PrivateRabbitMQ {
    return new PrivateRabbitMQ(node.dir, node.nodeName, node.amqpPort, node.managementPort, {
      ...process.env,
      ...node.env,
    });
  }

  get url(): string {
    return `amqp://guest:guest@127.0.0.1:${this.amqpPort}`;
  }

  get managementUrl(): string {
    return `http://guest:guest@127.0.0.1:${this.managementPort}`;
  }

  /** rabbitmqctl against this node only. */
  ctl(...args: string[]): Promise<string> {
    return runCommand(binary('rabbitmqctl'), ['-n', this.nodeName, ...args], { env: this.env });
  }

  /** Stops the RabbitMQ application (connections are closed, the Erlang node stays up). */
  async stopApp(): Promise<void> {
    await this.ctl('stop_app');
  }

  async startApp(): Promise<void> {
    await this.ctl('start_app');
    await this.awaitStartup();
  }

  /** SIGKILL to the node's beam process: no clean shutdown, no flush beyond what was fsynced. */
  async kill(): Promise<void> {
    const pid = this.pid();
    if (pid === undefined) return;
    process.kill(pid, 'SIGKILL');
    await waitFor(() => (isAlive(pid) ? undefined : true), { what: `beam ${pid} gone` });
  }

  /** Stops the node cleanly (rabbitmqctl stop), keeping its data for boot(). */
  async stop(): Promise<void> {
    const pid = this.pid();
    await this.ctl('stop');
    if (pid !== undefined)
      await waitFor(() => (isAlive(pid) ? undefined : true), { what: `beam ${pid} gone` });
  }

  /**
   * SIGSTOP to the node's beam process: it answers nobody (clients, its
   * peers) until resume(), as if cut off by the network, without touching the
   * machine's network. See docs/cluster.md for why this stands in for a partition.
   */
  pause(): void {
    const pid = this.pid();
    if (pid !== undefined) process.kill(pid, 'SIGSTOP');
  }

  resume(): void {
    const pid = this.pid();
    if (pid !== undefined && isAlive(pid)) process.kill(pid, 'SIGCONT');
  }

  /** Starts the node again on the same data (after kill() or stop()). */
  async boot(): Promise<void> {
    await runCommand(binary('rabbitmq-server'), ['-detached'], { env: this.env });
    await this.awaitStartup();
  }

  private async awaitStartup(): Promise<void> {
    // await_startup fails at once until the node has registered with epmd: ask again until it answers.
    await waitFor(
      async () => {
        await this.ctl('await_startup', '--timeout', '60');
        return true;
      },
      { timeoutMs: 90_000, intervalMs: 500, what: `RabbitMQ node ${this.nodeName}` },
    );
  }

  private pid(): number | undefined {
    const file = this.env.RABBITMQ_PID_FILE as string;
    if (!existsSync(file)) return undefined;
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  }

  /** Stops the node (killing it if it will not stop) and deletes its directory. */
  async destroy(): Promise<void> {
    this.resume(); // a paused node would not stop
    await this.ctl('stop').catch(() => undefined);
    const pid = this.pid();
    if (pid !== undefined && isAlive(pid)) {
      process.kill(pid, 'SIGKILL');
      await sleep(200);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
