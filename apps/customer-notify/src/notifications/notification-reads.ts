import { Injectable } from '@nestjs/common';
import { mayActFor, notYours, type Caller } from '@dinner-rush/auth';
import type { Notification } from '../generated/prisma/client';
import { CustomerOrdersRepository } from './customer-orders.repository';
import { NotificationsRepository } from './notifications.repository';

/**
 * What customers were told, read over HTTP. An order's notifications are its
 * customer's and the operators': to another customer the order is not there
 * (404, as for an unknown one), nor is an order this service has not heard of.
 */
@Injectable()
export class NotificationReads {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly orders: CustomerOrdersRepository,
  ) {}

  /** Newest first; who may ask is the route's rule (the customer or an operator). */
  forCustomer(customerId: string, limit: number): Promise<Notification[]> {
    return this.notifications.listForCustomer(customerId, limit);
  }

  /** Oldest first: the order's story. */
  async forOrder(orderId: string, caller: Caller): Promise<Notification[]> {
    if (!caller.roles.includes('operator')) {
      const customerId = await this.orders.customerOf(orderId);
      if (customerId === undefined || !mayActFor(caller, 'customer', customerId)) throw notYours();
    }
    return this.notifications.listForOrder(orderId);
  }
}
