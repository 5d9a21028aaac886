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
    // One statement for the whole fleet: hundreds of upserts in a transaction can
    // outrun Prisma's transaction timeout on a busy machine, and this is one round trip.
    await this.prisma.$executeRaw`
      INSERT INTO riders (id, name, lat, lng)
      SELECT * FROM unnest(
        ${fleet.map((r) => r.id)}::text[],
        ${fleet.map((r) => r.name)}::text[],
        ${fleet.map((r) => r.position.lat)}::float8[],
        ${fleet.map((r) => r.position.lng)}::float8[]
      )
      ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, lat = EXCLUDED.lat, lng = EXCLUDED.lng`;
  }
}
