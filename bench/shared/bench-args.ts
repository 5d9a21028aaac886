import { parseArgs } from 'node:util';

/**
 * `--name value` flags of a bench script, all strings, with defaults (unknown
 * flags fail). `positional` names the flags that bare arguments stand for, in
 * order, so an older command line (`-- 32 10`) keeps working.
 */
export function benchArgs<const TNames extends string>(
  argv: readonly string[],
  defaults: Record<TNames, string>,
  positional: readonly NoInfer<TNames>[] = [],
): Record<TNames, string> {
  const options = Object.fromEntries(
    Object.entries(defaults).map(([name, value]) => [name, { type: 'string', default: value }]),
  ) as Record<string, { type: 'string'; default: string }>;
  const { values, positionals } = parseArgs({
    args: [...argv],
    options,
    strict: true,
    allowPositionals: positional.length > 0,
  });
  const result = { ...values } as Record<TNames, string>;
  positionals.forEach((value, i) => {
    const name = positional[i];
    if (name === undefined) throw new Error(`unexpected argument "${value}"`);
    result[name] = value;
  });
  return result;
}

/** A comma-separated list of positive integers ("8,32,64"). */
export function intList(raw: string, name: string): number[] {
  const list = raw.split(',').map(Number);
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new Error(`--${name}: expected positive integers separated by commas, got "${raw}"`);
  }
  return list;
}

/** Takes a bare `--name` switch out of argv (benchArgs' flags all carry a value). */
export function takeSwitch(argv: readonly string[], name: string): { on: boolean; rest: string[] } {
  const flag = `--${name}`;
  return { on: argv.includes(flag), rest: argv.filter((arg) => arg !== flag) };
}
