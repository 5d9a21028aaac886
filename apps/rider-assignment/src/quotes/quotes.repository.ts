import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { FleetSnapshot } from './quote-pricing';

@Injectable()
export class QuotesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One consistent read of the fleet (a quote is advisory: no locks, no writes). */
  async fleetSnapshot(): Promise<FleetSnapshot> {
    const [available, fleetSize, waitingOrders] = await this.prisma.$transaction([
      this.prisma.rider.findMany({ where: { status: 'available' } }),
      this.prisma.rider.count(),
      this.prisma.assignment.count({ where: { status: 'waiting' } }),
    ]);
    return {
      availableRiders: available.map(({ id, name, lat, lng }) => ({
        id,
        name,
        position: { lat, lng },
      })),
      fleetSize,
      waitingOrders,
    };
  }
}
