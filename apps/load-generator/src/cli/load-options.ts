import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { rampProfile, spikeProfile, steadyProfile } from '../profiles/built-in-profiles';
import type { LoadProfile } from '../profiles/profile';
import { readProfileFile } from '../profiles/profile-file';

export const USAGE = `npm run load -- [--profile steady|spike|ramp|<file.json>] [options]

profiles
  steady    --rate 10 --duration 30
  spike     --rate 10 --multiplier 10 --warmup 10 --burst 10 --cooldown 20
  ramp      --rate 10 --ramp-step 10 --ramp-step-s 10 --max-rate 1000
            --p99-bound 250 (ms) --error-bound 0.01: stops at the first step past a bound
  file      {"phases":[{"durationS":10,"rate":5},{"name":"rush","durationS":20,"fromRate":5,"toRate":80}],"burst":["rush"]}

arrivals   open loop (fixed arrival rate, latency timed from when each request was due)
  --closed-loop            --connections clients send back to back instead (rates ignored)
  --connections 64         HTTP connections in the pool
orders
  --idempotency 0.5        share sent with an Idempotency-Key
  --retry-duplicates 0.05  share of keyed orders sent again with the same key (must get the same order)
  --invalid 0.01           share with an unknown menu item (must be rejected, and never written)
  --seed 42
pipeline   (flags, else env ORDER_URL, RIDER_URL, MERCHANT_URL, LEDGER_URL, RABBITMQ_MANAGEMENT_URL, RABBITMQ_VHOST)
  --order-url http://127.0.0.1:3000 --rider-url :3001 --merchant-url :3002 --ledger-url :3003
  --rabbitmq-management-url http://guest:guest@127.0.0.1:15672 --vhost /
after the run
  --drain-timeout 300      seconds to wait for queues to empty and every order to complete
  --shared                 others write to this pipeline too: skip the exact ledger-delta check
  --out reports/load/<timestamp>   --sample-ms 1000   --no-progress`;

export interface LoadOptions {
  profile: LoadProfile;
  closedLoop: boolean;
  connections: number;
  idempotencyShare: number;
  duplicateShare: number;
  invalidShare: number;
  seed: number;
  urls: { orderService: string; riderAssignment: string; merchantNotify: string; ledger: string };
  rabbitmq: { managementUrl: string; vhost: string };
  drainTimeoutS: number;
  shared: boolean;
  outDir: string;
  sampleMs: number;
  progress: boolean;
}

const num = (value: string | undefined, fallback: number, flag: string): number => {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0)
    throw new Error(`--${flag} wants a number, got "${value}"`);
  return parsed;
};

const share = (value: string | undefined, fallback: number, flag: string): number => {
  const parsed = num(value, fallback, flag);
  if (parsed > 1) throw new Error(`--${flag} is a share between 0 and 1, got ${parsed}`);
  return parsed;
};

const stringFlags = [
  'profile',
  'rate',
  'duration',
  'multiplier',
  'warmup',
  'burst',
  'cooldown',
  'ramp-step',
  'ramp-step-s',
  'max-rate',
  'p99-bound',
  'error-bound',
  'connections',
  'idempotency',
  'retry-duplicates',
  'invalid',
  'seed',
  'order-url',
  'rider-url',
  'merchant-url',
  'ledger-url',
  'rabbitmq-management-url',
  'vhost',
  'drain-timeout',
  'out',
  'sample-ms',
] as const;

export function parseLoadOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  now = new Date(),
): LoadOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      ...Object.fromEntries(stringFlags.map((flag) => [flag, { type: 'string' as const }])),
      'closed-loop': { type: 'boolean' },
      shared: { type: 'boolean' },
      'no-progress': { type: 'boolean' },
    },
    strict: true,
  });
  const flag = (name: (typeof stringFlags)[number]) =>
    (values as Record<string, string | boolean | undefined>)[name] as string | undefined;
  const rate = num(flag('rate'), 10, 'rate');
  const profileName = flag('profile') ?? 'spike';
  const profile = buildProfile(profileName, rate, (name, fallback) =>
    num(flag(name), fallback, name),
  );
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return {
    profile,
    closedLoop: values['closed-loop'] === true,
    connections: Math.max(1, Math.round(num(flag('connections'), 64, 'connections'))),
    idempotencyShare: share(flag('idempotency'), 0.5, 'idempotency'),
    duplicateShare: share(flag('retry-duplicates'), 0.05, 'retry-duplicates'),
    invalidShare: share(flag('invalid'), 0.01, 'invalid'),
    seed: num(flag('seed'), 42, 'seed'),
    urls: {
      orderService: flag('order-url') ?? env.ORDER_URL ?? 'http://127.0.0.1:3000',
      riderAssignment: flag('rider-url') ?? env.RIDER_URL ?? 'http://127.0.0.1:3001',
      merchantNotify: flag('merchant-url') ?? env.MERCHANT_URL ?? 'http://127.0.0.1:3002',
      ledger: flag('ledger-url') ?? env.LEDGER_URL ?? 'http://127.0.0.1:3003',
    },
    rabbitmq: {
      managementUrl:
        flag('rabbitmq-management-url') ??
        env.RABBITMQ_MANAGEMENT_URL ??
        'http://guest:guest@127.0.0.1:15672',
      vhost: flag('vhost') ?? env.RABBITMQ_VHOST ?? '/',
    },
    drainTimeoutS: num(flag('drain-timeout'), 300, 'drain-timeout'),
    shared: values.shared === true,
    outDir: flag('out') ?? join('reports', 'load', stamp),
    sampleMs: Math.max(100, num(flag('sample-ms'), 1000, 'sample-ms')),
    progress: values['no-progress'] !== true,
  };
}

function buildProfile(
  name: string,
  rate: number,
  n: (flag: (typeof stringFlags)[number], fallback: number) => number,
): LoadProfile {
  switch (name) {
    case 'steady':
      return steadyProfile(rate, n('duration', 30));
    case 'spike':
      return spikeProfile({
        rate,
        multiplier: n('multiplier', 10),
        warmupS: n('warmup', 10),
        burstS: n('burst', 10),
        cooldownS: n('cooldown', 20),
      });
    case 'ramp':
      return rampProfile(rate, {
        stepRate: n('ramp-step', 10),
        stepS: n('ramp-step-s', 10),
        maxRate: n('max-rate', 1000),
        p99Ms: n('p99-bound', 250),
        errorRate: n('error-bound', 0.01),
      });
    default:
      if (!name.endsWith('.json'))
        throw new Error(`unknown profile "${name}": steady, spike, ramp or a .json file`);
      return readProfileFile(name);
  }
}
