/** Queue options as golevelup and amqplib take them, as far as the group size is concerned. */
interface QueueOptions {
  arguments?: Record<string, unknown>;
}

/**
 * Sets `x-quorum-initial-group-size` on quorum queues when a size is
 * configured (how many cluster nodes hold a replica of each new queue).
 * Every declarer of a queue must agree on it: RabbitMQ refuses a redeclare
 * whose arguments differ (PRECONDITION_FAILED), and an existing queue keeps
 * its members (grow it with `rabbitmq-queues grow`).
 */
export function withQuorumGroupSize<T extends QueueOptions>(
  options: T | undefined,
  size: number | undefined,
): T | undefined {
  if (size === undefined || options?.arguments?.['x-queue-type'] !== 'quorum') return options;
  return { ...options, arguments: { ...options.arguments, 'x-quorum-initial-group-size': size } };
}
