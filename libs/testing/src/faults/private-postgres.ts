import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../service-process';
import { runCommand, runningAsRoot } from './run-command';

const PG_BIN = process.env.TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** How pg_ctl stops the cluster: `fast` rolls back sessions cleanly, `immediate` is a crash. */
export type PostgresStopMode = 'fast' | 'immediate';

/**
 * A PostgreSQL cluster of the suite's own (initdb into a temp dir, its own
 * port and socket dir), so the fault suite may stop and crash it while the
 * shared server keeps serving everyone else. PostgreSQL refuses to run as
 * root, so as root the cluster belongs to the `postgres` user.
 */
export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(label = 'faults'): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), `dr-${label}-pg-`));
    if (runningAsRoot()) {
      const { uid, gid } = postgresIds();
      chownSync(dir, uid, gid);
    }
    const cluster = new PrivatePostgres(dir, await freePort());
    try {
      await cluster.asOwner(join(PG_BIN, 'initdb'), [
        '-A',
        'trust',
        '-U',
        'root',
        '-D',
        cluster.dataDir,
      ]);
      await cluster.boot();
      return cluster;
    } catch (error) {
      await cluster.destroy();
      throw error;
    }
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** The superuser URL (`root`, trust) on the cluster's `postgres` database. */
  get adminUrl(): string {
    return `postgresql://root@127.0.0.1:${this.port}/postgres`;
  }

  /** A plain connection URL for `database` (for the suite's own reads). */
  databaseUrl(database: string): string {
    return `postgresql://root@127.0.0.1:${this.port}/${database}`;
  }

  /** DATABASE_URL for a service schema in `database` (created by the service itself at boot). */
  urlFor(database: string, schema: string): string {
    return `postgresql://root@127.0.0.1:${this.port}/${database}?schema=${schema}`;
  }

  async boot(): Promise<void> {
    // fsync off: a scratch cluster; `immediate` stops still exercise crash recovery from the WAL.
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    await this.asOwner(join(PG_BIN, 'pg_ctl'), [
      '-D',
      this.dataDir,
      '-l',
      join(this.dir, 'postgres.log'),
      '-o',
      options,
      '-w',
      'start',
    ]);
  }

  async stop(mode: PostgresStopMode = 'fast'): Promise<void> {
    await this.asOwner(join(PG_BIN, 'pg_ctl'), ['-D', this.dataDir, '-m', mode, '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    if (existsSync(join(this.dataDir, 'postmaster.pid')))
      await this.stop('immediate').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private asOwner(command: string, args: string[]): Promise<string> {
    if (!runningAsRoot() || userInfo().username === 'postgres') return runCommand(command, args);
    const quoted = [command, ...args].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
    return runCommand('su', ['postgres', '-s', '/bin/sh', '-c', quoted]);
  }
}

/** The `postgres` user's uid and gid (as root, the cluster's directory is handed to it). */
function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}
