import { CommanderError } from '@commander-js/extra-typings';
import { buildProgram, commandPath } from './program';
import { EXIT } from './usage';

/**
 * The built CLI's entry: `node dist/tools/cli/main.js <command> …` (compose
 * and tests run it so; people run tools/cli/bin.mjs, which builds first when
 * the sources changed). Exit codes: 0 done, 1 the tool failed or found a
 * problem, 2 the command line was wrong (commander has already said why).
 */
async function main(argv: readonly string[]): Promise<number> {
  let running = 'dinner-rush';
  const program = buildProgram().hook('preAction', (_program, action) => {
    running = commandPath(action);
  });
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const { failureMessage } = await import('./failure-message');
    console.error(failureMessage(running, error));
    return EXIT.failed;
  }
}

void main(process.argv).then((code) => process.exit(code));
