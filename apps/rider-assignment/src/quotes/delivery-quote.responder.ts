import { Inject, Injectable } from '@nestjs/common';
import { DeliveryQuoteV1 } from '@dinner-rush/contracts';
import { AnswerRpc, PermanentMessageError } from '@dinner-rush/messaging';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { RiderAssignmentConfig } from '../config';
import { quoteDelivery, type DeliveryQuote } from './quote-pricing';
import { QuotesRepository } from './quotes.repository';

/**
 * Thin edge of the request/reply pattern: every replica consumes the same
 * quotes queue (competing consumers), and whichever takes a request replies
 * through the reply exchange to its reply-to address, with its correlation id
 * (AnswerRpc does both).
 */
@Injectable()
export class DeliveryQuoteResponder {
  constructor(
    private readonly quotes: QuotesRepository,
    @Inject(APP_CONFIG) private readonly config: RiderAssignmentConfig,
  ) {}

  @AnswerRpc(DeliveryQuoteV1)
  async answer(message: unknown): Promise<DeliveryQuote> {
    const request = DeliveryQuoteV1.request.safeParse(message);
    if (!request.success) {
      // Dropped (see rpcResponder): the asker falls back; a retry could never succeed.
      throw new PermanentMessageError('invalid-request', request.error.message);
    }
    const { pickUp, dropOff } = request.data;
    const fleet = await this.quotes.fleetSnapshot();
    return quoteDelivery(fleet, pickUp, dropOff, this.config.RIDER_DELIVERY_MS);
  }
}
