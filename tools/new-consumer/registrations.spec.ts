import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consumerNames } from './consumer-names';
import { REGISTRATIONS, insertAfterLast, insertBefore } from './registrations';

const names = consumerNames('loyalty-points', 3005);
const edit = (file: string, text: string): string => {
  const registration = REGISTRATIONS.find((r) => r.file === file);
  if (!registration) throw new Error(`no registration for ${file}`);
  return registration.apply(text, names);
};

describe('registrations of a new consumer in shared files', () => {
  it('adds its queue as the last entry of Queues, nowhere else', () => {
    const topology = [
      "export const Exchanges = { orders: 'orders' } as const;",
      'export const Queues = {',
      "  ledger: consumerQueue('ledger', 'orders'),",
      '} as const;',
      'export const Other = {} as const;',
    ].join('\n');
    expect(edit('libs/contracts/src/topology.ts', topology)).toBe(
      [
        "export const Exchanges = { orders: 'orders' } as const;",
        'export const Queues = {',
        "  ledger: consumerQueue('ledger', 'orders'),",
        "  loyaltyPoints: consumerQueue('loyalty-points', 'orders'),",
        '} as const;',
        'export const Other = {} as const;',
      ].join('\n'),
    );
  });

  it('imports and registers its status event', () => {
    const registry = [
      "import type { EventDefinition } from './event-definition';",
      "import { LedgerRecordedV1 } from './events/ledger-events.v1';",
      '',
      'export const AllEvents: readonly EventDefinition[] = [',
      '  LedgerRecordedV1,',
      '];',
    ].join('\n');
    const edited = edit('libs/contracts/src/registry.ts', registry);
    expect(edited).toContain(
      "import { LoyaltyPointsProcessedV1 } from './events/loyalty-points-events.v1';\n\nexport",
    );
    expect(edited).toMatch(/ {2}LedgerRecordedV1,\n {2}LoyaltyPointsProcessedV1,\n\];$/);
  });

  it('adds its start script after the other start scripts', () => {
    const pkg =
      '{\n  "scripts": {\n    "start": "x",\n    "start:ledger": "y",\n    "test": "z"\n  }\n}';
    expect(edit('package.json', pkg)).toContain(
      '"start:ledger": "y",\n    "start:loyalty-points": "npm run build --silent && node dist/apps/loyalty-points/src/main.js",\n    "test"',
    );
  });

  it('maps the service to its schema and starts it with npm start', () => {
    const services = "export const SERVICE_SCHEMAS = {\n  ledger: 'ledger',\n} as const;";
    expect(edit('libs/database/src/service-schemas.ts', services)).toContain(
      "  'loyalty-points': 'loyalty_points',\n}",
    );
    const apps =
      "export const PIPELINE_APPS = [\n  { name: 'ledger', port: 3003, prefixColor: 'yellow', consumer: true },\n] as const;";
    expect(edit('tools/supervisor/pipeline-apps.ts', apps)).toMatch(
      /\{ name: 'loyalty-points', port: \d+, prefixColor: '\w+', consumer: true \},\n\] as const;/,
    );
  });

  it('gives it a broker user of its own: its app, its status event, nothing else', () => {
    const services = [
      "import type { DynamicModule } from '@nestjs/common';",
      'import {',
      '  Exchanges,',
      '  LedgerRecordedV1,',
      '  type EventDefinition,',
      "} from '@dinner-rush/contracts';",
      '/* eslint-disable no-restricted-imports -- tooling reads each app */',
      "import { AppModule as LedgerApp } from '../apps/ledger/src/app.module';",
      '/* eslint-enable no-restricted-imports */',
      '',
      'export const BROKER_SERVICES: Record<string, BrokerService> = {',
      '  ledger: {',
      '    module: () => LedgerApp.forConfig(loadConfig(ledgerEnvSchema, {})),',
      '    publishes: [Exchanges.orderStatus],',
      '    events: [LedgerRecordedV1],',
      '  },',
      '};',
    ].join('\n');
    const edited = edit('tools/broker-services.ts', services);
    expect(edited).toContain('  LoyaltyPointsProcessedV1,\n  type EventDefinition,\n');
    expect(edited).toContain(
      [
        "import { AppModule as LoyaltyPointsApp } from '../apps/loyalty-points/src/app.module';",
        "import { loyaltyPointsEnvSchema } from '../apps/loyalty-points/src/config';",
        '/* eslint-enable no-restricted-imports */',
      ].join('\n'),
    );
    // The last entry of BROKER_SERVICES, after the others.
    expect(
      edited.endsWith(
        [
          '  },',
          "  'loyalty-points': {",
          '    module: () => LoyaltyPointsApp.forConfig(loadConfig(loyaltyPointsEnvSchema, {})),',
          '    publishes: [Exchanges.orderStatus],',
          '    events: [LoyaltyPointsProcessedV1],',
          '  },',
          '};',
        ].join('\n'),
      ),
    ).toBe(true);
    expect(() => edit('tools/broker-services.ts', edited)).toThrow(/already has/);
  });

  it('registers it in the real broker service list (the markers are where the edit expects them)', () => {
    const real = readFileSync(join(__dirname, '../broker-services.ts'), 'utf8');
    expect(edit('tools/broker-services.ts', real)).toContain("'loyalty-points': {");
  });

  it('refuses to register the same consumer twice', () => {
    const services = "export const SERVICE_SCHEMAS = {\n  'loyalty-points': 'x',\n} as const;";
    expect(() => edit('libs/database/src/service-schemas.ts', services)).toThrow(/already has/);
  });

  it('fails loudly when a marker has moved', () => {
    expect(() => insertBefore('nothing here', 'export const Queues = {', '}', 'x')).toThrow(
      /marker not found/,
    );
    expect(() => insertAfterLast('a\nb', 'export * from', 'x')).toThrow(/no line starts with/);
  });
});
