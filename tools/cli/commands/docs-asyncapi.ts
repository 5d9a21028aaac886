import { Option, type Command } from '@commander-js/extra-typings';

/** `dinner-rush docs:asyncapi`: see tools/asyncapi.ts. */
export function addDocsAsyncApiCommand(program: Command): void {
  program
    .command('docs:asyncapi')
    .summary('write docs/asyncapi.json from libs/contracts')
    .description('write docs/asyncapi.json (AsyncAPI 3.0) from libs/contracts')
    .addOption(new Option('--check', 'write nothing; exit 1 when the committed file is stale'))
    .action(async (flags) => {
      const { asyncApiIsCurrent, writeAsyncApi } = await import('../../asyncapi');
      if (!flags.check) return writeAsyncApi();
      if (asyncApiIsCurrent()) return;
      console.error('docs/asyncapi.json is stale: run `npm run docs:asyncapi`');
      process.exitCode = 1;
    });
}
