import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from './test-database';
import { waitFor } from './wait-for';

export const ARTIFACTS_DIR = join(REPO_ROOT, 'test-artifacts');

/** A free TCP port on loopback (so a suite never collides with a running `npm start`). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * One built service (dist/apps/<name>/src/main.js) running as its own OS
 * process, its output appended to test-artifacts/<label>.log.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<number | null>;
  private starts = 0;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly label = name,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    // A fresh log per run; restarts within the run append to it.
    const log = createWriteStream(join(ARTIFACTS_DIR, `${this.label}.log`), {
      flags: this.starts++ === 0 ? 'w' : 'a',
    });
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, 'dist/apps', this.name, 'src/main.js')],
      {
        cwd: REPO_ROOT,
        // Small pools: two test files may each run a whole pipeline against one PostgreSQL.
        env: { DATABASE_POOL_SIZE: '6', ...process.env, ...this.env, PORT: String(this.port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    await this.waitHealthy();
  }

  // Generous: a crash is seen at once (exitCode), and a start on a loaded two-core CI machine
  // (a whole pipeline per test file, two files at a time) has taken over a minute.
  async waitHealthy(timeoutMs = 120_000): Promise<void> {
    await waitFor(
      async () => {
        if (this.child?.exitCode !== null)
          throw new Error(`${this.name} exited with ${this.child?.exitCode}`);
        const response = await fetch(`${this.baseUrl}/health`).catch(() => undefined);
        return response?.ok ? true : undefined;
      },
      { timeoutMs, intervalMs: 200, what: `${this.name} /health` },
    );
  }

  /** Started and not exited (a fault case checks nothing crashed behind its back). */
  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends a signal without waiting (SIGSTOP / SIGCONT, or a kill timed against other work). */
  signal(signal: NodeJS.Signals): void {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null)
      this.child.kill(signal);
  }

  /** Sends a signal and waits for the process to be gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null)
      return this.child?.exitCode ?? null;
    this.child.kill(signal);
    return this.exited ?? null;
  }
}
