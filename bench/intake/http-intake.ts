import autocannon from 'autocannon';
import {
  bearerHeader,
  FACTORY_CUSTOMERS,
  getJson,
  orderFactory,
  prefetchCustomerTokens,
  type IssueToken,
  type Merchant,
} from '@dinner-rush/testing';
import type { LatencySummary } from '@dinner-rush/pipeline-stats';

export interface HttpIntakeResult {
  connections: number;
  ordersPerS: number;
  latencyMs: LatencySummary;
  accepted: number;
  non2xx: number;
  errors: number;
}

/**
 * POST /orders flat out at a fixed number of connections (closed loop), valid
 * varied orders, each with its customer's token (fetched before the run).
 */
export async function runHttpIntake(
  orderUrl: string,
  issueToken: IssueToken,
  connections: number,
  durationS: number,
): Promise<HttpIntakeResult> {
  const merchants = (await getJson<Merchant[]>(`${orderUrl}/merchants`)).body;
  const nextOrder = orderFactory(merchants, connections);
  const tokenFor = await prefetchCustomerTokens(issueToken, FACTORY_CUSTOMERS);
  let n = 0;
  const result = await autocannon({
    url: `${orderUrl}/orders`,
    method: 'POST',
    connections,
    duration: durationS,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => {
          const order = nextOrder(n++);
          const headers = { ...req.headers, ...bearerHeader(tokenFor(order.customerId)) };
          return { ...req, headers, body: JSON.stringify(order) };
        },
      },
    ],
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
