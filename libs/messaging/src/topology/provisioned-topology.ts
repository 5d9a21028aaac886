import type { RabbitMQExchangeConfig } from '@golevelup/nestjs-rabbitmq';
import { Exchanges } from '@dinner-rush/contracts';

/**
 * Who declares the broker topology a service uses.
 * - 'declare' (the default): the service declares everything it uses, so a
 *   fresh broker needs nothing beforehand (`npm start`, tests, guest).
 * - 'provisioned': the broker was provisioned from deploy/rabbitmq/definitions.json
 *   (docker compose, `npm run broker:users`). The shared exchanges of the
 *   contract belong to no service: they are only checked (a passive declare
 *   needs no permission), and the service's user needs configure rights on
 *   its own `<service>.*` names alone.
 */
export type BrokerTopologyMode = 'declare' | 'provisioned';

const SHARED_EXCHANGES: readonly string[] = Object.values(Exchanges);

export function withTopologyMode(
  mode: BrokerTopologyMode | undefined,
  exchanges: RabbitMQExchangeConfig[],
): RabbitMQExchangeConfig[] {
  if (mode !== 'provisioned') return exchanges;
  return exchanges.map((exchange) =>
    SHARED_EXCHANGES.includes(exchange.name)
      ? { ...exchange, createExchangeIfNotExists: false }
      : exchange,
  );
}
