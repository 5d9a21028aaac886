import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Queues } from '@dinner-rush/contracts';
import {
  ARTIFACTS_DIR,
  freePort,
  launchHeadlessChromium,
  postJson,
  bearerHeader,
  recordFailedRequests,
  ServiceProcess,
  startScratchServices,
  type HeadlessChromium,
  type ScratchServices,
} from '@dinner-rush/testing';
import type { Page } from 'playwright-core';
import { scaffoldBesideDashboard, type ScaffoldedTree } from './support/scaffolded-tree';

/**
 * A fresh machine: RabbitMQ without the management plugin (the dashboard is
 * pointed at a port nobody listens on). The dashboard still fills its charts
 * from AMQP passive declares: it lists every consumer queue, customer-notify's
 * and a consumer just made by `npm run new:consumer` included (built from a
 * scratch tree, no dashboard change), adds up two replicas of merchant-notify,
 * shows the rider waiting line, and with the ledger paused through its own
 * admin API a spike shows the ledger's queue filling, then draining once
 * resumed. The page asks for nothing that is missing.
 */
jest.setTimeout(300_000);

const SPIKE_ORDERS = 40;
const WAIT = { timeout: 120_000, polling: 250 };

interface ConsumerRow {
  queue: string;
  messages: number;
  unacked: number | null;
  consumers: number;
  replicas: number;
  replicasUp: number;
}

interface DashboardWindow {
  dashboard: {
    snapshots: number;
    charts: Record<string, { data: { datasets: { label: string; data: (number | null)[] }[] } }>;
    last: {
      intake: { acceptedTotal: number };
      consumers: ConsumerRow[];
      broker: { source: string | null; managementError: string | null };
    } | null;
  };
}

