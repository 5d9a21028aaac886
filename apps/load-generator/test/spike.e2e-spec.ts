// The chart checks run inside the page, against the browser's DOM.
/// <reference lib="dom" />
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Queues } from '@dinner-rush/contracts';
import { AmqpQueueReader } from '@dinner-rush/pipeline-stats';
import {
  ARTIFACTS_DIR,
  REPO_ROOT,
  bearerHeader,
  freePort,
  launchHeadlessChromium,
  startScratchServices,
  waitFor,
  type ScratchServices,
} from '@dinner-rush/testing';

/**
 * `npm run load -- --profile spike` as CI runs it: the built CLI against the
 * services as processes (scratch database and vhost), on a broker without
 * the management API as a fresh machine has it (the CLI is pointed at a port
 * nobody listens on; queue figures come over AMQP), a short, small spike (CPU
 * is scarce). The JSON report must show nothing lost or applied twice and
 * every consumer queue drained; the HTML report must draw its four charts in
 * a real browser, all on the first screen.
 */
jest.setTimeout(180_000);

const run = promisify(execFile);
const OUT = join(ARTIFACTS_DIR, 'load-spike');

interface Report {
  ok: boolean;
  accepted: number;
  rejected: Record<string, number>;
  lost: number;
  doubleApplied: number;
  intake: {
    requests: number;
    invalidSent: number;
    duplicatesSent: number;
    latencyMs: { p99: number };
  };
  endToEndMs: Record<string, { count: number; p99: number }>;
  queues: {
    peakDepth: Record<string, number>;
    drain: Record<string, { drainTimeS: number | null }>;
    source: string | null;
  };
  services: { peakRssBytes: Record<string, number | null> };
  audit: {
    complete: number;
    trialBalanceZero: boolean;
    ledgerDelta: { expectedDebitCents: number; postedDebitCents: number };
  };
  series: { intake: unknown[]; queues: { waitingLine: number | null }[] };
}

