import { cpus, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { getJson, orderFactory, type Merchant } from '@dinner-rush/testing';

/**
 * npm run bench:intake [-- <connections> <seconds>]
 * POST /orders throughput and latency against a running order-service
 * (ORDER_URL, default http://127.0.0.1:3000 from `npm start`), with valid,
 * varied orders. Prints figures; never fails on timing.
 */
async function main(): Promise<void> {
  const base = process.env.ORDER_URL ?? 'http://127.0.0.1:3000';
  const connections = Number(process.argv[2] ?? 32);
  const duration = Number(process.argv[3] ?? 15);
  const merchants = (await getJson<Merchant[]>(`${base}/merchants`)).body;
  const nextOrder = orderFactory(merchants, Date.now() % 100_000);
  let n = 0;
  const result = await autocannon({
    url: `${base}/orders`,
    method: 'POST',
    connections,
    duration,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(nextOrder(n++)) }) }],
  });
  const figures = {
    benchmark: 'intake',
    connections,
    durationS: duration,
    ordersPerSecond: Math.round(result.requests.average),
    accepted: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    machine: { cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    at: new Date().toISOString(),
  };
  console.table({
    'orders/s': figures.ordersPerSecond,
    'p50 ms': figures.latencyMs.p50,
    'p99 ms': figures.latencyMs.p99,
    accepted: figures.accepted,
    'non-2xx': figures.non2xx,
  });
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    `bench/results/intake-${connections}c.json`,
    JSON.stringify(figures, null, 2) + '\n',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
