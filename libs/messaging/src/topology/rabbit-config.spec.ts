import { Queues } from '@dinner-rush/contracts';
import { queuesFor, rabbitConfig } from './rabbit-config';

const CLUSTER = 'amqp://u:p@n1:5672,amqp://u:p@n2:5673,amqp://u:p@n3:5674';

describe('rabbitConfig on a cluster', () => {
  it('hands the connection manager every node, in order (it moves to the next on reconnect)', () => {
    const config = rabbitConfig({ rabbitmqUrl: CLUSTER, prefetch: 5, consumes: [] });
    expect(config.uri).toEqual(['amqp://u:p@n1:5672', 'amqp://u:p@n2:5673', 'amqp://u:p@n3:5674']);
  });

  it('gives every quorum queue the configured initial group size, and nothing else', () => {
    const settings = {
      rabbitmqUrl: CLUSTER,
      prefetch: 5,
      consumes: [Queues.ledger],
      extraQueues: [{ name: 'classic', options: { durable: true } }],
    };
    const sized = queuesFor({ ...settings, quorumInitialGroupSize: 3 });
    const quorum = sized.filter((q) => q.options?.arguments?.['x-queue-type'] === 'quorum');
    expect(quorum.length).toBeGreaterThan(2);
    for (const queue of quorum)
      expect(queue.options?.arguments?.['x-quorum-initial-group-size']).toBe(3);
    expect(sized.find((q) => q.name === 'classic')?.options).toEqual({ durable: true });
    for (const queue of queuesFor(settings))
      expect(queue.options?.arguments?.['x-quorum-initial-group-size']).toBeUndefined();
  });
});
