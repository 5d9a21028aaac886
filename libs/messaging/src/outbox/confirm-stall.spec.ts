import { ConfirmStall } from './confirm-stall';

describe('ConfirmStall', () => {
  it('asks for a reconnect once publishes stayed unanswered for the whole stall', () => {
    const stall = new ConfirmStall(15_000);
    expect(stall.unanswered(0)).toBe(false);
    expect(stall.unanswered(14_999)).toBe(false);
    expect(stall.unanswered(15_000)).toBe(true);
  });

  it('counts again from the reconnect, so a silent broker is not hammered', () => {
    const stall = new ConfirmStall(15_000);
    stall.unanswered(0);
    expect(stall.unanswered(15_000)).toBe(true);
    expect(stall.unanswered(16_000)).toBe(false);
    expect(stall.unanswered(30_000)).toBe(true);
  });

  it('forgets the stall once a confirm arrives', () => {
    const stall = new ConfirmStall(15_000);
    stall.unanswered(0);
    stall.confirmed();
    expect(stall.unanswered(20_000)).toBe(false);
    expect(stall.unanswered(34_999)).toBe(false);
  });
});
