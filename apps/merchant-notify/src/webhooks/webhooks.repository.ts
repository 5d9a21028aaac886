import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

export interface MerchantWebhookRow {
  merchantId: string;
  url: string;
  updatedAt: Date;
}

/** The merchant_webhooks table: one URL (and signing secret) per merchant, or none. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly prisma: PrismaService) {}

  async find(merchantId: string): Promise<MerchantWebhookRow | null> {
    return this.prisma.merchantWebhook.findUnique({
      where: { merchantId },
      select: { merchantId: true, url: true, updatedAt: true },
    });
  }

  /**
   * Sets the merchant's URL. A new registration takes `newSecret` and answers
   * it (shown once); replacing the URL keeps the secret the merchant already
   * verifies with, and answers none. One statement: two racing registrations
   * cannot both believe they created the webhook.
   */
  async upsert(
    merchantId: string,
    url: string,
    newSecret: string,
  ): Promise<MerchantWebhookRow & { signingSecret: string | null }> {
    const [row] = await this.prisma.$queryRaw<
      { merchantId: string; url: string; updatedAt: Date; created: boolean }[]
    >`
      INSERT INTO merchant_webhooks (merchant_id, url, signing_secret)
      VALUES (${merchantId}, ${url}, ${newSecret})
      ON CONFLICT (merchant_id) DO UPDATE SET url = EXCLUDED.url, updated_at = now()
      RETURNING merchant_id AS "merchantId", url, updated_at AS "updatedAt",
                signing_secret = ${newSecret} AS created`;
    const { created, ...webhook } = row!;
    return { ...webhook, signingSecret: created ? newSecret : null };
  }

  async remove(merchantId: string): Promise<void> {
    await this.prisma.merchantWebhook.deleteMany({ where: { merchantId } });
  }
}
