import type { QueueReading, QueueRound } from '@dinner-rush/pipeline-stats';
import { consumerRows } from './consumer-rows';
import type { ReplicaReading } from './service-probe';

const reading = (name: string, messages: number, consumers: number): QueueReading => ({
  name,
  ready: messages,
  unacked: null,
  messages,
  consumers,
  publishRate: null,
  deliverRate: null,
  ackRate: null,
  netRate: -12,
});

const replica = (url: string, paused: boolean | null, rssBytes = 100): ReplicaReading => ({
  url,
  up: true,
  samples: [],
  rssBytes,
  paused: paused === null ? null : new Map([['ledger.orders', paused]]),
  workTimeMs: paused === null ? null : 5,
});

describe('consumerRows', () => {
  const round: QueueRound = {
    at: 0,
    source: 'amqp',
    consumerQueues: ['ledger.orders', 'loyalty.orders'],
    queues: {
      'ledger.orders': reading('ledger.orders', 40, 2),
      'ledger.orders.dlq': reading('ledger.orders.dlq', 3, 0),
      'loyalty.orders': reading('loyalty.orders', 0, 1),
    },
    managementError: 'ECONNREFUSED',
  };

  it('one row per queue: the broker counts every replica, the service figures are added up', () => {
    const services = new Map([['ledger', [replica('a', true), replica('b', false)]]]);
    const [ledger] = consumerRows(round.consumerQueues, round, services);
    expect(ledger).toEqual({
      queue: 'ledger.orders',
      service: 'ledger',
      replicas: 2,
      replicasUp: 2,
      messages: 40,
      unacked: null,
      consumers: 2,
      publishRate: null,
      drainRate: 12,
      deadLetters: 3,
      paused: 1,
      workTimeMs: 5,
      rssBytes: 200,
    });
  });

  it('a queue whose service it cannot reach still shows depth and consumers', () => {
    const [, loyalty] = consumerRows(round.consumerQueues, round, new Map());
    expect(loyalty).toMatchObject({
      service: 'loyalty',
      replicas: 0,
      consumers: 1,
      paused: null,
      rssBytes: null,
    });
  });

  it('without a reading (broker down) the last known queues stay, at zero', () => {
    expect(consumerRows(['ledger.orders'], null, new Map())[0]).toMatchObject({
      messages: 0,
      consumers: 0,
      drainRate: 0,
    });
  });
});
