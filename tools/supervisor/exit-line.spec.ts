import { describeExit, exitOutcome, isCleanStop } from './exit-line';

describe('exit line', () => {
  const facts = { service: 'ledger', stopping: false, failures: 1, tries: 8 };

  it('names the signal, whether node reports it or a shell does (128 + n)', () => {
    expect(describeExit('SIGKILL')).toBe('signal SIGKILL');
    expect(describeExit(137)).toBe('code 137, SIGKILL');
    expect(describeExit(1)).toBe('code 1');
  });

  it('says which service died, how, and when it comes back, in one line', () => {
    const outcome = exitOutcome({ ...facts, exitCode: 'SIGKILL' });
    expect(outcome).toEqual({
      line: 'ledger exited (signal SIGKILL): restart 1 of 8 in 1 s, the other services keep running',
      restarts: true,
      unclean: false,
    });
    expect(outcome.line).not.toContain('\n');
    expect(exitOutcome({ ...facts, exitCode: 1, failures: 4 }).line).toContain(
      'restart 4 of 8 in 8 s',
    );
  });

  it('gives up after the last try and counts it against start-all', () => {
    expect(exitOutcome({ ...facts, exitCode: 1, failures: 9 })).toEqual({
      line: 'ledger exited (code 1) after 8 restarts: left stopped, the other services keep running',
      restarts: false,
      unclean: true,
    });
  });

  it('while stopping: the stop signal is a clean stop, anything else is not, and nothing restarts', () => {
    for (const code of ['SIGINT', 'SIGTERM', 130, 143, 0]) {
      expect(isCleanStop(code)).toBe(true);
      expect(exitOutcome({ ...facts, exitCode: code, stopping: true })).toMatchObject({
        restarts: false,
        unclean: false,
      });
    }
    expect(exitOutcome({ ...facts, exitCode: 1, stopping: true })).toEqual({
      line: 'ledger exited (code 1) while stopping',
      restarts: false,
      unclean: true,
    });
    expect(isCleanStop('SIGKILL')).toBe(false);
  });

  it('does not restart a service that exits 0 on its own (concurrently restarts failures only)', () => {
    expect(exitOutcome({ ...facts, exitCode: 0, failures: 0 })).toMatchObject({ restarts: false });
  });
});
