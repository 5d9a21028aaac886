import { Option, type Command } from '@commander-js/extra-typings';
import { instant, listOf, urlOf } from '../option-values';
import { asUsage } from '../usage';

/** `dinner-rush replay <service | queue>`: see tools/replay.ts and tools/new-consumer/README.md. */
export function addReplayCommand(program: Command): void {
  program
    .command('replay')
    .summary("send archived order events to a late consumer's queue")
    .description(
      "send order-service's archived order events to one consumer's queue, so a consumer started late begins with history (its inbox drops duplicates)",
    )
    .argument(
      '<target>',
      'a consumer, e.g. customer-notify (its queue <service>.orders), or a queue name',
    )
    .addOption(new Option('--since <time>', 'only events from this instant on').argParser(instant))
    .addOption(
      new Option(
        '--types <list>',
        'only these event types, e.g. order.created.v1,order.cancelled.v1',
      ).argParser(listOf()),
    )
    .addOption(
      new Option('--order-service-url <url>')
        .env('ORDER_SERVICE_URL')
        .argParser(urlOf('http', 'https'))
        .default('http://127.0.0.1:3000'),
    )
    .action(async (target, flags, command) => {
      const { replayHistory, replayQueueFor } = await import('../../replay');
      const queue = asUsage(command, () => replayQueueFor(target));
      const replayed = await replayHistory(flags.orderServiceUrl, { queue, ...flags });
      console.log(`replayed ${replayed} order event(s) to ${queue}`);
    });
}
