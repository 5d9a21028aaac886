import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { OwnerOrOperator } from '@dinner-rush/auth';
import { ProblemException, ZodValidationPipe } from '@dinner-rush/service-kit';
import { MerchantIdParam, PutWebhookBody, type WebhookView } from './dto/webhook.schemas';
import { WebhookTargetGuard } from './webhook-target-guard';
import { newSigningSecret } from './webhook-signature';
import { WebhooksRepository, type MerchantWebhookRow } from './webhooks.repository';

/**
 * Where a merchant wants its notifications delivered. Only the merchant itself
 * may change its webhook: the route keeps the merchant id in its path so an
 * authorisation guard can compare it with the caller's identity.
 */
@OwnerOrOperator('merchant', 'id')
@Controller('merchants/:id/webhook')
export class WebhooksController {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly guard: WebhookTargetGuard,
  ) {}

  /** Refuses a URL aimed inward (loopback, private, metadata…); a new webhook's secret is answered once. */
  @Put()
  async put(
    @Param('id', new ZodValidationPipe(MerchantIdParam)) merchantId: string,
    @Body(new ZodValidationPipe(PutWebhookBody)) body: PutWebhookBody,
  ): Promise<WebhookView> {
    const refusal = await this.guard.refusal(new URL(body.url).hostname);
    if (refusal) {
      throw new ProblemException({
        title: 'Webhook target refused',
        status: 400,
        code: 'webhook-target-refused',
        detail: `webhooks may only reach public addresses: ${refusal}`,
      });
    }
    const webhook = await this.webhooks.upsert(merchantId, body.url, newSigningSecret());
    return {
      ...toView(webhook),
      ...(webhook.signingSecret ? { signingSecret: webhook.signingSecret } : {}),
    };
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
