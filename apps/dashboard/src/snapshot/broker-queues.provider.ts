import { BrokerQueues } from '@dinner-rush/pipeline-stats';
import type { DashboardConfig } from '../config';

/**
 * The dashboard's view of RabbitMQ: the management API when it answers
 * (rates, and the queues bound to the order exchanges), otherwise AMQP
 * passive declares (depth and consumers of the contracts' consumer queues).
 * A fresh machine has no management plugin; the charts still fill.
 */
export function dashboardBrokerQueues(config: DashboardConfig): BrokerQueues {
  return new BrokerQueues({
    amqpUrl: config.RABBITMQ_URL,
    vhost: config.RABBITMQ_VHOST,
    managementUrl: config.RABBITMQ_MANAGEMENT_URL,
    managementCredentials: {
      user: config.RABBITMQ_MANAGEMENT_USER,
      password: config.RABBITMQ_MANAGEMENT_PASSWORD,
    },
  });
}
