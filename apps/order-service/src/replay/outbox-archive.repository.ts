import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@dinner-rush/service-kit';
import { Exchanges, type Envelope } from '@dinner-rush/contracts';
import { PrismaService } from '../database/prisma.service';
import type { OrderServiceConfig } from '../config';
import { OrderCreatedVersions } from '../orders/order-created-versions';

export interface ArchivedEvent {
  id: bigint;
  routingKey: string;
  envelope: Envelope;
}

export interface ArchiveFilter {
  since?: Date;
  types?: readonly string[];
}

/**
 * Every order event the broker confirmed, moved there by the outbox relay and
 * kept for OUTBOX_ARCHIVE_RETENTION_HOURS; read in id order (the order they
 * were published in), one page at a time. Without a type filter, each fact
 * once: the copies that repeat one (OrderCreatedVersions.repeatedInArchive)
 * are left out.
 */
@Injectable()
export class OutboxArchiveRepository {
  private readonly repeated: readonly string[];

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) config: OrderServiceConfig,
  ) {
    this.repeated = new OrderCreatedVersions(config.ORDER_CREATED_V1).repeatedInArchive;
  }

  async page(afterId: bigint, filter: ArchiveFilter, limit: number): Promise<ArchivedEvent[]> {
    const rows = await this.prisma.outboxArchive.findMany({
      where: {
        id: { gt: afterId },
        exchange: Exchanges.orders,
        ...(filter.since ? { createdAt: { gte: filter.since } } : {}),
        routingKey: filter.types ? { in: [...filter.types] } : { notIn: [...this.repeated] },
      },
      orderBy: { id: 'asc' },
      take: limit,
      select: { id: true, routingKey: true, payload: true },
    });
    return rows.map((row) => ({
      id: row.id,
      routingKey: row.routingKey,
      envelope: row.payload as unknown as Envelope,
    }));
  }
}
