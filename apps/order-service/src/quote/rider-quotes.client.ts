import { Inject, Injectable } from '@nestjs/common';
import { DeliveryQuoteV1, type RpcRequest } from '@dinner-rush/contracts';
import { RpcRequester, type RpcOutcome } from '@dinner-rush/messaging';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { OrderServiceConfig } from '../config';

/** I/O edge: asks rider-assignment for a quote over RabbitMQ request/reply. */
@Injectable()
export class RiderQuotesClient {
  constructor(
    private readonly requester: RpcRequester,
    @Inject(APP_CONFIG) private readonly config: OrderServiceConfig,
  ) {}

  ask(request: RpcRequest<typeof DeliveryQuoteV1>): Promise<RpcOutcome<typeof DeliveryQuoteV1>> {
    return this.requester.ask(DeliveryQuoteV1, request, this.config.QUOTE_TIMEOUT_MS);
  }
}
