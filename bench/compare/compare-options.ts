import type { CompareSettings, ScenarioName } from './compare';
import { CONSUMER_QUEUES, type Downstream } from '../shared/queue-depths';
import type { ExternalTargets } from './setups';

export interface CompareOptions {
  settings: CompareSettings;
  /** Absent: start everything in a scratch database and vhost (managed). */
  external?: ExternalTargets;
  outDir: string;
}

export const COMPARE_SCENARIOS: readonly ScenarioName[] = ['all-up', 'downstream-stopped'];
/** The downstreams the failure scenario can stop (the sync chain's steps). */
export const DOWNSTREAMS = Object.keys(CONSUMER_QUEUES) as Downstream[];

/** The experiment; `dinner-rush compare --help` shows these beside their flags. */
export const COMPARE_DEFAULTS = {
  rate: 5,
  duration: 20,
  orderWorkMs: 500,
  workMs: 300,
  stop: 'ledger' as Downstream,
  timeoutMs: 30_000,
  auditTimeoutMs: 120_000,
  seed: 7,
  out: 'reports/compare',
  orderUrl: 'http://127.0.0.1:3000',
  riderUrl: 'http://127.0.0.1:3001',
  merchantUrl: 'http://127.0.0.1:3002',
  ledgerUrl: 'http://127.0.0.1:3003',
  rabbitmqUrl: 'amqp://guest:guest@127.0.0.1:5672',
};

/** The command line as the CLI (tools/cli/commands/compare.ts) hands it over: typed, checked, defaulted. */
export interface CompareFlags {
  rate: number;
  duration: number;
  orderWorkMs: number;
  workMs: number;
  stop: Downstream;
  /** Absent: both scenarios managed, only all-up against a running pipeline. */
  scenario?: readonly ScenarioName[];
  timeoutMs: number;
  auditTimeoutMs: number;
  seed: number;
  out: string;
  external?: boolean;
  orderUrl: string;
  riderUrl: string;
  merchantUrl: string;
  ledgerUrl: string;
  syncUrl?: string;
  rabbitmqUrl: string;
}

export function compareOptionsFrom(flags: CompareFlags): CompareOptions {
  const external = flags.external === true;
  return {
    settings: {
      ratePerS: flags.rate,
      durationS: flags.duration,
      orderWorkMs: flags.orderWorkMs,
      downstreamWorkMs: flags.workMs,
      stopped: flags.stop,
      // A running pipeline's downstream is not ours to stop unless asked to.
      scenarios: flags.scenario ?? (external ? ['all-up'] : COMPARE_SCENARIOS),
      timeoutMs: flags.timeoutMs,
      auditTimeoutMs: flags.auditTimeoutMs,
      seed: flags.seed,
    },
    external: external
      ? {
          orderUrl: flags.orderUrl,
          syncUrl: flags.syncUrl,
          downstreamUrls: {
            'rider-assignment': flags.riderUrl,
            'merchant-notify': flags.merchantUrl,
            ledger: flags.ledgerUrl,
          },
          rabbitmqUrl: flags.rabbitmqUrl,
        }
      : undefined,
    outDir: flags.out,
  };
}
