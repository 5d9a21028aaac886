import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { Assignment } from '../generated/prisma/client';

export interface AssignmentView {
  orderId: string;
  status: Assignment['status'];
  riderId: string | null;
  distanceKm: number | null;
  /** Time in the waiting line before a rider took the order; null until assigned. */
  waitedMs: number | null;
  requestedAt: Date | null;
  assignedAt: Date | null;
  deliveredAt: Date | null;
  cancelledAt: Date | null;
}

@Injectable()
export class AssignmentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async find(orderId: string): Promise<AssignmentView | null> {
    const row = await this.prisma.assignment.findUnique({ where: { orderId } });
    return row && toView(row);
  }
}

function toView(row: Assignment): AssignmentView {
  return {
    orderId: row.orderId,
    status: row.status,
    riderId: row.riderId,
    distanceKm: row.distanceKm,
    waitedMs:
      row.assignedAt && row.requestedAt
        ? row.assignedAt.getTime() - row.requestedAt.getTime()
        : null,
    requestedAt: row.requestedAt,
    assignedAt: row.assignedAt,
    deliveredAt: row.deliveredAt,
    cancelledAt: row.cancelledAt,
  };
}
