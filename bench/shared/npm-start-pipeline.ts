import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { withDatabaseName } from '@dinner-rush/database';
import {
  ARTIFACTS_DIR,
  createTestDatabase,
  createTestVhost,
  issuerTokens,
  readInfraFromEnv,
  REPO_ROOT,
  waitFor,
  type IssueToken,
  type TestDatabase,
  type TestVhost,
} from '@dinner-rush/testing';
import { portVariable } from '../../tools/supervisor/pipeline-apps';
import { assertNpmStartPortsFree, NPM_START_PORTS, type PipelineApp } from './npm-start-ports';
import { pipelineProcesses, type NamedProcesses } from './pipeline-processes';
import { readCmdline, readProcessTable } from './proc-stat';

/** The pipeline exactly as `npm start` runs it, on a scratch database and vhost. */
export interface NpmStartPipeline {
  db: TestDatabase;
  vhost: TestVhost;
  /** The database URL the services got (no `?schema=`: each uses its own schema). */
  databaseUrl: string;
  startAllPid: number;
  /** Where start-all's prefixed output goes. */
  logFile: string;
  url(app: PipelineApp): string;
  /** A token from the issuer the pipeline trusts (start-all's dev issuer unless OIDC_ISSUER names another). */
  issueToken: IssueToken;
  /** start-all's process tree as it is now, grouped by service. */
  processes(): NamedProcesses[];
  /** SIGINT to start-all (as Ctrl-C), waits for it to exit, then drops the vhost and database. */
  stop(): Promise<void>;
}

const BOOT_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 60_000;

/**
 * Runs `node dist/tools/start-all.js` (what `npm start` runs after building):
 * all five services and the dashboard, consumers under `nice -n 10`, logs
 * pretty-printed and prefixed, each service migrating its own schema at boot.
 * Only DATABASE_URL, RABBITMQ_URL (scratch database and vhost), the
 * dashboard's RABBITMQ_VHOST and the caller's `env` differ from a user's run.
 */
export async function startNpmStartPipeline(
  label: string,
  env: Record<string, string> = {},
): Promise<NpmStartPipeline> {
  assertNpmStartPortsFree();
  const db = await createTestDatabase(label);
  let vhost: TestVhost | undefined;
  let child: ChildProcess | undefined;
  let exited: Promise<void> | undefined;
  let pids: () => { pid: number; cmdline: string }[] = () => [];
  const cleanUp = async () => {
    let stuck: number[] = [];
    if (child && child.exitCode === null && child.signalCode === null) {
      const tree = pids();
      child.kill('SIGINT');
      await Promise.race([exited, sleep(STOP_TIMEOUT_MS)]);
      // Only processes this run started, by pid (and still running the same command, so a
      // reused pid is left alone): a hung service must not keep the database busy.
      stuck = tree
        .filter(({ pid, cmdline }) => readCmdline(pid) === cmdline && signal(pid, 'SIGKILL'))
        .map(({ pid }) => pid);
    }
    await vhost?.delete();
    await db.drop();
    if (stuck.length > 0) {
      throw new Error(
        `start-all's tree ignored SIGINT for ${STOP_TIMEOUT_MS} ms; killed ${stuck.join(', ')}`,
      );
    }
  };
  try {
    vhost = await createTestVhost(label);
    const databaseUrl = withDatabaseName(readInfraFromEnv().postgresAdminUrl, db.name);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const logFile = join(ARTIFACTS_DIR, `${label}-npm-start.log`);
    // A file, not a pipe: writing the log costs start-all, as a terminal would, never this process.
    const log = openSync(logFile, 'w');
    child = spawn(process.execPath, ['dist/tools/start-all.js'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        RABBITMQ_URL: vhost.url,
        RABBITMQ_VHOST: vhost.name,
        // npm start's own ports, whatever PORT_<APP> the caller's shell exports.
        ...Object.fromEntries(
          (Object.keys(NPM_START_PORTS) as PipelineApp[]).map((app) => [
            portVariable(app),
            String(NPM_START_PORTS[app]),
          ]),
        ),
        ...env,
      },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const started = child;
    const exit = new Promise<void>((resolve) => started.once('exit', () => resolve()));
    exited = exit;
    const startAllPid = started.pid;
    if (startAllPid === undefined) throw new Error('start-all did not start');
    pids = () =>
      pipelineProcesses(startAllPid, readProcessTable()).flatMap((group) =>
        group.pids.map((pid) => ({ pid, cmdline: readCmdline(pid) })),
      );
    const url = (app: PipelineApp) => `http://127.0.0.1:${NPM_START_PORTS[app]}`;
    // waitFor retries through errors, so a start-all that dies while booting must end the wait itself.
    let booted = false;
    const diedBooting = exit.then(() => {
      if (!booted) {
        const how = started.exitCode ?? started.signalCode;
        throw new Error(
          `start-all exited (${how}) before every service was healthy; see ${logFile}`,
        );
      }
    });
    diedBooting.catch(() => undefined); // raced below; once booted, an exit is stop()'s business
    await Promise.race([
      waitFor(
        async () => {
          const answers = await Promise.all(
            (Object.keys(NPM_START_PORTS) as PipelineApp[]).map((app) =>
              fetch(`${url(app)}/health`, { signal: AbortSignal.timeout(5_000) }).then(
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
          what: `every service's /health (log: ${logFile})`,
        },
      ),
      diedBooting,
    ]);
    booted = true;
    return {
      db,
      vhost,
      databaseUrl,
      startAllPid,
      logFile,
      url,
      issueToken: issuerTokens(env.OIDC_ISSUER || process.env.OIDC_ISSUER || url('dev-issuer')),
      processes: () => pipelineProcesses(startAllPid, readProcessTable()),
      stop: cleanUp,
    };
  } catch (error) {
    await cleanUp().catch((cleanUpError: unknown) => console.error(cleanUpError));
    throw error;
  }
}

/** Sends a signal; false when the process is already gone. */
function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
