import { Module } from '@nestjs/common';
import { APP_CONFIG, WebhookClient } from '@dinner-rush/service-kit';
import type { MerchantNotifyConfig } from '../config';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';

@Module({
  controllers: [WebhooksController],
  providers: [
    WebhooksRepository,
    {
      provide: WebhookClient,
      inject: [APP_CONFIG],
      useFactory: (config: MerchantNotifyConfig) =>
        new WebhookClient({
          attempts: config.WEBHOOK_ATTEMPTS,
          timeoutMs: config.WEBHOOK_TIMEOUT_MS,
          backoffMs: config.WEBHOOK_BACKOFF_MS,
        }),
    },
  ],
  exports: [WebhookClient],
})
export class WebhooksModule {}
