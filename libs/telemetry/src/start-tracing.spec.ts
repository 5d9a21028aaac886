import { defaultServiceName, startTracing } from './start-tracing';

describe('startTracing', () => {
  it('starts nothing without an OTLP endpoint', () => {
    expect(startTracing({})).toBeUndefined();
  });

  it('starts nothing when OTEL_SDK_DISABLED is true, endpoint or not', () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'TRUE' };
    expect(startTracing(env)).toBeUndefined();
    expect(env).not.toHaveProperty('OTEL_SERVICE_NAME');
  });
});

describe('defaultServiceName', () => {
  it("is the app folder of a service's entry point", () => {
    expect(defaultServiceName('/srv/dinner-rush/dist/apps/ledger/src/main.js')).toBe('ledger');
  });

  it("is the script's name for anything else", () => {
    expect(defaultServiceName('/srv/dinner-rush/dist/tools/cli/main.js')).toBe('main');
  });
});
