import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';

/**
 * The throttler's guard, answering with the standard `Retry-After` header
 * whichever named limit was hit (the library names it `Retry-After-<limit>`
 * for every limit but one called "default", which clients do not read).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const { res } = this.getRequestResponse(context);
    (res as { header(name: string, value: string): unknown }).header(
      'Retry-After',
      String(detail.timeToBlockExpire),
    );
    return super.throwThrottlingException(context, detail);
  }
}
