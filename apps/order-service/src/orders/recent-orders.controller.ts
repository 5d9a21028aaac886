import { Controller, Get, Query } from '@nestjs/common';
import { Roles } from '@dinner-rush/auth';
import { ZodValidationPipe } from '@dinner-rush/service-kit';
import { z } from 'zod';
import type { OrderView } from './order-view';
import { RecentOrdersQuery } from './recent-orders.query';

const Limit = z.coerce.number().int().min(1).max(100).default(20);

/** GET /orders?limit=20: the newest orders with their timelines (the dashboard's order list). */
@Roles('operator')
@Controller('orders')
export class RecentOrdersController {
  private readonly limit = new ZodValidationPipe(Limit);

  constructor(private readonly recentOrders: RecentOrdersQuery) {}

  @Get()
  recent(@Query('limit') limit: unknown): Promise<OrderView[]> {
    return this.recentOrders.newest(this.limit.transform(limit));
  }
}
