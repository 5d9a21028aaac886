import { startHeartbeat } from './heartbeat';

describe('startHeartbeat (stdout not a terminal)', () => {
  const tty = process.stdout.isTTY;
  let now = 0;
  let lines: string[];
  let stderrWrite: jest.SpyInstance;

  beforeEach(() => {
    jest.useFakeTimers();
    now = 0;
    lines = [];
    process.stdout.isTTY = false;
    stderrWrite = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    stderrWrite.mockRestore();
    process.stdout.isTTY = tty;
    jest.useRealTimers();
  });

  const tick = (ms: number) => {
    for (let t = 0; t < ms; t += 1_000) {
      now += 1_000;
      jest.advanceTimersByTime(1_000);
    }
  };

  it('says the command is still working after 5 quiet seconds, then every 5 s', () => {
    const stop = startHeartbeat('compare', () => now);
    tick(4_000);
    expect(lines).toEqual([]);
    tick(1_000);
    expect(lines).toEqual(['[dinner-rush compare] still working (5 s)\n']);
    tick(5_000);
    expect(lines).toHaveLength(2);
    stop();
    tick(20_000);
    expect(lines).toHaveLength(2);
  });

  it('stays quiet while the command writes its own lines', () => {
    const stop = startHeartbeat('load', () => now);
    for (let i = 0; i < 6; i++) {
      tick(3_000);
      process.stderr.write('12s spike | sent 120 ok 118\n');
    }
    stop();
    expect(lines.filter((line) => line.includes('still working'))).toEqual([]);
  });
});
