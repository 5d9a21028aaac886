import { EventEmitter } from 'node:events';
import type { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { TopologyKeeper } from './topology-keeper';

/** A broker connection whose queue.bind answers only when the test says so, or fails. */
class FakeConnection {
  readonly binds: string[] = [];
  private answers: (() => void)[] = [];
  failNextBind = false;

  createChannel() {
    return Promise.resolve({
      on: () => undefined,
      close: () => Promise.resolve(),
      checkExchange: () => Promise.resolve(),
      assertExchange: () => Promise.resolve(),
      assertQueue: () => Promise.resolve(),
      bindQueue: (queue: string) => {
        if (this.failNextBind) {
          this.failNextBind = false;
          return Promise.reject(new Error('channel closed'));
        }
        return new Promise<void>((resolve) =>
          this.answers.push(() => {
            this.binds.push(queue);
            resolve();
          }),
        );
      },
    });
  }

  /** Answers every bind asked for so far, and lets the keeper carry on. */
  async answerBinds(): Promise<void> {
    await flush();
    const answers = this.answers;
    this.answers = [];
    answers.forEach((answer) => answer());
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

const ledgerQueue = {
  name: 'ledger.orders',
  bindings: [{ exchange: 'orders', routingKey: 'order.created.v2' }],
};

type FakeManager = EventEmitter & { connection: FakeConnection };

function keeperOn(manager: FakeManager): TopologyKeeper {
  return new TopologyKeeper({ managedConnection: manager } as unknown as AmqpConnection);
}

/** A keeper whose ledger queue was declared and bound on the first connection. */
async function keeperWithLedgerBound(): Promise<{ manager: FakeManager; keeper: TopologyKeeper }> {
  const manager = Object.assign(new EventEmitter(), { connection: new FakeConnection() });
  const keeper = keeperOn(manager);
  const declared = keeper.declare([], [ledgerQueue]);
  await manager.connection.answerBinds();
  await declared;
  return { manager, keeper };
}

/** The connection manager connects again, on a fresh connection. */
function reconnect(manager: FakeManager, { failNextBind = false } = {}): FakeConnection {
  const connection = new FakeConnection();
  connection.failNextBind = failNextBind;
  manager.connection = connection;
  manager.emit('connect', { connection });
  return connection;
}

describe('TopologyKeeper', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it('declares on the live connection and resolves once the queue is bound', async () => {
    const manager = Object.assign(new EventEmitter(), { connection: new FakeConnection() });
    const keeper = keeperOn(manager);
    let declared = false;
    void keeper.declare([], [ledgerQueue]).then(() => (declared = true));
    await flush();
    expect(declared).toBe(false);
    await manager.connection.answerBinds();
    expect(declared).toBe(true);
    expect(keeper.reasserting).toBe(false);
  });

  it('is reasserting from a reconnect until every binding is asserted again', async () => {
    const { manager, keeper } = await keeperWithLedgerBound();
    const reconnected = reconnect(manager);
    expect(keeper.reasserting).toBe(true);
    await flush();
    expect(keeper.reasserting).toBe(true);
    await reconnected.answerBinds();
    expect(reconnected.binds).toEqual(['ledger.orders']);
    expect(keeper.reasserting).toBe(false);
  });

  it('retries a failed reassertion on the live connection, though it was declared before', async () => {
    const { manager, keeper } = await keeperWithLedgerBound();
    const reconnected = reconnect(manager, { failNextBind: true });
    await flush();
    expect(keeper.reasserting).toBe(true);
    jest.advanceTimersByTime(1_000);
    await flush();
    await reconnected.answerBinds();
    expect(reconnected.binds).toEqual(['ledger.orders']);
    expect(keeper.reasserting).toBe(false);
  });

  it('leaves a failed reassertion to a newer connect, which alone ends it', async () => {
    const { manager, keeper } = await keeperWithLedgerBound();
    reconnect(manager, { failNextBind: true });
    await flush();
    const second = reconnect(manager);
    jest.advanceTimersByTime(1_000);
    await flush();
    await second.answerBinds();
    expect(second.binds).toEqual(['ledger.orders']);
    expect(keeper.reasserting).toBe(false);
  });
});
