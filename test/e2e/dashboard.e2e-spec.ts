import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { consumerQueue, Exchanges, OrderCreatedV1, Queues } from '@dinner-rush/contracts';
import {
  ARTIFACTS_DIR,
  freePort,
  launchHeadlessChromium,
  readInfraFromEnv,
  recordFailedRequests,
  ServiceProcess,
  startScratchServices,
  type HeadlessChromium,
  type ScratchServices,
} from '@dinner-rush/testing';
import { connect, type ChannelModel } from 'amqplib';
import type { Page } from 'playwright-core';

/**
 * The dashboard in a real browser (Debian's chromium through playwright-core,
 * no browser download) against the whole pipeline as processes, with the
 * management API: it lists every queue bound to the order exchanges (a
 * consumer that joins late, under a name nobody registered, included);
 * placing an order fills the order list and its timeline; with the ledger
 * paused a spike fills the ledger's queue while intake keeps going; resumed,
 * it drains and the trial balance stays balanced. The page asks for nothing
 * that is missing. A screenshot is kept as an artifact. (Without the
 * management API: dashboard-without-management.e2e-spec.ts.)
 */
jest.setTimeout(300_000);

const SPIKE_ORDERS = 40;
const WAIT = { timeout: 120_000, polling: 250 };

interface DashboardWindow {
  dashboard: {
    snapshots: number;
    charts: Record<string, { data: { datasets: { label: string; data: (number | null)[] }[] } }>;
    last: {
      intake: { acceptedTotal: number };
      consumers: { queue: string; messages: number }[];
      broker: { source: string | null };
    } | null;
  };
}

