import { Controller, Get, Param, Query } from '@nestjs/common';
import { CurrentCaller, OwnerOrOperator, Roles, type Caller } from '@dinner-rush/auth';
import { ZodValidationPipe } from '@dinner-rush/service-kit';
import type { Notification } from '../generated/prisma/client';
import {
  CustomerParamsSchema,
  ListNotificationsQuerySchema,
  OrderParamsSchema,
  type CustomerParams,
  type ListNotificationsQuery,
  type NotificationView,
  type OrderParams,
} from './dto/notification.schemas';
import { NotificationReads } from './notification-reads';

/** What customers were told: by customer (newest first) or by order (oldest first). */
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationReads) {}

  @Get('customers/:customerId/notifications')
  @OwnerOrOperator('customer', 'customerId')
  async forCustomer(
    @Param(new ZodValidationPipe(CustomerParamsSchema)) { customerId }: CustomerParams,
    @Query(new ZodValidationPipe(ListNotificationsQuerySchema)) { limit }: ListNotificationsQuery,
  ): Promise<NotificationView[]> {
    return (await this.notifications.forCustomer(customerId, limit)).map(toView);
  }

  @Get('orders/:orderId/notifications')
  @Roles('customer', 'operator')
  async forOrder(
    @Param(new ZodValidationPipe(OrderParamsSchema)) { orderId }: OrderParams,
    @CurrentCaller() caller: Caller,
  ): Promise<NotificationView[]> {
    return (await this.notifications.forOrder(orderId, caller)).map(toView);
  }
}

function toView(row: Notification): NotificationView {
  return {
    id: row.id,
    orderId: row.orderId,
    customerId: row.customerId,
    kind: row.kind,
    channel: row.channel,
    text: row.text,
    createdAt: row.createdAt.toISOString(),
    payload: row.payload,
  };
}
