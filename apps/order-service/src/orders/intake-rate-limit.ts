import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { OrderServiceConfig } from '../config';

/**
 * The request-rate limit on POST /orders, per client address: past it the
 * guard answers 429 with Retry-After (seconds) before the handler runs, so a
 * refused request writes nothing. In memory per instance: each replica
 * protects its own database connections. ORDER_RATE_LIMIT=0 turns it off.
 */
export const IntakeRateLimitModule = ThrottlerModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (config: OrderServiceConfig) => ({
    throttlers: [
      {
        name: 'default',
        limit: config.ORDER_RATE_LIMIT,
        ttl: config.ORDER_RATE_WINDOW_MS,
      },
    ],
    skipIf: () => config.ORDER_RATE_LIMIT === 0,
    errorMessage: `more than ${config.ORDER_RATE_LIMIT} orders in ${config.ORDER_RATE_WINDOW_MS} ms from this client; retry after the time in Retry-After`,
  }),
});
