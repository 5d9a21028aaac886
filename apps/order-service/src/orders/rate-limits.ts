import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { OrderServiceConfig } from '../config';

/** Names of the limits, for @SkipThrottle on the routes a limit is not for. */
export const RateLimits = { orders: 'orders', quotes: 'quotes' } as const;

/**
 * Request-rate limits per client address, each below what the service was
 * measured to sustain (bench/README.md): writes to orders (placing and
 * cancelling, ORDER_RATE_LIMIT) and quotes (QUOTE_RATE_LIMIT: each is a
 * request/reply to rider-assignment and a transaction there). Past a limit the
 * guard answers 429 with Retry-After before the handler runs, so a refused
 * request writes nothing. In memory per instance: each replica protects its
 * own connections. A limit of 0 turns it off.
 */
export const RateLimitModule = ThrottlerModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (config: OrderServiceConfig) => ({
    throttlers: [
      {
        name: RateLimits.orders,
        limit: config.ORDER_RATE_LIMIT,
        ttl: config.ORDER_RATE_WINDOW_MS,
        skipIf: () => config.ORDER_RATE_LIMIT === 0,
      },
      {
        name: RateLimits.quotes,
        limit: config.QUOTE_RATE_LIMIT,
        ttl: config.ORDER_RATE_WINDOW_MS,
        skipIf: () => config.QUOTE_RATE_LIMIT === 0,
      },
    ],
    errorMessage: `too many requests from this client within ${config.ORDER_RATE_WINDOW_MS} ms; retry after the time in Retry-After`,
  }),
});
