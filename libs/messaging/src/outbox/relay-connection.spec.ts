import { RelayConnection, type OpenConnectionManager } from './relay-connection';

/** A confirm channel whose publishes the test settles by hand, as the broker would. */
class FakeChannel {
  readonly pending: { resolve: () => void; reject: (error: Error) => void }[] = [];

  publish(): Promise<void> {
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }

  on(): this {
    return this;
  }

  ack(): void {
    this.pending.shift()?.resolve();
  }

  nack(): void {
    this.pending.shift()?.reject(new Error('message nacked'));
  }

  /** What a dropped socket does to the publishes still unconfirmed. */
  dropAll(): void {
    for (const publish of this.pending.splice(0)) publish.reject(new Error('channel closed'));
  }
}

describe('RelayConnection: when it drops its connection for a fresh one', () => {
  let channel: FakeChannel;
  let drops: number;
  let relay: RelayConnection;
  const publish = () => relay.publish('x', 'k', Buffer.from('{}'), {}).catch(() => undefined);
  const advance = async (ms: number) => {
    await jest.advanceTimersByTimeAsync(ms);
  };

  beforeEach(() => {
    jest.useFakeTimers();
    channel = new FakeChannel();
    drops = 0;
    const open = (() => ({
      on: () => undefined,
      createChannel: () => channel,
      isConnected: () => true,
      close: () => Promise.resolve(),
      connection: {
        connection: {
          stream: {
            destroy: () => {
              drops++;
              channel.dropAll();
            },
          },
        },
      },
    })) as unknown as OpenConnectionManager;
    relay = new RelayConnection('amqp://broker:5672', new Set(), open);
  });

  afterEach(async () => {
    await relay.close();
    jest.useRealTimers();
  });

  it('keeps a connection that answers, however slowly each publish is confirmed', async () => {
    void publish();
    await advance(10_000);
    channel.ack();
    void publish();
    await advance(10_000);
    channel.ack();
    await advance(30_000); // nothing owed: quiet is not silence
    expect(drops).toBe(0);
  });

  it('drops a connection that owes confirms and has answered nothing for 15 s', async () => {
    void publish();
    await advance(14_000);
    expect(drops).toBe(0);
    await advance(2_000);
    expect(drops).toBe(1);
  });

  it('drops a nacked connection at once, and again not before 5 s have passed', async () => {
    void publish();
    channel.nack();
    await advance(0);
    expect(drops).toBe(1);
    void publish();
    channel.nack();
    await advance(4_000);
    expect(drops).toBe(1);
    await advance(1_000);
    expect(drops).toBe(2);
  });

  it('gives the fresh connection its own 15 s before it is judged silent in turn', async () => {
    void publish();
    await advance(16_000);
    expect(drops).toBe(1);
    void publish();
    await advance(14_000);
    expect(drops).toBe(1);
    await advance(2_000);
    expect(drops).toBe(2);
  });
});
