import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import { CatalogueService } from '../catalogue/catalogue.service';
import type { OrderServiceConfig } from '../config';
import { CURRENCY } from '../orders/pricing';
import type { QuoteQuery, QuoteView } from './dto/quote.schemas';
import { RiderQuotesClient } from './rider-quotes.client';
import { QuoteSigner } from './quote-token';

/**
 * A delivery quote for a merchant and an address. Asking rider-assignment is
 * best effort: when it does not answer within QUOTE_TIMEOUT_MS the answer is
 * the flat fee order intake charges without a quote. Either way the answer
 * carries a signed quoteToken: an order placed with it is charged this fee.
 * Nothing here is on the order path.
 */
@Injectable()
export class QuoteService {
  private readonly logger = new Logger(QuoteService.name);

  constructor(
    private readonly catalogue: CatalogueService,
    private readonly riders: RiderQuotesClient,
    private readonly signer: QuoteSigner,
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
    const now = Date.now();
    const held = (deliveryFeeCents: number) => {
      const expiresAt = now + this.config.QUOTE_VALIDITY_S * 1_000;
      const quoteToken = this.signer.sign({
        merchantId: merchant.id,
        lat: query.lat,
        lng: query.lng,
        deliveryFeeCents,
        expiresAt,
      });
      return {
        merchantId: merchant.id,
        deliveryFeeCents,
        currency: CURRENCY,
        quotedAt: new Date(now).toISOString(),
        quoteToken,
        expiresAt: new Date(expiresAt).toISOString(),
      };
    };
    if (outcome.answered) {
      const { deliveryFeeCents, etaMinutes, riderAvailable } = outcome.reply;
      return { ...held(deliveryFeeCents), etaMinutes, riderAvailable, source: 'rider-assignment' };
    }
    this.logger.warn(`quote falls back to the flat fee (${outcome.reason}): ${outcome.detail}`);
    return {
      ...held(this.config.DELIVERY_FEE_CENTS),
      etaMinutes: null,
      riderAvailable: null,
      source: 'fallback',
      fallbackReason: outcome.reason,
    };
  }
}
