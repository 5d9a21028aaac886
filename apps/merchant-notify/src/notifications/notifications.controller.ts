import { Controller, Get, Param, Query } from '@nestjs/common';
import { OwnerOrOperator } from '@dinner-rush/auth';
import { ZodValidationPipe } from '@dinner-rush/service-kit';
import { MerchantIdParam } from '../webhooks/dto/webhook.schemas';
import { ListNotificationsQuery, type NotificationView } from './dto/notification.schemas';
import { NotificationsRepository } from './notifications.repository';

/** A merchant without a webhook polls here; webhook deliveries are listed too, as history. */
@OwnerOrOperator('merchant', 'id')
@Controller('merchants/:id/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsRepository) {}

  @Get()
  async list(
    @Param('id', new ZodValidationPipe(MerchantIdParam)) merchantId: string,
    @Query(new ZodValidationPipe(ListNotificationsQuery)) query: ListNotificationsQuery,
  ): Promise<NotificationView[]> {
    const rows = await this.notifications.listForMerchant(merchantId, query.limit);
    return rows.map((row) => ({
      id: row.id,
      orderId: row.orderId,
      kind: row.kind,
      channel: row.channel,
      status: row.status,
      failure: row.failure,
      createdAt: row.createdAt.toISOString(),
      payload: row.payload,
    }));
  }
}
