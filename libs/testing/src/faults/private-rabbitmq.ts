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
export class PrivateRabbitMQ {
  private constructor(
    readonly dir: string,
    readonly nodeName: string,
    readonly amqpPort: number,
    readonly managementPort: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async start(label = 'faults'): Promise<PrivateRabbitMQ> {
    const dir = mkdtempSync(join(tmpdir(), `dr-${label}-rabbit-`));
    const [amqpPort, managementPort, distPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const nodeName = `dr-${label}-${amqpPort}@localhost`;
    for (const sub of ['home', 'mnesia', 'log']) mkdirSync(join(dir, sub));
    writeFileSync(
      join(dir, 'rabbitmq.conf'),
      [
        `listeners.tcp.1 = 127.0.0.1:${amqpPort}`,
        `management.tcp.ip = 127.0.0.1`,
        `management.tcp.port = ${managementPort}`,
        // guest may connect over loopback only by default; this node never leaves loopback anyway.
        'loopback_users = none',
        'collect_statistics_interval = 1000',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'enabled_plugins'), '[rabbitmq_management].\n');
    writeFileSync(join(dir, 'rabbitmq-env.conf'), ''); // keeps the machine's NODENAME out
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: join(dir, 'home'), // the node and its CLI share the cookie created here
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
