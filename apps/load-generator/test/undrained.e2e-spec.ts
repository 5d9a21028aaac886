import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Queues } from '@dinner-rush/contracts';
import {
  ARTIFACTS_DIR,
  REPO_ROOT,
  bearerHeader,
  readInfraFromEnv,
  startScratchServices,
  type ScratchServices,
} from '@dinner-rush/testing';

/**
 * A load run whose queues cannot drain (the ledger's consumer paused through
 * its admin API) must say so and fail: never `verdict OK`, exit code 1, and
 * the report records that it had not drained by the drain timeout.
 */
jest.setTimeout(180_000);

const run = promisify(execFile);
const OUT = join(ARTIFACTS_DIR, 'load-undrained');
const DRAIN_TIMEOUT_S = 5;

describe('npm run load with a consumer that does not consume', () => {
  let pipeline: ScratchServices<
    'order-service' | 'rider-assignment' | 'merchant-notify' | 'ledger'
  >;
  let exitCode: number;
  let stdout: string;

  beforeAll(async () => {
    pipeline = await startScratchServices('undrained', {
      services: ['order-service', 'rider-assignment', 'merchant-notify', 'ledger'],
    });
    const { services } = pipeline;
    const paused = await fetch(
      `${services.ledger.baseUrl}/admin/consumers/${Queues.ledger.queue}/pause`,
      { method: 'POST', headers: bearerHeader(await pipeline.issuer.token('operator')) },
    );
    expect(paused.status).toBe(200);
    const args = [
      ...[join(REPO_ROOT, 'dist/tools/cli/main.js'), 'load'],
      ...['--profile', 'steady', '--rate', '5', '--duration', '2', '--sample-ms', '500'],
      ...['--drain-timeout', String(DRAIN_TIMEOUT_S), '--out', OUT, '--no-progress'],
      ...['--order-url', services['order-service'].baseUrl],
      ...['--rider-url', services['rider-assignment'].baseUrl],
      ...['--merchant-url', services['merchant-notify'].baseUrl],
      ...['--ledger-url', services.ledger.baseUrl],
      ...['--rabbitmq-management-url', readInfraFromEnv().rabbitmqManagementUrl],
      ...['--vhost', pipeline.vhost.name],
    ];
    ({ exitCode, stdout } = await run(process.execPath, args, {
      cwd: REPO_ROOT,
      // The issuer this pipeline's services trust, for the generator's tokens.
      env: { ...process.env, ...pipeline.issuer.env },
    }).then(
      (done) => ({ exitCode: 0, stdout: done.stdout }),
      (error: { code?: number; stdout?: string }) => ({
        exitCode: error.code ?? 1,
        stdout: error.stdout ?? '',
      }),
    ));
  });

  afterAll(async () => {
    await pipeline?.stop();
  });

  it('says the queues had not drained, never OK, and exits 1', () => {
    expect(stdout).toMatch(
      new RegExp(`^verdict\\s+FAILED: queues not drained within ${DRAIN_TIMEOUT_S} s$`, 'm'),
    );
    expect(stdout).not.toMatch(/^verdict\s+OK/m);
    expect(exitCode).toBe(1);
    const report = JSON.parse(readFileSync(join(OUT, 'report.json'), 'utf8')) as {
      ok: boolean;
      drained: boolean;
    };
    expect(report).toMatchObject({ ok: false, drained: false });
  });
});
