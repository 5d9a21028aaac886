import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import { CatalogueService } from '../catalogue/catalogue.service';
import type { OrderServiceConfig } from '../config';
import { CURRENCY } from '../orders/pricing';
import type { QuoteQuery, QuoteView } from './dto/quote.schemas';
import { RiderQuotesClient } from './rider-quotes.client';

/**
 * A delivery quote for a merchant and an address. Asking rider-assignment is
 * best effort: when it does not answer within QUOTE_TIMEOUT_MS the answer is
 * the flat fee order intake charges anyway. Nothing here is on the order path.
 */
@Injectable()
export class QuoteService {
  private readonly logger = new Logger(QuoteService.name);

  constructor(
    private readonly catalogue: CatalogueService,
    private readonly riders: RiderQuotesClient,
    @Inject(APP_CONFIG) private readonly config: OrderServiceConfig,
  ) {}

  /** Undefined when the merchant is unknown (the edge turns that into a 400). */
  async quote(query: QuoteQuery): Promise<QuoteView | undefined> {
    const merchant = this.catalogue.catalogue.merchant(query.merchantId);
    if (!merchant) return undefined;
    const outcome = await this.riders.ask({
      merchantId: merchant.id,
      pickUp: merchant.location,
      dropOff: { lat: query.lat, lng: query.lng },
    });
    const quotedAt = new Date().toISOString();
    if (outcome.answered) {
      const { deliveryFeeCents, etaMinutes, riderAvailable } = outcome.reply;
      return {
        merchantId: merchant.id,
        deliveryFeeCents,
        currency: CURRENCY,
        etaMinutes,
        riderAvailable,
        source: 'rider-assignment',
        quotedAt,
      };
    }
    this.logger.warn(`quote falls back to the flat fee (${outcome.reason}): ${outcome.detail}`);
    return {
      merchantId: merchant.id,
      deliveryFeeCents: this.config.DELIVERY_FEE_CENTS,
      currency: CURRENCY,
      etaMinutes: null,
      riderAvailable: null,
      source: 'fallback',
      fallbackReason: outcome.reason,
      quotedAt,
    };
  }
}
