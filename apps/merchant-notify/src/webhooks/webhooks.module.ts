import { Module } from '@nestjs/common';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import type { MerchantNotifyConfig } from '../config';
import { WebhookAddressPolicy } from './address-policy';
import { WebhookTargetGuard } from './webhook-target-guard';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';

@Module({
  controllers: [WebhooksController],
  providers: [
    WebhooksRepository,
    {
      provide: WebhookTargetGuard,
      inject: [APP_CONFIG],
      useFactory: (config: MerchantNotifyConfig) =>
        new WebhookTargetGuard(new WebhookAddressPolicy(config.WEBHOOK_ALLOWED_HOSTS)),
    },
  ],
  exports: [WebhookTargetGuard],
})
export class WebhooksModule {}
