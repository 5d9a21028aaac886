import type { ConsumerNames } from './consumer-names';

/**
 * The one-line, additive registrations a new consumer needs in files every
 * service shares. Each is a pure text edit anchored on a stable marker, and
 * fails loudly (rather than guessing) when the marker has moved or the
 * consumer is already there.
 */
export interface Registration {
  /** Path from the repository root. */
  file: string;
  apply(text: string, names: ConsumerNames): string;
}

/** Inserts `line` just before the first `closing` after `opening`. */
export function insertBefore(text: string, opening: string, closing: string, line: string): string {
  const start = text.indexOf(opening);
  if (start < 0) throw new Error(`marker not found: ${opening}`);
  const end = text.indexOf(closing, start + opening.length);
  if (end < 0) throw new Error(`closing marker not found after ${opening}: ${closing}`);
  return `${text.slice(0, end)}${line}\n${text.slice(end)}`;
}

/** Inserts `line` after the last line that starts with `prefix`. */
export function insertAfterLast(text: string, prefix: string, line: string): string {
  const lines = text.split('\n');
  const last = lines.map((l) => l.trimStart().startsWith(prefix)).lastIndexOf(true);
  if (last < 0) throw new Error(`no line starts with: ${prefix}`);
  lines.splice(last + 1, 0, line);
  return lines.join('\n');
}

function refuseTwice(text: string, needle: string, file: string): void {
  if (text.includes(needle)) throw new Error(`${file} already has ${needle}`);
}

const START_COLORS = ['blue', 'red', 'white', 'gray', 'cyanBright', 'greenBright'];

export const REGISTRATIONS: readonly Registration[] = [
  {
    file: 'libs/contracts/src/topology.ts',
    apply(text, { name, camel }) {
      refuseTwice(text, `consumerQueue('${name}',`, this.file);
      return insertBefore(
        text,
        'export const Queues = {',
        '} as const;',
        `  ${camel}: consumerQueue('${name}', 'orders'),`,
      );
    },
  },
  {
    file: 'libs/contracts/src/registry.ts',
    apply(text, { name, eventConst }) {
      refuseTwice(text, `${eventConst},`, this.file);
      const imported = insertAfterLast(
        text,
        'import ',
        `import { ${eventConst} } from './events/${name}-events.v1';`,
      );
      return insertBefore(imported, 'export const AllEvents', '];', `  ${eventConst},`);
    },
  },
  {
    file: 'libs/contracts/src/index.ts',
    apply(text, { name }) {
      const line = `export * from './events/${name}-events.v1';`;
      refuseTwice(text, line, this.file);
      return insertAfterLast(text, "export * from './events/", line);
    },
  },
  {
    file: 'libs/database/src/service-schemas.ts',
    apply(text, { name, schema }) {
      refuseTwice(text, `'${name}':`, this.file);
      return insertBefore(
        text,
        'export const SERVICE_SCHEMAS = {',
        '} as const;',
        `  '${name}': '${schema}',`,
      );
    },
  },
  {
    file: 'tools/supervisor/pipeline-apps.ts',
    apply(text, { name, port }) {
      refuseTwice(text, `name: '${name}'`, this.file);
      const count = (text.match(/prefixColor:/g) ?? []).length;
      const color = START_COLORS[count % START_COLORS.length] ?? 'blue';
      return insertBefore(
        text,
        'export const PIPELINE_APPS = [',
        '] as const;',
        `  { name: '${name}', port: ${port}, prefixColor: '${color}', consumer: true },`,
      );
    },
  },
  {
    // Its own broker user: the grant is derived from its code (tools/broker-footprint.ts)
    // once it is listed here, with the status events it may publish.
    file: 'tools/broker-services.ts',
    apply(text, { name, pascal, camel, eventConst }) {
      refuseTwice(text, `'${name}': {`, this.file);
      const imported = insertBefore(
        insertBefore(text, 'import {', '  type EventDefinition,', `  ${eventConst},`),
        '/* eslint-disable no-restricted-imports',
        '/* eslint-enable no-restricted-imports */',
        [
          `import { AppModule as ${pascal}App } from '../apps/${name}/src/app.module';`,
          `import { ${camel}EnvSchema } from '../apps/${name}/src/config';`,
        ].join('\n'),
      );
      return insertBefore(
        imported,
        'export const BROKER_SERVICES',
        '};',
        [
          `  '${name}': {`,
          `    module: () => ${pascal}App.forConfig(loadConfig(${camel}EnvSchema, {})),`,
          '    publishes: [Exchanges.orderStatus],',
          `    events: [${eventConst}],`,
          '  },',
        ].join('\n'),
      );
    },
  },
  {
    file: 'package.json',
    apply(text, { name }) {
      refuseTwice(text, `"start:${name}"`, this.file);
      return insertAfterLast(
        text,
        '"start:',
        `    "start:${name}": "npm run build --silent && node dist/apps/${name}/src/main.js",`,
      );
    },
  },
];
