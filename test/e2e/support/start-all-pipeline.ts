import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withDatabaseName } from '@dinner-rush/database';
import {
  ARTIFACTS_DIR,
  createTestDatabase,
  createTestVhost,
  freePort,
  issuerTokens,
  readInfraFromEnv,
  REPO_ROOT,
  waitFor,
  type IssueToken,
  type TestDatabase,
  type TestVhost,
} from '@dinner-rush/testing';
import {
  PIPELINE_APPS,
  portVariable,
  type PipelineAppName,
} from '../../../tools/supervisor/pipeline-apps';

/** `npm start` as a user runs it (dist/tools/start-all.js), on free ports, a scratch database and a scratch vhost. */
export interface StartAllPipeline {
  db: TestDatabase;
  vhost: TestVhost;
  startAllPid: number;
  logFile: string;
  url(app: PipelineAppName): string;
  /** A token from this run's dev issuer (the one every app of it trusts). */
  issueToken: IssueToken;
  /** The pid of the app's node process now (it changes when start-all restarts it). */
  pidOf(app: PipelineAppName): number | undefined;
  /** start-all's output so far. */
  log(): string;
  /** SIGINT to start-all (as Ctrl-C); its exit code once it is gone; then drops the vhost and database. */
  stop(): Promise<number | string | null>;
}

const BOOT_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 60_000;

/**
 * Runs start-all exactly as `npm start` does after its build (preflight,
 * supervisor, consumers under nice, each service migrating its own schema),
 * with only what isolation needs changed: every app on a free port
 * (PORT_<APP>), DATABASE_URL and RABBITMQ_URL on a scratch database and
 * vhost, and small database pools, since other test files run whole
 * pipelines against the same PostgreSQL at the same time. So it runs beside
 * a developer's `npm start` and beside other suites.
 */
export async function startAllPipeline(
  label: string,
  env: Record<string, string> = {},
): Promise<StartAllPipeline> {
  const ports = {} as Record<PipelineAppName, number>;
  for (const { name } of PIPELINE_APPS) ports[name] = await freePort();
  const db = await createTestDatabase(label);
  let vhost: TestVhost | undefined;
  let child: ChildProcess | undefined;
  let exited: Promise<number | string | null> | undefined;
  let stopped: Promise<number | string | null> | undefined;
  const stop = () => (stopped ??= stopOnce());
  const stopOnce = async () => {
    let code: number | string | null = null;
    if (child && child.exitCode === null && child.signalCode === null) {
      const tree = childPids(child.pid ?? -1).map((pid) => ({ pid, command: commandLine(pid) }));
      child.kill('SIGINT');
      const outcome = await Promise.race([
        exited,
        sleep(STOP_TIMEOUT_MS).then(() => 'timed out' as const),
      ]);
      if (outcome === 'timed out') {
        // Only what this run started, by pid: a hung service must not keep the database busy.
        signal(child.pid ?? -1, 'SIGKILL');
        for (const { pid, command } of tree)
          if (commandLine(pid) === command) signal(pid, 'SIGKILL');
        code = outcome;
      } else code = outcome ?? null;
    } else if (child) code = child.exitCode ?? child.signalCode;
    await vhost?.delete();
    await db.drop();
    return code;
  };
  try {
    vhost = await createTestVhost(label);
    const management = new URL(readInfraFromEnv().rabbitmqManagementUrl);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const logFile = join(ARTIFACTS_DIR, `${label}-start-all.log`);
    // A file, not a pipe: start-all writes its log as to a terminal, never waiting on this process.
    const log = openSync(logFile, 'w');
    child = spawn(process.execPath, ['dist/tools/start-all.js'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: withDatabaseName(readInfraFromEnv().postgresAdminUrl, db.name),
        DATABASE_POOL_SIZE: '6',
        RABBITMQ_URL: vhost.url,
        RABBITMQ_VHOST: vhost.name,
        RABBITMQ_MANAGEMENT_URL: `${management.protocol}//${management.host}`,
        RABBITMQ_MANAGEMENT_USER: decodeURIComponent(management.username || 'guest'),
        RABBITMQ_MANAGEMENT_PASSWORD: decodeURIComponent(management.password || 'guest'),
        ...Object.fromEntries(
          PIPELINE_APPS.map(({ name }) => [portVariable(name), String(ports[name])]),
        ),
        ...env,
      },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const started = child;
    exited = new Promise((resolve) =>
      started.once('exit', (code, signalName) => resolve(code ?? signalName)),
    );
    const startAllPid = started.pid;
    if (startAllPid === undefined) throw new Error('start-all did not start');
    const url = (app: PipelineAppName) => `http://127.0.0.1:${ports[app]}`;
    await waitFor(
      async () => {
        if (started.exitCode !== null) {
          throw new Error(`start-all exited (${started.exitCode}) while booting; see ${logFile}`);
        }
        const answers = await Promise.all(
          PIPELINE_APPS.map(({ name }) =>
            fetch(`${url(name)}/health`, { signal: AbortSignal.timeout(5_000) }).then(
              (r) => r.status,
              () => 0,
            ),
          ),
        );
        return answers.every((status) => status === 200) ? true : undefined;
      },
      {
        timeoutMs: BOOT_TIMEOUT_MS,
        intervalMs: 500,
        what: `every app's /health (log: ${logFile})`,
      },
    );
    return {
      db,
      vhost,
      startAllPid,
      logFile,
      url,
      // start-all points every app at its dev issuer unless OIDC_ISSUER names another.
      issueToken: issuerTokens(env.OIDC_ISSUER || process.env.OIDC_ISSUER || url('dev-issuer')),
      pidOf: (app) =>
        childPids(startAllPid).find((pid) =>
          commandLine(pid).includes(`dist/apps/${app}/src/main.js`),
        ),
      log: () => readFileSync(logFile, 'utf8'),
      stop,
    };
  } catch (error) {
    await stop().catch((cleanUpError: unknown) => console.error(cleanUpError));
    throw error;
  }
}

/** A process's direct children (Linux /proc). */
function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
