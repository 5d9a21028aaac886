/* eslint-disable no-restricted-imports -- the load generator is a tool that lives in apps/ (STYLE.md: "apps/ holds tools"); the CLI parses its options and dispatches to it */
import { InvalidArgumentError, Option, type Command } from '@commander-js/extra-typings';
import {
  BUILT_IN_PROFILES,
  LOAD_DEFAULTS as D,
  loadOptionsFrom,
} from '../../../apps/load-generator/src/cli/load-options';
/* eslint-enable no-restricted-imports */
import { nonNegative, positive, share, urlOf, wholeNumber } from '../option-values';
import { asUsage } from '../usage';

function profileName(raw: string): string {
  if ((BUILT_IN_PROFILES as readonly string[]).includes(raw) || raw.endsWith('.json')) return raw;
  throw new InvalidArgumentError(`expected ${BUILT_IN_PROFILES.join(', ')} or a .json file.`);
}

const http = urlOf('http', 'https');

/** `dinner-rush load`: see apps/load-generator and docs/load-testing.md. */
export function addLoadCommand(program: Command): void {
  program
    .command('load')
    .summary('fire a load profile at the pipeline, audit it, write a report')
    .description(
      'fire orders at a running pipeline along a profile, wait for it to drain, audit every order, write JSON and HTML reports',
    )
    .optionsGroup('Profile:')
    .addOption(
      new Option('--profile <name>', 'steady, spike, ramp or a profile file (.json)')
        .argParser(profileName)
        .default(D.profile),
    )
    .addOption(new Option('--rate <n>', 'baseline orders/s').argParser(nonNegative).default(D.rate))
    .addOption(
      new Option('--duration <s>', 'steady: seconds').argParser(positive).default(D.duration),
    )
    .addOption(
      new Option('--multiplier <x>', 'spike: burst rate = rate × x')
        .argParser(nonNegative)
        .default(D.multiplier),
    )
    .addOption(
      new Option('--warmup <s>', 'spike: seconds at the baseline first')
        .argParser(nonNegative)
        .default(D.warmup),
    )
    .addOption(
      new Option('--burst <s>', 'spike: seconds of burst').argParser(nonNegative).default(D.burst),
    )
    .addOption(
      new Option('--cooldown <s>', 'spike: seconds at the baseline after the burst')
        .argParser(nonNegative)
        .default(D.cooldown),
    )
    .addOption(
      new Option('--ramp-step <n>', 'ramp: orders/s more per step')
        .argParser(positive)
        .default(D.rampStep),
    )
    .addOption(
      new Option('--ramp-step-s <s>', 'ramp: seconds per step')
        .argParser(positive)
        .default(D.rampStepS),
    )
    .addOption(
      new Option('--max-rate <n>', 'ramp: stop at this rate')
        .argParser(positive)
        .default(D.maxRate),
    )
    .addOption(
      new Option('--p99-bound <ms>', 'ramp: stop at the first step whose p99 is past this')
        .argParser(positive)
        .default(D.p99Bound),
    )
    .addOption(
      new Option('--error-bound <share>', 'ramp: stop at the first step with more errors than this')
        .argParser(share)
        .default(D.errorBound),
    )
    .optionsGroup('Arrivals (open loop: latency timed from when each request was due):')
    .addOption(
      new Option('--closed-loop', 'each connection sends back to back instead (rates ignored)'),
    )
    .addOption(
      new Option('--connections <n>', 'HTTP connections in the pool')
        .argParser(wholeNumber(1))
        .default(D.connections),
    )
    .optionsGroup('Orders:')
    .addOption(
      new Option('--idempotency <share>', 'sent with an Idempotency-Key')
        .argParser(share)
        .default(D.idempotency),
    )
    .addOption(
      new Option('--retry-duplicates <share>', 'keyed orders sent again (must get the same order)')
        .argParser(share)
        .default(D.retryDuplicates),
    )
    .addOption(
      new Option('--invalid <share>', 'with an unknown menu item (must be refused, never written)')
        .argParser(share)
        .default(D.invalid),
    )
    .addOption(new Option('--seed <n>', 'order mix').argParser(wholeNumber()).default(D.seed))
    .optionsGroup('Pipeline (each flag, else its environment variable, else npm start’s):')
    .addOption(
      new Option('--order-url <url>', 'order-service (ORDER_URL, http://127.0.0.1:3000)').argParser(
        http,
      ),
    )
    .addOption(
      new Option('--rider-url <url>', 'rider-assignment (RIDER_URL, :3001)').argParser(http),
    )
    .addOption(
      new Option('--merchant-url <url>', 'merchant-notify (MERCHANT_URL, :3002)').argParser(http),
    )
    .addOption(new Option('--ledger-url <url>', 'ledger (LEDGER_URL, :3003)').argParser(http))
    .addOption(
      new Option(
        '--rabbitmq-url <url>',
        'queue depth over AMQP, any RabbitMQ (RABBITMQ_URL, amqp://guest:guest@127.0.0.1:5672)',
      ),
    )
    .addOption(
      new Option(
        '--rabbitmq-management-url <url>',
        'rates too, when it answers (RABBITMQ_MANAGEMENT_URL, http://guest:guest@127.0.0.1:15672)',
      ).argParser(http),
    )
    .addOption(new Option('--vhost <name>', 'RabbitMQ vhost (RABBITMQ_VHOST, /)'))
    .optionsGroup('After the run:')
    .addOption(
      new Option('--drain-timeout <s>', 'wait this long for queues to empty and orders to complete')
        .argParser(positive)
        .default(D.drainTimeout),
    )
    .addOption(
      new Option('--shared', 'others write to this pipeline too: skip the exact ledger check'),
    )
    .addOption(new Option('--out <dir>', 'report folder (default reports/load/<timestamp>)'))
    .addOption(
      new Option('--sample-ms <ms>', 'how often to sample queues and services')
        .argParser(wholeNumber(100))
        .default(D.sampleMs),
    )
    .addOption(new Option('--no-progress', 'no status line (terminal) or heartbeat (log)'))
    .addHelpText(
      'after',
      `
A profile file: {"phases":[{"durationS":10,"rate":5},{"name":"rush","durationS":20,"fromRate":5,"toRate":80}],"burst":["rush"]}
Exit code: 0 every accepted order went through exactly once; 1 anything lost, applied twice or not OK; 2 bad arguments.`,
    )
    .action(async (flags, command) => {
      // Only the profile can fail here (a file that is missing or not a profile).
      const options = asUsage(command, () => loadOptionsFrom(flags, process.env), '--profile');
      const { runLoadCommand } = await import('../../../apps/load-generator/src/load-command');
      process.exitCode = await runLoadCommand(options);
    });
}
