import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { CatalogueMerchant } from '@dinner-rush/contracts';

@Injectable()
export class CatalogueRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Inserts or updates every merchant and menu item (safe to run at every boot, by every replica). */
  async upsert(merchants: readonly CatalogueMerchant[]): Promise<void> {
    await this.prisma.$transaction(
      merchants.flatMap((merchant) => {
        const fields = {
          name: merchant.name,
          lat: merchant.location.lat,
          lng: merchant.location.lng,
        };
        return [
          this.prisma.merchant.upsert({
            where: { id: merchant.id },
            create: { id: merchant.id, ...fields },
            update: fields,
          }),
          ...merchant.menu.map((item, position) => {
            const itemFields = { name: item.name, priceCents: item.priceCents, position };
            return this.prisma.menuItem.upsert({
              where: { id: item.id },
              create: { id: item.id, merchantId: merchant.id, ...itemFields },
              update: { merchantId: merchant.id, ...itemFields },
            });
          }),
        ];
      }),
    );
  }

  async findAll(): Promise<CatalogueMerchant[]> {
    const rows = await this.prisma.merchant.findMany({
      orderBy: { id: 'asc' },
      include: { menuItems: { orderBy: { position: 'asc' } } },
    });
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      location: { lat: row.lat, lng: row.lng },
      menu: row.menuItems.map(({ id, name, priceCents }) => ({ id, name, priceCents })),
    }));
  }
}
