import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { summarise, type LatencySummary } from '@dinner-rush/pipeline-stats';

const run = promisify(execFile);

export interface PgbenchTarget {
  /** libpq connection URL of the database (no schema parameter: see `schema`). */
  url: string;
  /** The order service's schema, put first on the search_path. */
  schema: string;
}

/** How long pgbench runs: for a time, or for a number of transactions per client. */
export type PgbenchLimit = { durationS: number } | { transactionsPerClient: number };

export interface PgbenchResult {
  clients: number;
  transactionsPerS: number;
  latencyMs: LatencySummary;
  transactions: number;
}

/**
 * The physical limit of intake on this machine: PostgreSQL committing the same
 * two INSERTs as POST /orders (the order row and its outbox row) in one
 * transaction, at the same concurrency, with no HTTP, validation or client
 * library in the way.
 * Per-transaction latencies come from pgbench's own log (-l).
 */
export async function runPgbench(
  target: PgbenchTarget,
  script: string,
  clients: number,
  limit: PgbenchLimit,
): Promise<PgbenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pgbench-'));
  try {
    const scriptPath = join(dir, 'order-outbox.sql');
    writeFileSync(scriptPath, script);
    const url = new URL(target.url);
    const { stdout } = await run(
      'pgbench',
      [
        '-n', // no vacuum of pgbench's own tables (there are none here)
        '-f',
        scriptPath,
        '-c',
        String(clients),
        '-j',
        String(Math.min(clients, 2)),
        ...('durationS' in limit
          ? ['-T', String(limit.durationS)]
          : ['-t', String(limit.transactionsPerClient)]),
        '-l',
        `--log-prefix=${join(dir, 'tx')}`,
        '-h',
        url.hostname,
        '-p',
        url.port || '5432',
        '-U',
        decodeURIComponent(url.username || 'root'),
        url.pathname.slice(1),
      ],
      {
        env: {
          ...process.env,
          PGOPTIONS: `-c search_path=${target.schema}`,
          PGPASSWORD: url.password,
        },
        maxBuffer: 16 * 2 ** 20,
      },
    );
    const tps = /tps = ([\d.]+)/.exec(stdout)?.[1];
    if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
    const latencies = readTransactionLog(dir);
    return {
      clients,
      transactionsPerS: Math.round(Number(tps)),
      latencyMs: summarise(latencies),
      transactions: latencies.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lines of pgbench -l: client_id transaction_no latency_us script_no epoch_s epoch_us. */
function readTransactionLog(dir: string): number[] {
  const latencies: number[] = [];
  for (const file of readdirSync(dir).filter((name) => name.startsWith('tx.'))) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const micros = Number(line.split(' ')[2]);
      if (line && Number.isFinite(micros)) latencies.push(micros / 1_000);
    }
  }
  return latencies;
}
