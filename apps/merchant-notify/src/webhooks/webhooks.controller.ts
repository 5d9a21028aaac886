import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ProblemException, ZodValidationPipe } from '@dinner-rush/service-kit';
import { MerchantIdParam, PutWebhookBody, type WebhookView } from './dto/webhook.schemas';
import { WebhooksRepository, type MerchantWebhookRow } from './webhooks.repository';

/** Where a merchant wants its notifications delivered. */
@Controller('merchants/:id/webhook')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksRepository) {}

  @Put()
  async put(
    @Param('id', new ZodValidationPipe(MerchantIdParam)) merchantId: string,
    @Body(new ZodValidationPipe(PutWebhookBody)) body: PutWebhookBody,
  ): Promise<WebhookView> {
    return toView(await this.webhooks.upsert(merchantId, body.url));
  }

  @Get()
  async get(
    @Param('id', new ZodValidationPipe(MerchantIdParam)) merchantId: string,
  ): Promise<WebhookView> {
    const row = await this.webhooks.find(merchantId);
    if (!row) {
      throw new ProblemException({
        title: 'No webhook',
        status: 404,
        code: 'webhook-not-found',
        detail: `merchant ${merchantId} has no webhook; notifications are kept for fetching`,
      });
    }
    return toView(row);
  }

  /** Idempotent: removing a webhook that is not there is still a success. */
  @Delete()
  @HttpCode(204)
  async remove(
    @Param('id', new ZodValidationPipe(MerchantIdParam)) merchantId: string,
  ): Promise<void> {
    await this.webhooks.remove(merchantId);
  }
}

function toView(row: MerchantWebhookRow): WebhookView {
  return { merchantId: row.merchantId, url: row.url, updatedAt: row.updatedAt.toISOString() };
}
