import autocannon from 'autocannon';
import { getJson, orderFactory, type Merchant } from '@dinner-rush/testing';
import type { LatencySummary } from '@dinner-rush/pipeline-stats';

export interface HttpIntakeResult {
  connections: number;
  ordersPerS: number;
  latencyMs: LatencySummary;
  accepted: number;
  non2xx: number;
  errors: number;
}

/** POST /orders flat out at a fixed number of connections (closed loop), valid varied orders. */
export async function runHttpIntake(
  orderUrl: string,
  connections: number,
  durationS: number,
): Promise<HttpIntakeResult> {
  const merchants = (await getJson<Merchant[]>(`${orderUrl}/merchants`)).body;
  const nextOrder = orderFactory(merchants, connections);
  let n = 0;
  const result = await autocannon({
    url: `${orderUrl}/orders`,
    method: 'POST',
    connections,
    duration: durationS,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(nextOrder(n++)) }) }],
  });
  return {
    connections,
    // Accepted orders over the run, not autocannon's per-second mean (which counts errors too).
    ordersPerS: Math.round(result['2xx'] / durationS),
    latencyMs: {
      count: result['2xx'] + result.non2xx, // answers timed (errors have no latency)
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    accepted: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
