import { join } from 'node:path';
import { rampProfile, spikeProfile, steadyProfile } from '../profiles/built-in-profiles';
import type { LoadProfile } from '../profiles/profile';
import { readProfileFile } from '../profiles/profile-file';

export interface LoadOptions {
  profile: LoadProfile;
  closedLoop: boolean;
  connections: number;
  idempotencyShare: number;
  duplicateShare: number;
  invalidShare: number;
  seed: number;
  urls: { orderService: string; riderAssignment: string; merchantNotify: string; ledger: string };
  rabbitmq: { url: string; managementUrl: string; vhost: string };
  drainTimeoutS: number;
  shared: boolean;
  outDir: string;
  sampleMs: number;
  progress: boolean;
}

/** Every default in one place; `dinner-rush load --help` shows them beside their flags. */
export const LOAD_DEFAULTS = {
  profile: 'spike',
  rate: 10,
  duration: 30,
  multiplier: 30,
  warmup: 10,
  burst: 10,
  cooldown: 20,
  rampStep: 10,
  rampStepS: 10,
  maxRate: 1000,
  p99Bound: 250,
  errorBound: 0.01,
  connections: 64,
  idempotency: 0.5,
  retryDuplicates: 0.05,
  invalid: 0.01,
  seed: 42,
  drainTimeout: 120,
  sampleMs: 1000,
} as const;

export const BUILT_IN_PROFILES = ['steady', 'spike', 'ramp'] as const;

/**
 * The command line as the CLI (tools/cli/commands/load.ts) hands it over:
 * already typed and range-checked, defaults filled in. Pipeline URLs left out
 * fall back to the environment, then to `npm start`'s ports.
 */
export interface LoadFlags {
  profile: string;
  rate: number;
  duration: number;
  multiplier: number;
  warmup: number;
  burst: number;
  cooldown: number;
  rampStep: number;
  rampStepS: number;
  maxRate: number;
  p99Bound: number;
  errorBound: number;
  connections: number;
  idempotency: number;
  retryDuplicates: number;
  invalid: number;
  seed: number;
  drainTimeout: number;
  sampleMs: number;
  closedLoop?: boolean;
  shared?: boolean;
  progress: boolean;
  orderUrl?: string;
  riderUrl?: string;
  merchantUrl?: string;
  ledgerUrl?: string;
  rabbitmqUrl?: string;
  rabbitmqManagementUrl?: string;
  vhost?: string;
  out?: string;
}

/** Builds a run's options; throws (naming the file) when a profile file cannot be used. */
export function loadOptionsFrom(
  flags: LoadFlags,
  env: NodeJS.ProcessEnv,
  now = new Date(),
): LoadOptions {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return {
    profile: buildProfile(flags),
    closedLoop: flags.closedLoop === true,
    connections: flags.connections,
    idempotencyShare: flags.idempotency,
    duplicateShare: flags.retryDuplicates,
    invalidShare: flags.invalid,
    seed: flags.seed,
    urls: {
      orderService: flags.orderUrl ?? env.ORDER_URL ?? 'http://127.0.0.1:3000',
      riderAssignment: flags.riderUrl ?? env.RIDER_URL ?? 'http://127.0.0.1:3001',
      merchantNotify: flags.merchantUrl ?? env.MERCHANT_URL ?? 'http://127.0.0.1:3002',
      ledger: flags.ledgerUrl ?? env.LEDGER_URL ?? 'http://127.0.0.1:3003',
    },
    rabbitmq: {
      url: flags.rabbitmqUrl ?? env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
      managementUrl:
        flags.rabbitmqManagementUrl ??
        env.RABBITMQ_MANAGEMENT_URL ??
        'http://guest:guest@127.0.0.1:15672',
      vhost: flags.vhost ?? env.RABBITMQ_VHOST ?? '/',
    },
    drainTimeoutS: flags.drainTimeout,
    shared: flags.shared === true,
    outDir: flags.out ?? join('reports', 'load', stamp),
    sampleMs: flags.sampleMs,
    progress: flags.progress,
  };
}

function buildProfile(flags: LoadFlags): LoadProfile {
  switch (flags.profile) {
    case 'steady':
      return steadyProfile(flags.rate, flags.duration);
    case 'spike':
      // 300/s for 10 s: above what the consumers keep up with on a small machine while intake
      // takes its share, and above what npm start's rider fleet assigns (150/s), so queues and
      // the waiting line visibly fill, then drain within the cool-down (about a minute in all).
      return spikeProfile({
        rate: flags.rate,
        multiplier: flags.multiplier,
        warmupS: flags.warmup,
        burstS: flags.burst,
        cooldownS: flags.cooldown,
      });
    case 'ramp':
      return rampProfile(flags.rate, {
        stepRate: flags.rampStep,
        stepS: flags.rampStepS,
        maxRate: flags.maxRate,
        p99Ms: flags.p99Bound,
        errorRate: flags.errorBound,
      });
    default:
      if (!flags.profile.endsWith('.json'))
        throw new Error(`unknown profile "${flags.profile}": steady, spike, ramp or a .json file`);
      return readProfileFile(flags.profile);
  }
}
