import { cpus, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { summarise } from '@dinner-rush/pipeline-stats';
import {
  bearerHeader,
  FACTORY_CUSTOMERS,
  getJson,
  issuerTokens,
  orderFactory,
  pollOrders,
  postJson,
  prefetchCustomerTokens,
  type Merchant,
} from '@dinner-rush/testing';

/**
 * npm run bench:latency [-- <orders/s> <seconds>]
 * Light steady load (open loop: one order every 1/rate s), then the time from
 * each order's creation to the LAST of its three timeline steps (rider,
 * merchant, ledger), from the timestamps the services recorded. Tokens come
 * from OIDC_ISSUER (npm start's dev issuer by default).
 */
const STEPS = ['rider.assigned.v1', 'merchant.notified.v1', 'ledger.recorded.v1'];

interface Order {
  id: string;
  createdAt: string;
  timeline: { type: string; at: string }[];
}

async function main(): Promise<void> {
  const base = process.env.ORDER_URL ?? 'http://127.0.0.1:3000';
  const rate = Number(process.argv[2] ?? 20);
  const seconds = Number(process.argv[3] ?? 20);
  const merchants = (await getJson<Merchant[]>(`${base}/merchants`)).body;
  const nextOrder = orderFactory(merchants, Date.now() % 100_000);
  const issueToken = issuerTokens();
  const tokenFor = await prefetchCustomerTokens(issueToken, FACTORY_CUSTOMERS);
  const ids: Promise<string | undefined>[] = [];
  const started = Date.now();
  for (let n = 0; n < rate * seconds; n++) {
    const due = started + (n * 1000) / rate;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    const order = nextOrder(n);
    const customer = bearerHeader(tokenFor(order.customerId));
    ids.push(
      postJson<Order>(`${base}/orders`, order, customer).then((r) =>
        r.status === 201 ? r.body.id : undefined,
      ),
    );
  }
  const placed = (await Promise.all(ids)).filter((id): id is string => Boolean(id));
  const stepsOf = (view: Order) =>
    STEPS.map((type) => view.timeline.find((entry) => entry.type === type));
  const { views, pending } = await pollOrders<Order>(
    base,
    placed,
    (view) => stepsOf(view).every(Boolean),
    { timeoutMs: 120_000, intervalMs: 250, bearer: await issueToken('operator') },
  );
  const latencies = [...views.values()]
    .filter((view) => !pending.includes(view.id))
    .map((view) => {
      const last = Math.max(...stepsOf(view).map((step) => Date.parse(step?.at ?? '')));
      return last - Date.parse(view.createdAt);
    });
  const figures = {
    benchmark: 'order-to-all-steps latency',
    ratePerSecond: rate,
    durationS: seconds,
    placed: placed.length,
    completed: latencies.length,
    lost: pending.length,
    latencyMs: summarise(latencies),
    machine: { cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    at: new Date().toISOString(),
  };
  console.table({ placed: figures.placed, completed: figures.completed, ...figures.latencyMs });
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    `bench/results/order-latency-${rate}rps.json`,
    JSON.stringify(figures, null, 2) + '\n',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
