import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOAD_DEFAULTS, loadOptionsFrom, type LoadFlags } from './load-options';

const options = (flags: Partial<LoadFlags> = {}, env: NodeJS.ProcessEnv = {}) =>
  loadOptionsFrom(
    { ...LOAD_DEFAULTS, progress: true, ...flags },
    env,
    new Date('2026-01-02T03:04:05Z'),
  );

describe('loadOptionsFrom (the command line is parsed and checked by tools/cli)', () => {
  it('defaults to an open-loop 30× spike against npm start (ports 3000..3003, vhost /)', () => {
    const defaults = options();
    expect(defaults.profile.name).toBe('spike');
    expect(defaults.profile.phases.map((p) => [p.name, p.fromRate, p.durationS])).toEqual([
      ['baseline', 10, 10],
      ['burst', 300, 10],
      ['after-burst', 10, 20],
    ]);
    expect(defaults.profile.burstPhases).toEqual(['burst']);
    expect(defaults.closedLoop).toBe(false);
    expect(defaults.urls.ledger).toBe('http://127.0.0.1:3003');
    expect(defaults.rabbitmq.vhost).toBe('/');
    expect(defaults.drainTimeoutS).toBe(120);
    expect(defaults.outDir).toBe(join('reports', 'load', '2026-01-02T03-04-05-000Z'));
  });

  it('spike: baseline, N× for T seconds, baseline', () => {
    const { profile } = options({ profile: 'spike', rate: 5, multiplier: 20, burst: 30 });
    expect(profile.phases[1]).toMatchObject({ fromRate: 100, toRate: 100, durationS: 30 });
  });

  it('steady and ramp', () => {
    expect(options({ profile: 'steady', rate: 7, duration: 3 }).profile.phases).toEqual([
      { name: 'steady', durationS: 3, fromRate: 7, toRate: 7 },
    ]);
    const ramp = options({ profile: 'ramp', p99Bound: 100 }).profile;
    expect(ramp.ramp).toMatchObject({ p99Ms: 100, stepRate: 10, errorRate: 0.01 });
  });

  it('reads a profile file of constant and linear phases, with its burst', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dr-profile-')), 'lunch.json');
    writeFileSync(
      file,
      JSON.stringify({
        phases: [
          { durationS: 5, rate: 2 },
          { name: 'rush', durationS: 10, fromRate: 2, toRate: 40 },
        ],
        burst: ['rush'],
      }),
    );
    expect(options({ profile: file }).profile).toEqual({
      name: 'lunch',
      phases: [
        { name: 'phase-1', durationS: 5, fromRate: 2, toRate: 2 },
        { name: 'rush', durationS: 10, fromRate: 2, toRate: 40 },
      ],
      burstPhases: ['rush'],
    });
  });

  it('flags win over the environment, which wins over the defaults', () => {
    const chosen = options(
      { orderUrl: 'http://a:1' },
      {
        ORDER_URL: 'http://env:2',
        LEDGER_URL: 'http://env:4',
        RABBITMQ_VHOST: 'v',
        RABBITMQ_URL: 'amqp://u:p@env:5672',
      },
    );
    expect(chosen.urls.orderService).toBe('http://a:1');
    expect(chosen.urls.ledger).toBe('http://env:4');
    expect(chosen.rabbitmq).toEqual({
      url: 'amqp://u:p@env:5672',
      managementUrl: 'http://guest:guest@127.0.0.1:15672',
      vhost: 'v',
    });
  });

  it('refuses a profile it does not know', () => {
    expect(() => options({ profile: 'tsunami' })).toThrow('unknown profile');
  });
});
