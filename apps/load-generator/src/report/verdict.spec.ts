import { verdictOf } from './verdict';

describe('verdict', () => {
  const settings = { drainTimeoutS: 120 } as Parameters<typeof verdictOf>[0]['settings'];

  it('is OK only for a run that drained and passed the audit', () => {
    expect(verdictOf({ ok: true, drained: true, settings })).toBe('OK');
    expect(verdictOf({ ok: false, drained: true, settings })).toBe('FAILED');
  });

  it('a run that has not drained says so, and is never OK', () => {
    expect(verdictOf({ ok: false, drained: false, settings })).toBe(
      'FAILED: queues not drained within 120 s',
    );
  });
});
