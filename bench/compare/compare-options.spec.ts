import { COMPARE_DEFAULTS, compareOptionsFrom } from './compare-options';

const flags = { ...COMPARE_DEFAULTS };

describe('compareOptionsFrom', () => {
  it('defaults to the issue’s experiment, managed, both scenarios', () => {
    const options = compareOptionsFrom(flags);
    expect(options.external).toBeUndefined();
    expect(options.settings).toMatchObject({
      orderWorkMs: 500,
      downstreamWorkMs: 300,
      stopped: 'ledger',
      scenarios: ['all-up', 'downstream-stopped'],
    });
  });

  it('targets a running pipeline with --external (all services up unless told otherwise)', () => {
    const options = compareOptionsFrom({
      ...flags,
      external: true,
      ledgerUrl: 'http://127.0.0.1:4003',
    });
    expect(options.settings.scenarios).toEqual(['all-up']);
    expect(options.external?.downstreamUrls.ledger).toBe('http://127.0.0.1:4003');
    expect(options.external?.orderUrl).toBe('http://127.0.0.1:3000');
    expect(
      compareOptionsFrom({ ...flags, external: true, scenario: ['downstream-stopped'] }).settings
        .scenarios,
    ).toEqual(['downstream-stopped']);
  });
});
