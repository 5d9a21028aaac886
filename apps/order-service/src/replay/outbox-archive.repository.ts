import { Injectable } from '@nestjs/common';
import { Exchanges, type Envelope } from '@dinner-rush/contracts';
import { PrismaService } from '../database/prisma.service';
import { REPEATED_COPIES } from '../orders/new-order';

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
 * once: the copies that repeat one (REPEATED_COPIES) are left out.
 */
@Injectable()
export class OutboxArchiveRepository {
  constructor(private readonly prisma: PrismaService) {}

  async page(afterId: bigint, filter: ArchiveFilter, limit: number): Promise<ArchivedEvent[]> {
    const rows = await this.prisma.outboxArchive.findMany({
      where: {
        id: { gt: afterId },
        exchange: Exchanges.orders,
        ...(filter.since ? { createdAt: { gte: filter.since } } : {}),
        routingKey: filter.types ? { in: [...filter.types] } : { notIn: [...REPEATED_COPIES] },
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
