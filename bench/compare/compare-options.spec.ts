import { parseCompareArgs } from './compare-options';

describe('parseCompareArgs', () => {
  it('defaults to the issue’s experiment, managed, both scenarios', () => {
    const options = parseCompareArgs([]);
    expect(options.external).toBeUndefined();
    expect(options.settings).toMatchObject({
      orderWorkMs: 500,
      downstreamWorkMs: 300,
      stopped: 'ledger',
      scenarios: ['all-up', 'downstream-stopped'],
    });
  });

  it('targets a running pipeline with --external (all services up unless told otherwise)', () => {
    const options = parseCompareArgs(['--external', '--ledger-url', 'http://127.0.0.1:4003']);
    expect(options.settings.scenarios).toEqual(['all-up']);
    expect(options.external?.downstreamUrls.ledger).toBe('http://127.0.0.1:4003');
    expect(options.external?.orderUrl).toBe('http://127.0.0.1:3000');
  });

  it('rejects what it cannot run', () => {
    expect(() => parseCompareArgs(['--stop', 'kitchen'])).toThrow(/--stop/);
    expect(() => parseCompareArgs(['--rate', '0'])).toThrow(/--rate/);
    expect(() => parseCompareArgs(['--scenario', 'all-up,chaos'])).toThrow(/chaos/);
  });
});