describe('live dashboard in a real browser (pipeline as processes)', () => {
  let pipeline: ScratchServices;
  let dashboard: ServiceProcess;
  let browser: HeadlessChromium | undefined;
  let page: Page;
  let failedRequests: string[];
  let lateJoiner: ChannelModel | undefined;
  const screenshot = join(ARTIFACTS_DIR, 'dashboard.png');
  const late = consumerQueue(`late-${randomBytes(3).toString('hex')}`, 'orders');

  /** The chart series' values, read from chart.js itself. */
  const seriesValues = (chart: string, label: string) =>
    page.evaluate(
      ([c, l]) =>
        (window as unknown as DashboardWindow).dashboard.charts[c]?.data.datasets.find(
          (d) => d.label === l,
        )?.data ?? [],
      [chart, label] as const,
    );

  beforeAll(async () => {
    pipeline = await startScratchServices('dashboard', {
      env: { 'rider-assignment': { RIDER_FLEET_SIZE: '60', RIDER_DELIVERY_MS: '1000' } },
    });
    const { services } = pipeline;
    // A consumer nobody told the dashboard about: a queue bound to `orders`, consumed and acked.
    lateJoiner = await connect(pipeline.vhost.url);
    const channel = await lateJoiner.createChannel();
    await channel.assertQueue(late.queue, { durable: true });
    await channel.bindQueue(late.queue, Exchanges.orders, OrderCreatedV1.type);
    await channel.consume(late.queue, (message) => message && channel.ack(message));
    const management = new URL(readInfraFromEnv().rabbitmqManagementUrl);
    dashboard = new ServiceProcess(
      'dashboard',
      await freePort(),
      {
        ORDER_SERVICE_URL: services['order-service'].baseUrl,
        RIDER_ASSIGNMENT_URL: services['rider-assignment'].baseUrl,
        MERCHANT_NOTIFY_URL: services['merchant-notify'].baseUrl,
        LEDGER_URL: services.ledger.baseUrl,
        CUSTOMER_NOTIFY_URL: services['customer-notify'].baseUrl,
        RABBITMQ_URL: pipeline.vhost.url,
        RABBITMQ_MANAGEMENT_URL: `${management.protocol}//${management.host}`,
        RABBITMQ_MANAGEMENT_USER: decodeURIComponent(management.username || 'guest'),
        RABBITMQ_MANAGEMENT_PASSWORD: decodeURIComponent(management.password || 'guest'),
        RABBITMQ_VHOST: pipeline.vhost.name,
        POLL_INTERVAL_MS: '500',
        LOG_LEVEL: 'warn',
        // The issuer the services trust: the dashboard calls them with its own tokens.
        ...pipeline.issuer.env,
      },
      'dashboard-e2e-dashboard',
    );
    await dashboard.start();
    browser = await launchHeadlessChromium({ viewport: { width: 1400, height: 1100 } });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    failedRequests = await recordFailedRequests(page);
  });

  afterAll(async () => {
    await lateJoiner?.close().catch(() => undefined);
    await browser?.close();
    await dashboard?.stop('SIGTERM');
    await pipeline?.stop();
  });

  it('opens and receives snapshots over SSE, listing every queue bound to the order exchanges', async () => {
    // The page takes an operator's token from its fragment (the dev issuer has no browser login).
    await page.goto(
      `${dashboard.baseUrl}/#access_token=${await pipeline.issuer.token('operator')}`,
    );
    await page.waitForFunction(
      () => (window as unknown as DashboardWindow).dashboard?.snapshots >= 2,
      undefined,
      WAIT,
    );
    const queues = await page
      .locator('[data-testid="consumers"] tbody tr')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.queue));
    expect(queues).toEqual(
      [...Object.values(Queues).map((names) => names.queue), late.queue].sort(),
    );
    expect(await page.getByTestId('status').textContent()).toContain('queues: management API');
    expect(await page.getByTestId('waiting-line').textContent()).toBe('0');
    expect(await page.locator('[data-testid="orders"] tbody tr').count()).toBe(0);
    expect(failedRequests).toEqual([]);
  });

  it('"place order" adds the order to the list and its timeline fills in with all three steps', async () => {
    await page.getByTestId('place-order').click();
    const row = page.locator('[data-testid="orders"] tbody tr').first();
    await row.waitFor(WAIT);
    for (const step of ['rider.assigned.v1', 'merchant.notified.v1', 'ledger.recorded.v1']) {
      await row.getByText(step, { exact: false }).waitFor(WAIT);
    }
    await page.waitForFunction(
      () =>
        (
          (window as unknown as DashboardWindow).dashboard.charts.e2e?.data.datasets[0]?.data ?? []
        ).some((v) => v !== null),
      undefined,
      WAIT,
    );
    expect(await page.getByTestId('accepted').textContent()).toBe('1');
  });

  it('with the ledger paused a spike fills its queue while intake goes on; resumed, it drains', async () => {
    const ledgerRow = page.locator(
      `[data-testid="consumers"] tr[data-queue="${Queues.ledger.queue}"]`,
    );
    await ledgerRow.getByRole('button', { name: 'Pause' }).click();
    await ledgerRow.getByText('paused').waitFor(WAIT);

    await page.locator('#spike-orders').fill(String(SPIKE_ORDERS));
    await page.locator('#spike-seconds').fill('4');
    await page.getByTestId('fire-spike').click();

    // The ledger's queue depth rises on the chart, and the intake rate is positive.
    await page.waitForFunction(
      () =>
        (
          (window as unknown as DashboardWindow).dashboard.charts.depth?.data.datasets.find(
            (d) => d.label === 'ledger.orders',
          )?.data ?? []
        ).some((v) => (v ?? 0) > 0),
      undefined,
      WAIT,
    );
    await page
      .getByTestId('accepted')
      .getByText(String(SPIKE_ORDERS + 1))
      .waitFor(WAIT);
    expect((await seriesValues('intake', 'orders/s')).some((v) => (v ?? 0) > 0)).toBe(true);
    expect(await page.locator('[data-testid="orders"] tbody tr').count()).toBeGreaterThan(1);

    await ledgerRow.getByRole('button', { name: 'Resume' }).click();
    await page.waitForFunction(
      (total) => {
        const last = (window as unknown as DashboardWindow).dashboard.last;
        const ledger = last?.consumers.find((c) => c.queue === 'ledger.orders');
        return (
          ledger !== undefined && ledger.messages === 0 && last?.intake.acceptedTotal === total
        );
      },
      SPIKE_ORDERS + 1,
      WAIT,
    );
    await page.getByTestId('trial-balance').getByText('balanced').waitFor(WAIT);
    expect(await page.getByTestId('trial-balance').textContent()).not.toContain('NOT');
    expect(await page.getByTestId('dead-letters').textContent()).toBe('0');

    await page.screenshot({ path: screenshot, fullPage: true });
    expect(failedRequests).toEqual([]);
  });
});
