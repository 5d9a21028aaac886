import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { DeliveryWorker } from './delivery-worker';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookSender } from './webhook-sender';

/** Webhook notifications queued by the consumer, sent after its commit. */
@Module({
  imports: [WebhooksModule],
  providers: [WebhookDeliveriesRepository, WebhookSender, DeliveryWorker],
  exports: [DeliveryWorker],
})
export class DeliveriesModule {}
