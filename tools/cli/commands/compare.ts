import { Option, type Command } from '@commander-js/extra-typings';
import {
  COMPARE_DEFAULTS as D,
  COMPARE_SCENARIOS,
  compareOptionsFrom,
  DOWNSTREAMS,
} from '../../../bench/compare/compare-options';
import { listOf, nonNegative, positive, urlOf, wholeNumber } from '../option-values';

const http = urlOf('http', 'https');

/** `dinner-rush compare`: see bench/compare and docs/load-testing.md. */
export function addCompareCommand(program: Command): void {
  program
    .command('compare')
    .summary('synchronous chain vs queued pipeline, same load')
    .description(
      'the synchronous chain against the queued pipeline, same work times, same load (figures, not a test)',
    )
    .addOption(new Option('--rate <n>', 'orders/s, open loop').argParser(positive).default(D.rate))
    .addOption(
      new Option('--duration <s>', 'seconds per run').argParser(positive).default(D.duration),
    )
    .addOption(
      new Option('--order-work-ms <ms>', 'simulated order work in both set-ups')
        .argParser(nonNegative)
        .default(D.orderWorkMs),
    )
    .addOption(
      new Option('--work-ms <ms>', 'simulated work per downstream step (managed mode only)')
        .argParser(nonNegative)
        .default(D.workMs),
    )
    .addOption(
      new Option('--stop <service>', 'downstream stopped in the failure scenario')
        .choices(DOWNSTREAMS)
        .default(D.stop),
    )
    .addOption(
      new Option(
        '--scenario <list>',
        'comma-separated (default: both managed, all-up external)',
      ).argParser(listOf(COMPARE_SCENARIOS)),
    )
    .addOption(
      new Option('--timeout-ms <ms>', 'client timeout per request')
        .argParser(positive)
        .default(D.timeoutMs),
    )
    .addOption(
      new Option('--audit-timeout-ms <ms>', 'wait for the queued pipeline to finish')
        .argParser(positive)
        .default(D.auditTimeoutMs),
    )
    .addOption(new Option('--seed <n>', 'order mix').argParser(wholeNumber()).default(D.seed))
    .addOption(new Option('--out <dir>', 'report folder').default(D.out))
    .optionsGroup(
      'Against a running pipeline (HTTP_INGEST=true WORK_TIME_MS=300 ORDER_WORK_TIME_MS=500 npm start):',
    )
    .addOption(new Option('--external', 'use the URLs below instead of starting services'))
    .addOption(new Option('--order-url <url>').argParser(http).default(D.orderUrl))
    .addOption(new Option('--rider-url <url>').argParser(http).default(D.riderUrl))
    .addOption(new Option('--merchant-url <url>').argParser(http).default(D.merchantUrl))
    .addOption(new Option('--ledger-url <url>').argParser(http).default(D.ledgerUrl))
    .addOption(
      new Option(
        '--sync-url <url>',
        'a running sync baseline (default: this tool starts one)',
      ).argParser(http),
    )
    .addOption(
      new Option('--rabbitmq-url <url>', "AMQP URL with the pipeline's vhost")
        .argParser(urlOf('amqp', 'amqps'))
        .default(D.rabbitmqUrl),
    )
    .action(async (flags) => {
      const { runCompareCommand } = await import('../../../bench/compare/compare-command');
      process.exitCode = await runCompareCommand(compareOptionsFrom(flags));
    });
}
