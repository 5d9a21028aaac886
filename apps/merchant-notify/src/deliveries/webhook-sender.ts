import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, postWebhook } from '@dinner-rush/service-kit';
import type { Agent } from 'undici';
import type { MerchantNotifyConfig } from '../config';
import { WebhookTargetGuard } from '../webhooks/webhook-target-guard';
import { signatureHeaders } from '../webhooks/webhook-signature';
import type { ClaimedDelivery } from './webhook-deliveries.repository';

/**
 * One signed POST of a notification to its merchant's webhook, through a
 * dispatcher that refuses inward addresses at connect time, under ONE
 * deadline and the answer size cap. Throws a WebhookAttemptError on failure.
 */
@Injectable()
export class WebhookSender implements OnApplicationShutdown {
  private readonly dispatcher: Agent;
  private readonly deadlineMs: number;

  constructor(guard: WebhookTargetGuard, @Inject(APP_CONFIG) config: MerchantNotifyConfig) {
    this.deadlineMs = config.WEBHOOK_TIMEOUT_MS;
    this.dispatcher = guard.dispatcher(config.WEBHOOK_TIMEOUT_MS);
  }

  async send(
    delivery: Pick<ClaimedDelivery, 'notificationId' | 'body'>,
    target: { url: string; signingSecret: string },
  ): Promise<void> {
    const { notificationId, body } = delivery;
    await postWebhook(
      {
        url: target.url,
        headers: {
          'content-type': 'application/json',
          'idempotency-key': notificationId,
          ...signatureHeaders(target.signingSecret, notificationId, body, new Date()),
        },
        body,
      },
      { deadlineMs: this.deadlineMs, dispatcher: this.dispatcher },
    );
  }

  /** After the delivery worker stopped (its hook runs before this one). */
  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.close();
  }
}