describe('live dashboard without the management API (AMQP only, pipeline as processes)', () => {
  const name = `probe-${randomBytes(3).toString('hex')}`;
  let pipeline: ScratchServices;
  let scaffold: ScaffoldedTree | undefined;
  const extra: ServiceProcess[] = [];
  let dashboard: ServiceProcess;
  let browser: HeadlessChromium | undefined;
  let page: Page;
  let failedRequests: string[];

  const last = () => page.evaluate(() => (window as unknown as DashboardWindow).dashboard.last);
  const row = (queue: string) =>
    page.locator(`[data-testid="consumers"] tr[data-queue="${queue}"]`);

  beforeAll(async () => {
    pipeline = await startScratchServices('dash-amqp', {
      env: { 'rider-assignment': { RIDER_FLEET_SIZE: '60', RIDER_DELIVERY_MS: '1000' } },
    });
    const { services } = pipeline;
    scaffold = await scaffoldBesideDashboard(name);
    const start = async (app: string, env: Record<string, string>, label: string) => {
      const service = new ServiceProcess(app, await freePort(), env, label);
      extra.push(service);
      await service.start();
      return service;
    };
    const consumer = await start(
      scaffold.consumerApp,
      { ...pipeline.envFor(name.replace(/-/g, '_')), PRISMA_DIR: scaffold.prismaDir },
      `dash-amqp-${name}`,
    );
    const secondMerchantNotify = await start(
      'merchant-notify',
      pipeline.envFor('merchant_notify'),
      'dash-amqp-merchant-notify-2',
    );
    const closedPort = await freePort(); // nobody listens: the management API is "off"
    dashboard = await start(
      scaffold.dashboardApp,
      {
        ORDER_SERVICE_URL: services['order-service'].baseUrl,
        RIDER_ASSIGNMENT_URL: services['rider-assignment'].baseUrl,
        MERCHANT_NOTIFY_URL: services['merchant-notify'].baseUrl,
        LEDGER_URL: services.ledger.baseUrl,
        CUSTOMER_NOTIFY_URL: services['customer-notify'].baseUrl,
        SERVICE_URLS: `merchant-notify=${secondMerchantNotify.baseUrl},${name}=${consumer.baseUrl}`,
        RABBITMQ_URL: pipeline.vhost.url,
        RABBITMQ_MANAGEMENT_URL: `http://127.0.0.1:${closedPort}`,
        POLL_INTERVAL_MS: '500',
        LOG_LEVEL: 'warn',
        // The issuer the services trust: the dashboard calls them with its own tokens.
        ...pipeline.issuer.env,
      },
      'dash-amqp-dashboard',
    );
    browser = await launchHeadlessChromium({ viewport: { width: 1400, height: 1100 } });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    failedRequests = await recordFailedRequests(page);
  });

  afterAll(async () => {
    await browser?.close();
    for (const service of extra.reverse()) await service.stop('SIGTERM');
    await pipeline?.stop();
    scaffold?.tree.remove();
  });

  it('lists every consumer queue, the scaffolded one and customer-notify included, from AMQP', async () => {
    // The page takes an operator's token from its fragment (the dev issuer has no browser login).
    await page.goto(
      `${dashboard.baseUrl}/#access_token=${await pipeline.issuer.token('operator')}`,
    );
    await page.waitForFunction(
      () => ((window as unknown as DashboardWindow).dashboard?.last?.consumers.length ?? 0) > 0,
      undefined,
      WAIT,
    );
    const queues = await page
      .locator('[data-testid="consumers"] tbody tr')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.queue));
    expect(queues).toEqual(
      [...Object.values(Queues).map((names) => names.queue), `${name}.orders`].sort(),
    );
    expect(queues).toContain(Queues.customerNotify.queue);
    const snapshot = await last();
    expect(snapshot?.broker.source).toBe('amqp');
    expect(snapshot?.broker.managementError).toMatch(/ECONNREFUSED/);
    expect(await page.getByTestId('status').textContent()).toContain('queues: AMQP');
    // Depth over AMQP counts ready messages: unacked is unknown, not zero.
    expect(snapshot?.consumers.every((c) => c.unacked === null)).toBe(true);
    expect(await page.getByTestId('waiting-line').textContent()).toBe('0');
    expect(await page.getByTestId('riders').textContent()).toContain('60 free');
  });

  it('adds up replicas: two merchant-notify processes are one row with two consumers', async () => {
    await page.waitForFunction(
      (queue) =>
        (window as unknown as DashboardWindow).dashboard.last?.consumers.find(
          (c) => c.queue === queue,
        )?.consumers === 2,
      Queues.merchantNotify.queue,
      WAIT,
    );
    const merchant = (await last())?.consumers.find((c) => c.queue === Queues.merchantNotify.queue);
    expect(merchant).toMatchObject({ replicas: 2, replicasUp: 2 });
    await row(`${name}.orders`).getByRole('button', { name: 'Pause' }).waitFor(WAIT);
  });

  it('with the ledger paused through its admin API a spike fills its queue; resumed, it drains', async () => {
    const ledger = pipeline.services.ledger.baseUrl;
    const operator = bearerHeader(await pipeline.issuer.token('operator'));
    const admin = (action: string) =>
      postJson(`${ledger}/admin/consumers/${Queues.ledger.queue}/${action}`, {}, operator);
    expect((await admin('pause')).status).toBe(200);
    await row(Queues.ledger.queue).getByText('paused').waitFor(WAIT);

    await page.locator('#spike-orders').fill(String(SPIKE_ORDERS));
    await page.locator('#spike-seconds').fill('4');
    await page.getByTestId('fire-spike').click();

    await page.waitForFunction(
      (queue) =>
        (
          (window as unknown as DashboardWindow).dashboard.charts.depth?.data.datasets.find(
            (d) => d.label === queue,
          )?.data ?? []
        ).some((v) => (v ?? 0) > 0),
      Queues.ledger.queue,
      WAIT,
    );
    const depthCell = row(Queues.ledger.queue).locator('td').nth(2);
    expect(Number(await depthCell.textContent())).toBeGreaterThan(0);
    await page.getByTestId('accepted').getByText(String(SPIKE_ORDERS)).waitFor(WAIT);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'dashboard-without-management.png') });

    expect((await admin('resume')).status).toBe(200);
    await page.waitForFunction(
      ([queue, total]) => {
        const snapshot = (window as unknown as DashboardWindow).dashboard.last;
        const found = snapshot?.consumers.find((c) => c.queue === queue);
        return found?.messages === 0 && snapshot?.intake.acceptedTotal === total;
      },
      [Queues.ledger.queue, SPIKE_ORDERS] as const,
      WAIT,
    );
    await page.getByTestId('trial-balance').getByText('balanced').waitFor(WAIT);
    expect(await page.getByTestId('trial-balance').textContent()).not.toContain('NOT');
    expect(await page.getByTestId('dead-letters').textContent()).toBe('0');
    // Drained, the ledger's drain line came from the fall in depth between readings.
    const drained = await page.evaluate(
      (queue) =>
        (window as unknown as DashboardWindow).dashboard.charts.drain?.data.datasets.find(
          (d) => d.label === queue,
        )?.data ?? [],
      Queues.ledger.queue,
    );
    expect(drained.some((v) => (v ?? 0) > 0)).toBe(true);
    expect(failedRequests).toEqual([]);
  });
});
