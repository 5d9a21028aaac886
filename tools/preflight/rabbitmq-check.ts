import { brokerAddress, brokerUrls, connectToAnyBroker } from '@dinner-rush/messaging';
import { errorName, isUnreachable, type Finding } from './finding';

export const START_RABBITMQ = 'rabbitmq-server -detached';

/**
 * Can the services open an AMQP connection with their RABBITMQ_URL (host, user,
 * vhost)? With a cluster's nodes listed, one that accepts is enough: the
 * services fail over the same way.
 */
export async function checkRabbitmq(rabbitmqUrl: string): Promise<Finding[]> {
  try {
    const connection = await connectToAnyBroker(rabbitmqUrl, { timeoutMs: 3_000 });
    await connection.close();
    return [];
  } catch (error) {
    const at = brokerUrls(rabbitmqUrl).map(brokerAddress).join(', ');
    // The last node's own error says whether it was unreachable or refused us.
    return [rabbitmqFinding((error as { cause?: unknown }).cause ?? error, at)];
  }
}

export function rabbitmqFinding(error: unknown, at: string): Finding {
  return isUnreachable(error)
    ? {
        fatal: true,
        problem: `RabbitMQ is not reachable at ${at} (${errorName(error)})`,
        fix: START_RABBITMQ,
      }
    : {
        fatal: true,
        problem: `RabbitMQ at ${at} refused us (${errorName(error)})`,
        fix: 'check RABBITMQ_URL (user, password, vhost)',
      };
}
