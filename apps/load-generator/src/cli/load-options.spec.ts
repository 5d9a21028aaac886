import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLoadOptions } from './load-options';

const parse = (...argv: string[]) => parseLoadOptions(argv, {}, new Date('2026-01-02T03:04:05Z'));

describe('parseLoadOptions', () => {
  it('defaults to an open-loop spike against npm start (ports 3000..3003, vhost /)', () => {
    const options = parse();
    expect(options.profile.name).toBe('spike');
    expect(options.profile.phases.map((p) => [p.name, p.fromRate, p.durationS])).toEqual([
      ['baseline', 10, 10],
      ['burst', 100, 10],
      ['after-burst', 10, 20],
    ]);
    expect(options.profile.burstPhases).toEqual(['burst']);
    expect(options.closedLoop).toBe(false);
    expect(options.urls.ledger).toBe('http://127.0.0.1:3003');
    expect(options.rabbitmq.vhost).toBe('/');
    expect(options.outDir).toBe(join('reports', 'load', '2026-01-02T03-04-05-000Z'));
  });

  it('spike: baseline, N× for T seconds, baseline', () => {
    const { profile } = parse(
      '--profile',
      'spike',
      '--rate',
      '5',
      '--multiplier',
      '20',
      '--burst',
      '30',
    );
    expect(profile.phases[1]).toMatchObject({ fromRate: 100, toRate: 100, durationS: 30 });
  });

  it('steady and ramp', () => {
    expect(parse('--profile', 'steady', '--rate', '7', '--duration', '3').profile.phases).toEqual([
      { name: 'steady', durationS: 3, fromRate: 7, toRate: 7 },
    ]);
    const ramp = parse('--profile', 'ramp', '--p99-bound', '100').profile;
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
    const { profile } = parse('--profile', file);
    expect(profile).toEqual({
      name: 'lunch',
      phases: [
        { name: 'phase-1', durationS: 5, fromRate: 2, toRate: 2 },
        { name: 'rush', durationS: 10, fromRate: 2, toRate: 40 },
      ],
      burstPhases: ['rush'],
    });
  });

  it('flags win over the environment, which wins over the defaults', () => {
    const options = parseLoadOptions(['--order-url', 'http://a:1'], {
      ORDER_URL: 'http://env:2',
      LEDGER_URL: 'http://env:4',
      RABBITMQ_VHOST: 'v',
    });
    expect(options.urls.orderService).toBe('http://a:1');
    expect(options.urls.ledger).toBe('http://env:4');
    expect(options.rabbitmq.vhost).toBe('v');
  });

  it('refuses what it cannot use, naming the flag', () => {
    expect(() => parse('--rate', 'fast')).toThrow('--rate');
    expect(() => parse('--invalid', '2')).toThrow('--invalid');
    expect(() => parse('--profile', 'tsunami')).toThrow('unknown profile');
    expect(() => parse('--bogus')).toThrow();
  });
});
