import { Injectable } from '@nestjs/common';
import { Exchanges, type Envelope } from '@dinner-rush/contracts';
import { PrismaService } from '../database/prisma.service';

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
 * The outbox as an archive: every order event ever published stays in it,
 * marked with sent_at. Only rows the broker confirmed are read, in id order
 * (the order they were published in), one page at a time.
 */
@Injectable()
export class OutboxArchiveRepository {
  constructor(private readonly prisma: PrismaService) {}

  async page(afterId: bigint, filter: ArchiveFilter, limit: number): Promise<ArchivedEvent[]> {
    const rows = await this.prisma.outboxMessage.findMany({
      where: {
        id: { gt: afterId },
        exchange: Exchanges.orders,
        sentAt: { not: null },
        ...(filter.since ? { createdAt: { gte: filter.since } } : {}),
        ...(filter.types ? { routingKey: { in: [...filter.types] } } : {}),
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
