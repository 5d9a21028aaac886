import { parseArgs } from 'node:util';
import { Queues } from '@dinner-rush/contracts';

const USAGE = `usage: npm run replay -- <service | queue> [--since <ISO time>] [--types <t1,t2>]
  Sends order-service's archived order events to that consumer's own queue, so a
  consumer started late begins with history. Duplicates are dropped by its inbox.
  <service>  a consumer, e.g. customer-notify (its queue <service>.orders), or a queue name
  --since    only events from this instant on (e.g. 2026-11-22T00:00:00Z)
  --types    only these event types (e.g. order.created.v1,order.cancelled.v1)
  ORDER_SERVICE_URL  default http://127.0.0.1:3000`;

/** The queue a service consumes order events on, as libs/contracts names it. */
export function replayQueueFor(target: string): string {
  if (target.includes('.')) return target;
  const queue = Object.values(Queues).find((names) => names.queue === `${target}.orders`)?.queue;
  if (!queue) throw new Error(`no order-events queue for service "${target}"; pass a queue name`);
  return queue;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { since: { type: 'string' }, types: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [target] = positionals;
  if (values.help || !target) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 1);
  }
  const base = process.env.ORDER_SERVICE_URL ?? 'http://127.0.0.1:3000';
  const body = {
    queue: replayQueueFor(target),
    ...(values.since ? { since: new Date(values.since).toISOString() } : {}),
    ...(values.types ? { types: values.types.split(',').map((t) => t.trim()) } : {}),
  };
  const response = await fetch(`${base}/replays`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { replayed?: number; detail?: string };
  if (!response.ok) throw new Error(`order-service answered ${response.status}: ${answer.detail}`);
  console.log(`replayed ${answer.replayed} order event(s) to ${body.queue}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
