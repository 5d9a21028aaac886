import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { Public } from '@dinner-rush/auth';
import { SkipThrottle } from '@nestjs/throttler';
import {
  ApiProblemResponse,
  ApiZodQuery,
  ApiZodResponse,
  ProblemException,
  ZodValidationPipe,
} from '@dinner-rush/service-kit';
import { QuoteQuerySchema, QuoteViewSchema, type QuoteView } from './dto/quote.schemas';
import { RateLimitGuard } from '../orders/rate-limit.guard';
import { RateLimits } from '../orders/rate-limits';
import { QuoteService } from './quote.service';

/** HTTP edge of quotes: validates the query, delegates, maps "unknown merchant" to a 400. */
@Public() // a price before signing in; placing the order needs a customer
@Controller('quote')
export class QuoteController {
  private readonly query = new ZodValidationPipe(QuoteQuerySchema);

  constructor(private readonly quotes: QuoteService) {}

  @Get()
  @UseGuards(RateLimitGuard)
  @SkipThrottle({ [RateLimits.orders]: true })
  @ApiZodQuery(QuoteQuerySchema)
  @ApiZodResponse(
    200,
    QuoteViewSchema,
    "rider-assignment's fee and ETA, or the flat fee (source: fallback) when it did not answer in time",
  )
  @ApiProblemResponse(400, 'invalid query, or unknown merchant (the errors name each field)')
  async quote(@Query() raw: unknown): Promise<QuoteView> {
    const query = this.query.transform(raw);
    const quote = await this.quotes.quote(query);
    if (!quote) {
      throw new ProblemException({
        title: 'Invalid request',
        status: 400,
        code: 'unknown-merchant',
        detail: 'merchantId: unknown merchant',
        errors: [{ field: 'merchantId', message: `unknown merchant "${query.merchantId}"` }],
      });
    }
    return quote;
  }
}
