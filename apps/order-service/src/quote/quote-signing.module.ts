import { randomBytes } from 'node:crypto';
import { Logger, Module } from '@nestjs/common';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { OrderServiceConfig } from '../config';
import { QuoteSigner } from './quote-token';

/**
 * One QuoteSigner for GET /quote (signs) and POST /orders (checks). Without
 * QUOTE_SIGNING_SECRET each process makes up its own: fine for one replica
 * (a quote outlives no restart), wrong for several, hence the warning.
 */
@Module({
  providers: [
    {
      provide: QuoteSigner,
      inject: [APP_CONFIG],
      useFactory: (config: OrderServiceConfig) => {
        if (config.QUOTE_SIGNING_SECRET) return new QuoteSigner(config.QUOTE_SIGNING_SECRET);
        if (config.NODE_ENV === 'production')
          new Logger('QuoteSigner').warn(
            'QUOTE_SIGNING_SECRET is not set: quotes are signed with a per-process secret, so a ' +
              'quote from one replica is refused by another; set the same secret on every replica',
          );
        return new QuoteSigner(randomBytes(32).toString('base64url'));
      },
    },
  ],
  exports: [QuoteSigner],
})
export class QuoteSigningModule {}
