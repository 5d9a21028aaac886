import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

export interface MerchantWebhookRow {
  merchantId: string;
  url: string;
  updatedAt: Date;
}

/** The merchant_webhooks table: one URL per merchant, or none. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly prisma: PrismaService) {}

  async find(merchantId: string): Promise<MerchantWebhookRow | null> {
    return this.prisma.merchantWebhook.findUnique({ where: { merchantId } });
  }

  async upsert(merchantId: string, url: string): Promise<MerchantWebhookRow> {
    return this.prisma.merchantWebhook.upsert({
      where: { merchantId },
      create: { merchantId, url },
      update: { url },
    });
  }

  async remove(merchantId: string): Promise<void> {
    await this.prisma.merchantWebhook.deleteMany({ where: { merchantId } });
  }
}
