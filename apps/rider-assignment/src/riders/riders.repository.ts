import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { FleetRider } from './fleet';

export interface RiderView {
  id: string;
  name: string;
  status: 'available' | 'busy';
  position: { lat: number; lng: number };
  currentOrderId: string | null;
}

@Injectable()
export class RidersRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(): Promise<RiderView[]> {
    const riders = await this.prisma.rider.findMany({ orderBy: { id: 'asc' } });
    return riders.map(({ id, name, status, lat, lng, currentOrderId }) => ({
      id,
      name,
      status,
      position: { lat, lng },
      currentOrderId,
    }));
  }

  /**
   * Creates missing riders and refreshes names and positions of existing ones;
   * status and current order are left alone, so a restart never frees a busy rider.
   */
  async upsertFleet(fleet: readonly FleetRider[]): Promise<void> {
    await this.prisma.$transaction(
      fleet.map(({ id, name, position }) =>
        this.prisma.rider.upsert({
          where: { id },
          create: { id, name, lat: position.lat, lng: position.lng },
          update: { name, lat: position.lat, lng: position.lng },
        }),
      ),
    );
  }
}