describe('npm run load -- --profile spike (CLI against the pipeline as processes)', () => {
  let pipeline: ScratchServices;
  let report: Report;
  let exitCode: number;

  beforeAll(async () => {
    pipeline = await startScratchServices('load', {
      // 60 riders × 2 deliveries/s: the fleet never makes the spike's orders wait in line.
      env: { 'rider-assignment': { RIDER_FLEET_SIZE: '60', RIDER_DELIVERY_MS: '500' } },
    });
    const { services } = pipeline;
    const args = [
      ...[join(REPO_ROOT, 'dist/tools/cli/main.js'), 'load'],
      ...['--profile', 'spike', '--rate', '4', '--multiplier', '5'],
      ...['--warmup', '2', '--burst', '2', '--cooldown', '1', '--sample-ms', '500'],
      ...['--idempotency', '0.5', '--retry-duplicates', '0.2', '--invalid', '0.05'],
      ...['--connections', '16', '--drain-timeout', '90', '--out', OUT],
      ...['--order-url', services['order-service'].baseUrl],
      ...['--rider-url', services['rider-assignment'].baseUrl],
      ...['--merchant-url', services['merchant-notify'].baseUrl],
      ...['--ledger-url', services.ledger.baseUrl],
      ...['--rabbitmq-url', pipeline.vhost.url],
      ...['--rabbitmq-management-url', `http://guest:guest@127.0.0.1:${await freePort()}`],
      ...['--vhost', pipeline.vhost.name],
    ];
    // The ledger sits out the start of the run, so its queue certainly fills (a fast consumer
    // keeps it near 0 between samples) and the report must show that depth, read over AMQP.
    // It resumes once the queue has held messages for several of the generator's samples,
    // whenever the CLI got going: never a race with the CLI's start-up time.
    const operator = bearerHeader(await pipeline.issuer.token('operator'));
    const ledgerConsumer = (action: 'pause' | 'resume') =>
      fetch(`${services.ledger.baseUrl}/admin/consumers/${Queues.ledger.queue}/${action}`, {
        method: 'POST',
        headers: operator,
      });
    expect((await ledgerConsumer('pause')).status).toBe(200);
    const cli = run(process.execPath, args, {
      cwd: REPO_ROOT,
      // The issuer this pipeline's services trust, for the generator's tokens.
      env: { ...process.env, ...pipeline.issuer.env },
    }).then(
      () => 0,
      (error: { code?: number; stdout?: string; stderr?: string }) => {
        console.error(error.stdout, error.stderr);
        return error.code ?? 1;
      },
    );
    const queues = new AmqpQueueReader(pipeline.vhost.url);
    try {
      await waitFor(
        async () => {
          const ledger = (await queues.read([Queues.ledger.queue])).get(Queues.ledger.queue);
          return (ledger?.messages ?? 0) >= 5 ? true : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 200, what: 'orders waiting in the paused ledger queue' },
      );
    } finally {
      await queues.close();
    }
    await sleep(2_000);
    expect((await ledgerConsumer('resume')).status).toBe(200);
    exitCode = await cli;
    report = JSON.parse(readFileSync(join(OUT, 'report.json'), 'utf8')) as Report;
  });

  afterAll(async () => {
    await pipeline?.stop();
  });

  it('loses nothing and applies nothing twice, so the CLI exits 0', () => {
    expect(report.accepted).toBeGreaterThan(0);
    expect({ lost: report.lost, doubleApplied: report.doubleApplied }).toEqual({
      lost: 0,
      doubleApplied: 0,
    });
    expect(report.audit.trialBalanceZero).toBe(true);
    expect(report.audit.ledgerDelta.postedDebitCents).toBe(
      report.audit.ledgerDelta.expectedDebitCents,
    );
    expect(report.ok).toBe(true);
    expect(exitCode).toBe(0);
  });

  it('refused the orders built to be invalid, and replayed keyed duplicates as the same order', () => {
    expect(report.intake.invalidSent).toBeGreaterThan(0);
    // Refused as a bad request (4xx), never a server error, and nothing else was refused.
    const refused = Object.entries(report.rejected);
    expect(refused.every(([status]) => status.startsWith('4'))).toBe(true);
    expect(refused.reduce((sum, [, count]) => sum + count, 0)).toBe(report.intake.invalidSent);
    expect(report.intake.duplicatesSent).toBeGreaterThan(0);
  });

  it('reports intake and end-to-end latency, queue depth and drain per consumer queue (over AMQP), and memory per service', () => {
    expect(report.intake.latencyMs.p99).toBeGreaterThan(0);
    for (const step of ['rider-assignment', 'merchant-notify', 'ledger', 'allSteps']) {
      expect(report.endToEndMs[step]?.count).toBe(report.audit.complete);
    }
    expect(report.queues.source).toBe('amqp');
    expect(Object.keys(report.queues.drain).sort()).toEqual(
      Object.values(Queues)
        .map((names) => names.queue)
        .sort(),
    );
    for (const [queue, drain] of Object.entries(report.queues.drain))
      expect([queue, drain.drainTimeS]).toEqual([queue, expect.any(Number)]);
    expect(report.queues.peakDepth['ledger.orders']).toBeGreaterThan(0);
    expect(report.series.queues.some((row) => row.waitingLine !== null)).toBe(true);
    expect(Object.keys(report.services.peakRssBytes).sort()).toEqual([
      'ledger',
      'merchant-notify',
      'order-service',
      'rider-assignment',
    ]);
    expect(report.series.intake.length).toBeGreaterThan(0);
    expect(report.series.queues.length).toBeGreaterThan(0);
  });

  it('the HTML report draws its four charts in headless Chromium, verdict and charts on the first screen (offline: chart.js is inlined)', async () => {
    const browser = await launchHeadlessChromium({
      offline: true,
      viewport: { width: 1400, height: 900 },
    });
    try {
      const page = await browser.context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(`file://${join(OUT, 'report.html')}`);
      await page.waitForFunction(
        () => (window as unknown as { chartsReady?: boolean }).chartsReady,
      );
      const charts = await page.evaluate(() =>
        Array.from(document.querySelectorAll('canvas')).map((canvas) => {
          const chart = (
            window as unknown as {
              Chart: {
                getChart(
                  c: HTMLCanvasElement,
                ): { data: { datasets: { data: unknown[] }[] } } | undefined;
              };
            }
          ).Chart.getChart(canvas);
          const pixels =
            canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
          let painted = 0;
          for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) painted++;
          return {
            id: canvas.id,
            points: chart?.data.datasets.reduce((sum, d) => sum + d.data.length, 0) ?? 0,
            painted,
          };
        }),
      );
      // The first screen only: what a reader sees before scrolling.
      await page.screenshot({ path: join(ARTIFACTS_DIR, 'load-spike-report.png') });
      expect(pageErrors).toEqual([]);
      const firstScreen = { width: 1400, height: 900 };
      for (const selector of ['#verdict', '#headline', 'canvas']) {
        const boxes = await page.locator(selector).evaluateAll((elements) =>
          elements.map((element) => {
            const box = element.getBoundingClientRect();
            return { id: element.id, right: box.right, bottom: box.bottom, height: box.height };
          }),
        );
        for (const box of boxes) {
          expect([
            box.id,
            box.right <= firstScreen.width,
            box.bottom <= firstScreen.height,
          ]).toEqual([box.id, true, true]);
          expect(box.height).toBeGreaterThan(200 * Number(selector === 'canvas'));
        }
      }
      expect(charts.map((c) => c.id)).toEqual([
        'intake-chart',
        'queue-chart',
        'drain-chart',
        'e2e-chart',
      ]);
      for (const chart of charts) {
        expect(chart.points).toBeGreaterThan(0);
        expect(chart.painted).toBeGreaterThan(1000);
      }
    } finally {
      await browser.close();
    }
  });
});
