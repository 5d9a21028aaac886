import { WebhookClient, type WebhookPolicy } from '@dinner-rush/service-kit';

/**
 * Every customer notification goes to one configured gateway (WEBHOOK_URL),
 * keyed by its notification id. When every try fails, delivery throws a plain
 * (transient) error, so the broker's retries take over and nothing is recorded.
 */
export class WebhookSender {
  constructor(
    private readonly url: string,
    private readonly client: WebhookClient,
  ) {}

  static to(url: string, policy: WebhookPolicy): WebhookSender {
    return new WebhookSender(url, new WebhookClient(policy));
  }

  async send(idempotencyKey: string, body: unknown): Promise<void> {
    await this.client.deliver({ url: this.url, idempotencyKey, body });
  }
}
