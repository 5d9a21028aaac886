import { consumingVerdict, RecoveryClock, type ConsumingVerdict } from './connection-recovery';

const timings = {
  graceMs: 3_000,
  reconnectEveryMs: 5_000,
  deadlineMs: 20_000,
  subscribingMs: 10_000,
};
const subscribing: ConsumingVerdict = { consuming: false, subscribing: true, reason: 'waiting' };
const stuck: ConsumingVerdict = { consuming: false, reason: 'consumer channel closed' };
const down: ConsumingVerdict = { consuming: false, disconnected: true, reason: 'down' };
const fine: ConsumingVerdict = { consuming: true };

/** Feeds one verdict per second from t=0 and returns the actions taken. */
function run(clock: RecoveryClock, verdicts: ConsumingVerdict[]): string[] {
  return verdicts.map((verdict, second) => clock.next(verdict, second * 1_000));
}

describe('consumingVerdict', () => {
  const state = {
    connected: true,
    channelOpen: true,
    publishingChannelOpen: true,
    liveConsumers: 2,
    expectedConsumers: 2,
  };

  it('is consuming when every expected consumer is live', () => {
    expect(consumingVerdict(state).consuming).toBe(true);
  });

  it('is not consuming when the server closed the channel or cancelled a consumer', () => {
    expect(consumingVerdict({ ...state, channelOpen: false })).toMatchObject({ consuming: false });
    expect(consumingVerdict({ ...state, liveConsumers: 1 })).toEqual({
      consuming: false,
      reason: '1 of 2 consumers live',
    });
  });

  it('is not ready when the server closed the publishing channel, even in a service that consumes nothing', () => {
    expect(
      consumingVerdict({ ...state, publishingChannelOpen: false, expectedConsumers: 0 }),
    ).toEqual({ consuming: false, reason: 'publishing channel closed' });
  });

  it('reports a lost connection as disconnected (the connection manager retries that itself)', () => {
    expect(consumingVerdict({ ...state, connected: false })).toMatchObject({ disconnected: true });
  });

  it('tells a subscription the broker has not answered yet from one it cancelled', () => {
    expect(consumingVerdict({ ...state, liveConsumers: 1, subscribing: true })).toMatchObject({
      consuming: false,
      subscribing: true,
    });
    expect(consumingVerdict({ ...state, subscribing: true }).consuming).toBe(true);
  });

  it('is consuming with nothing to consume (every queue paused)', () => {
    expect(consumingVerdict({ ...state, liveConsumers: 0, expectedConsumers: 0 }).consuming).toBe(
      true,
    );
  });
});

describe('RecoveryClock', () => {
  it('forces a reconnect after the grace, then at most once per interval', () => {
    const actions = run(new RecoveryClock(timings), Array<ConsumingVerdict>(12).fill(stuck));
    expect(actions.map((a, s) => (a === 'reconnect' ? s : -1)).filter((s) => s >= 0)).toEqual([
      3, 8,
    ]);
  });

  it('exits once connected-but-not-consuming outlasts the deadline', () => {
    const actions = run(new RecoveryClock(timings), Array<ConsumingVerdict>(23).fill(stuck));
    expect(actions.indexOf('exit')).toBe(21);
  });

  it('waits for unanswered subscriptions, then treats them as stuck', () => {
    const actions = run(new RecoveryClock(timings), Array<ConsumingVerdict>(40).fill(subscribing));
    // Nothing for the first 10 s; then the usual grace (3 s), reconnects every 5 s, exit past 20 s.
    expect(actions.slice(0, 11)).toEqual(Array(11).fill('none'));
    expect(actions.indexOf('reconnect')).toBe(13);
    expect(actions.indexOf('exit')).toBe(31);
  });

  it('never exits while merely disconnected, however long', () => {
    const actions = run(new RecoveryClock(timings), Array<ConsumingVerdict>(120).fill(down));
    expect(new Set(actions)).toEqual(new Set(['none']));
  });

  it('does not count disconnected time towards the deadline', () => {
    const verdicts = [stuck, stuck, ...Array<ConsumingVerdict>(60).fill(down), stuck, stuck];
    expect(run(new RecoveryClock(timings), verdicts)).not.toContain('exit');
  });

  it('starts over once consuming again', () => {
    const verdicts = [stuck, stuck, stuck, fine, stuck, stuck];
    expect(run(new RecoveryClock(timings), verdicts)).toEqual([
      'none',
      'none',
      'none',
      'none',
      'none',
      'none',
    ]);
  });
});
