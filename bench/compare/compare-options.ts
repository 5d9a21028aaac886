import { parseArgs } from 'node:util';
import type { CompareSettings, ScenarioName } from './compare';
import { CONSUMER_QUEUES, type Downstream } from '../shared/queue-depths';
import type { ExternalTargets } from './setups';

export interface CompareOptions {
  settings: CompareSettings;
  /** Absent: start everything in a scratch database and vhost (managed). */
  external?: ExternalTargets;
  outDir: string;
}

const SCENARIOS: readonly ScenarioName[] = ['all-up', 'downstream-stopped'];

export const COMPARE_USAGE = `npm run compare -- [options]
  --rate <n>              orders per second, open loop (default 5)
  --duration <s>          seconds per run (default 20)
  --order-work-ms <ms>    simulated order work in both set-ups (default 500)
  --work-ms <ms>          simulated work per downstream step (default 300; managed mode only)
  --stop <service>        downstream stopped in the failure scenario (default ledger)
  --scenario <list>       all-up,downstream-stopped (managed default: both; external: all-up)
  --timeout-ms <ms>       client timeout per request (default 30000)
  --audit-timeout-ms <ms> wait for the queued pipeline to finish (default 120000)
  --seed <n>              order mix (default 7)
  --out <dir>             report folder (default reports/compare)
 against a running pipeline (HTTP_INGEST=true WORK_TIME_MS=300 ORDER_WORK_TIME_MS=500 npm start):
  --external              use the URLs below instead of starting services
  --order-url, --rider-url, --merchant-url, --ledger-url   (defaults :3000..:3003)
  --sync-url              a running sync baseline (default: this tool starts one)
  --rabbitmq-url          AMQP URL with the pipeline's vhost (default amqp://guest:guest@127.0.0.1:5672)`;

export function parseCompareArgs(argv: readonly string[]): CompareOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      rate: { type: 'string', default: '5' },
      duration: { type: 'string', default: '20' },
      'order-work-ms': { type: 'string', default: '500' },
      'work-ms': { type: 'string', default: '300' },
      stop: { type: 'string', default: 'ledger' },
      scenario: { type: 'string' },
      'timeout-ms': { type: 'string', default: '30000' },
      'audit-timeout-ms': { type: 'string', default: '120000' },
      seed: { type: 'string', default: '7' },
      out: { type: 'string', default: 'reports/compare' },
      external: { type: 'boolean', default: false },
      'order-url': { type: 'string', default: 'http://127.0.0.1:3000' },
      'rider-url': { type: 'string', default: 'http://127.0.0.1:3001' },
      'merchant-url': { type: 'string', default: 'http://127.0.0.1:3002' },
      'ledger-url': { type: 'string', default: 'http://127.0.0.1:3003' },
      'sync-url': { type: 'string' },
      'rabbitmq-url': { type: 'string', default: 'amqp://guest:guest@127.0.0.1:5672' },
    },
  });
  const stopped = values.stop;
  if (!(stopped in CONSUMER_QUEUES)) {
    throw new Error(`--stop must be one of ${Object.keys(CONSUMER_QUEUES).join(', ')}`);
  }
  const scenarios = (values.scenario ?? (values.external ? 'all-up' : SCENARIOS.join(',')))
    .split(',')
    .map((name) => {
      if (!SCENARIOS.includes(name as ScenarioName)) {
        throw new Error(`--scenario: unknown "${name}" (${SCENARIOS.join(', ')})`);
      }
      return name as ScenarioName;
    });
  return {
    settings: {
      ratePerS: positive(values.rate, 'rate'),
      durationS: positive(values.duration, 'duration'),
      orderWorkMs: nonNegative(values['order-work-ms'], 'order-work-ms'),
      downstreamWorkMs: nonNegative(values['work-ms'], 'work-ms'),
      stopped: stopped as Downstream,
      scenarios,
      timeoutMs: positive(values['timeout-ms'], 'timeout-ms'),
      auditTimeoutMs: positive(values['audit-timeout-ms'], 'audit-timeout-ms'),
      seed: nonNegative(values.seed, 'seed'),
    },
    external: values.external
      ? {
          orderUrl: values['order-url'],
          syncUrl: values['sync-url'],
          downstreamUrls: {
            'rider-assignment': values['rider-url'],
            'merchant-notify': values['merchant-url'],
            ledger: values['ledger-url'],
          },
          rabbitmqUrl: values['rabbitmq-url'],
        }
      : undefined,
    outDir: values.out,
  };
}

function nonNegative(raw: string, name: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name}: not a number ≥ 0: ${raw}`);
  return value;
}

function positive(raw: string, name: string): number {
  const value = nonNegative(raw, name);
  if (value === 0) throw new Error(`--${name} must be more than 0`);
  return value;
}
